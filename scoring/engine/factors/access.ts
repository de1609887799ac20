import { countryName, countryPhrase } from "../countries";
import type { Route } from "../route";
import { MODE } from "../explain-mode";
import { SOURCES } from "../sources";
import type { FactorDraft } from "./types";
import { possessive } from "../../words";

/** Points for who holds the off switch, by access path and weights (max 70). */
export const ACCESS_PATH_POINTS = {
  selfHostedOpen: 70,
  thirdPartyHostedOpen: 55,
  selfHostedClosed: 50,
  marketplaceClosed: 25,
  directApi: 10,
} as const;

const SRC = [SOURCES.method, SOURCES.doraRegister] as const;
const SRC_METHOD = [SOURCES.method] as const;

/** Raw points of {@link accessPathFactor} (no explanation built). */
export function accessPathPoints(route: Pick<Route, "accessPath"> & { model: Pick<Route["model"], "weights"> }): number {
  if (route.accessPath === "self-hosted") return route.model.weights === "open" ? ACCESS_PATH_POINTS.selfHostedOpen : ACCESS_PATH_POINTS.selfHostedClosed;
  if (route.accessPath !== "direct-api") return route.model.weights === "open" ? ACCESS_PATH_POINTS.thirdPartyHostedOpen : ACCESS_PATH_POINTS.marketplaceClosed;
  return ACCESS_PATH_POINTS.directApi;
}

/**
 * Who holds the off switch. Open weights on your own infrastructure are strongest; a
 * proprietary model through a direct API is weakest.
 *
 * @example
 * accessPathFactor(selfHostedLlama).raw //=> 70
 * accessPathFactor(directApiToOpenAi).raw //=> 10
 */
export function accessPathFactor(route: Route): FactorDraft {
  const v = route.vendor;
  const home = `${v.name} (${countryName(v.hqCountry)})`;
  const cloud = route.cloud?.name ?? "the cloud provider";
  if (route.accessPath === "self-hosted") {
    return route.model.weights === "open"
      ? { id: "access.path", raw: ACCESS_PATH_POINTS.selfHostedOpen, sentence: MODE.explain ? `${route.model.name} runs from open weights on your own infrastructure: no vendor or foreign government can switch it off.` : "", sources: SRC }
      : { id: "access.path", raw: ACCESS_PATH_POINTS.selfHostedClosed, sentence: MODE.explain ? `A licensed copy of ${route.model.name}, a closed model, runs on your own infrastructure; ${home} still controls the licence.` : "", sources: SRC, gap: "closed weights under the vendor's licence" };
  }
  if (route.accessPath !== "direct-api" && route.model.weights === "open") {
    return { id: "access.path", raw: ACCESS_PATH_POINTS.thirdPartyHostedOpen, sentence: MODE.explain ? `${route.model.name} runs from open weights on ${possessive(cloud)} infrastructure: you could move them, but ${cloud} holds the off switch day to day.` : "", sources: SRC, gap: MODE.explain ? `open weights run by ${cloud}` : undefined };
  }
  if (route.accessPath !== "direct-api") {
    return { id: "access.path", raw: ACCESS_PATH_POINTS.marketplaceClosed, sentence: MODE.explain ? `${route.model.name}, a proprietary model, is reached through ${possessive(cloud)} marketplace: a limited buffer, because the home law of ${home} still reaches it.` : "", sources: SRC, gap: MODE.explain ? `proprietary model via ${possessive(cloud)} marketplace` : undefined };
  }
  const open = route.model.weights === "open" ? " The weights are open, so self-hosting them is possible." : "";
  return { id: "access.path", raw: ACCESS_PATH_POINTS.directApi, sentence: MODE.explain ? `${route.model.name} is reached only through the direct API of ${home}: the vendor holds the off switch.${open}` : "", sources: SRC, gap: MODE.explain ? `direct API to ${v.name}` : undefined };
}

/** Points for where the model runs (max 30). */
export const HOSTING_POINTS = { homeCommitted: 30, home: 24, usersBloc: 15, elsewhere: 0 } as const;

/** Raw points of {@link hostingFactor}; `usersInHostingBloc`: some user country is in the hosting bloc. */
export function hostingPoints(hostingBloc: string, homeBloc: string, usersInHostingBloc: boolean, committed: boolean): number {
  if (hostingBloc === homeBloc) return committed ? HOSTING_POINTS.homeCommitted : HOSTING_POINTS.home;
  return usersInHostingBloc ? HOSTING_POINTS.usersBloc : HOSTING_POINTS.elsewhere;
}

/**
 * Where the model runs, relative to your home jurisdiction and to the offices that use it.
 * Self-hosting counts as a residency commitment (you decide where it runs).
 *
 * @example
 * hostingFactor({ hostingBloc: "EEA", homeBloc: "EEA", userBlocs: ["EEA"], committed: true, ... }).raw //=> 30
 */
export function hostingFactor(input: {
  hostingCountry: string;
  hostingBloc: string;
  homeBloc: string;
  userBlocs: readonly string[];
  committed: boolean;
  defaulted: boolean;
}): FactorDraft {
  const where = countryPhrase(input.hostingCountry);
  const note = input.defaulted ? " (no hosting region recorded; assumed to be the vendor's home country)" : "";
  if (input.hostingBloc === input.homeBloc) {
    return input.committed
      ? { id: "access.hosting", raw: HOSTING_POINTS.homeCommitted, sentence: MODE.explain ? `It runs in ${where}, inside your home jurisdiction, with residency under your control or contractually committed.` : "", sources: SRC_METHOD }
      : { id: "access.hosting", raw: HOSTING_POINTS.home, sentence: MODE.explain ? `It runs in ${where}, inside your home jurisdiction, but no contract commits the provider to keep it there${note}.` : "", sources: SRC_METHOD, gap: "no contractual data-residency commitment" };
  }
  if (input.userBlocs.includes(input.hostingBloc)) {
    return { id: "access.hosting", raw: HOSTING_POINTS.usersBloc, sentence: MODE.explain ? `It runs in ${where}, where some of its users are, but outside your home jurisdiction (${countryName(input.homeBloc)})${note}.` : "", sources: SRC_METHOD, gap: MODE.explain ? `hosted in ${where}` : undefined };
  }
  return { id: "access.hosting", raw: HOSTING_POINTS.elsewhere, sentence: MODE.explain ? `It runs in ${where}, outside your home jurisdiction and outside the countries of its users${note}.` : "", sources: SRC_METHOD, gap: MODE.explain ? `hosted in ${where}` : undefined };
}
