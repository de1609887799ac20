import type { Model, Vendor } from "../schema/inventory";
import type { AccessPath } from "../schema/primitives";
import { blocOf } from "./countries";

/**
 * The people who rely on a dependency: the countries of the offices its system serves and of
 * the offices its data flows come from, each with its share of those offices' headcount.
 */
export interface Users {
  /** Distinct countries, sorted. */
  countries: readonly string[];
  /** Each country's share of the users (aligned with `countries`; sums to 1, empty when there are no users). */
  shares: readonly number[];
  /** "people": shares by headcount; "offices": each office counts once, because a headcount is not recorded. */
  basis: "people" | "offices";
  /** Total headcount counted (0 when the basis is offices). */
  people: number;
  /** Names of the offices whose headcount is not recorded. */
  unrecorded: readonly string[];
}

/** Nobody: a route with no offices recorded. */
export const NO_USERS: Users = Object.freeze({ countries: [], shares: [], basis: "offices", people: 0, unrecorded: [] }) as Users;

/**
 * Users from countries alone, each counting the same (for tests and callers without offices).
 *
 * @example
 * usersOfCountries(["DE", "US"]).shares //=> [0.5, 0.5]
 */
export function usersOfCountries(countries: readonly string[]): Users {
  const list = [...new Set(countries)].sort();
  return { countries: list, shares: list.map(() => 1 / list.length), basis: "offices", people: 0, unrecorded: [] };
}

/**
 * A resolved way of reaching a model (a dependency's primary path or a fallback):
 * everything the factors need, with cross references already followed.
 */
export interface Route {
  key: string;
  model: Model;
  vendor: Vendor;
  accessPath: AccessPath;
  cloud: Vendor | undefined;
  hostingCountry: string;
  hostingRegion: string | undefined;
  /** True when the hosting country was not given and a documented default was used. */
  hostingDefaulted: boolean;
  /** Distinct countries of the offices that use this route, sorted (= `users.countries`). */
  userCountries: readonly string[];
  /** Who relies on this route, with each country's share of them. */
  users: Users;
  /** The organisation's HQ country: the licensee for licence terms. */
  licenseeCountry: string;
  /** Cache of {@link chainCountries} (filled on first use). */
  chain?: string[];
}

/**
 * True when the organisation itself holds open weights: no vendor can switch the model off.
 *
 * @example
 * holdsOpenWeights({ accessPath: "self-hosted", model: { weights: "open" } }) //=> true
 */
export function holdsOpenWeights(route: Pick<Route, "accessPath"> & { model: Pick<Model, "weights"> }): boolean {
  return route.accessPath === "self-hosted" && route.model.weights === "open";
}

/**
 * The operator who runs the model day to day: the cloud for cloud paths, the vendor for a
 * direct API, nobody (undefined) for self-hosting.
 */
export function operatorOf(route: Route): Vendor | undefined {
  if (route.accessPath === "self-hosted") return undefined;
  if (route.accessPath === "direct-api") return route.vendor;
  return route.cloud ?? route.vendor;
}

/** The country whose law ultimately controls a vendor: its ultimate parent's, else its HQ's. */
export function controllingCountry(vendor: Vendor): string {
  return vendor.ultimateParent?.country ?? vendor.hqCountry;
}

/**
 * The jurisdiction bloc that holds the off switch, or undefined when the organisation does
 * (open weights on its own infrastructure). Open weights on a cloud: the cloud's; otherwise the vendor's.
 *
 * @example
 * controllingBloc(apiRouteTo("openai")) //=> "US"
 */
export function controllingBloc(route: Route): string | undefined {
  if (holdsOpenWeights(route)) return undefined;
  if (route.model.weights === "open" && route.accessPath !== "direct-api" && route.cloud) return blocOf(controllingCountry(route.cloud));
  return blocOf(controllingCountry(route.vendor));
}

/**
 * Countries of every party in the chain that can be compelled over this route:
 * vendor HQ and parent (direct API), cloud HQ and parent (cloud paths), and the hosting country.
 */
export function chainCountries(route: Route): string[] {
  // At most three countries: a small array beats a Set.
  const out: string[] = [];
  const op = operatorOf(route);
  if (op) {
    out.push(op.hqCountry);
    if (op.ultimateParent && !out.includes(op.ultimateParent.country)) out.push(op.ultimateParent.country);
  }
  if (!out.includes(route.hostingCountry)) out.push(route.hostingCountry);
  return out.length > 1 ? out.sort() : out;
}

export const ACCESS_LABELS: Record<AccessPath, string> = {
  "direct-api": "Direct API",
  "cloud-marketplace": "Cloud marketplace",
  "third-party-hosted": "Open weights on a cloud",
  "self-hosted": "Self-hosted",
};
