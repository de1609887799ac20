import type { TransferMechanism } from "../schema/primitives";
import { blocOf } from "./countries";
import { MODE } from "./explain-mode";
import type { ActiveLandscape, Context, PreparedDependency } from "./context";
import { accessPathFactor, accessPathPoints, hostingFactor, hostingPoints } from "./factors/access";
import { AXES, concentrationFactor, type Axis } from "./factors/concentration";
import { exitPlanScore, fallbackFactors, independencePoints, switchPoints, testedPoints, type FallbackCandidate } from "./factors/fallback";
import { EXTRATERRITORIAL_POINTS, extraterritorialFactor, extraterritorialPoints, restrictionsFactor, sanctionsFactor, transferFactor, transferFlowPoints, type TransferFlow } from "./factors/jurisdiction";
import { FACTOR_INDEX, FACTORS, MAX_POINTS, STRUCTURAL_FACTOR_COUNT, SWITCHED_OFF_INDEX, type Factor, type FactorDraft } from "./factors/types";
import { concentrationKeys } from "./factors/concentration";
import { eventImpact, matchEvent, matchSanction, sanctionImpact, type EventHit } from "./match";
import { blockedOn, blocksSameUsers, fallbackRecovery, RECOVERY_IMPACT, RECOVERY_ORDER, type RecoveryStatus } from "./recovery";
import { chainCountries, holdsOpenWeights, operatorOf, resolveFallbackRoute } from "./route-helpers";
import type { Route } from "./route";
import type { ImposeEvent } from "../schema/policy-event";
import type { Dependency, Fallback } from "../schema/inventory";
import { listOf, switchedOffFactor } from "./factors/switched-off";
import { countryPhrase } from "./countries";

/**
 * A dependency that restrictions in force block today for some or all of the people who rely on
 * it, and how it is scored: the blocked share counts at what the best usable fallback recovers
 * (its own score, less by how uncertain the recovery is), the rest at the usual score; switched
 * off for most of its users without a tested fallback within the tolerated downtime, it scores
 * at most `2 x (1 - share) x` the Low threshold, i.e. Very Low.
 */
export interface SwitchedOff {
  /** The blocked share of the users (1: everyone). */
  share: number;
  /** Why everyone is cut off: the model runs in a blocked country, the organisation is a blocked licensee, or a sanction touches its chain. */
  allBecause: "hosting" | "licensee" | "chain" | undefined;
  /** The blocked user countries (sorted); when everyone is cut off: the hosting country or the licensee's (none for a sanction on the chain). */
  countries: string[];
  /** Keys of the blocking events, sorted. */
  events: string[];
  status: Exclude<RecoveryStatus, "unaffected">;
  /** The fallback that carries the blocked users (none: no usable fallback). */
  fallback: string | undefined;
  switchTimeHours: number | undefined;
  /** The fallback route's own score (scored as if it were the dependency, with no fallback of its own). */
  fallbackScore: number | undefined;
  /** The sum of the 15 structural factors, before this rule. */
  structural: number;
  /** The score after it. */
  effective: number;
  /** The ceiling when switched off for most users without a tested fallback within tolerance. */
  cap: number | undefined;
}

/** More than this share of the users switched off is "most of them". */
export const SWITCHED_OFF_MOST = 0.5;

/**
 * One dependency, scored. Only numbers are kept; the explanations (`drafts`, with their
 * sentences and sources) are rebuilt on first access by re-running the same pure evaluation,
 * so a large inventory does not hold hundreds of thousands of sentences nobody reads.
 */
export class DependencyEvaluation {
  #drafts: FactorDraft[] | undefined;
  #notRecorded: string[] | undefined;
  /** Caches of the public result's lazily built `factors` and `profile` (see engine/aggregate.ts). */
  factorsCache: Factor[] | undefined = undefined;
  profileCache: string | undefined = undefined;
  constructor(
    readonly p: PreparedDependency,
    /** Raw points per factor within its dimension (FACTORS order). */
    readonly raw: Float64Array,
    /** Weighted, unrounded points per factor (FACTORS order). */
    readonly points: Float64Array,
    readonly total: number,
    readonly bestFallback: string | undefined,
    readonly restrictedBy: string[],
    readonly switchedOff: SwitchedOff | undefined,
    readonly ctx: Context,
    private readonly landscape: ActiveLandscape,
    readonly share: ShareFn,
    drafts?: FactorDraft[],
  ) {
    this.#drafts = drafts;
  }
  get drafts(): FactorDraft[] {
    if (!this.#drafts) {
      const prev = MODE.explain;
      MODE.explain = true;
      try {
        const x = computeDependency(this.ctx, this.p, this.landscape, this.share);
        this.#drafts = x.drafts;
        this.#notRecorded = x.notRecorded;
      } finally {
        MODE.explain = prev;
      }
    }
    return this.#drafts;
  }
  /** Facts this score rests on that nobody recorded, in words ("not recorded: verify"). */
  get notRecorded(): string[] {
    if (!this.#notRecorded) void this.drafts;
    return this.#notRecorded ?? [];
  }
}

const NONE: string[] = [];

const WEIGHTS = new WeakMap<Context, Float64Array>();
/**
 * The weight of each factor's raw points in a score, in FACTORS order (cached per context): its
 * dimension's weight, and 1 for the switched-off adjustment (its raw points are points).
 */
export function factorWeights(ctx: Context): Float64Array {
  let fw = WEIGHTS.get(ctx);
  if (!fw) {
    fw = Float64Array.from(FACTORS, (f, i) => (i === SWITCHED_OFF_INDEX ? 1 : ctx.opts.weights.dimensions[f.dimension]));
    WEIGHTS.set(ctx, fw);
  }
  return fw;
}

const BLOCS = new WeakMap<readonly string[], string[]>();
/** Distinct blocs of a list of countries (cached per list: lists are shared per system). */
function blocsOf(countries: readonly string[]): string[] {
  let b = BLOCS.get(countries);
  if (!b) {
    b = [...new Set(countries.map(blocOf))];
    BLOCS.set(countries, b);
  }
  return b;
}

export type ShareFn = (axis: Axis, key: string) => number;

const SHARES = new WeakMap<Context, ShareFn>();
/** The criticality-weighted share of a key on an axis, from the context's indexes (one function per context). */
export function contextShare(ctx: Context): ShareFn {
  let fn = SHARES.get(ctx);
  if (!fn) {
    fn = (axis, key) => (ctx.totalWeight > 0 ? (ctx.axisWeight[axis].get(key) ?? 0) / ctx.totalWeight : 0);
    SHARES.set(ctx, fn);
  }
  return fn;
}

const FACTOR_COUNT = FACTORS.length;

/**
 * Hands out FACTORS.length-long views of larger buffers, so that evaluating many dependencies
 * does not allocate one small buffer (with its own backing store) per array.
 */
export class PointsArena {
  #buf = new Float64Array(0);
  #at = 0;
  constructor(private readonly chunk = 512) {}
  take(): Float64Array {
    if (this.#at + FACTOR_COUNT > this.#buf.length) {
      this.#buf = new Float64Array(FACTOR_COUNT * this.chunk);
      this.#at = 0;
    }
    const v = this.#buf.subarray(this.#at, this.#at + FACTOR_COUNT);
    this.#at += FACTOR_COUNT;
    return v;
  }
}
const MAX_RESTRICTIONS = MAX_POINTS["jurisdiction.restrictions"];
const MAX_SANCTIONS = MAX_POINTS["jurisdiction.sanctions"];
const MAX_TRANSFER = MAX_POINTS["jurisdiction.transfer"];
const MAX_EXISTS = MAX_POINTS["fallback.exists"];
const I_FALLBACK = FACTOR_INDEX["fallback.exists"];
const I_CONCENTRATION = FACTOR_INDEX["concentration.vendor"];

/**
 * Scores one dependency against a landscape. Pure: reads the context, writes nothing (but `raw`
 * and `points`, when given: FACTORS.length-long arrays to fill, e.g. views of one shared buffer).
 * `base`: an evaluation of the same prepared dependency in the same context under another
 * landscape, whose landscape-independent factors (access, hosting, extraterritorial reach,
 * transfers, exit plan; concentration too when `share` is the same function) are reused rather
 * than recomputed.
 *
 * This is the numbers-only form of {@link computeDependency} (which builds the explanations):
 * both use the same point functions, and a test checks that they agree on every factor.
 */
export function evaluateDependency(
  ctx: Context,
  p: PreparedDependency,
  landscape: ActiveLandscape = ctx.active,
  share: ShareFn = contextShare(ctx),
  raw: Float64Array = new Float64Array(FACTOR_COUNT),
  points: Float64Array = new Float64Array(FACTOR_COUNT),
  base?: DependencyEvaluation,
): DependencyEvaluation {
  const { route } = p;
  const sev = ctx.opts.weights.severity;
  const asOf = ctx.asOf;
  const same = base !== undefined && base.p === p && base.ctx === ctx ? base.raw : undefined;

  // Access
  if (same) {
    raw[0] = same[0]!;
    raw[1] = same[1]!;
  } else {
    accessRaw(ctx, p, raw);
  }

  // Jurisdiction. hitKeys: events whose scope selects the route (for the fallback's independence);
  // reached: those that restrict some of it; hit lists: what may switch it off.
  let hitKeys: string[] | undefined;
  let reached: string[] | undefined;
  let restrictionHits: ImposeEvent[] | undefined;
  let worst = -1;
  for (const e of landscape.restrictions) {
    const impact = eventImpact(e, route, sev);
    if (impact < 0) continue;
    (hitKeys ??= []).push(e.key);
    (restrictionHits ??= []).push(e);
    if (impact > 0) (reached ??= []).push(e.key);
    if (impact > worst) worst = impact;
  }
  const primaryHits = hitKeys === undefined ? 0 : hitKeys.length;
  raw[2] = hitKeys === undefined ? MAX_RESTRICTIONS : MAX_RESTRICTIONS * (1 - worst);
  const chain = (route.chain ??= chainCountries(route));
  if (same) {
    raw[3] = same[3]!;
    raw[4] = same[4]!;
  } else {
    raw[3] = extraterritorialPoints(chain, ctx.homeBloc, asOf);
    raw[4] = transferRaw(ctx, p, raw[3] < EXTRATERRITORIAL_POINTS.none);
  }
  let sanctioned = false;
  let sanctionHits: ImposeEvent[] | undefined;
  worst = -1;
  for (const e of landscape.sanctions) {
    const impact = sanctionImpact(e, route, chain, sev);
    if (impact < 0) continue;
    (hitKeys ??= []).push(e.key);
    (sanctionHits ??= []).push(e);
    if (impact > 0) (reached ??= []).push(e.key);
    sanctioned = true;
    if (impact > worst) worst = impact;
  }
  raw[5] = sanctioned ? MAX_SANCTIONS * (1 - worst) : MAX_SANCTIONS;

  // Fallback
  let bestFallback: string | undefined;
  if (holdsOpenWeights(route)) {
    for (let i = I_FALLBACK; i < I_FALLBACK + 5; i++) raw[i] = FACTORS[i]!.max;
  } else {
    const t = ctx.opts.thresholds;
    let bestTotal = 0;
    let exists = 0;
    let ind = 0;
    let tested = 0;
    let sw = 0;
    for (let i = 0; i < p.fallbacks.length; i++) {
      const fb = p.fallbacks[i]!;
      const fr = p.fallbackRoutes?.[i] ?? resolveFallbackRoute(ctx, fb, route.users);
      if (!fr) continue;
      let impact = 0;
      let shares = false;
      for (const e of landscape.restrictions) {
        const h = eventImpact(e, fr, sev);
        if (h < 0) continue;
        if (h > impact) impact = h;
        if (!shares && hitKeys !== undefined) {
          for (let k = 0; k < primaryHits; k++) {
            if (hitKeys[k] === e.key) {
              shares = true;
              break;
            }
          }
        }
      }
      const e = MAX_EXISTS * (1 - impact);
      const n = independencePoints(route, fr, shares);
      const te = testedPoints(fb.lastTested, asOf, t);
      const s = switchPoints(fb.switchTimeHours, p.system.toleratedDowntimeHours);
      const total = e + n + te + s;
      if (bestFallback === undefined || total > bestTotal || (total === bestTotal && fb.key < bestFallback)) {
        bestFallback = fb.key;
        bestTotal = total;
        exists = e;
        ind = n;
        tested = te;
        sw = s;
      }
    }
    raw[I_FALLBACK] = exists;
    raw[I_FALLBACK + 1] = ind;
    raw[I_FALLBACK + 2] = tested;
    raw[I_FALLBACK + 3] = sw;
    raw[I_FALLBACK + 4] = same ? same[I_FALLBACK + 4]! : exitPlanScore(p.dep.exitPlan, p.dep.contract, asOf, t);
  }

  // Concentration
  if (same && base!.share === share) {
    for (let i = I_CONCENTRATION; i < STRUCTURAL_FACTOR_COUNT; i++) raw[i] = same[i]!;
  } else {
    concentrationRaw(p, share, raw);
  }

  const fw = factorWeights(ctx);
  let structural = 0;
  for (let i = 0; i < STRUCTURAL_FACTOR_COUNT; i++) {
    points[i] = raw[i]! * fw[i]!;
    structural += points[i]!;
  }
  const off = restrictionHits === undefined && sanctionHits === undefined ? undefined : switchedOffOf(ctx, p, landscape, share, structural, chain, restrictionHits ?? NO_EVENTS, sanctionHits ?? NO_EVENTS);
  const adjustment = off === undefined ? 0 : off.effective - structural;
  raw[SWITCHED_OFF_INDEX] = adjustment;
  points[SWITCHED_OFF_INDEX] = adjustment;
  const restrictedBy = reached === undefined ? NONE : reached.length === 1 ? reached : [...new Set(reached)].sort();
  return new DependencyEvaluation(p, raw, points, structural + adjustment, bestFallback, restrictedBy, off, ctx, landscape, share);
}

const NO_EVENTS: ImposeEvent[] = [];
const NO_FALLBACK_ROWS: Fallback[] = [];
const NO_FALLBACK_ROUTES: (Route | undefined)[] = [];

/** The fallback scored as if it were the dependency: same system, users and data, no fallback of its own. */
function fallbackOwnScore(ctx: Context, p: PreparedDependency, fb: Fallback, fr: Route, landscape: ActiveLandscape, share: ShareFn): number {
  const dep: Dependency = { key: `${p.dep.key}#${fb.key}`, system: p.dep.system, model: fb.model, accessPath: fb.accessPath };
  if (fb.cloud !== undefined) dep.cloud = fb.cloud;
  if (fb.hostingRegion !== undefined) dep.hostingRegion = fb.hostingRegion;
  const synthetic: PreparedDependency = { ...p, dep, route: fr, fallbacks: NO_FALLBACK_ROWS, fallbackRoutes: NO_FALLBACK_ROUTES, concKeys: concentrationKeys(fr), personal: undefined, personalOf: undefined };
  return evaluateDependency(ctx, synthetic, landscape, share).total;
}

/**
 * Applies the switched-off rule (see {@link SwitchedOff}) to a dependency whose structural score
 * is `structural`: undefined when no blocking restriction in force cuts anyone off. The best
 * recovery is the one that leaves the highest score, so adding or testing a fallback, or lifting
 * a restriction, never lowers it.
 */
function switchedOffOf(ctx: Context, p: PreparedDependency, landscape: ActiveLandscape, share: ShareFn, structural: number, chain: readonly string[], restrictionHits: readonly ImposeEvent[], sanctionHits: readonly ImposeEvent[]): SwitchedOff | undefined {
  const { route } = p;
  const blocked = blockedOn(route, restrictionHits, sanctionHits, chain);
  if (blocked === undefined) return undefined;
  const s = blocked.share;
  const cap = s > SWITCHED_OFF_MOST ? 2 * (1 - s) * ctx.opts.thresholds.ratings.low : undefined;
  const capped = (x: number) => (cap === undefined ? x : Math.min(x, cap));
  let best = { effective: capped((1 - s) * structural), status: "no-recovery" as SwitchedOff["status"], fallback: undefined as Fallback | undefined, fallbackScore: undefined as number | undefined };
  for (let i = 0; i < p.fallbacks.length; i++) {
    const fb = p.fallbacks[i]!;
    const fr = p.fallbackRoutes?.[i] ?? resolveFallbackRoute(ctx, fb, route.users);
    if (!fr) continue;
    if (blocksSameUsers(blocked, blockedOn(fr, landscape.restrictions, landscape.sanctions, (fr.chain ??= chainCountries(fr))))) continue;
    const status = fallbackRecovery(fb, p.system.toleratedDowntimeHours, ctx.asOf, ctx.opts.thresholds);
    const own = fallbackOwnScore(ctx, p, fb, fr, landscape, share);
    const blended = (1 - s) * structural + s * Math.min(structural, own) * (1 - RECOVERY_IMPACT[status]);
    const effective = status === "recovers" ? blended : capped(blended);
    const better = effective > best.effective + 1e-9 || (effective > best.effective - 1e-9 && RECOVERY_ORDER.indexOf(status) < RECOVERY_ORDER.indexOf(best.status));
    if (better) best = { effective, status, fallback: fb, fallbackScore: own };
  }
  // A fallback that carries every blocked user at the dependency's own score leaves it as it was
  // (the blend is N again, up to floating-point noise, which must not read as a loss).
  const effective = best.effective > structural - 1e-9 ? structural : Math.max(0, best.effective);
  const because = blocked.allBecause;
  return {
    share: s,
    allBecause: because,
    countries:
      because === "hosting"
        ? [route.hostingCountry]
        : because === "licensee"
          ? [route.licenseeCountry]
          : because === "chain"
            ? []
            : route.users.countries.filter((_, i) => blocked.flags[i] === 1),
    events: blocked.events,
    status: best.status,
    fallback: best.fallback?.key,
    switchTimeHours: best.fallback?.switchTimeHours,
    fallbackScore: best.fallbackScore,
    structural,
    effective,
    cap: best.status === "recovers" ? undefined : cap,
  };
}

/** Raw points of the four concentration factors: 25 x (1 - share) per axis. */
function concentrationRaw(p: PreparedDependency, share: ShareFn, raw: Float64Array): void {
  for (let a = 0; a < AXES.length; a++) {
    const axis = AXES[a]!;
    const key = p.concKeys[axis];
    const max = FACTORS[I_CONCENTRATION + a]!.max;
    raw[I_CONCENTRATION + a] = key === undefined ? max : max * (1 - share(axis, key));
  }
}

/** Raw points of the two access factors (landscape-independent). */
function accessRaw(ctx: Context, p: PreparedDependency, raw: Float64Array): void {
  const { route } = p;
  raw[0] = accessPathPoints(route);
  const hostingBloc = blocOf(route.hostingCountry);
  let usersInHostingBloc = false;
  for (const c of route.userCountries) {
    if (blocOf(c) === hostingBloc) {
      usersInHostingBloc = true;
      break;
    }
  }
  raw[1] = hostingPoints(hostingBloc, ctx.homeBloc, usersInHostingBloc, route.accessPath === "self-hosted" || p.dep.contract?.dataResidency === true);
}

/** Raw points of the transfer factor (landscape-independent): the weakest personal-data flow. */
function transferRaw(ctx: Context, p: PreparedDependency, foreignAccess: boolean): number {
  const { route } = p;
  const importer = operatorOf(route);
  const importerDpf = importer ? importer.dpfCertified === true : ctx.doc.organisation.dpfCertified === true;
  const hq = ctx.doc.organisation.hqCountry;
  let transfer = -1;
  const personal = p.personal;
  if (personal !== undefined && p.personalOf === p.flows) {
    for (let i = 0; i < personal.length; i += 2) {
      const pts = transferFlowPoints(personal[i] ?? hq, personal[i + 1] as TransferMechanism | undefined, route.hostingCountry, importerDpf, foreignAccess, ctx.asOf);
      if (pts >= 0 && (transfer < 0 || pts < transfer)) transfer = pts;
    }
  } else {
    for (const f of p.flows) {
      if (!f.categories.includes("personal") && !f.categories.includes("special-category")) continue;
      const origin = ctx.offices.get(f.fromOffice)?.country ?? hq;
      const pts = transferFlowPoints(origin, f.transferMechanism, route.hostingCountry, importerDpf, foreignAccess, ctx.asOf);
      if (pts >= 0 && (transfer < 0 || pts < transfer)) transfer = pts;
    }
  }
  return transfer < 0 ? MAX_TRANSFER : transfer;
}

/** Scores one dependency with its explanations (factor drafts with sentences and sources). */
export function computeDependency(
  ctx: Context,
  p: PreparedDependency,
  landscape: ActiveLandscape,
  share: ShareFn,
): { drafts: FactorDraft[]; bestFallback: string | undefined; restrictedBy: string[]; switchedOff: SwitchedOff | undefined; notRecorded: string[] } {
  const { route } = p;
  const sev = ctx.opts.weights.severity;
  const asOf = ctx.asOf;

  // Access
  const userBlocs = blocsOf(route.userCountries);
  const committed = route.accessPath === "self-hosted" || p.dep.contract?.dataResidency === true;
  const access = accessPathFactor(route);
  const hosting = hostingFactor({
    hostingCountry: route.hostingCountry,
    hostingBloc: blocOf(route.hostingCountry),
    homeBloc: ctx.homeBloc,
    userBlocs,
    committed,
    defaulted: route.hostingDefaulted,
  });

  // Jurisdiction
  const hits: EventHit[] = [];
  for (const e of landscape.restrictions) {
    const h = matchEvent(e, route, sev);
    if (h) hits.push(h);
  }
  const chain = (route.chain ??= chainCountries(route));
  const sanctionHits: EventHit[] = [];
  for (const e of landscape.sanctions) {
    const h = matchSanction(e, route, chain, sev);
    if (h) sanctionHits.push(h);
  }
  const restrictions = restrictionsFactor(hits, route.users);
  const extraterritorial = extraterritorialFactor({ chain, homeBloc: ctx.homeBloc, asOf });
  const flows: TransferFlow[] = [];
  for (const f of p.flows) {
    if (!f.categories.includes("personal") && !f.categories.includes("special-category")) continue;
    flows.push({ key: f.key, originCountry: ctx.offices.get(f.fromOffice)?.country ?? ctx.doc.organisation.hqCountry, personal: true, mechanism: f.transferMechanism });
  }
  const importer = operatorOf(route);
  const transfer = transferFactor({
    flows,
    destination: route.hostingCountry,
    importerDpf: importer ? importer.dpfCertified : ctx.doc.organisation.dpfCertified,
    importerName: importer?.name ?? ctx.doc.organisation.name,
    foreignAccess: extraterritorial.raw < 25,
    asOf,
  });
  const sanctions = sanctionsFactor(sanctionHits);

  // Fallback
  const primaryHitKeys = new Set(hits.map((h) => h.event.key));
  const candidates: FallbackCandidate[] = [];
  if (!holdsOpenWeights(route)) {
    for (let i = 0; i < p.fallbacks.length; i++) {
      const fb = p.fallbacks[i]!;
      const fr = p.fallbackRoutes?.[i] ?? resolveFallbackRoute(ctx, fb, route.users);
      if (!fr) continue;
      let impact = 0;
      let shares = false;
      for (const e of landscape.restrictions) {
        const h = matchEvent(e, fr, sev);
        if (!h) continue;
        if (h.impact > impact) impact = h.impact;
        if (primaryHitKeys.has(e.key)) shares = true;
      }
      candidates.push({ fallback: fb, route: fr, restrictionImpact: impact, sharesActiveRestriction: shares });
    }
  }
  const fb = fallbackFactors({
    primary: route,
    candidates,
    toleratedHours: p.system.toleratedDowntimeHours,
    exitPlan: p.dep.exitPlan,
    contract: p.dep.contract,
    asOf,
    thresholds: ctx.opts.thresholds,
  });

  // Concentration
  const conc: FactorDraft[] = AXES.map((axis) => {
    const key = p.concKeys[axis];
    if (key === undefined) return concentrationFactor(axis, undefined, "", 0);
    const label = axis === "vendor" || axis === "cloud" ? (ctx.vendors.get(key)?.name ?? key) : key;
    return concentrationFactor(axis, key, label, share(axis, key));
  });

  const structuralDrafts = [access, hosting, restrictions, extraterritorial, transfer, sanctions, ...fb.factors, ...conc];
  const fw = factorWeights(ctx);
  let structural = 0;
  for (let i = 0; i < STRUCTURAL_FACTOR_COUNT; i++) structural += structuralDrafts[i]!.raw * fw[i]!;
  const off = hits.length + sanctionHits.length === 0 ? undefined : switchedOffOf(ctx, p, landscape, share, structural, chain, hits.map((h) => h.event), sanctionHits.map((h) => h.event));
  const events = new Map([...landscape.restrictions, ...landscape.sanctions].map((e) => [e.key, e]));
  const drafts = [...structuralDrafts, switchedOffFactor(off, { events, users: route.users, systemName: p.system.name, toleratedHours: p.system.toleratedDowntimeHours, fallbackName: (key) => fallbackName(ctx, p, key), low: ctx.opts.thresholds.ratings.low })];
  const restrictedBy = [...new Set([...hits, ...sanctionHits].filter((h) => h.impact > 0).map((h) => h.event.key))].sort();
  // Facts the score rests on that nobody recorded: shown as "not recorded: verify", never as a silent default.
  const notRecorded: string[] = [];
  if (transfer.unrecordedDpf) notRecorded.push(`whether ${importer?.name ?? ctx.doc.organisation.name} is certified under the EU-US Data Privacy Framework (scored as not certified)`);
  if (hits.length + sanctionHits.length > 0 && route.users.unrecorded.length > 0) notRecorded.push(`the headcount of ${listOf(route.users.unrecorded)} (restricted shares counted by offices)`);
  if (hits.some((h) => h.assumedCompute)) notRecorded.push(`the training compute of ${route.model.name} (assumed above every threshold)`);
  if (route.hostingDefaulted) notRecorded.push(`where ${route.model.name} runs (assumed ${countryPhrase(route.hostingCountry)})`);
  return { drafts, bestFallback: fb.best, restrictedBy: restrictedBy.length === 0 ? NONE : restrictedBy, switchedOff: off, notRecorded };
}

/** "Model (Vendor)" of one of the dependency's fallbacks, for sentences. */
function fallbackName(ctx: Context, p: PreparedDependency, key: string): string {
  const i = p.fallbacks.findIndex((f) => f.key === key);
  const fr = i < 0 ? undefined : (p.fallbackRoutes?.[i] ?? resolveFallbackRoute(ctx, p.fallbacks[i]!, p.route.users));
  return fr ? `${fr.model.name} (${fr.vendor.name})` : key;
}
