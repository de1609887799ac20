import { blocOf } from "./countries";
import { MODE, withoutExplanations } from "./explain-mode";
import type { ActiveLandscape, Context, PreparedDependency } from "./context";
import { accessPathFactor, hostingFactor } from "./factors/access";
import { AXES, concentrationFactor, type Axis } from "./factors/concentration";
import { fallbackFactors, type FallbackCandidate } from "./factors/fallback";
import { extraterritorialFactor, restrictionsFactor, sanctionsFactor, transferFactor, type TransferFlow } from "./factors/jurisdiction";
import { FACTORS, type FactorDraft } from "./factors/types";
import { matchEvent, matchSanction, type EventHit } from "./match";
import { chainCountries, holdsOpenWeights, operatorOf, resolveFallbackRoute } from "./route-helpers";

/**
 * One dependency, scored. Only numbers are kept; the explanations (`drafts`, with their
 * sentences and sources) are rebuilt on first access by re-running the same pure evaluation,
 * so a large inventory does not hold hundreds of thousands of sentences nobody reads.
 */
export class DependencyEvaluation {
  #drafts: FactorDraft[] | undefined;
  constructor(
    readonly p: PreparedDependency,
    /** Raw points per factor within its dimension (FACTORS order). */
    readonly raw: Float64Array,
    /** Weighted, unrounded points per factor (FACTORS order). */
    readonly points: Float64Array,
    readonly total: number,
    readonly bestFallback: string | undefined,
    readonly restrictedBy: string[],
    private readonly ctx: Context,
    private readonly landscape: ActiveLandscape,
    private readonly share: ShareFn,
    drafts?: FactorDraft[],
  ) {
    this.#drafts = drafts;
  }
  get drafts(): FactorDraft[] {
    if (!this.#drafts) {
      const prev = MODE.explain;
      MODE.explain = true;
      try {
        this.#drafts = computeDependency(this.ctx, this.p, this.landscape, this.share).drafts;
      } finally {
        MODE.explain = prev;
      }
    }
    return this.#drafts;
  }
}

const NONE: string[] = [];

const WEIGHTS = new WeakMap<Context, Float64Array>();
/** The dimension weight of each factor, in FACTORS order (cached per context). */
function factorWeights(ctx: Context): Float64Array {
  let fw = WEIGHTS.get(ctx);
  if (!fw) {
    fw = Float64Array.from(FACTORS, (f) => ctx.opts.weights.dimensions[f.dimension]);
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

/** The criticality-weighted share of a key on an axis, from the context's indexes. */
export function contextShare(ctx: Context): ShareFn {
  return (axis, key) => (ctx.totalWeight > 0 ? (ctx.axisWeight[axis].get(key) ?? 0) / ctx.totalWeight : 0);
}

/**
 * Scores one dependency against a landscape. Pure: reads the context, writes nothing.
 */
export function evaluateDependency(ctx: Context, p: PreparedDependency, landscape: ActiveLandscape = ctx.active, share: ShareFn = contextShare(ctx)): DependencyEvaluation {
  const c = withoutExplanations(() => computeDependency(ctx, p, landscape, share));
  const raw = new Float64Array(c.drafts.length);
  const points = new Float64Array(c.drafts.length);
  const fw = factorWeights(ctx);
  let total = 0;
  for (let i = 0; i < raw.length; i++) {
    raw[i] = c.drafts[i]!.raw;
    points[i] = raw[i]! * fw[i]!;
    total += points[i]!;
  }
  return new DependencyEvaluation(p, raw, points, total, c.bestFallback, c.restrictedBy, ctx, landscape, share);
}

function computeDependency(ctx: Context, p: PreparedDependency, landscape: ActiveLandscape, share: ShareFn): { drafts: FactorDraft[]; bestFallback: string | undefined; restrictedBy: string[] } {
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
  const restrictions = restrictionsFactor(hits, route.userCountries.length);
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
    importerDpf: importer ? importer.dpfCertified === true : ctx.doc.organisation.dpfCertified === true,
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
      const fr = p.fallbackRoutes?.[i] ?? resolveFallbackRoute(ctx, fb, route.userCountries);
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

  const drafts = [access, hosting, restrictions, extraterritorial, transfer, sanctions, ...fb.factors, ...conc];
  const restrictedBy = hits.length + sanctionHits.length === 0 ? NONE : [...new Set([...hits, ...sanctionHits].map((h) => h.event.key))].sort();
  return { drafts, bestFallback: fb.best, restrictedBy };
}
