import type { ImposeEvent, PolicyScope, Restriction } from "../schema/policy-event";
import { inCountrySet } from "./countries";
import type { Route } from "./route";

const COMPUTE_RANK: Record<string, number> = { "below-1e25": 0, "1e25-1e26": 1, "above-1e26": 2 };

/** How an event reaches a route. */
export interface EventHit {
  event: ImposeEvent;
  restriction: Restriction;
  /** Share of the route's user countries (or 1 for its hosting country) that is restricted. */
  share: number;
  /** share x severity weight: the part of a factor this event removes. */
  impact: number;
  /** The restricted countries on this route. */
  countries: string[];
  /** True when the model's training compute is undisclosed and the event was applied conservatively. */
  assumedCompute: boolean;
}

const keyed = (list: readonly string[], v: { key: string; catalogueKey?: string | undefined } | undefined) =>
  v !== undefined && (list.includes(v.key) || (v.catalogueKey !== undefined && list.includes(v.catalogueKey)));

/**
 * True when the event's scope selects this route (every given selector must match).
 * Undisclosed training compute is treated as above any compute threshold (conservative).
 *
 * @example
 * scopeMatches({ weights: "closed", accessPaths: ["direct-api"] }, apiRouteToClosedModel) //=> { matches: true, assumedCompute: false }
 */
export function scopeMatches(scope: PolicyScope, route: Route): { matches: boolean; assumedCompute: boolean } {
  const m = scopeSelects(scope, route);
  return { matches: m !== NO_MATCH, assumedCompute: m === MATCH_ASSUMED };
}

/** {@link scopeSelects} results. */
export const NO_MATCH = 0;
export const MATCH = 1;
export const MATCH_ASSUMED = 2;

/**
 * Allocation-free form of {@link scopeMatches}: NO_MATCH, MATCH, or MATCH_ASSUMED (in scope
 * only because the training compute is undisclosed).
 */
export function scopeSelects(scope: PolicyScope, route: Route): number {
  if (scope.weights && route.model.weights !== scope.weights) return NO_MATCH;
  if (scope.accessPaths && !scope.accessPaths.includes(route.accessPath)) return NO_MATCH;
  if (scope.vendors && !keyed(scope.vendors, route.vendor)) return NO_MATCH;
  if (scope.models && !keyed(scope.models, route.model)) return NO_MATCH;
  if (scope.modelFamilies && !scope.modelFamilies.includes(route.model.family ?? route.model.key)) return NO_MATCH;
  if (scope.clouds && !keyed(scope.clouds, route.cloud)) return NO_MATCH;
  if (scope.hostingRegions && (route.hostingRegion === undefined || !scope.hostingRegions.includes(route.hostingRegion))) return NO_MATCH;
  if (scope.vendorCountries) {
    const v = route.vendor;
    if (!inCountrySet(scope.vendorCountries, v.hqCountry) && !(v.ultimateParent && inCountrySet(scope.vendorCountries, v.ultimateParent.country))) return NO_MATCH;
  }
  if (scope.minTrainingCompute) {
    const band = route.model.trainingCompute ?? "unknown";
    if (band === "unknown") return MATCH_ASSUMED;
    if ((COMPUTE_RANK[band] ?? 0) < (COMPUTE_RANK[scope.minTrainingCompute] ?? 0)) return NO_MATCH;
  }
  return MATCH;
}

/** The number of `countries` in the set. */
function countIn(set: Restriction["countries"], countries: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < countries.length; i++) if (inCountrySet(set, countries[i]!)) n++;
  return n;
}

/**
 * The impact of {@link matchEvent} without building the hit: -1 when the event does not reach
 * the route, else the strongest restriction's impact (share x severity weight, possibly 0).
 */
export function eventImpact(event: ImposeEvent, route: Route, severity: Record<Restriction["severity"], number>): number {
  if (scopeSelects(event.scope, route) === NO_MATCH) return -1;
  let best = -1;
  const users = route.userCountries;
  for (const restriction of event.restrictions) {
    let share = 0;
    if (restriction.locus !== "hosting" && users.length > 0) share = countIn(restriction.countries, users) / users.length;
    if (restriction.locus !== "users" && inCountrySet(restriction.countries, route.hostingCountry)) share = 1;
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    if (best === -1 || impact > best) best = impact;
  }
  return best;
}

/** The impact of {@link matchSanction} without building the hit (-1: no hit). */
export function sanctionImpact(event: ImposeEvent, route: Route, chain: readonly string[], severity: Record<Restriction["severity"], number>): number {
  if (scopeSelects(event.scope, route) === NO_MATCH) return -1;
  let best = -1;
  const users = route.userCountries;
  for (const restriction of event.restrictions) {
    const share = countIn(restriction.countries, chain) > 0 ? 1 : users.length > 0 ? countIn(restriction.countries, users) / users.length : 0;
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    if (best === -1 || impact > best) best = impact;
  }
  return best;
}

/**
 * How strongly an imposed event reaches a route, or null when it does not.
 * `users`: the share of the route's user countries in the restricted set; `hosting`: 1 when
 * the model runs in a restricted country; `any`: the larger. The strongest restriction wins.
 *
 * @example
 * matchEvent(openAiBlockForChina, apiRouteUsedFrom(["CN", "DE"]), { block: 1, "licence-required": 0.5 })
 * //=> { share: 0.5, impact: 0.5, countries: ["CN"], ... }
 */
export function matchEvent(event: ImposeEvent, route: Route, severity: Record<Restriction["severity"], number>): EventHit | null {
  const scope = scopeMatches(event.scope, route);
  if (!scope.matches) return null;
  let best: EventHit | null = null;
  for (const restriction of event.restrictions) {
    let share = 0;
    let countries: string[] = [];
    if (restriction.locus !== "hosting" && route.userCountries.length > 0) {
      const hit = route.userCountries.filter((c) => inCountrySet(restriction.countries, c));
      share = hit.length / route.userCountries.length;
      countries = hit;
    }
    if (restriction.locus !== "users" && inCountrySet(restriction.countries, route.hostingCountry)) {
      share = 1;
      countries = [...new Set([...countries, route.hostingCountry])].sort();
    }
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    if (best === null || impact > best.impact) best = { event, restriction, share, impact, countries, assumedCompute: scope.assumedCompute };
  }
  return best;
}

/**
 * For sanctions: the chain (operator HQ and parent, hosting country) touching a sanctioned
 * country removes the whole factor; otherwise the share of user countries that are sanctioned.
 */
export function matchSanction(event: ImposeEvent, route: Route, chain: readonly string[], severity: Record<Restriction["severity"], number>): EventHit | null {
  const scope = scopeMatches(event.scope, route);
  if (!scope.matches) return null;
  let best: EventHit | null = null;
  for (const restriction of event.restrictions) {
    const chainHit = chain.filter((c) => inCountrySet(restriction.countries, c));
    const userHit = route.userCountries.filter((c) => inCountrySet(restriction.countries, c));
    const share = chainHit.length > 0 ? 1 : route.userCountries.length > 0 ? userHit.length / route.userCountries.length : 0;
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    const countries = [...new Set([...chainHit, ...userHit])].sort();
    if (best === null || impact > best.impact) best = { event, restriction, share, impact, countries, assumedCompute: scope.assumedCompute };
  }
  return best;
}
