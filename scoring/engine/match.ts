import type { ImposeEvent, PolicyScope, Restriction } from "../schema/policy-event";
import { inCountrySet } from "./countries";
import type { Route } from "./route";

const COMPUTE_RANK: Record<string, number> = { "below-1e25": 0, "1e25-1e26": 1, "above-1e26": 2 };

/** How an event reaches a route. */
export interface EventHit {
  event: ImposeEvent;
  restriction: Restriction;
  /** Share of the route's users (by headcount, see `Users`) that is restricted, or 1 for its hosting country or the licensee. */
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

/** The share of the users whose country is in the set. */
function shareIn(set: Restriction["countries"], route: Route): number {
  // Countries first: the shares (headcounts) are weighed only when one of them is in the set.
  let any = false;
  for (const c of route.userCountries) {
    if (inCountrySet(set, c)) {
      any = true;
      break;
    }
  }
  if (!any) return 0;
  const { countries, shares } = route.users;
  let n = 0;
  for (let i = 0; i < countries.length; i++) if (inCountrySet(set, countries[i]!)) n += shares[i]!;
  return n > 1 ? 1 : n;
}

/**
 * The share of a route's users one restriction reaches: the users in its countries (`users`),
 * everyone when the model runs in one of them (`hosting`), the larger of the two (`any`), or
 * everyone when the organisation itself is based in one of them (`licensee`).
 */
export function restrictionShare(restriction: Restriction, route: Route): number {
  if (restriction.locus === "licensee") return inCountrySet(restriction.countries, route.licenseeCountry) ? 1 : 0;
  if (restriction.locus !== "users" && inCountrySet(restriction.countries, route.hostingCountry)) return 1;
  return restriction.locus !== "hosting" ? shareIn(restriction.countries, route) : 0;
}

/**
 * The impact of {@link matchEvent} without building the hit: -1 when the event does not reach
 * the route, else the strongest restriction's impact (share x severity weight, possibly 0).
 */
export function eventImpact(event: ImposeEvent, route: Route, severity: Record<Restriction["severity"], number>): number {
  if (scopeSelects(event.scope, route) === NO_MATCH) return -1;
  let best = -1;
  for (const restriction of event.restrictions) {
    const share = restrictionShare(restriction, route);
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    if (best === -1 || impact > best) best = impact;
  }
  return best;
}

/** The share of a sanction: the whole route when its chain touches a sanctioned country, else the users in them. */
function sanctionShare(restriction: Restriction, route: Route, chain: readonly string[]): number {
  for (const c of chain) if (inCountrySet(restriction.countries, c)) return 1;
  return restriction.locus === "licensee" ? restrictionShare(restriction, route) : shareIn(restriction.countries, route);
}

/** The impact of {@link matchSanction} without building the hit (-1: no hit). */
export function sanctionImpact(event: ImposeEvent, route: Route, chain: readonly string[], severity: Record<Restriction["severity"], number>): number {
  if (scopeSelects(event.scope, route) === NO_MATCH) return -1;
  let best = -1;
  for (const restriction of event.restrictions) {
    const share = sanctionShare(restriction, route, chain);
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    if (best === -1 || impact > best) best = impact;
  }
  return best;
}

/** The restricted countries a restriction names on this route (users, and the hosting or licensee country when they count). */
function restrictedCountries(restriction: Restriction, route: Route, extra: readonly string[] = []): string[] {
  const out = new Set<string>();
  if (restriction.locus === "licensee") {
    if (inCountrySet(restriction.countries, route.licenseeCountry)) out.add(route.licenseeCountry);
  } else {
    if (restriction.locus !== "hosting") for (const c of route.userCountries) if (inCountrySet(restriction.countries, c)) out.add(c);
    if (restriction.locus !== "users" && inCountrySet(restriction.countries, route.hostingCountry)) out.add(route.hostingCountry);
  }
  for (const c of extra) if (inCountrySet(restriction.countries, c)) out.add(c);
  return [...out].sort();
}

/**
 * How strongly an imposed event reaches a route, or null when it does not.
 * `users`: the share of the route's users (by headcount) in the restricted countries; `hosting`:
 * 1 when the model runs in a restricted country; `any`: the larger; `licensee`: 1 when the
 * organisation is based in one. The strongest restriction wins.
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
    const share = restrictionShare(restriction, route);
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    if (best === null || impact > best.impact) best = { event, restriction, share, impact, countries: restrictedCountries(restriction, route), assumedCompute: scope.assumedCompute };
  }
  return best;
}

/**
 * For sanctions: the chain (operator HQ and parent, hosting country) touching a sanctioned
 * country removes the whole factor; otherwise the share of users that are in sanctioned countries.
 */
export function matchSanction(event: ImposeEvent, route: Route, chain: readonly string[], severity: Record<Restriction["severity"], number>): EventHit | null {
  const scope = scopeMatches(event.scope, route);
  if (!scope.matches) return null;
  let best: EventHit | null = null;
  for (const restriction of event.restrictions) {
    const share = sanctionShare(restriction, route, chain);
    if (share === 0) continue;
    const impact = share * severity[restriction.severity];
    if (best === null || impact > best.impact) best = { event, restriction, share, impact, countries: restrictedCountries({ ...restriction, locus: restriction.locus === "licensee" ? "licensee" : "users" }, route, chain), assumedCompute: scope.assumedCompute };
  }
  return best;
}
