import { round2, weakestOf } from "./engine/aggregate";
import { buildContext, type Context, type PreparedDependency, resolveRoute } from "./engine/context";
import { countryPhrase as countryName } from "./engine/countries";
import { contextShare, evaluateDependency, type DependencyEvaluation, type ShareFn } from "./engine/evaluate";
import { AXES, concentrationKeys, type Axis } from "./engine/factors/concentration";
import { FACTOR_INDEX, FACTORS, MAX_POINTS, type FactorId } from "./engine/factors/types";
import { holdsOpenWeights } from "./engine/route";
import type { ScoringOptions } from "./options";
import type { ScoringResult } from "./results";
import { requireOptions, scoreContext, scoringStateOf, type ScoringState } from "./score-inventory";
import type { DataFlow, Dependency, Fallback, InventoryDocument, Model, Vendor } from "./schema/inventory";
import { ACCESS_PATH_WORDS, possessive } from "./words";

export const REMEDIATION_KINDS = [
  "add-independent-fallback",
  "test-fallback",
  "shorten-switch-time",
  "document-exit-plan",
  "move-hosting-home",
  "self-host-open-weights",
  "fix-transfer-basis",
  "reduce-concentration",
] as const;
export type RemediationKind = (typeof REMEDIATION_KINDS)[number];

/** A suggested action with the score it is expected to gain, computed by re-scoring the modified input. */
export interface Remediation {
  id: string;
  kind: RemediationKind;
  title: string;
  /** The change that was re-scored, in plain language. */
  change: string;
  system: string;
  dependency: string;
  vendor: string;
  /** The factors this action addresses. */
  addresses: FactorId[];
  expectedGain: { organisation: number; system: number; dependency: number };
}

/** A modified input for one dependency: the edited dependency row, its fallbacks and data flows. */
interface Modification {
  kind: RemediationKind;
  title: string;
  change: string;
  addresses: FactorId[];
  dep: Dependency;
  fallbacks: readonly Fallback[];
  flows: readonly DataFlow[];
}

const SUGGESTED_VENDOR_KEY = "sovra:self-hosted";
const SUGGESTED_MODEL_KEY = "sovra:open-weights";

/**
 * Re-scores one modified dependency incrementally: the dependency itself, every dependency whose
 * concentration share moves (when the change moves it to another vendor, family, cloud or
 * jurisdiction), their systems, and the organisation aggregate. Equivalent to re-scoring the
 * whole modified document.
 */
export function gainOf(state: ScoringState, p: PreparedDependency, mod: Modification, ctx: Context): { organisation: number; system: number; dependency: number } {
  const route = resolveRoute(ctx, mod.dep, p.route.users, ctx.extraModels, ctx.extraVendors);
  if (!route) return { organisation: 0, system: 0, dependency: 0 };
  const concKeys = concentrationKeys(route);
  const next: PreparedDependency = { ...p, dep: mod.dep, route, fallbacks: mod.fallbacks, fallbackRoutes: undefined, flows: mod.flows, concKeys };
  const changed = AXES.filter((a) => concKeys[a] !== p.concKeys[a]);
  const base = contextShare(ctx);
  const delta = (axis: Axis, key: string) => (p.concKeys[axis] === key ? -p.weight : 0) + (concKeys[axis] === key ? p.weight : 0);
  const share: ShareFn = changed.length === 0 ? base : (axis, key) => (ctx.totalWeight > 0 ? ((ctx.axisWeight[axis].get(key) ?? 0) + delta(axis, key)) / ctx.totalWeight : 0);
  const evalNext = evaluateDependency(ctx, next, ctx.active, share);
  const old = state.evals.get(p.dep.key)!;

  // Totals that change: this dependency, and others whose concentration share moved.
  const totals = new Map<string, number>([[p.dep.key, evalNext.total]]);
  let rescore: Set<PreparedDependency> | undefined;
  if (changed.length > 0) {
    const wc = ctx.opts.weights.dimensions.concentration;
    for (const axis of changed) {
      for (const key of [p.concKeys[axis], concKeys[axis]]) {
        if (key === undefined) continue;
        const d = delta(axis, key);
        if (d === 0 || ctx.totalWeight === 0) continue;
        const pointsDelta = (-MAX_POINTS[`concentration.${axis}` as FactorId] * wc * d) / ctx.totalWeight;
        for (const other of ctx.axisIndex[axis].get(key) ?? []) {
          if (other.dep.key === p.dep.key) continue;
          const was = state.evals.get(other.dep.key)!;
          // The switched-off rule is not linear in the factors: such a dependency is re-scored in full below.
          if (was.switchedOff !== undefined) {
            (rescore ??= new Set()).add(other);
            continue;
          }
          const cur = totals.get(other.dep.key) ?? was.total;
          totals.set(other.dep.key, cur + pointsDelta);
        }
      }
    }
    for (const other of rescore ?? []) totals.set(other.dep.key, evaluateDependency(ctx, other, ctx.active, share).total);
  }
  let orgDelta = 0;
  let sysDelta = 0;
  let W = 0;
  const touchedSystems = new Set<string>();
  for (const k of totals.keys()) touchedSystems.add(ctx.preparedByKey.get(k)!.system.key);
  const stateBySystem = systemIndex(state);
  for (const st of state.states) W += st.weight;
  for (const sk of touchedSystems) {
    const st = stateBySystem.get(sk)!;
    let min = Infinity;
    for (const d of st.deps) min = Math.min(min, totals.get(d.p.dep.key) ?? d.total);
    const before = st.weakest.total;
    orgDelta += st.weight * (min - before);
    if (sk === p.system.key) sysDelta = min - before;
  }
  return { organisation: W > 0 ? orgDelta / W : 0, system: sysDelta, dependency: evalNext.total - old.total };
}

const SYSTEM_INDEX = new WeakMap<ScoringState, Map<string, ScoringState["states"][number]>>();
function systemIndex(state: ScoringState) {
  let m = SYSTEM_INDEX.get(state);
  if (!m) {
    m = new Map(state.states.map((s) => [s.key, s]));
    SYSTEM_INDEX.set(state, m);
  }
  return m;
}

function lost(e: DependencyEvaluation, id: FactorId): boolean {
  const i = FACTOR_INDEX[id];
  return e.raw[i]! < FACTORS[i]!.max - 1e-9;
}

/** The candidate modifications for a system's weakest dependency, derived from its factors. */
function candidates(ctx: Context, e: DependencyEvaluation, openModel: Model): Modification[] {
  const p = e.p;
  const { dep, system, route } = p;
  const asOf = ctx.asOf;
  const hq = ctx.doc.organisation.hqCountry;
  const out: Modification[] = [];
  const selfHeld = holdsOpenWeights(route);
  const best = p.fallbacks.find((f) => f.key === e.bestFallback);
  // Fallbacks and models by name in what people read: keys are the document's, not theirs.
  const modelName = (key: string) => ctx.models.get(key)?.name ?? key;
  const bestName = best ? `${modelName(best.model)} (${ACCESS_PATH_WORDS[best.accessPath] ?? best.accessPath})` : "";

  if (!selfHeld && (lost(e, "fallback.exists") || lost(e, "fallback.independence"))) {
    const fb: Fallback = { key: `${dep.key}:suggested-fallback`, dependency: dep.key, model: openModel.key, accessPath: "self-hosted", hostingRegion: { country: hq }, lastTested: asOf, switchTimeHours: system.toleratedDowntimeHours };
    out.push({
      kind: "add-independent-fallback",
      title: `Add an independent fallback for ${system.name}: self-host ${openModel.name} in ${countryName(hq)} and drill the switch`,
      change: `Added fallback: ${openModel.name}, self-hosted in ${countryName(hq)}, tested on ${asOf}, switch time ${system.toleratedDowntimeHours} h.`,
      addresses: ["fallback.exists", "fallback.independence", "fallback.tested", "fallback.switch-time"],
      dep,
      fallbacks: [...p.fallbacks, fb],
      flows: p.flows,
    });
  }
  if (!selfHeld && best && lost(e, "fallback.tested")) {
    out.push({
      kind: "test-fallback",
      title: `Run a fallback drill for ${system.name}: switch to ${bestName} and record the result`,
      change: `Fallback to ${bestName} tested on ${asOf}.`,
      addresses: ["fallback.tested"],
      dep,
      fallbacks: p.fallbacks.map((f) => (f.key === best.key ? { ...f, lastTested: asOf } : f)),
      flows: p.flows,
    });
  }
  if (!selfHeld && best && lost(e, "fallback.switch-time")) {
    out.push({
      kind: "shorten-switch-time",
      title: `Cut the switch time to ${bestName} for ${system.name} to within ${system.toleratedDowntimeHours} h`,
      change: `Switch time to ${bestName} set to ${system.toleratedDowntimeHours} h.`,
      addresses: ["fallback.switch-time"],
      dep,
      fallbacks: p.fallbacks.map((f) => (f.key === best.key ? { ...f, switchTimeHours: system.toleratedDowntimeHours } : f)),
      flows: p.flows,
    });
  }
  if (!selfHeld && lost(e, "fallback.exit-plan")) {
    out.push({
      kind: "document-exit-plan",
      title: `Document and review an exit plan for ${system.name} on ${route.vendor.name}, and negotiate contractual exit terms`,
      change: `Exit plan documented and reviewed on ${asOf}; exit terms in the contract.`,
      addresses: ["fallback.exit-plan"],
      dep: { ...dep, exitPlan: { documented: true, lastReviewed: asOf }, contract: { ...dep.contract, exitTerms: true } },
      fallbacks: p.fallbacks,
      flows: p.flows,
    });
  }
  if (route.accessPath !== "self-hosted" && lost(e, "access.hosting")) {
    const move = route.accessPath !== "direct-api";
    out.push({
      kind: "move-hosting-home",
      title: move
        ? `Move ${possessive(system.name)} ${route.model.name} deployment to a region in ${countryName(hq)} and negotiate a data-residency commitment`
        : `Negotiate a data-residency commitment with ${route.vendor.name} for ${system.name}`,
      change: move ? `Hosting moved to a region in ${countryName(hq)}; data residency committed in the contract.` : "Data residency committed in the contract.",
      addresses: ["access.hosting", "jurisdiction.transfer"],
      dep: { ...dep, ...(move ? { hostingRegion: { country: hq } } : {}), contract: { ...dep.contract, dataResidency: true } },
      fallbacks: p.fallbacks,
      flows: p.flows,
    });
  }
  if (route.model.weights === "open" && route.accessPath !== "self-hosted") {
    const { cloud: _cloud, ...rest } = dep;
    out.push({
      kind: "self-host-open-weights",
      title: `Self-host the open weights of ${route.model.name} for ${system.name} in ${countryName(hq)}`,
      change: `Access path changed to self-hosted in ${countryName(hq)}.`,
      addresses: ["access.path", "access.hosting", "jurisdiction.extraterritorial", "concentration.vendor"],
      dep: { ...rest, accessPath: "self-hosted", hostingRegion: { country: hq } },
      fallbacks: p.fallbacks,
      flows: p.flows,
    });
  }
  if (lost(e, "jurisdiction.transfer")) {
    out.push({
      kind: "fix-transfer-basis",
      title: `Put standard contractual clauses and a transfer impact assessment in place for ${possessive(system.name)} personal data to ${countryName(route.hostingCountry)}`,
      change: "Transfer mechanism of personal-data flows without adequate basis set to SCCs.",
      addresses: ["jurisdiction.transfer"],
      dep,
      fallbacks: p.fallbacks,
      flows: p.flows.map((f) => (f.transferMechanism === "scc" || f.transferMechanism === "bcr" ? f : { ...f, transferMechanism: "scc" as const })),
    });
  }
  const concentrated = (["concentration.vendor", "concentration.jurisdiction"] as const).some((id) => e.raw[FACTOR_INDEX[id]]! <= MAX_POINTS[id] * 0.75);
  if (!selfHeld && best && concentrated) {
    const fbRoute = resolveRoute(ctx, best, route.users);
    if (fbRoute && fbRoute.vendor.key !== route.vendor.key) {
      const { cloud: _c, hostingRegion: _h, ...depRest } = dep;
      const promoted: Dependency = { ...depRest, model: best.model, accessPath: best.accessPath, ...(best.cloud ? { cloud: best.cloud } : {}), ...(best.hostingRegion ? { hostingRegion: best.hostingRegion } : {}) };
      const demoted: Fallback = { key: `${dep.key}:previous-primary`, dependency: dep.key, model: dep.model, accessPath: dep.accessPath, ...(dep.cloud ? { cloud: dep.cloud } : {}), ...(dep.hostingRegion ? { hostingRegion: dep.hostingRegion } : {}), ...(best.lastTested ? { lastTested: best.lastTested } : {}), ...(best.switchTimeHours !== undefined ? { switchTimeHours: best.switchTimeHours } : {}) };
      out.push({
        kind: "reduce-concentration",
        title: `Reduce reliance on ${route.vendor.name}: promote ${fbRoute.model.name} to primary for ${system.name} and keep ${route.model.name} as the fallback`,
        change: `Primary and fallback swapped: ${fbRoute.model.name} first, ${route.model.name} as the fallback.`,
        addresses: ["concentration.vendor", "concentration.model-family", "concentration.cloud", "concentration.jurisdiction"],
        dep: promoted,
        fallbacks: [...p.fallbacks.filter((f) => f.key !== best.key), demoted],
        flows: p.flows,
      });
    }
  }
  return out;
}

/**
 * Suggests remediation actions derived from the factors of each system's weakest dependency,
 * each with the score it is expected to gain, computed by re-scoring the modified input
 * (incrementally: only the affected dependencies, systems and the organisation aggregate).
 * Ranked by organisation gain. Pass `baseline` (from `scoreInventory`) to reuse its indexes.
 *
 * @example
 * suggestRemediations(doc, { asOf: "2026-11-01", limit: 3 })
 * //=> [{ kind: "add-independent-fallback", title: "Add an independent fallback for Support bot: ...", expectedGain: { organisation: 6.4, system: 22.5, dependency: 22.5 }, ... }, ...]
 */
export function suggestRemediations(doc: InventoryDocument, options: ScoringOptions & { baseline?: ScoringResult; limit?: number; minGain?: number }): Remediation[] {
  const { baseline, limit = 20, minGain = 0.01, ...opts } = options;
  const state = (baseline && scoringStateOf(baseline)) || scoreContext(buildContext(doc, requireOptions(opts))).state;
  return remediationsOnState(state, limit, minGain);
}

/** Remediation on an existing scoring state (used by `suggestRemediations` and the benchmark). */
export function remediationsOnState(state: ScoringState, limit = 20, minGain = 0.01): Remediation[] {
  const base = state.ctx;
  // The open-weight model to suggest as a fallback: one already in the inventory, else a placeholder.
  // Prefer a permissively licensed one (Apache-2.0 / MIT): restrictive licences make a poor emergency fallback.
  let openModel = [...base.models.values()]
    .filter((m) => m.weights === "open" && /\b(apache-2\.0|mit)\b/i.test(m.licence ?? ""))
    .sort((a, b) => (a.key < b.key ? -1 : 1))[0];
  let ctx: Context = base;
  if (!openModel) {
    const vendor: Vendor = { key: SUGGESTED_VENDOR_KEY, name: "An open-weight model of your choice", type: "other", hqCountry: base.doc.organisation.hqCountry };
    openModel = { key: SUGGESTED_MODEL_KEY, name: "a permissively licensed open-weight model", vendor: vendor.key, weights: "open" };
    ctx = { ...base, extraModels: new Map([[openModel.key, openModel]]), extraVendors: new Map([[vendor.key, vendor]]) };
  }
  const out: Remediation[] = [];
  for (const st of state.states) {
    const e = st.weakest;
    for (const mod of candidates(ctx, e, openModel)) {
      const gain = gainOf(state, e.p, mod, ctx);
      if (gain.organisation < minGain && gain.system < minGain) continue;
      out.push({
        id: `${mod.kind}:${e.p.dep.key}`,
        kind: mod.kind,
        title: mod.title,
        change: mod.change,
        system: st.key,
        dependency: e.p.dep.key,
        vendor: e.p.route.vendor.key,
        addresses: mod.addresses,
        expectedGain: { organisation: round2(gain.organisation), system: round2(gain.system), dependency: round2(gain.dependency) },
      });
    }
  }
  out.sort((a, b) => b.expectedGain.organisation - a.expectedGain.organisation || b.expectedGain.system - a.expectedGain.system || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.slice(0, limit);
}

export { weakestOf };
