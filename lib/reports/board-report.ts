// The board report's content, assembled from a frozen assessment and what surrounds it (the
// earlier assessments, the remediation plan, the saved scenarios). Pure: no database, no I/O, so
// the print route, the in-app preview and the unit tests get the same report from the same data.
// Every figure carries a trace (where in the assessment it comes from), so a reader can check it.
import { buildWorldMap, type WorldMapData } from "@/lib/scores/world-map";
import { buildScoresDashboard, OTHER_KEY, OWN_KEY, type ConcentrationBar, type ScoresDashboard } from "@/lib/scores/dashboard";
import { notRecordedByVendor, restrictionsInForce, type RestrictionInForce, trendMarkers } from "@/lib/scores/active-restrictions";
import type { AssessmentComparison, AssessmentSummary, Assessment } from "@/lib/assessments/queries";
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, DIMENSIONS, type Dimension } from "@/scoring/options";
import { FACTORS, type FactorId } from "@/scoring/engine/factors/types";
import { daysBetween } from "@/scoring/engine/dates";
import { countryName, countryPhrase } from "@/scoring/engine/countries";
import { RATINGS, type Rating } from "@/scoring/ratings";
import type { Factor, Source } from "@/scoring/results";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import type { PolicyEvent } from "@/scoring/schema/policy-event";
import type { ScenarioResult } from "@/scoring/scenario";
import type { AccessPath, Criticality } from "@/scoring/schema/primitives";
import type { PlanItem } from "@/components/remediation/types";
import { possessive } from "@/scoring/words";
import { formatDayLong } from "@/lib/dates";

/** A remediation action as the report shows it: the plan screen's row (dates as YYYY-MM-DD). */
export type ReportPlanAction = PlanItem;

/** A saved scenario and its blast radius on the assessment's frozen inventory (null when it could not be simulated). */
export interface ReportScenario {
  id: string;
  name: string;
  description: string;
  shocks: string[];
  result: ScenarioResult | null;
  /** Why there is no result, in words. */
  problem: string | null;
}

export interface BoardReportInput {
  assessment: Assessment;
  /** The frozen inputs as the engine read them. */
  document: InventoryDocument;
  /** Every assessment of the organisation, newest first. */
  history: AssessmentSummary[];
  /** The comparison with the assessment frozen just before this one, if any. */
  comparison: AssessmentComparison | null;
  plan: ReportPlanAction[];
  scenarios: ReportScenario[];
  /** When the report is produced (ISO timestamp): overdue actions are counted on its date. */
  generatedAt: string;
}

/** A paragraph of the executive summary and the references (key figures, sections) its figures come from. */
export interface SummaryParagraph {
  text: string;
  refs: string[];
}

export interface KeyFigure {
  id: string;
  label: string;
  value: string;
  detail: string;
  /** Where the figure comes from, for a reader who wants to check it. */
  trace: string;
}

export interface TopRisk {
  ref: string;
  systemName: string;
  criticality: Criticality;
  dependencyKey: string;
  /** "GPT-5 (OpenAI) · Direct API". */
  dependencyLabel: string;
  factorId: FactorId;
  factorLabel: string;
  dimension: Dimension;
  pointsLost: number;
  sentence: string;
  sources: readonly Source[];
  /** The dependency's own score and every factor behind it, so the loss can be followed to its cause. */
  dependencyScore: number;
  dependencyRating: Rating;
  factors: Factor[];
}

export interface InventorySystem {
  key: string;
  name: string;
  owner: string | null;
  criticality: Criticality;
  toleratedDowntimeHours: number;
  score: number | null;
  rating: Rating | null;
  offices: string[];
  dependencies: {
    key: string;
    model: string;
    vendor: string;
    accessPath: AccessPath;
    operator: string | null;
    hostingCountry: string | null;
    score: number | null;
    rating: Rating | null;
    /** Open weights the organisation hosts itself: no vendor can withdraw them, no fallback needed. */
    heldOpenWeights: boolean;
    fallbacks: { key: string; model: string; accessPath: AccessPath; lastTested: string | null; tested: boolean; switchTimeHours: number | null }[];
  }[];
}

export interface MethodologyAppendix {
  version: string;
  dimensions: { dimension: Dimension; label: string; weight: number; factors: { id: FactorId; label: string; max: number }[] }[];
  ratingScale: { rating: Rating; from: number; to: number | null }[];
  criticalityWeights: Record<Criticality, number>;
  sensitivityWeights: Record<string, number>;
  thresholds: { testedRecentlyDays: number; testedStaleDays: number; exitPlanReviewDays: number };
  /** Policy events in force on the assessment's date, with their dates and sources. */
  policyEvents: { key: string; title: string; type: string; effectiveDate: string; source: string; origin: "catalogue" | "organisation" }[];
  /** Vendor facts and where they come from. */
  vendorSources: { name: string; country: string; source: string | null; asOf: string | null }[];
  /** Every source the report's risks cite, once. */
  citedSources: Source[];
}

export interface BoardReport {
  meta: {
    organisationName: string;
    sector: string | null;
    assessmentId: string;
    asOf: string;
    frozenAt: string;
    frozenBy: string | null;
    note: string | null;
    methodologyVersion: string;
    inputsHash: string;
    generatedAt: string;
  };
  headline: { score: number; rating: Rating; profile: string; policyEventsInForce: number };
  /**
   * The restrictions in force on the assessment's date that reach the organisation, most
   * switched-off systems first: the executive summary opens with them. Empty for assessments
   * frozen before methodology 2026.12-1 (their results do not record them).
   */
  activeRestrictions: RestrictionInForce[];
  /** The facts the vendors' scores rest on that nobody recorded ("Not recorded: verify"), per vendor. */
  notRecorded: { vendor: string; items: string[] }[];
  /** The executive summary, one paragraph per entry, in plain language, each with where its figures come from. */
  summary: SummaryParagraph[];
  /** The three findings that matter most (the top of `topRisks`). */
  summaryFindings: TopRisk[];
  keyFigures: KeyFigure[];
  move: { previous: AssessmentSummary; delta: number; reasons: string[] } | null;
  dashboard: ScoresDashboard;
  /** Offices and data flows by country, from the frozen inventory (the Scores dashboard's map). */
  worldMap: WorldMapData;
  /** Assessments up to and including this one, oldest first. */
  trend: { id: string; asOf: string; createdAt: string; score: number; rating: string }[];
  /** The restrictions in force (as frozen) and their partial lifts, drawn across the trend. */
  trendMarkers: { date: string; label: string; title: string; estimated: boolean }[];
  topRisks: TopRisk[];
  scenarios: ReportScenario[];
  plan: { actions: ReportPlanAction[]; open: number; overdue: number; done: number; expectedGain: number; unowned: number };
  methodology: MethodologyAppendix;
  inventory: InventorySystem[];
  /** Critical systems with a dependency that has neither a tested fallback nor held open weights. */
  untestedCritical: { key: string; name: string }[];
}

const ACCESS_LABELS: Record<AccessPath, string> = {
  "direct-api": "Direct API",
  "cloud-marketplace": "Cloud marketplace",
  "third-party-hosted": "Third-party hosted",
  "self-hosted": "Self-hosted",
};
export const accessLabel = (p: AccessPath) => ACCESS_LABELS[p];

const DIMENSION_WORDS: Record<Dimension, string> = { access: "Access type", jurisdiction: "Jurisdiction exposure", fallback: "Fallback readiness", concentration: "Concentration" };
const FACTOR_LABEL = new Map<string, string>(FACTORS.map((f) => [f.id, f.label]));

const one = (n: number) => n.toFixed(1);
const pct = (share: number) => `${Math.round(share * 100)}%`;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
/** "A", "A and B", "A, B and C". */
export const listJoin = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const CRITICALITY_RANK: Record<Criticality, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * AI systems of the given criticality with at least one dependency that has no fallback drilled
 * within `fallbackTestedStaleDays` of the score's date and is not open weights the organisation
 * hosts itself (the same rule as the vendor table's "Tested fallback").
 */
export function systemsWithoutTestedFallback(document: InventoryDocument, asOf: string, criticality: Criticality = "critical"): { key: string; name: string }[] {
  const weights = new Map(document.models.map((m) => [m.key, m.weights]));
  const tested = new Set<string>();
  for (const f of document.fallbacks) {
    if (f.lastTested !== undefined && f.lastTested <= asOf && daysBetween(f.lastTested, asOf) <= DEFAULT_THRESHOLDS.fallbackTestedStaleDays) tested.add(f.dependency);
  }
  const exposed = new Set(
    document.dependencies.filter((d) => !(d.accessPath === "self-hosted" && weights.get(d.model) === "open") && !tested.has(d.key)).map((d) => d.system),
  );
  return document.aiSystems
    .filter((s) => s.criticality === criticality && exposed.has(s.key))
    .map((s) => ({ key: s.key, name: s.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The largest third-party bar of a concentration axis (own infrastructure and "Other" are not one party). */
const largest = (bars: ConcentrationBar[]) => bars.find((b) => b.key !== OWN_KEY && b.key !== OTHER_KEY);

/**
 * Why the score moved since the previous assessment, in a few plain phrases: policy events
 * imposed, lifted or partly lifted, inventory changes, a methodology change, and the factors that
 * moved most.
 */
export function moveReasons(c: AssessmentComparison): string[] {
  const reasons: string[] = [];
  if (c.landscape.imposed.length > 0) reasons.push(`${plural(c.landscape.imposed.length, "policy event")} came into force (${listJoin(c.landscape.imposed.map((e) => e.title))})`);
  if (c.landscape.lifted.length > 0) reasons.push(`${plural(c.landscape.lifted.length, "policy event")} ended (${listJoin(c.landscape.lifted.map((e) => e.title))})`);
  const partly = c.landscape.partlyLifted ?? [];
  if (partly.length > 0) reasons.push(`${plural(partly.length, "policy event")} ${partly.length === 1 ? "was" : "were"} partly lifted (${listJoin(partly.map((e) => `${e.title}: ${e.lifts.map((l) => l.title).join("; ")}`))})`);
  if (c.inputs.length > 0) {
    const shown = c.inputs.slice(0, 3).map((i) => `${i.label} ${i.change}`);
    reasons.push(`${plural(c.inputs.length, "inventory change")} (${listJoin(shown)}${c.inputs.length > 3 ? ", among others" : ""})`);
  }
  if (c.methodology.changed) reasons.push(`the methodology changed from ${c.methodology.before} to ${c.methodology.after}`);
  const factors = [...c.organisation.factors].filter((f) => Math.abs(f.delta) >= 0.05).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, 2);
  if (factors.length > 0) reasons.push(`most of the move is in ${listJoin(factors.map((f) => `${(FACTOR_LABEL.get(f.id) ?? f.id).toLowerCase()} (${f.delta > 0 ? "+" : "−"}${one(Math.abs(f.delta))})`))}`);
  return reasons;
}

function methodologyOf(a: Assessment, document: InventoryDocument): MethodologyAppendix {
  const r = DEFAULT_THRESHOLDS.ratings;
  const bounds: Record<Rating, [number, number | null]> = { "Very Low": [0, r.low], Low: [r.low, r.medium], Medium: [r.medium, r.high], High: [r.high, r.veryHigh], "Very High": [r.veryHigh, null] };
  const ownEvents = new Map<string, PolicyEvent>(document.policyEvents.map((e) => [e.key, e]));
  const catalogue = new Map<string, PolicyEvent>((a.landscape?.catalogueEvents ?? []).map((e) => [e.key, e]));
  const cited = new Map<string, Source>();
  for (const f of a.results.findings) for (const s of f.sources) cited.set(`${s.kind}:${s.ref}`, s);
  return {
    version: a.methodologyVersion,
    dimensions: DIMENSIONS.map((d) => ({
      dimension: d,
      label: DIMENSION_WORDS[d],
      weight: DEFAULT_WEIGHTS.dimensions[d],
      factors: FACTORS.filter((f) => f.dimension === d).map((f) => ({ id: f.id, label: f.label, max: f.max })),
    })),
    ratingScale: [...RATINGS].reverse().map((rating) => ({ rating, from: bounds[rating][0], to: bounds[rating][1] })),
    criticalityWeights: { ...DEFAULT_WEIGHTS.criticality },
    sensitivityWeights: { ...DEFAULT_WEIGHTS.sensitivity },
    thresholds: {
      testedRecentlyDays: DEFAULT_THRESHOLDS.fallbackTestedRecentlyDays,
      testedStaleDays: DEFAULT_THRESHOLDS.fallbackTestedStaleDays,
      exitPlanReviewDays: DEFAULT_THRESHOLDS.exitPlanReviewDays,
    },
    policyEvents: a.results.landscape.active.map((e) => {
      const own = ownEvents.get(e.key);
      const source = (own ?? catalogue.get(e.key))?.source ?? "not recorded";
      return { key: e.key, title: e.title, type: e.type, effectiveDate: e.effectiveDate, source, origin: own ? ("organisation" as const) : ("catalogue" as const) };
    }),
    vendorSources: [...document.vendors]
      .sort((x, y) => x.name.localeCompare(y.name))
      .map((v) => ({ name: v.name, country: v.hqCountry, source: v.source ?? null, asOf: v.asOf ?? null })),
    citedSources: [...cited.values()].sort((x, y) => x.kind.localeCompare(y.kind) || x.ref.localeCompare(y.ref)),
  };
}

function inventoryOf(a: Assessment, document: InventoryDocument): InventorySystem[] {
  const models = new Map(document.models.map((m) => [m.key, m]));
  const vendors = new Map(document.vendors.map((v) => [v.key, v]));
  const offices = new Map(document.offices.map((o) => [o.key, o]));
  const systemScores = new Map(a.results.systems.map((s) => [s.key, s]));
  const depScores = new Map(a.results.dependencies.map((d) => [d.key, d]));
  const fallbacksByDep = new Map<string, InventoryDocument["fallbacks"]>();
  for (const f of document.fallbacks) fallbacksByDep.set(f.dependency, [...(fallbacksByDep.get(f.dependency) ?? []), f]);
  const depsBySystem = new Map<string, InventoryDocument["dependencies"]>();
  for (const d of document.dependencies) depsBySystem.set(d.system, [...(depsBySystem.get(d.system) ?? []), d]);
  const modelName = (key: string) => models.get(key)?.name ?? key;
  const vendorOfModel = (key: string) => {
    const v = vendors.get(models.get(key)?.vendor ?? "");
    return v?.name ?? models.get(key)?.vendor ?? "";
  };
  return document.aiSystems
    .map((s) => {
      const scored = systemScores.get(s.key);
      return {
        key: s.key,
        name: s.name,
        owner: s.owner ?? null,
        criticality: s.criticality,
        toleratedDowntimeHours: s.toleratedDowntimeHours,
        score: scored?.score ?? null,
        rating: scored?.rating ?? null,
        offices: s.offices.map((o) => offices.get(o)?.name ?? o),
        dependencies: (depsBySystem.get(s.key) ?? []).map((d) => {
          const ds = depScores.get(d.key);
          return {
            key: d.key,
            model: modelName(d.model),
            vendor: vendorOfModel(d.model),
            accessPath: d.accessPath,
            operator: d.cloud ? (vendors.get(d.cloud)?.name ?? d.cloud) : null,
            hostingCountry: ds?.hostingCountry ?? d.hostingRegion?.country ?? null,
            score: ds?.score ?? null,
            rating: ds?.rating ?? null,
            heldOpenWeights: d.accessPath === "self-hosted" && models.get(d.model)?.weights === "open",
            fallbacks: (fallbacksByDep.get(d.key) ?? []).map((f) => ({
              key: f.key,
              model: modelName(f.model),
              accessPath: f.accessPath,
              lastTested: f.lastTested ?? null,
              tested: f.lastTested !== undefined && f.lastTested <= a.asOf && daysBetween(f.lastTested, a.asOf) <= DEFAULT_THRESHOLDS.fallbackTestedStaleDays,
              switchTimeHours: f.switchTimeHours ?? null,
            })),
          };
        }),
      };
    })
    .sort((x, y) => CRITICALITY_RANK[x.criticality] - CRITICALITY_RANK[y.criticality] || (x.score ?? 101) - (y.score ?? 101) || x.name.localeCompare(y.name));
}

function topRisksOf(a: Assessment, document: InventoryDocument): TopRisk[] {
  const systems = new Map(a.results.systems.map((s) => [s.key, s]));
  const deps = new Map(a.results.dependencies.map((d) => [d.key, d]));
  const models = new Map(document.models.map((m) => [m.key, m]));
  const vendors = new Map(document.vendors.map((v) => [v.key, v]));
  return a.results.findings.map((f, i) => {
    const d = deps.get(f.dependency);
    const model = d ? models.get(d.model) : undefined;
    const vendor = d ? vendors.get(d.vendor) : undefined;
    const factor = FACTORS.find((x) => x.id === f.factor)!;
    return {
      ref: `R${i + 1}`,
      systemName: systems.get(f.system)?.name ?? f.system,
      criticality: systems.get(f.system)?.criticality ?? "medium",
      dependencyKey: f.dependency,
      dependencyLabel: d ? `${model?.name ?? d.model} (${vendor?.name ?? d.vendor}) · ${accessLabel(d.accessPath)}` : f.dependency,
      factorId: f.factor,
      factorLabel: factor.label,
      dimension: factor.dimension,
      pointsLost: f.pointsLost,
      sentence: f.sentence,
      sources: f.sources,
      dependencyScore: d?.score ?? 0,
      dependencyRating: d?.rating ?? "Very Low",
      factors: d?.factors ?? [],
    };
  });
}

/** The worst scenario: the largest weighted impact, then the lowest score after it. */
function worstScenario(scenarios: ReportScenario[]) {
  return scenarios
    .filter((s): s is ReportScenario & { result: ScenarioResult } => s.result !== null)
    .sort((x, y) => y.result.weightedImpactPercent - x.result.weightedImpactPercent || x.result.score.after - y.result.score.after || x.name.localeCompare(y.name))[0];
}

/**
 * The board report: executive summary, key figures, vendor table and charts' data, top risks
 * with the engine's explanations, scenarios, plan, trend and the appendices.
 */
export function assembleBoardReport(input: BoardReportInput): BoardReport {
  const { assessment: a, document } = input;
  const result = a.results;
  const org = result.organisation;
  const dashboard = buildScoresDashboard(result, document);
  const worldMap = buildWorldMap(document, result);
  const topRisks = topRisksOf(a, document);
  const untestedCritical = systemsWithoutTestedFallback(document, a.asOf);
  const criticalCount = document.aiSystems.filter((s) => s.criticality === "critical").length;
  const generatedOn = formatDayLong(input.generatedAt);
  const assessed = formatDayLong(a.asOf);

  // The trend stops at this assessment: a report of an older one does not show the future.
  const trend = [...input.history]
    .filter((h) => h.createdAt <= a.createdAt)
    .reverse()
    .map(({ id, asOf, createdAt, score, rating }) => ({ id, asOf, createdAt, score, rating }));
  const move = input.comparison ? { previous: input.comparison.before, delta: input.comparison.organisation.delta, reasons: moveReasons(input.comparison) } : null;

  const active = input.plan.filter((p) => p.status === "open" || p.status === "in_progress");
  const plan = {
    actions: input.plan,
    open: active.length,
    overdue: active.filter((p) => p.overdueDays !== null).length,
    done: input.plan.filter((p) => p.status === "done").length,
    expectedGain: Math.round(active.reduce((s, p) => s + p.expectedGain, 0) * 10) / 10,
    unowned: active.filter((p) => p.owner === null).length,
  };

  const vendorTop = largest(dashboard.concentration.vendor);
  const jurisdictionTop = largest(dashboard.concentration.jurisdiction);
  const cloudTop = largest(dashboard.concentration.cloud);
  const worst = worstScenario(input.scenarios);

  // ---- executive summary ----
  const summary: SummaryParagraph[] = [];
  const say = (text: string, ...refs: string[]) => void summary.push({ text, refs });
  say(
    `${possessive(document.organisation.name)} dependence on AI it does not control is rated ${org.rating} (${one(org.score)} of 100, where higher is more sovereign) as of ${assessed}, ` +
      `across ${plural(org.systemCount, "AI system")} and ${plural(org.dependencyCount, "model dependency", "model dependencies")}, against ${plural(result.landscape.active.length, "policy event")} in force.`,
    "F1",
    "F3",
    "F7",
  );
  if (move) {
    const d = Math.round(move.delta * 10) / 10;
    const direction = d === 0 ? "unchanged from" : d > 0 ? `up ${one(d)} points from` : `down ${one(-d)} points from`;
    // Semicolons: the reasons carry their own commas.
    const why = move.reasons.length > 0 ? ` Why: ${move.reasons.join("; ")}.` : " Nothing in the inventory, the landscape or the methodology changed.";
    say(`The score is ${direction} the assessment of ${formatDayLong(move.previous.asOf)} (${one(move.previous.score)}, ${move.previous.rating}).${why}`, "F2", "Trend");
  } else {
    say("This is the organisation's first frozen assessment, so there is no earlier score to compare against; later reports will show the move and why.", "F2");
  }
  if (criticalCount === 0) say("No AI system is recorded as business-critical.", "F3");
  else if (untestedCritical.length === 0) say(`Every one of the ${plural(criticalCount, "critical AI system")} has a fallback drilled within the last ${DEFAULT_THRESHOLDS.fallbackTestedStaleDays} days, or runs on open weights the organisation hosts.`, "F4", "Appendix B");
  else
    say(
      `${untestedCritical.length} of ${plural(criticalCount, "critical AI system")} lack${untestedCritical.length === 1 ? "s" : ""} a fallback tested within the last ${DEFAULT_THRESHOLDS.fallbackTestedStaleDays} days for at least one model dependency: ` +
        `${untestedCritical.length > 5 ? `${untestedCritical.slice(0, 5).map((s) => s.name).join(", ")} and ${untestedCritical.length - 5} more` : listJoin(untestedCritical.map((s) => s.name))}. If that model were switched off, recovery would depend on an untried plan.`,
      "F4",
      "Appendix B",
    );
  if (vendorTop || jurisdictionTop) {
    const parts: string[] = [];
    if (jurisdictionTop) parts.push(`${pct(jurisdictionTop.weightedShare)} of the criticality-weighted AI dependencies are controlled from ${countryPhrase(jurisdictionTop.key)}`);
    if (vendorTop) parts.push(`${pct(vendorTop.weightedShare)} run on ${possessive(vendorTop.label)} models`);
    if (cloudTop && cloudTop.key !== vendorTop?.key) parts.push(`${pct(cloudTop.weightedShare)} are operated by ${cloudTop.label}`);
    say(`The biggest concentration: ${listJoin(parts)}.`, "F6", "Where the exposure sits");
  }
  if (worst) {
    say(
      `Of ${plural(input.scenarios.length, "saved scenario")}, the most severe is “${worst.name}”: ${plural(worst.result.counts.systemsAffected, "AI system")} would lose service, ` +
        `${worst.result.counts.noRecovery} without any recovery, and ${worst.result.weightedImpactPercent.toFixed(1)}% of the criticality-weighted AI would not recover in time; the score would move from ${one(worst.result.score.before)} to ${one(worst.result.score.after)}.`,
      "Scenario results",
    );
  }
  if (topRisks.length > 0) say(`The ${topRisks.length >= 3 ? "three findings" : topRisks.length === 1 ? "finding" : "findings"} that matter most, by score points lost, are listed below; each is explained in Top risks.`, "Top risks");
  say(
    plan.open === 0
      ? "The remediation plan has no open action."
      : `The remediation plan holds ${plural(plan.open, "open action")} expected to add ${one(plan.expectedGain)} points in total${plan.overdue > 0 ? `; ${plan.overdue} ${plan.overdue === 1 ? "is" : "are"} overdue on ${generatedOn}` : ""}${plan.unowned > 0 ? `; ${plan.unowned} ${plan.unowned === 1 ? "has" : "have"} no owner yet` : ""}.`,
    "F8",
    "Remediation plan",
  );

  // ---- key figures ----
  const trace = (what: string) => `Assessment ${a.id.slice(0, 8)} · ${what}`;
  const testedDeps = dashboard.vendors.reduce((s, v) => s + v.testedFallbacks, 0);
  const heldDeps = dashboard.vendors.reduce((s, v) => s + v.heldOpenWeights, 0);
  const needing = org.dependencyCount - heldDeps;
  const keyFigures: KeyFigure[] = [
    { id: "F1", label: "Sovereignty score", value: one(org.score), detail: `${org.rating}, of 100`, trace: trace("organisation score, as frozen") },
    {
      id: "F2",
      label: "Move since previous",
      value: move ? `${move.delta > 0 ? "+" : move.delta < 0 ? "−" : "±"}${one(Math.abs(move.delta))}` : "—",
      detail: move ? `from ${one(move.previous.score)} on ${formatDayLong(move.previous.asOf)}` : "first assessment",
      trace: move ? `Assessment ${move.previous.id.slice(0, 8)} → ${a.id.slice(0, 8)}` : trace("no earlier assessment"),
    },
    { id: "F3", label: "AI systems", value: String(org.systemCount), detail: `${criticalCount} critical`, trace: trace("AI systems in its inventory") },
    {
      id: "F4",
      label: "Critical without tested fallback",
      value: String(untestedCritical.length),
      detail: `of ${criticalCount} critical systems`,
      trace: trace(`fallbacks tested within ${DEFAULT_THRESHOLDS.fallbackTestedStaleDays} days of ${assessed}`),
    },
    {
      id: "F5",
      label: "Dependencies with tested fallback",
      value: needing > 0 ? pct(testedDeps / needing) : "—",
      detail: `${testedDeps} of ${needing}${heldDeps > 0 ? ` (+${heldDeps} on open weights held)` : ""}`,
      trace: trace("vendor table, Tested fallback column"),
    },
    {
      id: "F6",
      label: "Largest jurisdiction",
      value: jurisdictionTop ? pct(jurisdictionTop.weightedShare) : "—",
      detail: jurisdictionTop ? jurisdictionTop.label : "no third party",
      trace: trace("criticality-weighted share, concentration by jurisdiction"),
    },
    {
      id: "F7",
      label: "Policy events in force",
      value: String(result.landscape.active.length),
      detail: `on ${assessed}`,
      trace: trace("policy events in force on its date"),
    },
    {
      id: "F8",
      label: "Open remediation actions",
      value: String(plan.open),
      detail: plan.open > 0 ? `${plan.overdue} overdue · ${one(plan.expectedGain)} points expected` : "none open",
      trace: `Remediation plan on ${generatedOn}`,
    },
  ];

  return {
    meta: {
      organisationName: document.organisation.name,
      sector: document.organisation.sector ?? null,
      assessmentId: a.id,
      asOf: a.asOf,
      frozenAt: a.createdAt,
      frozenBy: a.createdBy ? a.createdBy.name || a.createdBy.email : null,
      note: result.note ?? null,
      methodologyVersion: a.methodologyVersion,
      inputsHash: a.inputsHash,
      generatedAt: input.generatedAt,
    },
    headline: { score: org.score, rating: org.rating, profile: org.profile, policyEventsInForce: result.landscape.active.length },
    activeRestrictions: restrictionsInForce(result),
    notRecorded: notRecordedByVendor(result.vendors.filter((v) => v.dependencyCount > 0)),
    summary,
    summaryFindings: topRisks.slice(0, 3),
    keyFigures,
    move,
    dashboard,
    worldMap,
    trend,
    trendMarkers: trendMarkers(result.organisation.activeRestrictions),
    topRisks,
    scenarios: input.scenarios,
    plan,
    methodology: methodologyOf(a, document),
    inventory: inventoryOf(a, document),
    untestedCritical,
  };
}

/**
 * Appendix B alone, and what its pages say of the assessment (the footer, the section's lead): a
 * slice of a large report printed on its own (decision 024) needs nothing else.
 */
export interface ReportInventory {
  meta: Pick<BoardReport["meta"], "organisationName" | "assessmentId" | "asOf" | "methodologyVersion" | "inputsHash">;
  inventory: InventorySystem[];
}

export function assembleReportInventory(a: Assessment, document: InventoryDocument): ReportInventory {
  return {
    meta: { organisationName: document.organisation.name, assessmentId: a.id, asOf: a.asOf, methodologyVersion: a.methodologyVersion, inputsHash: a.inputsHash },
    inventory: inventoryOf(a, document),
  };
}

/** A country's name for the report's tables. */
export const reportCountry = (code: string | null) => (code ? countryName(code) : "—");
