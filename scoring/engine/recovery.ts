import type { Fallback } from "../schema/inventory";
import type { ImposeEvent, Restriction } from "../schema/policy-event";
import { inCountrySet } from "./countries";
import { testedPoints, type FallbackThresholds } from "./factors/fallback";
import { scopeSelects, NO_MATCH } from "./match";
import type { Route } from "./route";

/** What happens to a system's service when a dependency is switched off. */
export type RecoveryStatus = "unaffected" | "recovers" | "recovers-slowly" | "uncertain" | "no-recovery";

/**
 * How much of the service counts as lost, by recovery status: a tested fallback within the
 * tolerated downtime recovers it; a tested but slow one loses a quarter; an untested one half;
 * no usable fallback, all of it. Scenarios weigh their impact with it, and the score of a
 * dependency switched off today counts its fallback's score at (1 - this).
 */
export const RECOVERY_IMPACT: Record<RecoveryStatus, number> = { unaffected: 0, recovers: 0, "recovers-slowly": 0.25, uncertain: 0.5, "no-recovery": 1 };

/** Recovery statuses from best to worst. */
export const RECOVERY_ORDER: readonly Exclude<RecoveryStatus, "unaffected">[] = ["recovers", "recovers-slowly", "uncertain", "no-recovery"];

/**
 * How a usable fallback recovers: through a drill within the stale period and a switch within the
 * system's tolerated downtime ("recovers"), tested but slower or of unknown switch time
 * ("recovers-slowly"), or never tested ("uncertain").
 *
 * @example
 * fallbackRecovery({ lastTested: "2026-10-01", switchTimeHours: 1 }, 4, "2026-11-01", thresholds) //=> "recovers"
 * fallbackRecovery({ switchTimeHours: 1 }, 4, "2026-11-01", thresholds) //=> "uncertain"
 */
export function fallbackRecovery(fb: Pick<Fallback, "lastTested" | "switchTimeHours">, toleratedHours: number, asOf: string, t: FallbackThresholds): "recovers" | "recovers-slowly" | "uncertain" {
  if (testedPoints(fb.lastTested, asOf, t) === 0) return "uncertain";
  return fb.switchTimeHours !== undefined && fb.switchTimeHours <= toleratedHours ? "recovers" : "recovers-slowly";
}

/** The users of a route that events in force block outright (severity "block"). */
export interface Blocked {
  /** Everyone: the model runs in a blocked country, the organisation is a blocked licensee, or a sanction touches the chain. */
  all: boolean;
  /** Why everyone is cut off (the first reason found), when `all`. */
  allBecause: "hosting" | "licensee" | "chain" | undefined;
  /** Per user country (aligned with `route.users.countries`): 1 when blocked. */
  flags: Uint8Array;
  /** The blocked share of the users (1 when `all`). */
  share: number;
  /** Keys of the events that block, sorted. */
  events: string[];
}

/** Marks the users one blocking restriction cuts off: why everyone is, 1 some users (flagged), 0 nobody. */
function applyBlock(r: Restriction, route: Route, chain: readonly string[] | undefined, flags: Uint8Array): 0 | 1 | "hosting" | "licensee" | "chain" {
  if (r.locus === "licensee") return inCountrySet(r.countries, route.licenseeCountry) ? "licensee" : 0;
  if (chain !== undefined) {
    // A sanction: touching the chain cuts everyone off; otherwise the users in sanctioned countries.
    for (const c of chain) if (inCountrySet(r.countries, c)) return "chain";
  } else {
    if (r.locus !== "users" && inCountrySet(r.countries, route.hostingCountry)) return "hosting";
    if (r.locus === "hosting") return 0;
  }
  const countries = route.users.countries;
  let hit: 0 | 1 = 0;
  for (let i = 0; i < countries.length; i++) {
    if (inCountrySet(r.countries, countries[i]!)) {
      flags[i] = 1;
      hit = 1;
    }
  }
  return hit;
}

/**
 * The users that the blocking restrictions in force cut off from a route: the union over every
 * event whose scope selects the route (restrictions: users, hosting, licensee; sanctions: the
 * chain, else the users). Undefined when nobody is blocked. Licence requirements do not block.
 *
 * @example
 * blockedOn(apiRouteUsedFrom({ DE: 0.8, IN: 0.2 }), [blockIndia], [], chain) //=> { all: false, share: 0.2, events: ["block-india"], ... }
 */
export function blockedOn(route: Route, restrictions: readonly ImposeEvent[], sanctions: readonly ImposeEvent[], chain: readonly string[]): Blocked | undefined {
  let flags: Uint8Array | undefined;
  let all = false;
  let allBecause: Blocked["allBecause"];
  let events: string[] | undefined;
  const consider = (e: ImposeEvent, sanction: boolean) => {
    if (scopeSelects(e.scope, route) === NO_MATCH) return;
    let hit = false;
    for (const r of e.restrictions) {
      if (r.severity !== "block") continue;
      flags ??= new Uint8Array(route.users.countries.length);
      const how = applyBlock(r, route, sanction ? chain : undefined, flags);
      if (typeof how === "string") {
        all = true;
        allBecause ??= how;
      }
      if (how !== 0) hit = true;
    }
    if (hit) (events ??= []).push(e.key);
  };
  for (const e of restrictions) consider(e, false);
  for (const e of sanctions) consider(e, true);
  if (events === undefined || flags === undefined) return undefined;
  let share = 0;
  if (all) share = 1;
  else {
    const shares = route.users.shares;
    for (let i = 0; i < flags.length; i++) if (flags[i] === 1) share += shares[i]!;
  }
  if (share > 1) share = 1;
  if (!(share > 0)) return undefined;
  return { all, allBecause, flags, share, events: [...new Set(events)].sort() };
}

/**
 * True when a fallback route is itself blocked for any of the users the primary lost: it cannot
 * carry them. (Both routes share the primary's users, so their flags align.)
 */
export function blocksSameUsers(primary: Blocked, fallback: Blocked | undefined): boolean {
  if (fallback === undefined) return false;
  if (fallback.all) return true;
  for (let i = 0; i < primary.flags.length; i++) if ((primary.all || primary.flags[i] === 1) && fallback.flags[i] === 1) return true;
  return false;
}
