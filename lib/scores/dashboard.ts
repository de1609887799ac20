// The Scores dashboard's data: the vendor sovereignty table and the charts' series, computed on
// the server from the engine's result and the inventory it scored, as plain data for the client.
// Pure: no database, no I/O (unit-tested in dashboard.unit.test.ts).
import { DIMENSIONS, DEFAULT_THRESHOLDS, type Dimension } from "@/scoring/options";
import { RATINGS, type Rating } from "@/scoring/ratings";
import { CRITICALITIES, type AccessPath, type Criticality } from "@/scoring/schema/primitives";
import type { InventoryDocument, Vendor } from "@/scoring/schema/inventory";
import type { DependencyResult, ScoringResult, VendorRestriction } from "@/scoring/results";
import { blocOf, countryName, countryPhrase, lawsInForce } from "@/scoring/engine/countries";
import { daysBetween } from "@/scoring/engine/dates";
import { restrictionEffect } from "./active-restrictions";
import { DIMENSION_LABELS } from "@/lib/labels";

/** How a vendor's models are reached, in the words of the issue's table (API-only, cloud marketplace, open weights self-hosted). */
export type ModelAccess = "API-only" | "Cloud marketplace" | "Open weights on a third-party cloud" | "Open weights, self-hosted" | "Closed weights, self-hosted";
const ACCESS_ORDER: readonly ModelAccess[] = ["API-only", "Cloud marketplace", "Open weights on a third-party cloud", "Open weights, self-hosted", "Closed weights, self-hosted"];

export interface VendorRow {
  key: string;
  name: string;
  hqCountry: string;
  modelAccess: ModelAccess[];
  /** One sentence: whose law controls it, which foreign access laws reach it, which restrictions in force reach its models. */
  riskProfile: string;
  rating: Rating;
  score: number;
  systemCount: number;
  dependencyCount: number;
  /** Dependencies with a fallback drilled within the last year (as of the score). */
  testedFallbacks: number;
  /** Dependencies on open weights the organisation hosts itself: no vendor can withdraw them, no fallback needed. */
  heldOpenWeights: number;
  /**
   * Restrictions in force that reach the vendor's models: the "Active restriction" mark, with what
   * each does in words. Empty for results frozen before methodology 2026.12-1 (they lack it).
   */
  activeRestrictions: VendorRowRestriction[];
}

/** A restriction in force on a vendor's models, as the vendor table's mark shows it. */
export type VendorRowRestriction = Pick<VendorRestriction, "key" | "title" | "effectiveDate" | "dateEstimated" | "partlyLifted" | "blocks" | "largestShare" | "recovery"> & {
  /** "Switched off for up to 24% of an AI system's users; recovered by a tested fallback". */
  effect: string;
};

/** A vendor's restrictions in force as the mark shows them: blocking ones first (they switch something off), then the widest, then by title. */
export function vendorRestrictions(list: readonly VendorRestriction[] | undefined): VendorRowRestriction[] {
  return [...(list ?? [])]
    .sort((a, b) => Number(b.blocks) - Number(a.blocks) || b.largestShare - a.largestShare || a.title.localeCompare(b.title))
    .map((r) => ({
      key: r.key,
      title: r.title,
      effectiveDate: r.effectiveDate,
      dateEstimated: r.dateEstimated === true,
      partlyLifted: r.partlyLifted === true,
      blocks: r.blocks,
      largestShare: r.largestShare,
      recovery: r.recovery,
      effect: restrictionEffect(r),
    }));
}

export type FallbackStatus = "yes" | "partly" | "no" | "not-needed";

/** Whether the vendor's dependencies have a tested fallback: every one (or held open weights), some, none. */
export function fallbackStatus(v: Pick<VendorRow, "dependencyCount" | "testedFallbacks" | "heldOpenWeights">): FallbackStatus {
  if (v.heldOpenWeights === v.dependencyCount) return "not-needed";
  if (v.testedFallbacks + v.heldOpenWeights >= v.dependencyCount) return "yes";
  return v.testedFallbacks > 0 ? "partly" : "no";
}

export interface RadarVendor {
  key: string;
  name: string;
  score: number;
  dimensions: Record<Dimension, number>;
}

export interface ConcentrationBar {
  key: string;
  label: string;
  dependencies: number;
  /** Share of all dependencies (0-1). */
  share: number;
  /** Share of the criticality-weighted dependencies (0-1), the engine's concentration measure. */
  weightedShare: number;
}

export type ConcentrationAxis = "vendor" | "cloud" | "jurisdiction";

export interface HeatCell {
  criticality: Criticality;
  rating: Rating;
  systems: { key: string; name: string; id: string | undefined }[];
}

export interface ScoresDashboard {
  vendors: VendorRow[];
  radar: { organisation: Record<Dimension, number>; vendors: RadarVendor[] };
  concentration: Record<ConcentrationAxis, ConcentrationBar[]>;
  totalDependencies: number;
  /** Rows: criticality, most critical first; columns: ratings, least sovereign first. */
  heatMap: { criticalities: Criticality[]; ratings: Rating[]; cells: HeatCell[][] };
}

/** The bucket of dependencies no third party can switch off (the engine gives them no concentration key). */
export const OWN_KEY = "(own)";
/** Bars shown per axis; the rest are summed as "Other". */
export const MAX_BARS = 10;
export const OTHER_KEY = "(other)";

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The country whose law ultimately controls a vendor: its ultimate parent's, else its HQ's (as the engine reads it). */
const controllingCountry = (v: Vendor) => v.ultimateParent?.country ?? v.hqCountry;

function modelAccessOf(path: AccessPath, weights: "open" | "closed"): ModelAccess {
  if (path === "direct-api") return "API-only";
  if (path === "cloud-marketplace") return weights === "open" ? "Open weights on a third-party cloud" : "Cloud marketplace";
  if (path === "third-party-hosted") return weights === "open" ? "Open weights on a third-party cloud" : "Cloud marketplace";
  return weights === "open" ? "Open weights, self-hosted" : "Closed weights, self-hosted";
}

const listJoin = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/**
 * One sentence on a vendor's geopolitical risk: the jurisdiction that controls it, the foreign
 * access laws in force there, and the restrictions in force that reach its models.
 *
 * @example
 * riskProfile(openai, "DE", "2026-11-01", []) //=> "Controlled from the United States, where the US CLOUD Act and FISA Section 702 let authorities compel it; no restriction in force reaches its models."
 */
export function riskProfile(vendor: Vendor, homeCountry: string, asOf: string, restrictions: string[]): string {
  const country = controllingCountry(vendor);
  const parent = vendor.ultimateParent && vendor.ultimateParent.country !== vendor.hqCountry ? ` (parent ${vendor.ultimateParent.name}; HQ in ${countryName(vendor.hqCountry)})` : "";
  const home = blocOf(country) === blocOf(homeCountry);
  const laws = lawsInForce(country, asOf).map((l) => l.name);
  const reach = home
    ? "your own jurisdiction"
    : laws.length > 0
      ? `where ${listJoin(laws)} let${laws.length === 1 ? "s" : ""} authorities compel it`
      : "with no foreign access law on record";
  const restricted =
    restrictions.length === 0
      ? "no restriction in force reaches its models"
      : `${restrictions.length === 1 ? "a restriction" : `${restrictions.length} restrictions`} in force reach${restrictions.length === 1 ? "es" : ""} its models (${listJoin(restrictions)})`;
  return `Controlled from ${countryPhrase(country)}${parent}, ${reach}; ${restricted}.`;
}

/** Sorts buckets by weighted share, largest first, and folds the tail into "Other". */
function bars(buckets: Map<string, { label: string; dependencies: number; weight: number }>, total: number, totalWeight: number): ConcentrationBar[] {
  const all = [...buckets].map(([key, b]) => ({ key, label: b.label, dependencies: b.dependencies, weight: b.weight }));
  all.sort((a, b) => b.weight - a.weight || b.dependencies - a.dependencies || (a.key < b.key ? -1 : 1));
  const head = all.length > MAX_BARS ? all.slice(0, MAX_BARS - 1) : all;
  const tail = all.slice(head.length);
  if (tail.length > 0)
    head.push({ key: OTHER_KEY, label: `Other (${tail.length})`, dependencies: tail.reduce((s, b) => s + b.dependencies, 0), weight: tail.reduce((s, b) => s + b.weight, 0) });
  return head.map((b) => ({
    key: b.key,
    label: b.label,
    dependencies: b.dependencies,
    share: total > 0 ? round4(b.dependencies / total) : 0,
    weightedShare: totalWeight > 0 ? round4(b.weight / totalWeight) : 0,
  }));
}

/**
 * The dashboard's data from a live score and the inventory it scored.
 * `systemIds` maps the document's AI system keys to their row ids, for the heat map's links.
 */
export function buildScoresDashboard(result: ScoringResult, document: InventoryDocument, systemIds: Record<string, string> = {}): ScoresDashboard {
  const vendorsByKey = new Map(document.vendors.map((v) => [v.key, v]));
  const modelsByKey = new Map(document.models.map((m) => [m.key, m]));
  const eventTitles = new Map(result.landscape.active.map((e) => [e.key, e.title]));
  const lastTested = new Map<string, string>(); // dependency key -> latest drill on or before asOf
  for (const f of document.fallbacks) {
    if (f.lastTested === undefined || f.lastTested > result.asOf) continue;
    const seen = lastTested.get(f.dependency);
    if (seen === undefined || f.lastTested > seen) lastTested.set(f.dependency, f.lastTested);
  }
  const stale = DEFAULT_THRESHOLDS.fallbackTestedStaleDays;
  const holdsWeights = (d: DependencyResult) => d.accessPath === "self-hosted" && modelsByKey.get(d.model)?.weights === "open";

  const depsByVendor = new Map<string, DependencyResult[]>();
  for (const d of result.dependencies) {
    const list = depsByVendor.get(d.vendor);
    if (list) list.push(d);
    else depsByVendor.set(d.vendor, [d]);
  }

  const vendors: VendorRow[] = result.vendors
    .filter((v) => v.dependencyCount > 0)
    .map((v) => {
      const deps = depsByVendor.get(v.key) ?? [];
      const access = new Set(deps.map((d) => modelAccessOf(d.accessPath, modelsByKey.get(d.model)?.weights ?? "closed")));
      const restrictions = [...new Set(deps.flatMap((d) => d.restrictedBy))].map((k) => eventTitles.get(k) ?? k).sort();
      const docVendor = vendorsByKey.get(v.key) ?? { key: v.key, name: v.name, type: "other" as const, hqCountry: v.hqCountry };
      const held = deps.filter(holdsWeights).length;
      const tested = deps.filter((d) => {
        if (holdsWeights(d)) return false;
        const t = lastTested.get(d.key);
        return t !== undefined && daysBetween(t, result.asOf) <= stale;
      }).length;
      return {
        key: v.key,
        name: v.name,
        hqCountry: v.hqCountry,
        modelAccess: ACCESS_ORDER.filter((a) => access.has(a)),
        riskProfile: riskProfile(docVendor, document.organisation.hqCountry, result.asOf, restrictions),
        rating: v.rating,
        score: v.score,
        systemCount: v.systemCount,
        dependencyCount: v.dependencyCount,
        testedFallbacks: tested,
        heldOpenWeights: held,
        activeRestrictions: vendorRestrictions(v.activeRestrictions),
      };
    })
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));

  const radar = {
    organisation: result.organisation.dimensions,
    vendors: vendors.map((v) => {
      const r = result.vendors.find((x) => x.key === v.key)!;
      return { key: v.key, name: v.name, score: v.score, dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, r.dimensions[d]])) as Record<Dimension, number> };
    }),
  };

  // Concentration, as the engine counts it (scoring/engine/factors/concentration.ts), with the
  // jurisdiction as the controlling party's country rather than its bloc.
  const axes: Record<ConcentrationAxis, Map<string, { label: string; dependencies: number; weight: number }>> = { vendor: new Map(), cloud: new Map(), jurisdiction: new Map() };
  const add = (axis: ConcentrationAxis, key: string, label: string, weight: number) => {
    const b = axes[axis].get(key);
    if (b) {
      b.dependencies += 1;
      b.weight += weight;
    } else axes[axis].set(key, { label, dependencies: 1, weight });
  };
  let totalWeight = 0;
  for (const d of result.dependencies) {
    totalWeight += d.weight;
    const vendor = vendorsByKey.get(d.vendor);
    const cloud = d.cloud === undefined ? undefined : vendorsByKey.get(d.cloud);
    if (holdsWeights(d)) {
      add("vendor", OWN_KEY, "Open weights you host", d.weight);
      add("cloud", OWN_KEY, "Your own infrastructure", d.weight);
      add("jurisdiction", OWN_KEY, "None (open weights you host)", d.weight);
      continue;
    }
    add("vendor", d.vendor, vendor?.name ?? d.vendor, d.weight);
    const operator = d.accessPath === "self-hosted" ? undefined : d.accessPath === "direct-api" ? vendor : (cloud ?? vendor);
    if (operator) add("cloud", operator.key, operator.name, d.weight);
    else add("cloud", OWN_KEY, "Your own infrastructure", d.weight);
    const weights = modelsByKey.get(d.model)?.weights;
    const controller = weights === "open" && d.accessPath !== "direct-api" && cloud ? cloud : vendor;
    const country = controller ? controllingCountry(controller) : undefined;
    if (country) add("jurisdiction", country, countryName(country), d.weight);
  }
  const total = result.dependencies.length;
  const concentration = {
    vendor: bars(axes.vendor, total, totalWeight),
    cloud: bars(axes.cloud, total, totalWeight),
    jurisdiction: bars(axes.jurisdiction, total, totalWeight),
  };

  const criticalities = [...CRITICALITIES].reverse();
  const ratings = [...RATINGS];
  const cells: HeatCell[][] = criticalities.map((criticality) => ratings.map((rating) => ({ criticality, rating, systems: [] })));
  for (const s of result.systems) {
    cells[criticalities.indexOf(s.criticality)]![ratings.indexOf(s.rating)]!.systems.push({ key: s.key, name: s.name, id: systemIds[s.key] });
  }
  for (const row of cells) for (const cell of row) cell.systems.sort((a, b) => a.name.localeCompare(b.name));

  return { vendors, radar, concentration, totalDependencies: total, heatMap: { criticalities, ratings, cells } };
}

// The dimensions' labels are in lib/labels.ts, which the radar chart imports in the browser.
export { DIMENSION_LABELS };
