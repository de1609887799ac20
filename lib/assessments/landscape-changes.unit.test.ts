import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { scoreInventory } from "@/scoring/score-inventory";
import { loadExample } from "@/scoring/testing/examples";
import type { PolicyEvent } from "@/scoring/schema/policy-event";
import { asFrozenUnder202611 } from "./frozen-2026-11.testing";
import { estimatedEventKeys, landscapeChanges, type FrozenSide } from "./landscape-changes";

const example = loadExample("frankfurt-manufacturer");
const RESTRICTION = { key: "us-anthropic-model-export-restriction", title: "US export restriction on Anthropic's advanced models", effectiveDate: "2026-03-02", dateEstimated: true };
const LIFT_FOR_ALLIES = { key: "us-anthropic-model-export-restriction-eased-allies", title: "US lifts the Anthropic restriction for allied nations", effectiveDate: "2026-07-13", dateEstimated: true };

/** The Frankfurt example as an assessment would freeze it on `asOf`. */
function frozenOn(asOf: string, over: { policyEvents?: PolicyEvent[]; old?: boolean } = {}): FrozenSide {
  const doc = { ...example, policyEvents: over.policyEvents ?? example.policyEvents };
  const result = scoreInventory(doc, { asOf });
  return { asOf, results: over.old ? asFrozenUnder202611(result) : result, landscape: { catalogueEvents: [...DEFAULT_POLICY_EVENTS] }, inputs: doc };
}

describe("landscapeChanges: the policy events between two frozen assessments", () => {
  it("names the restriction that came into force, with its estimated date", () => {
    expect(landscapeChanges(frozenOn("2026-01-15"), frozenOn("2026-05-04"))).toEqual({ imposed: [RESTRICTION], lifted: [], partlyLifted: [] });
  });

  it("names a restriction partly lifted in between, with the new lift and its estimated date", () => {
    expect(landscapeChanges(frozenOn("2026-05-04"), frozenOn("2026-09-01"))).toEqual({ imposed: [], lifted: [], partlyLifted: [{ ...RESTRICTION, lifts: [LIFT_FOR_ALLIES] }] });
    // Once lifted, it stays partly lifted: the same lift is no change.
    expect(landscapeChanges(frozenOn("2026-09-01"), frozenOn("2026-12-06")).partlyLifted).toEqual([]);
  });

  it("names a lifted event with the lift that ended it, from the frozen events", () => {
    const c = landscapeChanges(frozenOn("2025-03-01"), frozenOn("2025-06-01"));
    expect(c.imposed).toEqual([]);
    expect(c.lifted).toEqual([
      {
        key: "us-ai-diffusion-rule-2025",
        title: "US Framework for Artificial Intelligence Diffusion (ECCN 4E091)",
        effectiveDate: "2025-01-13",
        dateEstimated: false,
        endedBy: { key: expect.any(String), title: expect.stringMatching(/rescind/i), effectiveDate: "2025-05-13", dateEstimated: false },
      },
    ]);
  });

  it("names an organisation's own expiring event as expired", () => {
    const own: PolicyEvent = { kind: "impose", key: "own-ban", title: "Own ban", type: "ban", issuer: "DE", effectiveDate: "2026-01-01", expires: "2026-02-01", source: "Us", scope: { vendors: ["openai"] }, restrictions: [{ countries: { only: ["DE"] }, locus: "users", severity: "block" }] };
    const c = landscapeChanges(frozenOn("2026-01-15", { policyEvents: [own] }), frozenOn("2026-02-15", { policyEvents: [own] }));
    expect(c.lifted).toEqual([{ key: "own-ban", title: "Own ban", effectiveDate: "2026-01-01", dateEstimated: false, expired: "2026-02-01" }]);
  });

  it("reads results frozen under 2026.11-1 (no partial lifts, no estimate marks on the landscape) from their frozen events", () => {
    // The estimate mark comes from the frozen catalogue events, not from the results.
    expect(landscapeChanges(frozenOn("2026-01-15", { old: true }), frozenOn("2026-05-04", { old: true })).imposed).toEqual([RESTRICTION]);
    // An old "before" has no partial lifts; a new "after" has one: the lift is reported.
    expect(landscapeChanges(frozenOn("2026-05-04", { old: true }), frozenOn("2026-09-01")).partlyLifted).toEqual([{ ...RESTRICTION, lifts: [LIFT_FOR_ALLIES] }]);
    // The assessment page marks their dates from the same frozen events.
    expect([...estimatedEventKeys(frozenOn("2026-05-04", { old: true }))].sort()).toEqual([RESTRICTION.key, LIFT_FOR_ALLIES.key]);
    // Two old results cannot tell a partial lift: nothing is invented.
    expect(landscapeChanges(frozenOn("2026-05-04", { old: true }), frozenOn("2026-09-01", { old: true }))).toEqual({ imposed: [], lifted: [], partlyLifted: [] });
  });
});
