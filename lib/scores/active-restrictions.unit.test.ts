import { describe, expect, it } from "vitest";
import { scoreInventory } from "@/scoring/score-inventory";
import { loadExample } from "@/scoring/testing/examples";
import { smallDoc } from "@/scoring/testing/fixtures";
import { asFrozenUnder202611 } from "@/lib/assessments/frozen-2026-11.testing";
import { eventsInForce, fallbackLabel, notRecordedByVendor, restrictionEffect, restrictionsInForce, sharePhrase } from "./active-restrictions";
import { buildScoresDashboard } from "./dashboard";

const ANTHROPIC_BLOCK = "us-anthropic-model-export-restriction";
const example = loadExample("frankfurt-manufacturer");

describe("restrictionEffect: what the vendor table's mark says a restriction does", () => {
  it.each([
    ["recovers", "Switched off for up to 24% of an AI system's users; recovered by a tested fallback"],
    ["recovers-slowly", "Switched off for up to 24% of an AI system's users; recovered by a tested fallback, slower than tolerated"],
    ["uncertain", "Switched off for up to 24% of an AI system's users; no tested fallback (an untested one may carry them)"],
    ["no-recovery", "Switched off for up to 24% of an AI system's users; no tested fallback; none can carry them"],
  ] as const)("a block whose worst recovery is %s", (recovery, words) => {
    expect(restrictionEffect({ blocks: true, largestShare: 0.2401, recovery })).toBe(words);
  });

  it("says 'all' when a system's every user is cut off, and that a licence requirement switches nothing off", () => {
    expect(restrictionEffect({ blocks: true, largestShare: 1, recovery: "no-recovery" })).toBe("Switched off for all of an AI system's users; no tested fallback; none can carry them");
    expect(restrictionEffect({ blocks: false, largestShare: 0.5, recovery: undefined })).toBe("Restricts up to 50% of an AI system's users (a licence is required); nothing is switched off");
    expect([sharePhrase(0.996), sharePhrase(0.2602)]).toEqual(["all", "26%"]);
  });
});

describe("restrictionsInForce: the 'Switched off now' banner's data", () => {
  it("names, for the Frankfurt manufacturer on 6 December 2026, the US restriction on Anthropic with its estimated dates, its partial lift, the offices it cuts off and the systems it switches off", () => {
    const result = scoreInventory(example, { asOf: "2026-12-06" });
    const [lead, ...rest] = restrictionsInForce(result);
    expect(rest).toEqual([]);
    expect(lead).toMatchObject({
      key: ANTHROPIC_BLOCK,
      typeLabel: "Export control",
      effectiveDate: "2026-03-02",
      dateEstimated: true,
      partialLifts: [{ key: `${ANTHROPIC_BLOCK}-eased-allies`, effectiveDate: "2026-07-13", dateEstimated: true }],
      vendors: ["Anthropic"],
      switchedOffSystems: 2,
      unrecoveredSystems: 2,
      countries: ["BR", "IN", "SG"],
      everyone: false,
      switchedOffSystemNames: ["Code assistant", "IT helpdesk assistant"],
    });
    // The same counts as the engine's own organisation summary.
    expect(lead).toMatchObject(result.organisation.activeRestrictions[0]!);
  });

  it("marks a restriction that cuts some dependency off for everyone (before the lift for allies, a model hosted in Germany)", () => {
    const [lead] = restrictionsInForce(scoreInventory(example, { asOf: "2026-05-04" }));
    expect(lead).toMatchObject({ key: ANTHROPIC_BLOCK, partialLifts: [], everyone: true });
  });

  it("is empty when no restriction reaches the organisation, and for a result frozen under 2026.11-1, which does not record them", () => {
    expect(restrictionsInForce(scoreInventory(smallDoc(), { asOf: "2026-12-06" }))).toEqual([]);
    const old = asFrozenUnder202611(scoreInventory(example, { asOf: "2026-12-06" }));
    expect(restrictionsInForce(old)).toEqual([]);
    expect(notRecordedByVendor(old.vendors)).toEqual([]);
    expect(eventsInForce(old).get(ANTHROPIC_BLOCK)).toEqual({ title: "US export restriction on Anthropic's advanced models", effectiveDate: "2026-03-02", dateEstimated: false });
  });
});

describe("the vendor table's Active restriction mark", () => {
  it("marks Anthropic, and only Anthropic, with the event, its estimated date, the partial lift and what it does", () => {
    const result = scoreInventory(example, { asOf: "2026-12-06" });
    const rows = buildScoresDashboard(result, example).vendors;
    expect(rows.filter((v) => v.activeRestrictions.length > 0).map((v) => v.name)).toEqual(["Anthropic"]);
    expect(rows.find((v) => v.name === "Anthropic")!.activeRestrictions).toEqual([
      {
        key: ANTHROPIC_BLOCK,
        title: "US export restriction on Anthropic's advanced models",
        effectiveDate: "2026-03-02",
        dateEstimated: true,
        partlyLifted: true,
        blocks: true,
        largestShare: 0.2602,
        recovery: "no-recovery",
        effect: "Switched off for up to 26% of an AI system's users; no tested fallback; none can carry them",
      },
    ]);
  });

  it("has no mark for a result frozen under 2026.11-1, without failing", () => {
    const old = asFrozenUnder202611(scoreInventory(example, { asOf: "2026-12-06" }));
    const rows = buildScoresDashboard(old, example).vendors;
    expect(rows.length).toBeGreaterThan(1);
    for (const v of rows) expect(v.activeRestrictions).toEqual([]);
  });
});

describe("facts nobody recorded and fallback names", () => {
  it("lists each vendor's unrecorded facts by vendor name, vendors without any left out", () => {
    const result = scoreInventory(example, { asOf: "2026-12-06" });
    const list = notRecordedByVendor(result.vendors);
    expect(list.map((v) => v.vendor)).toEqual(result.vendors.filter((v) => v.notRecorded.length > 0).map((v) => v.name).sort((a, b) => a.localeCompare(b)));
    expect(list.find((v) => v.vendor === "OpenAI")?.items).toEqual(["whether OpenAI is certified under the EU-US Data Privacy Framework (scored as not certified)"]);
  });

  it("names a fallback by its model, vendor and access path, and nothing for an unknown key", () => {
    expect(fallbackLabel(example, "it-helpdesk/fallback-mistral")).toBe("Mistral Large (Mistral AI), direct API");
    expect(fallbackLabel(example, "no-such-fallback")).toBeUndefined();
    expect(fallbackLabel(example, undefined)).toBeUndefined();
  });
});
