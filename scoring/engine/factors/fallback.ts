import type { Fallback } from "../../schema/inventory";
import { countryName } from "../countries";
import { daysBetween } from "../dates";
import { controllingBloc, holdsOpenWeights, type Route } from "../route";
import { MODE } from "../explain-mode";
import { SOURCES } from "../sources";
import { MAX_POINTS, type FactorDraft } from "./types";
import { count } from "../../words";

const SRC = [SOURCES.nistGovern6, SOURCES.iso42001] as const;
const SRC_EXIT = [SOURCES.doraExit] as const;
const SRC_TESTED = [SOURCES.doraExit, SOURCES.nistGovern6, SOURCES.iso42001] as const;

export const INDEPENDENCE_POINTS = { independent: 25, partly: 10, same: 0 } as const;
export const TESTED_POINTS = { recent: 20, stale: 10, never: 0 } as const;
export const SWITCH_POINTS = { within: 15, withinDouble: 7, slowOrUnknown: 0 } as const;
export const EXIT_PLAN_POINTS = { documented: 4, reviewed: 3, contractualExitTerms: 3 } as const;

/** A fallback with its route and how the policy landscape already touches it. */
export interface FallbackCandidate {
  fallback: Fallback;
  route: Route;
  /** The strongest restriction in force on the fallback itself (0 = none, 1 = fully blocked). */
  restrictionImpact: number;
  /** True when a restriction in force reaches both the primary and this fallback. */
  sharesActiveRestriction: boolean;
}

export interface FallbackThresholds {
  fallbackTestedRecentlyDays: number;
  fallbackTestedStaleDays: number;
  exitPlanReviewDays: number;
}

/** Points of {@link independence} (no explanation built). */
export function independencePoints(primary: Route, fb: Route, sharesActiveRestriction: boolean): number {
  if (sharesActiveRestriction) return INDEPENDENCE_POINTS.same;
  if (holdsOpenWeights(fb)) return INDEPENDENCE_POINTS.independent;
  if (fb.vendor.key === primary.vendor.key) return INDEPENDENCE_POINTS.same;
  const a = controllingBloc(primary);
  if (a !== undefined && a === controllingBloc(fb)) return INDEPENDENCE_POINTS.partly;
  if (primary.cloud && fb.cloud && primary.cloud.key === fb.cloud.key && primary.hostingCountry === fb.hostingCountry) return INDEPENDENCE_POINTS.partly;
  return INDEPENDENCE_POINTS.independent;
}

/**
 * How independent a fallback is of the primary's choke point.
 *
 * @example
 * independence(apiToOpenAi, selfHostedLlama, false) //=> { points: 25, why: "..." }
 */
export function independence(primary: Route, fb: Route, sharesActiveRestriction: boolean): { points: number; why: string } {
  if (sharesActiveRestriction) return { points: INDEPENDENCE_POINTS.same, why: "a restriction in force reaches both the primary and the fallback" };
  if (holdsOpenWeights(fb)) return { points: INDEPENDENCE_POINTS.independent, why: "it runs from open weights you hold" };
  if (fb.vendor.key === primary.vendor.key) return { points: INDEPENDENCE_POINTS.same, why: `it comes from the same vendor (${fb.vendor.name})` };
  const a = controllingBloc(primary);
  const b = controllingBloc(fb);
  if (a !== undefined && a === b) return { points: INDEPENDENCE_POINTS.partly, why: `a different vendor, but under the same jurisdiction (${countryName(b!)})` };
  if (primary.cloud && fb.cloud && primary.cloud.key === fb.cloud.key && primary.hostingCountry === fb.hostingCountry) {
    return { points: INDEPENDENCE_POINTS.partly, why: `a different model on the same cloud (${fb.cloud.name}) in the same country` };
  }
  return { points: INDEPENDENCE_POINTS.independent, why: "a different vendor under a different jurisdiction" };
}

/**
 * Points for a fallback drill `lastTested` as of `asOf`.
 *
 * @example
 * testedPoints("2026-09-01", "2026-11-01", thresholds) //=> 20
 * testedPoints(undefined, "2026-11-01", thresholds) //=> 0
 */
export function testedPoints(lastTested: string | undefined, asOf: string, t: FallbackThresholds): number {
  if (lastTested === undefined || lastTested > asOf) return TESTED_POINTS.never;
  const days = daysBetween(lastTested, asOf);
  if (days <= t.fallbackTestedRecentlyDays) return TESTED_POINTS.recent;
  if (days <= t.fallbackTestedStaleDays) return TESTED_POINTS.stale;
  return TESTED_POINTS.never;
}

/**
 * Points for a switch time against the system's tolerated downtime.
 *
 * @example
 * switchPoints(2, 4) //=> 15
 * switchPoints(6, 4) //=> 7
 * switchPoints(undefined, 4) //=> 0
 */
export function switchPoints(switchTimeHours: number | undefined, toleratedHours: number): number {
  if (switchTimeHours === undefined) return SWITCH_POINTS.slowOrUnknown;
  if (switchTimeHours <= toleratedHours) return SWITCH_POINTS.within;
  if (switchTimeHours <= 2 * toleratedHours) return SWITCH_POINTS.withinDouble;
  return SWITCH_POINTS.slowOrUnknown;
}

/**
 * Points for the exit plan: documented, reviewed within the review period, contractual exit terms.
 *
 * @example
 * exitPlanPoints({ documented: true, lastReviewed: "2026-06-01" }, { exitTerms: true }, "2026-11-01", thresholds) //=> 10
 */
export function exitPlanPoints(
  exitPlan: { documented: boolean; lastReviewed?: string | undefined } | undefined,
  contract: { exitTerms?: boolean | undefined } | undefined,
  asOf: string,
  t: FallbackThresholds,
): { points: number; documented: boolean; reviewed: boolean; terms: boolean } {
  const documented = exitPlan?.documented === true;
  const reviewed = documented && exitPlan?.lastReviewed !== undefined && exitPlan.lastReviewed <= asOf && daysBetween(exitPlan.lastReviewed, asOf) <= t.exitPlanReviewDays;
  const terms = contract?.exitTerms === true;
  return {
    points: (documented ? EXIT_PLAN_POINTS.documented : 0) + (reviewed ? EXIT_PLAN_POINTS.reviewed : 0) + (terms ? EXIT_PLAN_POINTS.contractualExitTerms : 0),
    documented,
    reviewed,
    terms,
  };
}

/** The points of {@link exitPlanPoints} only. */
export function exitPlanScore(
  exitPlan: { documented: boolean; lastReviewed?: string | undefined } | undefined,
  contract: { exitTerms?: boolean | undefined } | undefined,
  asOf: string,
  t: FallbackThresholds,
): number {
  const documented = exitPlan?.documented === true;
  const reviewed = documented && exitPlan?.lastReviewed !== undefined && exitPlan.lastReviewed <= asOf && daysBetween(exitPlan.lastReviewed, asOf) <= t.exitPlanReviewDays;
  const terms = contract?.exitTerms === true;
  return (documented ? EXIT_PLAN_POINTS.documented : 0) + (reviewed ? EXIT_PLAN_POINTS.reviewed : 0) + (terms ? EXIT_PLAN_POINTS.contractualExitTerms : 0);
}

/**
 * The five fallback-readiness factors for a dependency. The best fallback (most points) is
 * assessed; adding a fallback therefore never lowers the score. Open weights you host yourself
 * need no sovereignty fallback: no vendor or government can withdraw them.
 */
export function fallbackFactors(input: {
  primary: Route;
  candidates: readonly FallbackCandidate[];
  toleratedHours: number;
  exitPlan: { documented: boolean; lastReviewed?: string | undefined } | undefined;
  contract: { exitTerms?: boolean | undefined } | undefined;
  asOf: string;
  thresholds: FallbackThresholds;
}): { factors: FactorDraft[]; best: string | undefined } {
  const { primary, asOf, thresholds: t } = input;
  const src = SRC;
  if (holdsOpenWeights(primary)) {
    const s = "You hold the open weights and run them yourself: no vendor or foreign government can withdraw this model, so no sovereignty fallback is needed.";
    return {
      best: undefined,
      factors: [
        { id: "fallback.exists", raw: MAX_POINTS["fallback.exists"], sentence: s, sources: src },
        { id: "fallback.independence", raw: MAX_POINTS["fallback.independence"], sentence: "The model is already independent of any vendor's choke point.", sources: src },
        { id: "fallback.tested", raw: MAX_POINTS["fallback.tested"], sentence: "No switch to another provider is needed to keep it running.", sources: src },
        { id: "fallback.switch-time", raw: MAX_POINTS["fallback.switch-time"], sentence: "No switch time: the model stays available under your control.", sources: src },
        { id: "fallback.exit-plan", raw: MAX_POINTS["fallback.exit-plan"], sentence: "No third-party arrangement to exit.", sources: SRC_EXIT },
      ],
    };
  }
  let best: { c: FallbackCandidate; exists: number; ind: { points: number; why: string }; tested: number; sw: number; total: number } | undefined;
  for (const c of input.candidates) {
    const exists = MAX_POINTS["fallback.exists"] * (1 - c.restrictionImpact);
    const ind = independence(primary, c.route, c.sharesActiveRestriction);
    const tested = testedPoints(c.fallback.lastTested, asOf, t);
    const sw = switchPoints(c.fallback.switchTimeHours, input.toleratedHours);
    const total = exists + ind.points + tested + sw;
    if (!best || total > best.total || (total === best.total && c.fallback.key < best.c.fallback.key)) best = { c, exists, ind, tested, sw, total };
  }
  const exit = exitPlanPoints(input.exitPlan, input.contract, asOf, t);
  const exitSentence = () => exit.points === MAX_POINTS["fallback.exit-plan"]
    ? "An exit plan is documented, reviewed within the last year, and backed by contractual exit terms."
    : `Exit plan: ${exit.documented ? "documented" : "not documented"}${exit.documented ? (exit.reviewed ? ", reviewed recently" : ", not reviewed in the last year") : ""}; contractual exit terms ${exit.terms ? "in place" : "missing"}.`;
  const exitFactor: FactorDraft = { id: "fallback.exit-plan", raw: exit.points, sentence: MODE.explain ? exitSentence() : "", sources: SRC_EXIT, gap: exit.points < MAX_POINTS["fallback.exit-plan"] ? exit.documented ? "exit plan not reviewed or without exit terms" : "no documented exit plan" : undefined };
  if (!best) {
    return {
      best: undefined,
      factors: [
        { id: "fallback.exists", raw: 0, sentence: "No fallback is recorded: if this model is switched off, the system stops.", sources: src, gap: "no fallback" },
        { id: "fallback.independence", raw: 0, sentence: "Without a fallback there is nothing independent to switch to.", sources: src },
        { id: "fallback.tested", raw: 0, sentence: "No fallback drill is possible without a fallback.", sources: src },
        { id: "fallback.switch-time", raw: 0, sentence: MODE.explain ? `Recovery time is unknown; the business tolerates ${count(input.toleratedHours, "hour")} of downtime.` : "", sources: src },
        exitFactor,
      ],
    };
  }
  const fb = best.c.route;
  const sw = best.c.fallback.switchTimeHours;
  const name = `${fb.model.name} (${fb.vendor.name})`;
  const tested = best.c.fallback.lastTested;
  return {
    best: best.c.fallback.key,
    factors: [
      best.c.restrictionImpact > 0
        ? { id: "fallback.exists", raw: best.exists, sentence: MODE.explain ? `The fallback, ${name}, is itself restricted by a policy in force for part of its users.` : "", sources: src, gap: "fallback itself restricted" }
        : { id: "fallback.exists", raw: best.exists, sentence: MODE.explain ? `A fallback is recorded: ${name}.` : "", sources: src },
      { id: "fallback.independence", raw: best.ind.points, sentence: MODE.explain ? `The fallback ${best.ind.points === INDEPENDENCE_POINTS.independent ? "avoids the same choke point" : "shares a choke point"}: ${best.ind.why}.` : "", sources: src, gap: best.ind.points < INDEPENDENCE_POINTS.independent ? "fallback shares the same choke point" : undefined },
      {
        id: "fallback.tested",
        raw: best.tested,
        sentence: MODE.explain ? tested === undefined || tested > asOf ? "The fallback has never been tested in a drill." : `The fallback was last tested on ${tested} (${daysBetween(tested, asOf)} days before ${asOf}).` : "",
        sources: SRC_TESTED,
        gap: best.tested < TESTED_POINTS.recent ? "fallback not tested recently" : undefined,
      },
      {
        id: "fallback.switch-time",
        raw: best.sw,
        sentence: !MODE.explain ? "" : sw === undefined
          ? `The time to switch to the fallback is not recorded; the business tolerates ${count(input.toleratedHours, "hour")}.`
          : `Switching takes about ${count(sw, "hour")} against a tolerated downtime of ${count(input.toleratedHours, "hour")}.`,
        sources: src,
        gap: best.sw < SWITCH_POINTS.within ? "switch time exceeds tolerated downtime" : undefined,
      },
      exitFactor,
    ],
  };
}
