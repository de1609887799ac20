import { describe, expect, it } from "vitest";
import { scoreInventory, simulateScenario } from ".";
import { round2 } from "./engine/aggregate";
import { RECOVERY_IMPACT } from "./engine/recovery";
import { duration } from "./engine/dates";
import type { InventoryDocument } from "./schema/inventory";
import type { ImposeEvent, LiftEvent, PolicyEvent } from "./schema/policy-event";
import { smallDoc } from "./testing/fixtures";

// The switched-off rule (METHODOLOGY.md, "Switched off today"): a restriction in force that
// blocks a dependency for some of the people who rely on it switches it off for that share.
// Support bot: 700 people in Frankfurt and 300 in New York; GPT by OpenAI's direct API.

const AS_OF = "2026-11-01";
const offices = [
  { key: "fra", name: "Frankfurt", country: "DE", headcount: 700, teams: ["support"] },
  { key: "ny", name: "New York", country: "US", headcount: 300, teams: ["sales"] },
];
const block = (countries: string[], extra: Partial<ImposeEvent> = {}): ImposeEvent => ({
  key: "openai-block",
  kind: "impose",
  type: "vendor-restriction",
  issuer: "vendor",
  title: "OpenAI blocks",
  effectiveDate: "2026-01-01",
  source: "test",
  scope: { vendors: ["openai"] },
  restrictions: [{ countries: { only: countries }, locus: "users", severity: "block" }],
  ...extra,
});
const fallback = (extra: { lastTested?: string; switchTimeHours?: number }) => ({ key: "fb", dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted" as const, ...extra });
const score = (over: Partial<InventoryDocument>, asOf = AS_OF) => scoreInventory(smallDoc({ offices, ...over }), { asOf });
const dep = (over: Partial<InventoryDocument>, asOf = AS_OF) => score(over, asOf).dependencies[0]!;

describe("a dependency switched off today", () => {
  it("is not switched off when no restriction in force blocks anyone", () => {
    const d = dep({});
    expect(d.switchedOff).toBeUndefined();
    expect(d.score).toBe(28.15);
    expect(d.factors.find((f) => f.id === "jurisdiction.switched-off")).toMatchObject({ points: 0, maxPoints: 0 });
  });

  it("weighs the blocked share by the people in the offices, not by countries", () => {
    expect(dep({ policyEvents: [block(["DE"])] }).switchedOff).toMatchObject({ share: 0.7, basis: "people", countries: ["DE"] });
    expect(dep({ policyEvents: [block(["US"])] }).switchedOff).toMatchObject({ share: 0.3, countries: ["US"] });
    // Without a headcount for every office, each office counts once, and the sentence says to verify.
    const unrecorded = scoreInventory(smallDoc({ policyEvents: [block(["DE"])] }), { asOf: AS_OF }).dependencies[0]!;
    expect(unrecorded.switchedOff).toMatchObject({ share: 0.5, basis: "offices" });
    expect(unrecorded.factors.find((f) => f.id === "jurisdiction.switched-off")!.sentence).toContain("headcount not recorded for Frankfurt and New York: counted by offices, verify");
  });

  it("counts the blocked share as lost when no fallback can carry it", () => {
    const d = dep({ policyEvents: [block(["US"])] });
    expect(d.switchedOff).toMatchObject({ recovery: "no-recovery", scoreBefore: 25, cap: undefined });
    expect(d.score).toBe(round2(0.7 * 25)); // 17.5
  });

  it("caps a dependency switched off for most of its users without a tested fallback within tolerance at Very Low", () => {
    // No fallback: 0.3 x 20.8 = 6.24 is already below the cap of 2 x (1 - 0.7) x 35 = 21.
    expect(dep({ policyEvents: [block(["DE"])] })).toMatchObject({ score: 6.24, rating: "Very Low", switchedOff: { scoreBefore: 20.8, cap: 21 } });
    // A tested fallback that is too slow, or one never tested, would count for 3/4 or 1/2 of its score: the cap binds.
    const slow = dep({ policyEvents: [block(["DE"])], fallbacks: [fallback({ lastTested: "2026-10-01", switchTimeHours: 20 })] });
    expect(slow.switchedOff).toMatchObject({ recovery: "recovers-slowly", scoreBefore: 43.3, fallbackScore: 100, cap: 21 });
    expect(0.3 * 43.3 + 0.7 * 43.3 * (1 - RECOVERY_IMPACT["recovers-slowly"])).toBeGreaterThan(21);
    expect(slow).toMatchObject({ score: 21, rating: "Very Low" });
    const untested = dep({ policyEvents: [block(["DE"])], fallbacks: [fallback({ switchTimeHours: 2 })] });
    expect(untested).toMatchObject({ score: 21, rating: "Very Low", switchedOff: { recovery: "uncertain", scoreBefore: 41.8 } });
    // Blocked for everyone with only an untested fallback: nothing is left.
    expect(dep({ policyEvents: [block(["DE", "US"])], fallbacks: [fallback({ switchTimeHours: 2 })] })).toMatchObject({ score: 0, switchedOff: { share: 1, cap: 0 } });
  });

  it("counts an uncertain recovery at half of the lower of the two scores, never more than the dependency's own", () => {
    // 30% blocked (New York) and an untested self-hosted fallback that would score 100 on its own.
    const d = dep({ policyEvents: [block(["US"])], fallbacks: [fallback({ switchTimeHours: 2 })] });
    const { scoreBefore, fallbackScore } = d.switchedOff!;
    expect({ recovery: d.switchedOff!.recovery, fallbackScore, cap: d.switchedOff!.cap }).toEqual({ recovery: "uncertain", fallbackScore: 100, cap: undefined });
    expect(d.score).toBeCloseTo(0.7 * scoreBefore + 0.3 * Math.min(scoreBefore, 100) * 0.5, 1);
    expect(d.score).toBe(39.1);
  });

  it("recovers through a tested fallback within tolerance, to at most the fallback's own score", () => {
    const d = dep({ policyEvents: [block(["DE"])], fallbacks: [fallback({ lastTested: "2026-10-01", switchTimeHours: 2 })] });
    expect(d.switchedOff).toMatchObject({ recovery: "recovers", fallback: "fb", fallbackScore: 100, scoreBefore: 47.8, cap: undefined });
    // min(47.8, 100) = 47.8: the self-hosted fallback carries the blocked share at the dependency's own score.
    expect(d.score).toBe(47.8);
    expect(d.factors.find((f) => f.id === "jurisdiction.switched-off")!.sentence).toContain("The tested fallback Model mistral-small (MISTRAL) takes over within the tolerated 4 hours (switch 2 hours), so that share counts at 47.8, this dependency's own score (the fallback alone would score 100.0).");
    // A weaker fallback (reached through another vendor's API, itself without a fallback) caps what comes back.
    const weak = dep({
      vendors: [...smallDoc().vendors, { key: "cohere", name: "Cohere", type: "frontier-lab", hqCountry: "CA" }],
      models: [...smallDoc().models, { key: "command", name: "Command", vendor: "cohere", weights: "closed" }],
      policyEvents: [block(["DE"])],
      fallbacks: [{ key: "fb", dependency: "bot/gpt", model: "command", accessPath: "direct-api", lastTested: "2026-10-01", switchTimeHours: 2 }],
    });
    const { scoreBefore, fallbackScore } = weak.switchedOff!;
    expect(fallbackScore!).toBeLessThan(scoreBefore);
    expect(weak.score).toBeCloseTo(0.3 * scoreBefore + 0.7 * fallbackScore!, 1);
  });

  it("does not count a fallback that the same restriction blocks", () => {
    const d = dep({
      models: [...smallDoc().models, { key: "gpt-mini", name: "GPT mini", vendor: "openai", weights: "closed" }],
      policyEvents: [block(["DE"])],
      fallbacks: [{ key: "fb", dependency: "bot/gpt", model: "gpt-mini", accessPath: "direct-api", lastTested: "2026-10-01", switchTimeHours: 1 }],
    });
    expect(d.switchedOff).toMatchObject({ recovery: "no-recovery", fallback: undefined });
  });

  it("blocks everyone when the model runs in a blocked country, or when the licence excludes the organisation", () => {
    const hosting = dep({ policyEvents: [block(["US"], { restrictions: [{ countries: { only: ["US"] }, locus: "hosting", severity: "block" }] })] });
    expect(hosting.switchedOff).toMatchObject({ share: 1, everyone: "hosting", countries: ["US"] });
    const licensee = dep({ policyEvents: [block(["DE"], { type: "licence-term", restrictions: [{ countries: { only: [], sets: ["eu-member-states"] }, locus: "licensee", severity: "block" }] })] });
    expect(licensee.switchedOff).toMatchObject({ share: 1, everyone: "licensee", countries: ["DE"] });
    expect(licensee.factors.find((f) => f.id === "jurisdiction.switched-off")!.sentence).toContain("the licence grants no rights to organisations based in Germany");
    // A licence requirement restricts, but does not switch anything off.
    const licence = dep({ policyEvents: [block(["DE"], { restrictions: [{ countries: { only: ["DE"] }, locus: "users", severity: "licence-required" }] })] });
    expect(licence.switchedOff).toBeUndefined();
    expect(licence.restrictedBy).toEqual(["openai-block"]);
  });

  it("keeps the named points adding up to the score", () => {
    for (const over of [{ policyEvents: [block(["DE"])] }, { policyEvents: [block(["DE", "US"])] }, { policyEvents: [block(["DE"])], fallbacks: [fallback({ lastTested: "2026-10-01", switchTimeHours: 20 })] }]) {
      const r = score(over);
      for (const s of [r.organisation, ...r.vendors, ...r.systems, ...r.dependencies]) expect(round2(s.factors.reduce((a, f) => a + f.points, 0))).toBe(s.score);
    }
  });
});

describe("partial lifts", () => {
  const restriction: PolicyEvent = block(["DE", "US"]);
  const liftFor = (countries: LiftEvent["countries"], effectiveDate = "2026-06-01"): PolicyEvent => ({ key: "eased", kind: "lift", lifts: "openai-block", title: "Eased for Germany", effectiveDate, source: "test", ...(countries ? { countries } : {}) });

  it("frees only the countries the lift names: the rest stay restricted", () => {
    const before = dep({ policyEvents: [restriction, liftFor({ only: ["DE"] })] }, "2026-05-01");
    const after = dep({ policyEvents: [restriction, liftFor({ only: ["DE"] })] }, "2026-07-01");
    expect(before.switchedOff).toMatchObject({ share: 1 });
    expect(after.switchedOff).toMatchObject({ share: 0.3, countries: ["US"] });
    expect(after.score).toBeGreaterThan(before.score);
  });

  it("accepts the catalogue's named country sets", () => {
    const after = dep({ policyEvents: [restriction, liftFor({ only: [], sets: ["eu-member-states"] })] }, "2026-07-01");
    expect(after.switchedOff).toMatchObject({ countries: ["US"] });
  });

  it("ends the event once partial lifts have freed everyone it restricted", () => {
    const r = score({ policyEvents: [restriction, liftFor({ only: ["DE", "US"] })] }, "2026-07-01");
    expect(r.dependencies[0]!.switchedOff).toBeUndefined();
    expect(r.landscape.active.map((e) => e.key)).not.toContain("openai-block");
  });

  it("reports the partial lift with the event in force", () => {
    const r = score({ policyEvents: [restriction, liftFor({ only: ["DE"] })] }, "2026-07-01");
    expect(r.landscape.active.find((e) => e.key === "openai-block")).toMatchObject({ partialLifts: [{ key: "eased", title: "Eased for Germany", effectiveDate: "2026-06-01" }] });
    expect(r.organisation.activeRestrictions[0]).toMatchObject({ key: "openai-block", partialLifts: [{ key: "eased" }], vendors: ["OPENAI"], switchedOffSystems: 1 });
  });
});

describe("the organisation and its vendors lead with an active restriction", () => {
  it("marks the vendor, leads the summary and the findings with it", () => {
    const r = score({ policyEvents: [block(["DE"], { dateEstimated: true })] });
    expect(r.vendors.find((v) => v.key === "openai")!.activeRestrictions).toEqual([
      { key: "openai-block", title: "OpenAI blocks", effectiveDate: "2026-01-01", dateEstimated: true, partlyLifted: false, blocks: true, largestShare: 0.7, recovery: "no-recovery" },
    ]);
    expect(r.vendors.find((v) => v.key === "meta")?.activeRestrictions ?? []).toEqual([]);
    expect(r.organisation.profile).toMatch(/^Active restriction: OpenAI blocks \(in force since 2026-01-01, estimated date\) reaches OPENAI in 1 AI system and switches 1 off/);
    expect(r.findings[0]).toMatchObject({ factor: "jurisdiction.switched-off", system: "bot" });
    expect(r.findings[0]!.sentence).toContain("estimated date");
    expect(r.findings[0]!.sources[0]).toMatchObject({ kind: "policy-event", ref: "openai-block" });
  });
});

describe("scenarios while a restriction is in force", () => {
  it("count only the users they newly cut off", () => {
    const doc = smallDoc({ offices, policyEvents: [block(["DE"])] });
    const usToo = simulateScenario(doc, { schemaVersion: "1.0", key: "s", name: "Everyone", shocks: [{ type: "vendor-blocked", vendor: "openai", countries: { only: ["DE", "US"] } }] }, { asOf: AS_OF });
    expect(usToo.systems[0]).toMatchObject({ affectedOffices: ["ny"], affectedShare: 0.3 });
    const deAgain = simulateScenario(doc, { schemaVersion: "1.0", key: "s", name: "Germany", shocks: [{ type: "vendor-blocked", vendor: "openai", countries: { only: ["DE"] } }] }, { asOf: AS_OF });
    expect(deAgain.systems).toEqual([]);
    expect(deAgain.score.delta).toBe(0);
  });
});

describe("facts a score rests on that nobody recorded", () => {
  it("names them, to be verified, instead of defaulting silently", () => {
    const r = scoreInventory(smallDoc({ policyEvents: [block(["DE"])] }), { asOf: AS_OF });
    const d = r.dependencies[0]!;
    expect(d.notRecorded).toEqual([
      "whether OPENAI is certified under the EU-US Data Privacy Framework (scored as not certified)",
      "the headcount of Frankfurt and New York (restricted shares counted by offices)",
      "where Model gpt runs (assumed the United States)",
    ]);
    expect(d.factors.find((f) => f.id === "jurisdiction.transfer")!.sentence).toContain("is not recorded: verify");
    expect(r.vendors.find((v) => v.key === "openai")!.notRecorded).toEqual(d.notRecorded);
  });

  it("has nothing to verify once the facts are recorded", () => {
    const doc = smallDoc({
      offices,
      vendors: smallDoc().vendors.map((v) => (v.key === "openai" ? { ...v, dpfCertified: true } : v)),
      dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api", hostingRegion: { country: "US" } }],
      policyEvents: [block(["DE"])],
    });
    expect(scoreInventory(doc, { asOf: AS_OF }).dependencies[0]!.notRecorded).toEqual([]);
  });
});

describe("durations in sentences", () => {
  it.each([
    [0.25, "15 minutes"],
    [1 / 60, "1 minute"],
    [1, "1 hour"],
    [8, "8 hours"],
    [1.5, "1.5 hours"],
  ])("says %s h as %s", (hours, words) => {
    expect(duration(hours)).toBe(words);
  });
});
