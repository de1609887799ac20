import { organisationTotal, round2, type SystemState } from "./engine/aggregate";
import type { ActiveLandscape, Context, PreparedDependency } from "./engine/context";
import { countryPhrase, describeCountrySet, inCountrySet } from "./engine/countries";
import { listOf } from "./engine/factors/switched-off";
import { contextShare, evaluateDependency, PointsArena, type DependencyEvaluation, type SwitchedOff } from "./engine/evaluate";
import { fallbackRecovery, RECOVERY_IMPACT, RECOVERY_ORDER, type RecoveryStatus } from "./engine/recovery";
import { duration } from "./engine/dates";
import { count as counted, inSentence } from "./words";
import { ACCESS_LABELS } from "./engine/route";
import type { Office } from "./schema/inventory";
import { eventImpact, matchEvent, type EventHit } from "./engine/match";
import { resolveFallbackRoute } from "./engine/route-helpers";
import type { ScoringOptions } from "./options";
import { ratingFor, type Rating } from "./ratings";
import type { ScoringResult } from "./results";
import { scoreContext, scoringStateOf, requireOptions, type ScoringState } from "./score-inventory";
import { buildContext } from "./engine/context";
import type { InventoryDocument } from "./schema/inventory";
import type { ImposeEvent } from "./schema/policy-event";
import type { CountrySet } from "./schema/primitives";
import type { Scenario, Shock } from "./schema/scenario";
import { METHODOLOGY_VERSION } from "./version";

export { RECOVERY_IMPACT, type RecoveryStatus };

export interface DependencyImpact {
  key: string;
  model: string;
  vendor: string;
  shock: string;
  status: Exclude<RecoveryStatus, "unaffected">;
  fallback: string | undefined;
  switchTimeHours: number | undefined;
  withinTolerance: boolean;
  explanation: string;
}

export interface SystemImpact {
  key: string;
  name: string;
  criticality: string;
  status: Exclude<RecoveryStatus, "unaffected">;
  affectedOffices: string[];
  /** Share of the system's users that newly lose service, by headcount where every office records one (1 when it has no offices recorded). */
  affectedShare: number;
  /** Criticality weight x affected share x recovery impact. */
  weightedImpact: number;
  toleratedDowntimeHours: number;
  recoveryHours: number | undefined;
  dependencies: DependencyImpact[];
  scoreBefore: number;
  scoreAfter: number;
}

export interface ScenarioResult {
  methodologyVersion: string;
  asOf: string;
  scenario: { key: string; name: string; description: string | undefined };
  shocks: { index: number; type: Shock["type"]; description: string; eventKey: string }[];
  /** Criticality-weighted share of the organisation's AI that loses service and does not recover in time (0-100). */
  weightedImpactPercent: number;
  summary: string;
  systems: SystemImpact[];
  offices: { key: string; name: string; country: string; systemsAffected: number }[];
  teams: string[];
  dataFlows: { count: number; keys: string[] };
  counts: { systemsAffected: number; recovers: number; recoversSlowly: number; uncertain: number; noRecovery: number };
  score: { before: number; after: number; delta: number; ratingBefore: Rating; ratingAfter: Rating };
  /**
   * Shock references (vendors, clouds, models) that match nothing in the inventory, by key or
   * catalogue key, in words: the organisation does not use them, or they were renamed since the
   * scenario was written. Absent from results stored before this was added.
   */
  unmatched?: string[];
}

/**
 * The vendors, clouds and models a scenario's shocks name that the inventory has under no key
 * or catalogue key.
 * @example unmatchedReferences(ctx, [{ type: "vendor-blocked", vendor: "acme", countries: { only: ["DE"] } }]) //=> ['vendor "acme"']
 */
export function unmatchedReferences(ctx: Pick<Context, "vendors" | "models">, shocks: readonly Shock[]): string[] {
  const known = (items: Iterable<{ key: string; catalogueKey?: string }>) => {
    const keys = new Set<string>();
    for (const i of items) {
      keys.add(i.key);
      if (i.catalogueKey) keys.add(i.catalogueKey);
    }
    return keys;
  };
  const vendors = known(ctx.vendors.values());
  const models = known(ctx.models.values());
  const out: string[] = [];
  for (const shock of shocks) {
    if (shock.type === "vendor-blocked" && !vendors.has(shock.vendor)) out.push(`vendor "${shock.vendor}"`);
    if (shock.type === "cloud-region-lost" && !vendors.has(shock.cloud)) out.push(`cloud "${shock.cloud}"`);
    if (shock.type === "weights-under-licence") for (const m of shock.models) if (!models.has(m)) out.push(`model "${m}"`);
  }
  return [...new Set(out)];
}

const set = (s: CountrySet) => describeCountrySet(s);

/**
 * Turns a scenario's shocks into policy events effective on `asOf`, so they flow through
 * the same factors as real events.
 *
 * @example
 * shockEvents({ key: "s", shocks: [{ type: "cloud-region-lost", cloud: "amazon", region: "eu-central-1" }], ... }, "2026-11-01")[0].type //=> "disruption"
 */
export function shockEvents(scenario: Scenario, asOf: string): { event: ImposeEvent; description: string }[] {
  return scenario.shocks.map((shock, i) => {
    const base = { kind: "impose" as const, key: `scenario:${scenario.key}:${i}`, effectiveDate: asOf, source: `Scenario "${scenario.name}"` };
    switch (shock.type) {
      case "vendor-blocked": {
        const description = `${shock.vendor} blocked for users in ${set(shock.countries)}`;
        return { description, event: { ...base, type: "vendor-restriction", issuer: "vendor", title: `Scenario: ${description}`, scope: { vendors: [shock.vendor], ...(shock.accessPaths ? { accessPaths: shock.accessPaths } : {}) }, restrictions: [{ countries: shock.countries, locus: "users", severity: "block" }] } };
      }
      case "closed-models-unavailable": {
        const description = `closed models of vendors headquartered in ${listOf(shock.vendorCountries.map(countryPhrase))} unavailable in ${set(shock.region)}`;
        return { description, event: { ...base, type: "export-control", issuer: shock.vendorCountries[0]!, title: `Scenario: ${description}`, scope: { vendorCountries: { only: shock.vendorCountries }, weights: "closed" }, restrictions: [{ countries: shock.region, locus: "any", severity: "block" }] } };
      }
      case "cloud-region-lost": {
        const description = `${shock.cloud} loses ${shock.region ?? "every region"}${shock.country ? ` in ${countryPhrase(shock.country)}` : ""}`;
        return { description, event: { ...base, type: "disruption", issuer: "vendor", title: `Scenario: ${description}`, scope: { clouds: [shock.cloud], ...(shock.region ? { hostingRegions: [shock.region] } : {}) }, restrictions: [{ countries: shock.country ? { only: [shock.country] } : { allExcept: [] }, locus: "hosting", severity: "block" }] } };
      }
      case "weights-under-licence": {
        const description = `weights of ${shock.models.join(", ")} placed under export licence in ${set(shock.countries)}`;
        return { description, event: { ...base, type: "export-control", issuer: "vendor", title: `Scenario: ${description}`, scope: { models: shock.models }, restrictions: [{ countries: shock.countries, locus: "any", severity: "licence-required" }] } };
      }
    }
  }).map((x) => ({ ...x, event: { ...x.event, issuer: x.event.issuer as ImposeEvent["issuer"] } as ImposeEvent }));
}

/**
 * The offices a shock newly cuts off from a dependency: those it reaches (every office when it
 * hits where the model runs or the licensee), less those that restrictions in force already block.
 */
function affectedOfficeKeys(ctx: Context, p: PreparedDependency, hit: EventHit, already: SwitchedOff | undefined): string[] {
  if (already?.allBecause !== undefined) return [];
  const r = hit.restriction;
  const everyone = r.locus === "licensee" || (r.locus !== "users" && inCountrySet(r.countries, p.route.hostingCountry));
  // Countries whose users restrictions in force already cut off (the baseline's switched-off countries).
  const lostBefore = already?.countries;
  const out = new Set<string>();
  const consider = (key: string) => {
    const country = ctx.offices.get(key)?.country;
    if (country === undefined) return;
    if (!everyone && !hit.countries.includes(country)) return;
    if (lostBefore?.includes(country)) return;
    out.add(key);
  };
  for (const o of p.system.offices) consider(o);
  for (const f of p.flows) consider(f.fromOffice);
  return [...out].sort();
}

/** The share of a system's offices' people (or of its offices, when a headcount is missing) that `keys` make up. */
function officeShare(offices: readonly Office[], keys: ReadonlySet<string>): number {
  if (offices.length === 0) return 1;
  const byPeople = offices.every((o) => o.headcount !== undefined) && offices.some((o) => (o.headcount ?? 0) > 0);
  let total = 0;
  let hit = 0;
  for (const o of offices) {
    const w = byPeople ? o.headcount! : 1;
    total += w;
    if (keys.has(o.key)) hit += w;
  }
  return total > 0 ? Math.min(1, hit / total) : 0;
}

/**
 * Simulates a shock: which systems, offices, teams and data flows lose service, which recover
 * through a tested fallback and how fast, the criticality-weighted impact, and the score after
 * the shock (re-scoring only the dependencies the shock reaches).
 * Pass `baseline` (a result of `scoreInventory` for the same document and options) to skip re-scoring the baseline.
 *
 * @example
 * const s = simulateScenario(doc, scenario, { asOf: "2026-11-01" });
 * s.weightedImpactPercent //=> 37.5
 * s.systems[0] //=> { key: "support-bot", status: "recovers", recoveryHours: 2, ... }
 */
export function simulateScenario(doc: InventoryDocument, scenario: Scenario, options: ScoringOptions & { baseline?: ScoringResult }): ScenarioResult {
  const { baseline, ...opts } = options;
  const asOf = opts.asOf;
  const reused = baseline && scoringStateOf(baseline);
  if (reused) return simulateOnState(reused, scenario, asOf, baseline.organisation.score);
  const fresh = scoreContext(buildContext(doc, requireOptions(opts)));
  return simulateOnState(fresh.state, scenario, asOf, fresh.result.organisation.score);
}

/** Scenario simulation on an existing scoring state (used by `simulateScenario` and the benchmark). */
export function simulateOnState(state: ScoringState, scenario: Scenario, asOf: string, baselineScore?: number): ScenarioResult {
  const { ctx } = state;
  const shocks = shockEvents(scenario, asOf);
  const shockList = shocks.map((s) => s.event);
  const landscape: ActiveLandscape = {
    restrictions: [...ctx.active.restrictions, ...shockList].sort((a, b) => (a.key < b.key ? -1 : 1)),
    sanctions: ctx.active.sanctions,
  };
  const sev = ctx.opts.weights.severity;
  const share = contextShare(ctx);
  const t = ctx.opts.thresholds;

  const newEvals = new Map<string, DependencyEvaluation>();
  const depImpacts = new Map<string, { impact: DependencyImpact; offices: string[] }[]>();
  const arena = new PointsArena();
  const touchedSystems = new Set<string>();
  for (const p of ctx.prepared) {
    // The strongest shock on the primary route (the first one on ties), screened without building hits.
    let primaryShock = -1;
    let primaryImpact = 0;
    for (let k = 0; k < shockList.length; k++) {
      const impact = eventImpact(shockList[k]!, p.route, sev);
      if (impact >= 0 && (primaryShock < 0 || impact > primaryImpact)) {
        primaryShock = k;
        primaryImpact = impact;
      }
    }
    if (primaryShock < 0) {
      let fallbackTouched = false;
      for (let i = 0; i < p.fallbacks.length && !fallbackTouched; i++) {
        const fr = p.fallbackRoutes?.[i] ?? resolveFallbackRoute(ctx, p.fallbacks[i]!, p.route.users);
        if (!fr) continue;
        for (const e of shockList) {
          if (eventImpact(e, fr, sev) >= 0) {
            fallbackTouched = true;
            break;
          }
        }
      }
      if (!fallbackTouched) continue;
    }
    newEvals.set(p.dep.key, evaluateDependency(ctx, p, landscape, share, arena.take(), arena.take(), state.list[p.index]));
    touchedSystems.add(p.system.key);
    if (primaryShock < 0) continue;
    const primaryHit = matchEvent(shockList[primaryShock]!, p.route, sev)!;

    // Only what the shocks newly take away counts: users that restrictions in force already block
    // are lost already (the baseline's evaluation says which). Every shock that reaches the route
    // adds the offices it cuts off (two shocks on DE and on US lose both, like one on DE and US).
    const already = state.list[p.index]!.switchedOff;
    const hits = [primaryHit];
    for (let k = 0; k < shockList.length; k++) {
      if (k === primaryShock) continue;
      const h = matchEvent(shockList[k]!, p.route, sev);
      if (h) hits.push(h);
    }
    const offices = hits.length === 1 ? affectedOfficeKeys(ctx, p, primaryHit, already) : [...new Set(hits.flatMap((h) => affectedOfficeKeys(ctx, p, h, already)))].sort();
    const lostCountries = new Set(hits.flatMap((h) => h.countries));
    const lostEverywhere = hits.some((h) => h.share === 1);
    if (offices.length === 0 && !(p.system.offices.length === 0 && !already)) continue;

    // Recovery: the best fallback that the shock (and restrictions already in force) leave usable.
    let best: { key: string; name: string; hours: number | undefined; within: boolean; rank: number } | undefined;
    for (let i = 0; i < p.fallbacks.length; i++) {
      const fb = p.fallbacks[i]!;
      const fr = p.fallbackRoutes?.[i] ?? resolveFallbackRoute(ctx, fb, p.route.users);
      if (!fr) continue;
      const blocked = landscape.restrictions.some((e) => {
        const h = matchEvent(e, fr, sev);
        return h !== null && h.restriction.severity === "block" && (lostEverywhere || h.countries.some((c) => lostCountries.has(c)));
      });
      if (blocked) continue;
      const recovery = fallbackRecovery(fb, p.system.toleratedDowntimeHours, asOf, t);
      const rank = 3 - RECOVERY_ORDER.indexOf(recovery);
      const within = fb.switchTimeHours !== undefined && fb.switchTimeHours <= p.system.toleratedDowntimeHours;
      if (!best || rank > best.rank || (rank === best.rank && (fb.switchTimeHours ?? Infinity) < (best.hours ?? Infinity))) {
        best = { key: fb.key, name: `${fr.model.name} (${fr.vendor.name}, ${inSentence(ACCESS_LABELS[fr.accessPath])})`, hours: fb.switchTimeHours, within, rank };
      }
    }
    const status: DependencyImpact["status"] = !best ? "no-recovery" : best.rank === 3 ? "recovers" : best.rank === 2 ? "recovers-slowly" : "uncertain";
    const explanation = !best
      ? "No usable fallback: service stops for the affected offices."
      : status === "recovers"
        ? `Recovers through the tested fallback ${best.name} in about ${duration(best.hours!)}, within the tolerated ${duration(p.system.toleratedDowntimeHours)}.`
        : status === "recovers-slowly"
          ? `Recovers through the tested fallback ${best.name}, but ${best.hours === undefined ? "the switch time is unknown" : `the switch takes about ${duration(best.hours)}`} against a tolerated ${duration(p.system.toleratedDowntimeHours)}.`
          : `A fallback, ${best.name}, exists but has not been tested recently: recovery is uncertain.`;
    const list = depImpacts.get(p.system.key) ?? [];
    list.push({
      offices,
      impact: {
        key: p.dep.key,
        model: p.route.model.key,
        vendor: p.route.vendor.key,
        shock: primaryHit.event.key,
        status,
        fallback: best?.key,
        switchTimeHours: best?.hours,
        withinTolerance: best?.within ?? false,
        explanation,
      },
    });
    depImpacts.set(p.system.key, list);
  }

  // Re-score touched systems only.
  let W = 0;
  let beforeSum = 0;
  let afterSum = 0;
  const afterBySystem = new Map<string, SystemState["weakest"]>();
  for (const st of state.states) {
    W += st.weight;
    beforeSum += st.weight * st.weakest.total;
    const touched = touchedSystems.has(st.key);
    let weakest = st.weakest;
    if (touched) {
      // weakestOf over the system's dependencies, re-scored where the shock reached them.
      weakest = newEvals.get(st.deps[0]!.p.dep.key) ?? st.deps[0]!;
      for (let i = 1; i < st.deps.length; i++) {
        const d = newEvals.get(st.deps[i]!.p.dep.key) ?? st.deps[i]!;
        if (d.total < weakest.total - 1e-9) weakest = d;
      }
    }
    if (touched) afterBySystem.set(st.key, weakest);
    afterSum += st.weight * weakest.total;
  }
  const orgBefore = baselineScore ?? round2(organisationTotal(state.states));
  const orgAfter = round2(Math.min(100, Math.max(0, orgBefore + (W > 0 ? (afterSum - beforeSum) / W : 0))));

  const ORDER: DependencyImpact["status"][] = ["recovers", "recovers-slowly", "uncertain", "no-recovery"];
  const systems: SystemImpact[] = [];
  const officeHits = new Map<string, number>();
  const teams = new Set<string>();
  const flowKeys: string[] = [];
  let impactSum = 0;
  const stateByKey = new Map(state.states.map((s) => [s.key, s]));
  const flowOfficesOf = new Map<string, string[]>();
  for (const p of ctx.prepared) {
    if (!depImpacts.has(p.system.key) || p.flows.length === 0) continue;
    const list = flowOfficesOf.get(p.system.key) ?? [];
    for (const f of p.flows) list.push(f.fromOffice);
    flowOfficesOf.set(p.system.key, list);
  }
  for (const [sysKey, list] of [...depImpacts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const st = stateByKey.get(sysKey)!;
    const sys = ctx.systems.get(sysKey)!;
    const offices = [...new Set(list.flatMap((l) => l.offices))].sort();
    const status = list.map((l) => l.impact.status).reduce((w, s) => (ORDER.indexOf(s) > ORDER.indexOf(w) ? s : w), "recovers" as DependencyImpact["status"]);
    // The system's people: its own offices and the offices its data flows come from (METHODOLOGY:
    // users), as the offices it loses are counted.
    const known = [...sys.offices, ...(flowOfficesOf.get(sysKey) ?? [])].filter((o) => ctx.offices.has(o));
    const knownOffices = [...new Set(known)].map((o) => ctx.offices.get(o)!);
    const affectedShare = knownOffices.length === 0 ? 1 : officeShare(knownOffices, new Set(offices));
    const weightedImpact = st.weight * affectedShare * RECOVERY_IMPACT[status];
    impactSum += weightedImpact;
    for (const o of offices) {
      officeHits.set(o, (officeHits.get(o) ?? 0) + 1);
      for (const tm of ctx.offices.get(o)?.teams ?? []) teams.add(tm);
    }
    for (const tm of sys.teams ?? []) teams.add(tm);
    const officeSet = new Set(offices);
    for (const l of list) {
      const p = ctx.preparedByKey.get(l.impact.key)!;
      // Every office the system knows is cut off: every flow of the dependency goes (also one from an office not recorded).
      const allCut = knownOffices.every((o) => l.offices.includes(o.key)) && (knownOffices.length > 0 || l.offices.length === 0);
      for (const f of p.flows) if (officeSet.has(f.fromOffice) || allCut) flowKeys.push(f.key);
    }
    const hours = list.map((l) => l.impact.switchTimeHours).filter((h): h is number => h !== undefined);
    const after = afterBySystem.get(sysKey) ?? st.weakest;
    systems.push({
      key: sysKey,
      name: sys.name,
      criticality: sys.criticality,
      status,
      affectedOffices: offices,
      affectedShare: round2(affectedShare),
      weightedImpact: round2(weightedImpact),
      toleratedDowntimeHours: sys.toleratedDowntimeHours,
      recoveryHours: status === "no-recovery" || status === "uncertain" || hours.length === 0 ? undefined : Math.max(...hours),
      dependencies: list.map((l) => l.impact),
      scoreBefore: round2(st.weakest.total),
      scoreAfter: round2(after.total),
    });
  }
  const flowKeySet = [...new Set(flowKeys)].sort();
  const count = (s: DependencyImpact["status"]) => systems.filter((x) => x.status === s).length;
  const weightedImpactPercent = W > 0 ? round2((impactSum / W) * 100) : 0;
  const th = ctx.opts.thresholds.ratings;
  const noRec = count("no-recovery");
  const unmatched = unmatchedReferences(ctx, scenario.shocks);
  const unmatchedNote = unmatched.length ? ` Not in this inventory (not used, or renamed since the scenario was written): ${unmatched.join(", ")}.` : "";
  return {
    methodologyVersion: METHODOLOGY_VERSION,
    asOf,
    scenario: { key: scenario.key, name: scenario.name, description: scenario.description },
    shocks: shocks.map((s, index) => ({ index, type: scenario.shocks[index]!.type, description: s.description, eventKey: s.event.key })),
    weightedImpactPercent,
    summary:
      (systems.length === 0
        ? `${scenario.name}: no AI system loses service.`
        : `${scenario.name}: ${counted(systems.length, "AI system")} ${systems.length === 1 ? "loses" : "lose"} service in ${counted(officeHits.size, "office")}; ${count("recovers")} ${count("recovers") === 1 ? "recovers" : "recover"} through a tested fallback within tolerance, ${noRec} ${noRec === 1 ? "does" : "do"} not recover. Criticality-weighted impact ${weightedImpactPercent}%.`) + unmatchedNote,
    systems,
    offices: [...officeHits].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, n]) => {
      const o = ctx.offices.get(key)!;
      return { key, name: o.name, country: o.country, systemsAffected: n };
    }),
    teams: [...teams].sort(),
    dataFlows: { count: flowKeySet.length, keys: flowKeySet },
    counts: { systemsAffected: systems.length, recovers: count("recovers"), recoversSlowly: count("recovers-slowly"), uncertain: count("uncertain"), noRecovery: noRec },
    score: { before: orgBefore, after: orgAfter, delta: round2(orgAfter - orgBefore), ratingBefore: ratingFor(orgBefore, th), ratingAfter: ratingFor(orgAfter, th) },
    unmatched,
  };
}

export type { PreparedDependency };
