import { assessSeal } from "../eu-csf";
import type { Dimension } from "../options";
import { ratingFor, type Rating } from "../ratings";
import type {
  ConcentrationSummary,
  DependencyResult,
  Finding,
  OrganisationResult,
  ScoringResult,
  SystemResult,
  VendorResult,
} from "../results";
import type { AccessPath } from "../schema/primitives";
import { METHODOLOGY_VERSION } from "../version";
import type { Context } from "./context";
import { countryName } from "./countries";
import { factorWeights, type DependencyEvaluation } from "./evaluate";
import { AXES, type Axis } from "./factors/concentration";
import { FACTORS, FACTOR_INDEX, SWITCHED_OFF_INDEX, type Factor, type FactorDraft } from "./factors/types";
import { matchEvent, matchSanction } from "./match";
import type { ActiveEvent } from "./landscape";
import { RECOVERY_ORDER, type RecoveryStatus } from "./recovery";

type SwitchedOffStatus = Exclude<RecoveryStatus, "unaffected">;
import { ACCESS_LABELS, chainCountries, type Route } from "./route";
import { SOURCES } from "./sources";
import { count } from "../words";

/** Rounds to 2 decimals (scores and points are reported to 0.01). */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The score {@link roundedPoints} gives, without building the rounded points. */
export function roundedScore(points: ArrayLike<number>): number {
  let structural = 0;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    total += points[i]!;
    if (i !== SWITCHED_OFF_INDEX) structural += round2(points[i]!);
  }
  structural = round2(structural);
  if (points.length <= SWITCHED_OFF_INDEX || points[SWITCHED_OFF_INDEX] === 0) return structural;
  return Math.max(0, Math.min(structural, round2(total)));
}

/**
 * Each factor's points rounded to 0.01, and the score they add up to. The structural factors
 * are rounded one by one; a switched-off adjustment takes whatever makes the score the rounded
 * total (never below 0), so the named points always add up to the score shown.
 */
export function roundedPoints(points: ArrayLike<number>): { points: number[]; score: number } {
  const out = new Array<number>(points.length);
  let structural = 0;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    total += points[i]!;
    if (i === SWITCHED_OFF_INDEX) continue;
    out[i] = round2(points[i]!);
    structural += out[i]!;
  }
  structural = round2(structural);
  if (points.length <= SWITCHED_OFF_INDEX || points[SWITCHED_OFF_INDEX] === 0) {
    if (points.length > SWITCHED_OFF_INDEX) out[SWITCHED_OFF_INDEX] = 0;
    return { points: out, score: structural };
  }
  const score = Math.max(0, Math.min(structural, round2(total)));
  out[SWITCHED_OFF_INDEX] = round2(score - structural);
  return { points: out, score };
}

/** Per-system state used by aggregation, scenarios and remediation. */
export interface SystemState {
  key: string;
  weight: number;
  weakest: DependencyEvaluation;
  deps: DependencyEvaluation[];
}

/** The weakest dependency of a system (lowest total; ties: smallest key). */
export function weakestOf(deps: readonly DependencyEvaluation[]): DependencyEvaluation {
  let w = deps[0]!;
  for (let i = 1; i < deps.length; i++) {
    const d = deps[i]!;
    if (d.total < w.total - 1e-9) w = d;
  }
  return w;
}

/** Builds system states from dependency evaluations (`list` aligned with `ctx.prepared`; systems and dependencies in key order). */
export function systemStates(ctx: Context, list: readonly DependencyEvaluation[]): SystemState[] {
  const out: SystemState[] = [];
  for (const [key, prepared] of ctx.depsBySystem) {
    const deps: DependencyEvaluation[] = new Array(prepared.length);
    let weight = -Infinity;
    for (let i = 0; i < prepared.length; i++) {
      const p = prepared[i]!;
      deps[i] = list[p.index]!;
      if (p.weight > weight) weight = p.weight;
    }
    out.push({ key, weight, weakest: weakestOf(deps), deps });
  }
  return out;
}

/** Organisation score (unrounded) as the weighted mean of system totals. */
export function organisationTotal(states: readonly SystemState[]): number {
  let w = 0;
  let s = 0;
  for (const st of states) {
    w += st.weight;
    s += st.weight * st.weakest.total;
  }
  return w > 0 ? s / w : 100;
}

/** Sum of points[from..to) over the dimension weight, rounded (0 for a zero weight). */
function dimSum(points: ArrayLike<number>, from: number, to: number, weight: number): number {
  if (!(weight > 0)) return 0;
  let s = 0;
  for (let i = from; i < to; i++) s += points[i]!;
  return round2(s / weight);
}

function dims(points: ArrayLike<number>, ctx: Context): Record<Dimension, number> {
  const w = ctx.opts.weights.dimensions;
  // FACTORS order: 2 access, 4 jurisdiction, 5 fallback, 4 concentration.
  return {
    access: dimSum(points, 0, 2, w.access),
    jurisdiction: dimSum(points, 2, 6, w.jurisdiction),
    fallback: dimSum(points, 6, 11, w.fallback),
    concentration: dimSum(points, 11, 15, w.concentration),
  };
}

function toFactors(drafts: readonly FactorDraft[], points: ArrayLike<number>): { factors: Factor[]; score: number } {
  const rounded = roundedPoints(points);
  const score = rounded.score;
  const factors = drafts.map((d, i) => {
    const f = FACTORS[i]!;
    const pts = rounded.points[i]!;
    return { id: f.id, dimension: f.dimension, label: f.label, points: pts, rawPoints: i === SWITCHED_OFF_INDEX ? pts : round2(d.raw), maxPoints: f.max, sentence: d.sentence, sources: d.sources };
  });
  return { factors, score: round2(score) };
}

/** The two largest weighted gaps, as short phrases. */
function gaps(e: DependencyEvaluation, ctx: Context): string[] {
  const fw = factorWeights(ctx);
  return e.drafts
    .map((d, i) => ({ d, loss: (FACTORS[i]!.max - d.raw) * fw[i]!, i }))
    .map(({ d, loss, i }) => ({ gap: loss > 0.01 ? d.gap : undefined, loss, i }))
    .filter((g) => g.gap !== undefined && g.loss > 0.01)
    .sort((a, b) => b.loss - a.loss || a.i - b.i)
    .slice(0, 2)
    .map((g) => g.gap!);
}

function routeLabel(r: Route): string {
  return `${ACCESS_LABELS[r.accessPath]} to ${r.vendor.name} (${countryName(r.vendor.hqCountry)})`;
}

/** The one-line risk profile of a dependency. */
export function dependencyProfile(e: DependencyEvaluation, ctx: Context): string {
  const g = gaps(e, ctx);
  return `${routeLabel(e.p.route)}: ${g.length > 0 ? g.join("; ") : "no material gaps"}.`;
}

/**
 * Result objects keep their evaluation under this (non-enumerable) key, so that the lazy
 * `profile`/`factors` getters can be shared functions: per-object getter closures cost a few
 * objects each and turn every result object into a slow dictionary-mode object.
 */
const SOURCE = Symbol("source");
interface DependencySource {
  [SOURCE]: DependencyEvaluation;
}
interface SystemSource {
  [SOURCE]: { d: DependencyResult; count: number };
}
/** Scratch descriptor for the hidden key (reused: defineProperty reads it synchronously). */
const HIDDEN: PropertyDescriptor = { value: undefined, enumerable: false, writable: false, configurable: false };
function hide(target: object, value: unknown): void {
  HIDDEN.value = value;
  Object.defineProperty(target, SOURCE, HIDDEN);
  HIDDEN.value = undefined;
}
// Explanations are built on first access: scoring thousands of dependencies must not pay
// for sentences nobody reads (JSON.stringify and spreads still see them: own, enumerable).
const DEPENDENCY_PROFILE: PropertyDescriptor = {
  get(this: DependencySource): string {
    const e = this[SOURCE];
    return (e.profileCache ??= dependencyProfile(e, e.ctx));
  },
  enumerable: true,
  configurable: true,
};
const DEPENDENCY_FACTORS: PropertyDescriptor = {
  get(this: DependencySource): Factor[] {
    const e = this[SOURCE];
    return (e.factorsCache ??= toFactors(e.drafts, e.points).factors);
  },
  enumerable: true,
  configurable: true,
};
const DEPENDENCY_NOT_RECORDED: PropertyDescriptor = {
  get(this: DependencySource): string[] {
    return this[SOURCE].notRecorded;
  },
  enumerable: true,
  configurable: true,
};
const SYSTEM_PROFILE: PropertyDescriptor = {
  get(this: SystemSource): string {
    const { d, count } = this[SOURCE];
    return count > 1 ? `${d.profile.slice(0, -1)} (weakest of ${count} dependencies).` : d.profile;
  },
  enumerable: true,
  configurable: true,
};
const SYSTEM_FACTORS: PropertyDescriptor = {
  get(this: SystemSource): Factor[] {
    return this[SOURCE].d.factors;
  },
  enumerable: true,
  configurable: true,
};

function dependencyResult(e: DependencyEvaluation, ctx: Context, th: Context["opts"]["thresholds"]["ratings"]): DependencyResult {
  const pts = e.points;
  const score = roundedScore(pts);
  const r = e.p.route;
  // Same keys in the same order as before (JSON output is unchanged); profile and factors are getters.
  const out = {
    key: e.p.dep.key,
    system: e.p.system.key,
    model: r.model.key,
    vendor: r.vendor.key,
    cloud: r.cloud?.key,
    accessPath: r.accessPath,
    hostingCountry: r.hostingCountry,
    weight: e.p.weight,
    sensitivity: e.p.sensitivity,
    bestFallback: e.bestFallback,
    restrictedBy: e.restrictedBy,
    score,
    rating: ratingFor(score, th),
  } as Omit<DependencyResult, "profile" | "dimensions" | "factors"> as DependencyResult;
  if (e.switchedOff !== undefined) out.switchedOff = switchedOffSummary(e);
  Object.defineProperty(out, "profile", DEPENDENCY_PROFILE);
  out.dimensions = dims(pts, ctx);
  Object.defineProperty(out, "factors", DEPENDENCY_FACTORS);
  Object.defineProperty(out, "notRecorded", DEPENDENCY_NOT_RECORDED);
  hide(out, e);
  return out;
}

/** Weighted mean of factor points over a set of evaluations (`weights` aligned with `es`; default: each dependency's weight). */
function weightedPoints(es: readonly DependencyEvaluation[], weights: readonly number[] | undefined, fw: ArrayLike<number>): number[] {
  const out = new Array<number>(FACTORS.length).fill(0);
  let w = 0;
  for (let k = 0; k < es.length; k++) {
    const e = es[k]!;
    const weight = weights === undefined ? e.p.weight : weights[k]!;
    w += weight;
    const points = e.points;
    for (let i = 0; i < out.length; i++) out[i]! += weight * points[i]!;
  }
  if (w === 0) {
    // Every dependency weighs nothing (its criticality weighted 0): nothing is at risk, every
    // factor at its maximum, weighted by its dimension like the points it stands for (the raw
    // maxima would add up to 400).
    return FACTORS.map((f, i) => f.max * fw[i]!);
  }
  return out.map((x) => x / w);
}

/**
 * Aggregates evaluations into a criticality-weighted mean per factor. `nameOf(k)` names the
 * k-th item in sentences (only called when the factors are read).
 */
function aggregateFactors(
  es: readonly DependencyEvaluation[],
  weights: readonly number[] | undefined,
  nameOf: (k: number) => string,
  ctx: Context,
  unit: string,
  special?: (i: number) => string | undefined,
): { factors: () => Factor[]; score: number; dimensions: Record<Dimension, number> } {
  const fw = factorWeights(ctx);
  const pts = es.length === 0 ? FACTORS.map((f, i) => f.max * fw[i]!) : weightedPoints(es, weights, fw);
  const rounded = roundedPoints(pts);
  const score = rounded.score;
  // Sentences are built on demand: they need the weakest item's explanation per factor.
  const factors = (): Factor[] =>
    FACTORS.map((f, i) => {
      const raw = fw[i]! > 0 ? pts[i]! / fw[i]! : 0;
      let losing = 0;
      let worstItem = -1;
      for (let k = 0; k < es.length; k++) {
        const r = es[k]!.raw[i]!;
        if (r < f.max - 1e-9) {
          losing++;
          if (worstItem < 0 || r < es[worstItem]!.raw[i]!) worstItem = k;
        }
      }
      const worst = worstItem >= 0 ? { name: nameOf(worstItem), d: es[worstItem]!.drafts[i]! } : undefined;
      const sentence =
        special?.(i) ??
        (es.length === 0
          ? "No AI dependencies are recorded, so nothing is at risk here."
          : i === SWITCHED_OFF_INDEX
            ? switchedOffSentence(es, unit, raw, losing, worst)
            : !worst
              ? `Full marks across all ${es.length} ${unit}.`
              : `${round2(raw)} of ${f.max} points on average (weighted by criticality); ${losing} of ${es.length} ${unit} lose points here, most of all ${worst.name}: ${worst.d.sentence}`);
      return { id: f.id, dimension: f.dimension, label: f.label, points: rounded.points[i]!, rawPoints: i === SWITCHED_OFF_INDEX ? rounded.points[i]! : round2(raw), maxPoints: f.max, sentence, sources: worst?.d.sources ?? [SOURCES.method] };
    });
  return { factors, score: round2(score), dimensions: dims(pts, ctx) };
}

/** The switched-off factor of an aggregate, in words: which of its items a restriction in force switches off, and what that costs. */
function switchedOffSentence(es: readonly DependencyEvaluation[], unit: string, raw: number, losing: number, worst: { name: string; d: FactorDraft } | undefined): string {
  const off = es.filter((e) => e.switchedOff !== undefined).length;
  if (off === 0) return `No restriction in force switches any of the ${es.length} ${unit} off for anyone today.`;
  if (!worst) return `${off} of the ${es.length} ${unit} ${off === 1 ? "is" : "are"} switched off for some of their users by a restriction in force; a tested fallback within tolerance recovers ${off === 1 ? "it" : "each"}, so no points are lost.`;
  return `${losing} of the ${es.length} ${unit} ${losing === 1 ? "is" : "are"} switched off today and lose${losing === 1 ? "s" : ""} points for it (${round2(-raw)} points on average, weighted by criticality); most of all ${worst.name}: ${worst.d.sentence}`;
}

function concentrationSummary(ctx: Context): Record<Axis, ConcentrationSummary> {
  const out = {} as Record<Axis, ConcentrationSummary>;
  for (const axis of AXES) {
    const entries = [...ctx.axisWeight[axis]].map(([key, w]) => ({ key, share: ctx.totalWeight > 0 ? w / ctx.totalWeight : 0 }));
    let hhi = 0;
    for (const e of entries) hhi += e.share * e.share;
    entries.sort((a, b) => b.share - a.share || (a.key < b.key ? -1 : 1));
    out[axis] = {
      hhi: Math.round(hhi * 1e4) / 1e4,
      top: entries.slice(0, 5).map((e) => ({
        key: e.key,
        name: axis === "jurisdiction" ? countryName(e.key) : axis === "model-family" ? e.key : (ctx.vendors.get(e.key)?.name ?? e.key),
        share: Math.round(e.share * 1e4) / 1e4,
      })),
    };
  }
  return out;
}

/**
 * Findings lead with what a restriction in force does today: first the switched-off losses, then
 * the restrictions' own factor, then every other factor.
 */
function findingRank(i: number): number {
  return i === SWITCHED_OFF_INDEX ? 0 : i === FACTOR_INDEX["jurisdiction.restrictions"] ? 1 : 2;
}

/** Order of findings: rank, larger loss first, then system key, then factor order (negative: a comes first). */
function findingBefore(lost: number, systemKey: string, i: number, b: { st: SystemState; i: number; lost: number }): number {
  return findingRank(i) - findingRank(b.i) || b.lost - lost || (systemKey < b.st.key ? -1 : systemKey > b.st.key ? 1 : 0) || i - b.i;
}

/** The switched-off state of a dependency as its result reports it. */
function switchedOffSummary(e: DependencyEvaluation): NonNullable<DependencyResult["switchedOff"]> {
  const o = e.switchedOff!;
  return {
    share: Math.round(o.share * 1e4) / 1e4,
    basis: e.p.route.users.basis,
    everyone: o.allBecause,
    countries: o.countries,
    events: o.events,
    recovery: o.status,
    fallback: o.fallback,
    switchTimeHours: o.switchTimeHours,
    fallbackScore: o.fallbackScore === undefined ? undefined : round2(o.fallbackScore),
    scoreBefore: round2(o.structural),
    cap: o.cap === undefined ? undefined : round2(o.cap),
  };
}

/** The share of a route's users an event in force restricts (0 when it does not reach it). */
function reachShare(ctx: Context, e: ActiveEvent, route: Route): number {
  const sev = ctx.opts.weights.severity;
  const hit = e.type === "sanction" ? matchSanction(e, route, (route.chain ??= chainCountries(route)), sev) : matchEvent(e, route, sev);
  return hit?.share ?? 0;
}

/**
 * The restrictions in force that reach the organisation (restrict some users of some dependency),
 * with the vendors and systems they reach and the systems they switch off, most switched off first.
 */
function activeRestrictions(ctx: Context, list: readonly DependencyEvaluation[], events: ReadonlyMap<string, ActiveEvent>): OrganisationResult["activeRestrictions"] {
  const by = new Map<string, { event: ActiveEvent; vendors: Set<string>; systems: Set<string>; switchedOff: Set<string>; unrecovered: Set<string>; share: number }>();
  for (const e of list) {
    for (const key of e.restrictedBy) {
      const event = events.get(key);
      if (!event) continue;
      let r = by.get(key);
      if (!r) by.set(key, (r = { event, vendors: new Set(), systems: new Set(), switchedOff: new Set(), unrecovered: new Set(), share: 0 }));
      r.vendors.add(e.p.route.vendor.name);
      r.systems.add(e.p.system.key);
      r.share = Math.max(r.share, reachShare(ctx, event, e.p.route));
      const off = e.switchedOff;
      if (off?.events.includes(key)) {
        r.switchedOff.add(e.p.system.key);
        if (off.status !== "recovers") r.unrecovered.add(e.p.system.key);
      }
    }
  }
  return [...by.values()]
    .sort((a, b) => b.switchedOff.size - a.switchedOff.size || b.systems.size - a.systems.size || (a.event.key < b.event.key ? -1 : 1))
    .map((r) => ({
      key: r.event.key,
      title: r.event.title,
      type: r.event.type,
      effectiveDate: r.event.effectiveDate,
      dateEstimated: r.event.dateEstimated === true,
      partialLifts: (r.event.partialLifts ?? []).map((l) => ({ key: l.key, title: l.title, effectiveDate: l.effectiveDate, dateEstimated: l.dateEstimated === true })),
      vendors: [...r.vendors].sort(),
      systems: r.systems.size,
      switchedOffSystems: r.switchedOff.size,
      unrecoveredSystems: r.unrecovered.size,
      largestShare: Math.round(r.share * 1e4) / 1e4,
    }));
}

const AXIS_OF_FACTOR: Record<number, Axis> = { 11: "vendor", 12: "model-family", 13: "cloud", 14: "jurisdiction" };

/**
 * Builds the public result from dependency evaluations: dependencies, systems (weakest link),
 * vendors (criticality-weighted mean of their dependencies) and the organisation.
 */
export function buildResult(ctx: Context, list: readonly DependencyEvaluation[], states: readonly SystemState[]): ScoringResult {
  const th = ctx.opts.thresholds.ratings;
  const rating = (s: number): Rating => ratingFor(s, th);
  // Aligned with ctx.prepared (and `list`), i.e. in key order.
  const dependencies: DependencyResult[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) dependencies[i] = dependencyResult(list[i]!, ctx, th);

  const systems: SystemResult[] = states.map((st) => {
    const d = dependencies[st.weakest.p.index]!;
    const sys = ctx.systems.get(st.key)!;
    const deps: string[] = new Array(st.deps.length);
    for (let i = 0; i < deps.length; i++) deps[i] = st.deps[i]!.p.dep.key;
    const out = {
      key: st.key,
      name: sys.name,
      criticality: sys.criticality,
      weight: st.weight,
      weakestDependency: d.key,
      dependencies: deps,
      score: d.score,
      rating: d.rating,
    } as Omit<SystemResult, "profile" | "dimensions" | "factors"> as SystemResult;
    Object.defineProperty(out, "profile", SYSTEM_PROFILE);
    out.dimensions = d.dimensions;
    Object.defineProperty(out, "factors", SYSTEM_FACTORS);
    hide(out, { d, count: st.deps.length });
    return out;
  });

  const eventsByKey = new Map<string, ActiveEvent>([...ctx.active.restrictions, ...ctx.active.sanctions].map((e) => [e.key, e]));
  // Vendors: every vendor whose models are used.
  const byVendor = new Map<string, DependencyEvaluation[]>();
  for (const e of list) {
    const key = e.p.route.vendor.key;
    const es = byVendor.get(key);
    if (es) es.push(e);
    else byVendor.set(key, [e]);
  }
  const vendors: VendorResult[] = [...byVendor.keys()].sort().map((key) => {
    const es = byVendor.get(key)!;
    const v = ctx.vendors.get(key)!;
    const agg = aggregateFactors(es, undefined, (k) => ctx.systems.get(es[k]!.p.system.key)?.name ?? es[k]!.p.system.key, ctx, "dependencies");
    let vendorFactors: Factor[] | undefined;
    let notRecorded: string[] | undefined;
    let seal: ReturnType<typeof assessSeal> | undefined;
    const paths = [...new Set(es.map((e) => e.p.route.accessPath))].sort() as AccessPath[];
    const accessType = paths.length === 1 ? ACCESS_LABELS[paths[0]!] : `Mixed (${paths.map((p) => ACCESS_LABELS[p]).join(", ")})`;
    const systemCount = new Set(es.map((e) => e.p.system.key)).size;
    const covered = es.filter((e) => e.raw[7]! >= 25 && e.raw[8]! >= 20).length;
    const restrictions = new Map<string, { share: number; blocks: boolean; worst: SwitchedOffStatus | undefined }>();
    for (const e of es) {
      for (const key of e.restrictedBy) {
        const event = eventsByKey.get(key);
        if (!event) continue;
        const r = restrictions.get(key) ?? { share: 0, blocks: false, worst: undefined };
        r.share = Math.max(r.share, reachShare(ctx, event, e.p.route));
        if (e.switchedOff?.events.includes(key)) {
          r.blocks = true;
          const st = e.switchedOff.status;
          if (r.worst === undefined || RECOVERY_ORDER.indexOf(st) > RECOVERY_ORDER.indexOf(r.worst)) r.worst = st;
        }
        restrictions.set(key, r);
      }
    }
    const vendorRestrictions = [...restrictions].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, r]) => {
      const event = eventsByKey.get(key)!;
      return { key, title: event.title, effectiveDate: event.effectiveDate, dateEstimated: event.dateEstimated === true, partlyLifted: (event.partialLifts?.length ?? 0) > 0, blocks: r.blocks, largestShare: Math.round(r.share * 1e4) / 1e4, recovery: r.worst };
    });
    return {
      key,
      name: v.name,
      hqCountry: v.hqCountry,
      ultimateParentCountry: v.ultimateParent?.country,
      accessPaths: paths,
      accessType,
      dependencyCount: es.length,
      systemCount,
      get seal() {
        return (seal ??= assessSeal(v, es.map((e) => e.p.route), ctx.asOf));
      },
      score: agg.score,
      rating: rating(agg.score),
      profile: `${vendorRestrictions.length > 0 ? `Active restriction: ${vendorRestrictions.map((r) => r.title).join("; ")}. ` : ""}${count(systemCount, "system")} ${systemCount === 1 ? "relies" : "rely"} on ${v.name} (${countryName(v.hqCountry)}); access: ${accessType}; ${covered} of ${es.length} dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.`,
      activeRestrictions: vendorRestrictions,
      dimensions: agg.dimensions,
      get factors() {
        return (vendorFactors ??= agg.factors());
      },
      get notRecorded() {
        return (notRecorded ??= [...new Set(es.flatMap((e) => e.notRecorded))]);
      },
    };
  });

  // Organisation: criticality-weighted mean of systems.
  const concentration = concentrationSummary(ctx);
  const weakest = states.map((st) => st.weakest);
  const systemWeights = states.map((st) => st.weight);
  const activeKeys = [...ctx.active.restrictions, ...ctx.active.sanctions];
  const org = aggregateFactors(weakest, systemWeights, (k) => ctx.systems.get(states[k]!.key)!.name, ctx, "AI systems", (i) => {
    const axis = AXIS_OF_FACTOR[i];
    if (axis && states.length > 0) {
      const c = concentration[axis];
      const top = c.top[0];
      return `HHI ${c.hhi.toFixed(2)} on ${axis === "model-family" ? "model families" : axis === "jurisdiction" ? "jurisdictions" : `${axis}s`}${top ? `; the largest, ${top.name}, carries ${Math.round(top.share * 100)}% of criticality-weighted dependencies` : ""}.`;
    }
    return undefined;
  });

  // Findings: the biggest organisation-level point losses by system and factor.
  const W = states.reduce((s, st) => s + st.weight, 0);
  const fw = factorWeights(ctx);
  // The 10 largest losses (ties: system key, then factor order), kept sorted while scanning:
  // the same as sorting every candidate and taking the first 10, without the big sort.
  const candidates: { st: SystemState; i: number; lost: number }[] = [];
  const MAX_FINDINGS = 10;
  for (const st of states) {
    const e = st.weakest;
    for (let i = 0; i < FACTORS.length; i++) {
      const f = FACTORS[i]!;
      const lost = ((f.max - e.raw[i]!) * fw[i]! * st.weight) / (W || 1);
      if (!(lost > 0.005)) continue;
      if (candidates.length === MAX_FINDINGS && !(findingBefore(lost, st.key, i, candidates[MAX_FINDINGS - 1]!) < 0)) continue;
      let at = candidates.length;
      while (at > 0 && findingBefore(lost, st.key, i, candidates[at - 1]!) < 0) at--;
      candidates.splice(at, 0, { st, i, lost });
      if (candidates.length > MAX_FINDINGS) candidates.pop();
    }
  }
  const findings: Finding[] = candidates.map(({ st, i, lost }) => {
    const d = st.weakest.drafts[i]!;
    return { system: st.key, dependency: st.weakest.p.dep.key, factor: FACTORS[i]!.id, pointsLost: round2(lost), sentence: `${ctx.systems.get(st.key)!.name}: ${d.sentence}`, sources: d.sources };
  });

  const orgRating = rating(org.score);
  const reaching = activeRestrictions(ctx, list, eventsByKey);
  const lead = reaching[0];
  const leadPhrase = lead
    ? `Active restriction: ${lead.title} (in force since ${lead.effectiveDate}${lead.dateEstimated ? ", estimated date" : ""}${lead.partialLifts.length > 0 ? ", partly lifted" : ""}) reaches ${lead.vendors.join(", ")} in ${count(lead.systems, "AI system")}${lead.switchedOffSystems > 0 ? ` and switches ${lead.switchedOffSystems} off for some or all of their users${lead.unrecoveredSystems > 0 ? `, ${lead.unrecoveredSystems} without a tested fallback within tolerance` : ""}` : ""}${reaching.length > 1 ? ` (${count(reaching.length - 1, "further restriction")} in force ${reaching.length - 1 === 1 ? "reaches" : "reach"} you)` : ""}. `
    : "";
  const top = findings[0];
  const topEval = candidates[0]?.st.weakest;
  const topGap = topEval?.drafts[FACTORS.findIndex((f) => f.id === top!.factor)]?.gap;
  const organisation: OrganisationResult = {
    key: ctx.doc.organisation.key,
    name: ctx.doc.organisation.name,
    systemCount: states.length,
    dependencyCount: ctx.prepared.length,
    concentration,
    score: org.score,
    rating: orgRating,
    profile:
      states.length === 0
        ? "No AI dependencies recorded."
        : `${leadPhrase}${orgRating} sovereignty across ${count(states.length, "AI system")}${top ? `; biggest gap: ${topGap ?? FACTORS.find((f) => f.id === top.factor)!.label.toLowerCase()} (${ctx.systems.get(top.system)!.name})` : ""}.`,
    dimensions: org.dimensions,
    factors: org.factors(),
    activeRestrictions: reaching,
  };

  return {
    methodologyVersion: METHODOLOGY_VERSION,
    asOf: ctx.asOf,
    landscape: {
      active: activeKeys
        .map((e) => ({
          key: e.key,
          title: e.title,
          type: e.type,
          effectiveDate: e.effectiveDate,
          ...(e.dateEstimated ? { dateEstimated: true } : {}),
          ...(e.partialLifts?.length ? { partialLifts: e.partialLifts.map((l) => ({ key: l.key, title: l.title, effectiveDate: l.effectiveDate, ...(l.dateEstimated ? { dateEstimated: true } : {}) })) } : {}),
        }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    },
    organisation,
    vendors,
    systems,
    dependencies,
    findings,
    notes: ctx.notes,
  };
}
