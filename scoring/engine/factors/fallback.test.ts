// Fallback readiness at its edges: the day a drill stops counting as recent, the day an exit
// plan's review lapses, ties between equally good fallbacks, and the sentence and gap each
// factor gives. Written against the mutants that survived factors.test.ts (issue 19): every
// expectation here is worked out by hand from docs/METHODOLOGY.md, not read from the code.
import { describe, expect, it } from "vitest";
import { route } from "../../testing/fixtures";
import { DEFAULT_THRESHOLDS } from "../../options";
import { exitPlanPoints, exitPlanScore, fallbackFactors, switchPoints, testedPoints } from "./fallback";

// Recent drill <= 180 days, stale <= 365, exit plan reviewed <= 365. Points: exists 30 (times the
// share the fallback's own restriction leaves), independence 25, drill 20, switch 15, exit plan 10.
const T = DEFAULT_THRESHOLDS;
const AS_OF = "2026-11-01";

describe("a drill counts by its age in days, both limits included", () => {
  it.each([
    ["on the day", "2026-11-01", 20],
    ["180 days before (the last recent day)", "2026-05-05", 20],
    ["181 days before", "2026-05-04", 10],
    ["365 days before (the last stale day)", "2025-11-01", 10],
    ["366 days before", "2025-10-31", 0],
    ["a day after the assessment date (not yet happened)", "2026-11-02", 0],
  ])("a drill %s (last tested %s) earns %i points", (_label, lastTested, points) => {
    expect(testedPoints(lastTested, AS_OF, T)).toBe(points);
  });
});

describe("switch time against tolerated downtime, both limits included", () => {
  it.each([
    [4, 4, 15],
    [4.5, 4, 7],
    [8, 4, 7],
    [8.5, 4, 0],
  ])("switching in %s h with %s h tolerated earns %i points", (hours, tolerated, points) => {
    expect(switchPoints(hours, tolerated)).toBe(points);
  });
});

describe("an exit plan's review counts for 365 days and not before it happened", () => {
  const cases = [
    ["reviewed 365 days before", { documented: true, lastReviewed: "2025-11-01" }, { exitTerms: true }, { points: 10, reviewed: true }],
    ["reviewed 366 days before", { documented: true, lastReviewed: "2025-10-31" }, { exitTerms: true }, { points: 7, reviewed: false }],
    ["reviewed after the assessment date", { documented: true, lastReviewed: "2026-11-02" }, { exitTerms: true }, { points: 7, reviewed: false }],
    ["never reviewed", { documented: true }, { exitTerms: false }, { points: 4, reviewed: false }],
    ["a review date on a plan that is not documented", { documented: false, lastReviewed: "2026-10-01" }, { exitTerms: true }, { points: 3, reviewed: false }],
    ["no plan at all, no contract", undefined, undefined, { points: 0, reviewed: false }],
  ] as const;
  it.each(cases)("%s", (_label, plan, contract, expected) => {
    expect(exitPlanPoints(plan, contract, AS_OF, T)).toMatchObject(expected);
    expect(exitPlanScore(plan, contract, AS_OF, T)).toBe(expected.points);
  });
});

const primary = route({ accessPath: "direct-api", vendorKey: "openai", vendorHq: "US" });
type Candidate = Parameters<typeof fallbackFactors>[0]["candidates"][number];
function candidate(key: string, over: Partial<Candidate["fallback"]> = {}, routeOver: Parameters<typeof route>[0] = { accessPath: "direct-api", vendorKey: "mistral", vendorHq: "FR", hosting: "FR" }, restrictionImpact = 0): Candidate {
  return { fallback: { key, dependency: "d", model: "m2", accessPath: routeOver.accessPath, ...over }, route: route(routeOver), restrictionImpact, sharesActiveRestriction: false };
}
const factorsOf = (candidates: Candidate[], extra: Partial<Parameters<typeof fallbackFactors>[0]> = {}) =>
  fallbackFactors({ primary, candidates, toleratedHours: 4, exitPlan: undefined, contract: undefined, asOf: AS_OF, thresholds: T, ...extra });
const byId = (r: ReturnType<typeof fallbackFactors>) => Object.fromEntries(r.factors.map((f) => [f.id, f]));

describe("the assessed fallback and what each factor says", () => {
  it("between two equally good fallbacks, the one whose key sorts first is assessed, in either order", () => {
    const a = candidate("a-fallback", { lastTested: "2026-10-01", switchTimeHours: 2 });
    const b = candidate("b-fallback", { lastTested: "2026-10-01", switchTimeHours: 2 });
    expect(factorsOf([a, b]).best).toBe("a-fallback");
    expect(factorsOf([b, a]).best).toBe("a-fallback");
  });

  it("a better fallback listed second wins over a worse one listed first, and the other way round", () => {
    const tested = candidate("z-tested", { lastTested: "2026-10-01", switchTimeHours: 2 });
    const untested = candidate("a-untested");
    expect(factorsOf([untested, tested]).best).toBe("z-tested");
    expect(factorsOf([tested, untested]).best).toBe("z-tested");
  });

  it("adds up existence, independence, the drill and the switch time to choose (each part counts)", () => {
    // Same drill, same switch time: the one independent of the primary's vendor wins.
    const sameVendor = candidate("a-same", { lastTested: "2026-10-01", switchTimeHours: 2 }, { accessPath: "direct-api", vendorKey: "openai", vendorHq: "US" });
    const independent = candidate("b-independent", { lastTested: "2026-10-01", switchTimeHours: 2 });
    expect(factorsOf([sameVendor, independent]).best).toBe("b-independent");
    // Same independence and drill: the faster switch wins.
    expect(factorsOf([candidate("a-slow", { lastTested: "2026-10-01", switchTimeHours: 100 }), candidate("b-fast", { lastTested: "2026-10-01", switchTimeHours: 1 })]).best).toBe("b-fast");
    // Same switch: the tested one wins.
    expect(factorsOf([candidate("a-untested", { switchTimeHours: 1 }), candidate("b-tested", { lastTested: "2026-10-01", switchTimeHours: 1 })]).best).toBe("b-tested");
    // Everything equal but a restriction on one: the unrestricted one wins.
    expect(factorsOf([candidate("a-restricted", { lastTested: "2026-10-01", switchTimeHours: 1 }, undefined, 0.5), candidate("b-free", { lastTested: "2026-10-01", switchTimeHours: 1 })]).best).toBe("b-free");
  });

  it("a fully ready fallback: full points, no gaps, sentences that say so", () => {
    const f = byId(factorsOf([candidate("fb", { lastTested: "2026-10-02", switchTimeHours: 4 })], { exitPlan: { documented: true, lastReviewed: "2026-06-01" }, contract: { exitTerms: true } }));
    expect(f["fallback.exists"]).toMatchObject({ raw: 30, sentence: "A fallback is recorded: Model m (MISTRAL)." });
    expect(f["fallback.independence"]).toMatchObject({ raw: 25, sentence: expect.stringMatching(/^The fallback avoids the same choke point: /) });
    expect(f["fallback.tested"]).toMatchObject({ raw: 20, sentence: "The fallback was last tested on 2026-10-02 (30 days before 2026-11-01)." });
    expect(f["fallback.switch-time"]).toMatchObject({ raw: 15, sentence: "Switching takes about 4 hours against a tolerated downtime of 4 hours." });
    expect(f["fallback.exit-plan"]).toMatchObject({ raw: 10, sentence: "An exit plan is documented, reviewed within the last year, and backed by contractual exit terms." });
    expect(Object.values(f).map((x) => x.gap)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("a weak fallback: each shortfall named as a gap, in words", () => {
    const f = byId(factorsOf([candidate("fb", { lastTested: "2026-11-05", switchTimeHours: 5 }, { accessPath: "direct-api", vendorKey: "openai", vendorHq: "US" }, 0.25)], { exitPlan: { documented: true, lastReviewed: "2024-01-01" }, contract: undefined }));
    expect(f["fallback.exists"]).toMatchObject({ raw: 22.5, gap: "fallback itself restricted", sentence: "The fallback, Model m (OPENAI), is itself restricted by a policy in force for part of its users." });
    expect(f["fallback.independence"]).toMatchObject({ gap: "fallback shares the same choke point", sentence: expect.stringMatching(/^The fallback shares a choke point: /) });
    expect(f["fallback.tested"]).toMatchObject({ raw: 0, gap: "fallback not tested recently", sentence: "The fallback has never been tested in a drill." });
    expect(f["fallback.switch-time"]).toMatchObject({ raw: 7, gap: "switch time exceeds tolerated downtime" });
    expect(f["fallback.exit-plan"]).toMatchObject({ raw: 4, gap: "exit plan not reviewed or without exit terms", sentence: "Exit plan: documented, not reviewed in the last year; contractual exit terms missing." });
  });

  it("a stale drill and an unknown switch time are gaps too", () => {
    const f = byId(factorsOf([candidate("fb", { lastTested: "2026-01-01" })], { exitPlan: { documented: true, lastReviewed: "2026-06-01" }, contract: { exitTerms: false } }));
    expect(f["fallback.tested"]).toMatchObject({ raw: 10, gap: "fallback not tested recently" });
    expect(f["fallback.switch-time"]).toMatchObject({ raw: 0, gap: "switch time exceeds tolerated downtime", sentence: "The time to switch to the fallback is not recorded; the business tolerates 4 hours." });
    expect(f["fallback.exit-plan"]).toMatchObject({ raw: 7, sentence: "Exit plan: documented, reviewed recently; contractual exit terms missing." });
  });

  it("without a fallback: recovery unknown, and no documented exit plan is its own gap", () => {
    const f = byId(factorsOf([], { toleratedHours: 1 }));
    expect(f["fallback.switch-time"]).toMatchObject({ raw: 0, sentence: "Recovery time is unknown; the business tolerates 1 hour of downtime." });
    expect(f["fallback.exit-plan"]).toMatchObject({ raw: 0, gap: "no documented exit plan", sentence: "Exit plan: not documented; contractual exit terms missing." });
  });
});
