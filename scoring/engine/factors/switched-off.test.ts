// The switched-off factor at its edges: who the blocked share is, in words; which events it names
// and cites; the recovery, cap and cost sentences for each recovery status; the risk-profile gap;
// and what it keeps when explanations are off. Written against the mutants of switched-off.ts that
// survived the other tests (issue 19; 69.13% before). Every sentence and number is worked out by
// hand from docs/METHODOLOGY.md ("Switched off today") and its worked example, not read from the
// code: score = (1 − s) × N + s × min(N, F) × (1 − loss), loss 0 / 0.25 / 0.5 / 1 for recovers /
// recovers slowly / uncertain / no recovery; cap 2 × (1 − s) × 35 when s > 0.5 and no tested
// fallback within the tolerated downtime; the factor carries score − N.
import { describe, expect, it, vi } from "vitest";
import type { ImposeEvent } from "../../schema/policy-event";
import type { SwitchedOff } from "../evaluate";
import { withoutExplanations } from "../explain-mode";
import type { Users } from "../route";
import { SOURCES } from "../sources";
import { blockedUsersPhrase, eventPhrase, listOf, switchedOffFactor } from "./switched-off";

function ev(key: string, title: string, over: Partial<ImposeEvent> = {}): ImposeEvent {
  return { key, kind: "impose", type: "export-control", issuer: "US", title, effectiveDate: "2025-01-15", source: "Federal Register", scope: {}, restrictions: [{ countries: { only: ["GB"] }, locus: "users", severity: "block" }], ...over };
}

// The seeds' story: a US restriction on Anthropic's advanced models, date estimated, cuts off
// offices in Berlin, London and Tokyo; and the worked example's vendor block on OpenAI.
const ANTHROPIC = ev("us-anthropic-advanced", "US export restriction on Anthropic's advanced models", { effectiveDate: "2026-03-02", dateEstimated: true });
const OPENAI = ev("openai-block", "OpenAI blocks", { type: "vendor-restriction", issuer: "vendor", effectiveDate: "2026-01-01" });
const FRONTIER = ev("us-frontier-control", "US frontier model control");
const EVENTS = new Map([ANTHROPIC, OPENAI, FRONTIER].map((e) => [e.key, e]));

// 1000 people: Berlin 200, London 300, Tokyo 100, New York 400.
const FOUR_OFFICES: Users = { countries: ["DE", "GB", "JP", "US"], shares: [0.2, 0.3, 0.1, 0.4], basis: "people", people: 1000, unrecorded: [] };
// The worked example: 700 people in Frankfurt, 300 in New York.
const FRA_NY: Users = { countries: ["DE", "US"], shares: [0.7, 0.3], basis: "people", people: 1000, unrecorded: [] };
// The same offices without headcounts: each counts once.
const FRA_NY_UNCOUNTED: Users = { countries: ["DE", "US"], shares: [0.5, 0.5], basis: "offices", people: 0, unrecorded: ["Frankfurt", "New York"] };

const FALLBACK_NAMES: Record<string, string> = { fb: "Mistral Small (Mistral AI)" };
type Info = Parameters<typeof switchedOffFactor>[1];
const info = (over: Partial<Info> = {}): Info => ({ events: EVENTS, users: FRA_NY, systemName: "Support bot", toleratedHours: 4, fallbackName: (k) => FALLBACK_NAMES[k] ?? k, low: 35, ...over });

/**
 * Blocked in Berlin, London and Tokyo (s = 0.6) with no fallback, N = 30: (1 − 0.6) × 30 = 12,
 * under the cap 2 × 0.4 × 35 = 28; the factor carries 12 − 30 = −18.
 */
const offAnthropic = (over: Partial<SwitchedOff> = {}): SwitchedOff => ({
  share: 0.6,
  allBecause: undefined,
  countries: ["DE", "GB", "JP"],
  events: ["us-anthropic-advanced"],
  status: "no-recovery",
  fallback: undefined,
  switchTimeHours: undefined,
  fallbackScore: undefined,
  structural: 30,
  effective: 12,
  cap: 28,
  ...over,
});
/** The worked example's block on Frankfurt (s = 0.7), to be completed per row. */
const offFrankfurt = (over: Partial<SwitchedOff>): SwitchedOff => ({ ...offAnthropic(), share: 0.7, countries: ["DE"], events: ["openai-block"], ...over });
const refs = (f: { sources: readonly { kind: string; ref: string }[] }) => f.sources.map((s) => `${s.kind}:${s.ref}`);

describe("listOf: items in a sentence", () => {
  it.each([
    ["nothing is no words", [], ""],
    ["one item is itself", ["Germany"], "Germany"],
    ["two are joined by 'and'", ["Germany", "Japan"], "Germany and Japan"],
    ["three take a comma, then 'and'", ["Germany", "the United Kingdom", "Japan"], "Germany, the United Kingdom and Japan"],
    ["four take commas up to the last", ["A", "B", "C", "D"], "A, B, C and D"],
  ])("%s", (_label, items, words) => {
    expect(listOf(items)).toBe(words);
  });
});

describe("eventPhrase: an event, since when, estimated or not, and how it was narrowed", () => {
  it("marks an estimated date, and leaves a known one plain", () => {
    expect(eventPhrase(ANTHROPIC)).toBe("US export restriction on Anthropic's advanced models (in force since 2026-03-02, estimated date)");
    expect(eventPhrase(OPENAI)).toBe("OpenAI blocks (in force since 2026-01-01)");
  });

  it("names every partial lift with its date, in order, each estimate marked", () => {
    const narrowed = {
      ...ANTHROPIC,
      partialLifts: [
        { title: "US lifts the Anthropic restriction for allied nations", effectiveDate: "2026-07-13", dateEstimated: true },
        { title: "Japan exempted", effectiveDate: "2026-09-01" },
      ],
    };
    expect(eventPhrase(narrowed)).toBe(
      "US export restriction on Anthropic's advanced models (in force since 2026-03-02, estimated date; partly lifted: US lifts the Anthropic restriction for allied nations, 2026-07-13, estimated date; Japan exempted, 2026-09-01)",
    );
  });

  it("says nothing about lifts when the list of lifts is empty", () => {
    expect(eventPhrase({ ...OPENAI, partialLifts: [] })).toBe("OpenAI blocks (in force since 2026-01-01)");
  });
});

describe("blockedUsersPhrase: who is cut off", () => {
  it.each([
    ["the model runs in a blocked country", { share: 1, allBecause: "hosting", countries: ["US"] }, FRA_NY, "everyone who relies on it: it runs in the United States"],
    ["the licence excludes the organisation", { share: 1, allBecause: "licensee", countries: ["DE"] }, FRA_NY, "everyone: the licence grants no rights to organisations based in Germany"],
    ["a sanction touches the chain", { share: 1, allBecause: "chain", countries: [] }, FRA_NY, "everyone: a sanction in force touches a company or location in its chain"],
    ["every office is blocked", { share: 1, allBecause: undefined, countries: ["DE", "GB", "JP", "US"] }, FOUR_OFFICES, "all of the people who rely on it (offices in Germany, the United Kingdom, Japan and the United States)"],
    ["99.5% of the people (rounds to all)", { share: 0.995, allBecause: undefined, countries: ["DE"] }, FRA_NY, "all of the people who rely on it (offices in Germany)"],
    ["99.4% of the people (rounds to 99%)", { share: 0.994, allBecause: undefined, countries: ["DE"] }, FRA_NY, "99% of the people who rely on it (offices in Germany)"],
    ["three offices of four, by headcount", { share: 0.6, allBecause: undefined, countries: ["DE", "GB", "JP"] }, FOUR_OFFICES, "60% of the people who rely on it (offices in Germany, the United Kingdom and Japan)"],
    ["one office of two without headcounts", { share: 0.5, allBecause: undefined, countries: ["DE"] }, FRA_NY_UNCOUNTED, "50% of the offices that rely on it (offices in Germany; headcount not recorded for Frankfurt and New York: counted by offices, verify)"],
  ] as const)("when %s", (_label, off, users, words) => {
    expect(blockedUsersPhrase({ ...off, countries: [...off.countries] }, users)).toBe(words);
  });
});

describe("switchedOffFactor: nothing switched off", () => {
  it("carries 0 points, says so, cites the method and names no gap", () => {
    expect(switchedOffFactor(undefined, info())).toEqual({
      id: "jurisdiction.switched-off",
      raw: 0,
      sentence: "No restriction in force switches this dependency off for anyone today.",
      sources: [SOURCES.method],
    });
  });
});

describe("switchedOffFactor: no fallback carries the blocked users", () => {
  it("names the event, the share and the offices, says the service is off, and what it costs", () => {
    const fallbackName = vi.fn((k: string) => k);
    const f = switchedOffFactor(offAnthropic(), info({ users: FOUR_OFFICES, fallbackName }));
    expect({ ...f, sources: refs(f) }).toEqual({
      id: "jurisdiction.switched-off",
      raw: -18,
      sentence:
        "US export restriction on Anthropic's advanced models (in force since 2026-03-02, estimated date) blocks this model for 60% of the people who rely on it (offices in Germany, the United Kingdom and Japan). " +
        "No fallback recorded can carry those users: for them the service is off. " +
        "This takes 18.0 points from the 30.0 its factors add up to.",
      sources: ["policy-event:us-anthropic-advanced", "method:sovra-methodology"],
      gap: "switched off today for 60% of its users",
    });
    // No fallback, so no fallback's name is asked for (its key is a string, never undefined).
    expect(fallbackName).not.toHaveBeenCalled();
  });

  it("reads the model running in a blocked country as everyone cut off", () => {
    // s = 1, N = 30: nothing left, the cap is 2 × 0 × 35 = 0.
    const f = switchedOffFactor(offAnthropic({ share: 1, allBecause: "hosting", countries: ["US"], effective: 0, cap: 0 }), info());
    expect(f.sentence).toBe(
      "US export restriction on Anthropic's advanced models (in force since 2026-03-02, estimated date) blocks this model for everyone who relies on it: it runs in the United States. " +
        "No fallback recorded can carry those users: for them the service is off. " +
        "Switched off for most of its users without a tested fallback within the tolerated downtime, it scores at most 2 × (1 − 100%) × 35 = 0.0: Very Low. " +
        "This takes 30.0 points from the 30.0 its factors add up to.",
    );
    expect(f.gap).toBe("switched off today for 100% of its users");
  });
});

describe("switchedOffFactor: several events, and events it cannot find", () => {
  it("names two blocking events in key order and says they 'block', citing both", () => {
    const f = switchedOffFactor(offFrankfurt({ events: ["openai-block", "us-frontier-control"], structural: 20.8, effective: 6.24, cap: 21 }), info());
    expect(f.sentence.startsWith("OpenAI blocks (in force since 2026-01-01) and US frontier model control (in force since 2025-01-15) block this model for 70% of the people who rely on it (offices in Germany). ")).toBe(true);
    expect(refs(f)).toEqual(["policy-event:openai-block", "policy-event:us-frontier-control", "method:sovra-methodology"]);
  });

  it("skips an event key missing from the landscape rather than failing, and names the one it has", () => {
    const f = switchedOffFactor(offFrankfurt({ events: ["gone-event", "openai-block"], structural: 20.8, effective: 6.24, cap: 21 }), info());
    expect(f.sentence.startsWith("OpenAI blocks (in force since 2026-01-01) blocks this model for 70% of the people")).toBe(true);
    expect(refs(f)).toEqual(["policy-event:openai-block", "method:sovra-methodology"]);
  });

  it("carries a partial lift, with its estimate mark, into the sentence", () => {
    const lifted = new Map([[ANTHROPIC.key, { ...ANTHROPIC, partialLifts: [{ title: "US lifts the Anthropic restriction for allied nations", effectiveDate: "2026-07-13", dateEstimated: true }] }]]);
    const f = switchedOffFactor(offAnthropic({ share: 0.4, countries: ["US"], cap: undefined, effective: 18 }), info({ events: lifted, users: FOUR_OFFICES }));
    expect(f.sentence).toBe(
      "US export restriction on Anthropic's advanced models (in force since 2026-03-02, estimated date; partly lifted: US lifts the Anthropic restriction for allied nations, 2026-07-13, estimated date) blocks this model for 40% of the people who rely on it (offices in the United States). " +
        "No fallback recorded can carry those users: for them the service is off. " +
        "This takes 12.0 points from the 30.0 its factors add up to.",
    );
  });
});

describe("switchedOffFactor: each recovery, as the worked example tells it", () => {
  it("an untested fallback: half its score, capped at Very Low (row 2: 27.17 capped at 21)", () => {
    // N = 41.80, s = 0.7: 0.3 × 41.80 + 0.7 × min(41.80, 100) × 0.5 = 27.17 > cap 2 × 0.3 × 35 = 21.
    const f = switchedOffFactor(offFrankfurt({ status: "uncertain", fallback: "fb", switchTimeHours: 2, fallbackScore: 100, structural: 41.8, effective: 21, cap: 21 }), info());
    expect(f.sentence).toBe(
      "OpenAI blocks (in force since 2026-01-01) blocks this model for 70% of the people who rely on it (offices in Germany). " +
        "The fallback Mistral Small (Mistral AI) has not been tested in a drill within a year, so that share counts at half of 41.8, this dependency's own score (the fallback alone would score 100.0). " +
        "Switched off for most of its users without a tested fallback within the tolerated downtime, it scores at most 2 × (1 − 70%) × 35 = 21.0: Very Low. " +
        "This takes 20.8 points from the 41.8 its factors add up to.",
    );
    expect(f.raw).toBeCloseTo(-20.8, 10);
    expect(f.gap).toBe("switched off today for 70% of its users");
  });

  it("no fallback and under the cap: no cap sentence (row 1: 6.24, below the cap of 21)", () => {
    const f = switchedOffFactor(offFrankfurt({ structural: 20.8, effective: 6.24, cap: 21 }), info());
    expect(f.sentence).toBe(
      "OpenAI blocks (in force since 2026-01-01) blocks this model for 70% of the people who rely on it (offices in Germany). " +
        "No fallback recorded can carry those users: for them the service is off. " +
        "This takes 14.6 points from the 20.8 its factors add up to.",
    );
  });

  it("a tested fallback within tolerance that carries the share at the dependency's own score: nothing lost, nothing to say about cost or cap", () => {
    // N = F = 47.80: 0.3 × 47.80 + 0.7 × 47.80 = 47.80; the factor is 0; no cap for a tested fallback within tolerance.
    const fallbackName = vi.fn((k: string) => FALLBACK_NAMES[k] ?? k);
    const f = switchedOffFactor(offFrankfurt({ status: "recovers", fallback: "fb", switchTimeHours: 2, fallbackScore: 47.8, structural: 47.8, effective: 47.8, cap: undefined }), info({ fallbackName }));
    expect({ ...f, sources: refs(f) }).toEqual({
      id: "jurisdiction.switched-off",
      raw: 0,
      sentence:
        "OpenAI blocks (in force since 2026-01-01) blocks this model for 70% of the people who rely on it (offices in Germany). " +
        "The tested fallback Mistral Small (Mistral AI) takes over within the tolerated 4 hours (switch 2 hours), so that share counts at 47.8, the fallback's own score.",
      sources: ["policy-event:openai-block", "method:sovra-methodology"],
      gap: "switched off for 70% of its users; a tested fallback recovers them",
    });
    expect(fallbackName).toHaveBeenCalledWith("fb");
  });

  it("a tested fallback weaker than the dependency: the share comes back at the fallback's score, and the difference is the cost", () => {
    // N = 47.80, F = 40: 0.3 × 47.80 + 0.7 × 40 = 42.34; 42.34 − 47.80 = −5.46, said as 5.5.
    const f = switchedOffFactor(offFrankfurt({ status: "recovers", fallback: "fb", switchTimeHours: 0.25, fallbackScore: 40, structural: 47.8, effective: 42.34, cap: undefined }), info());
    expect(f.sentence).toBe(
      "OpenAI blocks (in force since 2026-01-01) blocks this model for 70% of the people who rely on it (offices in Germany). " +
        "The tested fallback Mistral Small (Mistral AI) takes over within the tolerated 4 hours (switch 15 minutes), so that share counts at 40.0, the fallback's own score. " +
        "This takes 5.5 points from the 47.8 its factors add up to.",
    );
    expect(f.gap).toBe("switched off for 70% of its users; a tested fallback recovers them");
  });

  it("a loss under half a hundredth of a point (shown as 0.00) is not called a cost", () => {
    // N = 30, a blocked share recovered at 29.99 by a tested fallback: 29.996, a loss of 0.004.
    const f = switchedOffFactor(offFrankfurt({ share: 0.4, countries: ["DE"], status: "recovers", fallback: "fb", switchTimeHours: 1, fallbackScore: 29.99, structural: 30, effective: 29.996, cap: undefined }), info());
    expect(f.sentence).toBe(
      "OpenAI blocks (in force since 2026-01-01) blocks this model for 40% of the people who rely on it (offices in Germany). " +
        "The tested fallback Mistral Small (Mistral AI) takes over within the tolerated 4 hours (switch 1 hour), so that share counts at 30.0, the fallback's own score.",
    );
  });

  it("a tested fallback that switches too slowly: three quarters, with the switch time against the tolerance", () => {
    // New York blocked, s = 0.3, N = 25, F = 100, switch 20 h > 4 h tolerated:
    // 0.7 × 25 + 0.3 × min(25, 100) × 0.75 = 17.5 + 5.625 = 23.125; cost 1.875, said as 1.9; no cap (s ≤ 0.5).
    const slow = offFrankfurt({ share: 0.3, countries: ["US"], status: "recovers-slowly", fallback: "fb", switchTimeHours: 20, fallbackScore: 100, structural: 25, effective: 23.125, cap: undefined });
    const f = switchedOffFactor(slow, info());
    expect({ raw: f.raw, sentence: f.sentence, gap: f.gap }).toEqual({
      raw: -1.875,
      sentence:
        "OpenAI blocks (in force since 2026-01-01) blocks this model for 30% of the people who rely on it (offices in the United States). " +
        "The fallback Mistral Small (Mistral AI) is tested, but switching takes 20 hours against the tolerated 4 hours, so that share counts at three quarters of 25.0, this dependency's own score (the fallback alone would score 100.0). " +
        "This takes 1.9 points from the 25.0 its factors add up to.",
      gap: "switched off today for 30% of its users",
    });
  });

  it("a tested fallback whose switch time nobody recorded: says so, and counts it as slow", () => {
    const f = switchedOffFactor(offFrankfurt({ share: 0.3, countries: ["US"], status: "recovers-slowly", fallback: "fb", switchTimeHours: undefined, fallbackScore: 100, structural: 25, effective: 23.125, cap: undefined }), info());
    expect(f.sentence).toBe(
      "OpenAI blocks (in force since 2026-01-01) blocks this model for 30% of the people who rely on it (offices in the United States). " +
        "The fallback Mistral Small (Mistral AI) is tested, but its switch time is not recorded against the tolerated 4 hours, so that share counts at three quarters of 25.0, this dependency's own score (the fallback alone would score 100.0). " +
        "This takes 1.9 points from the 25.0 its factors add up to.",
    );
  });
});

describe("switchedOffFactor without explanations", () => {
  it("keeps the points, the id and the sources, builds no sentence, and gives the short gap", () => {
    const f = withoutExplanations(() => switchedOffFactor(offAnthropic(), info({ users: FOUR_OFFICES })));
    expect({ ...f, sources: refs(f) }).toEqual({
      id: "jurisdiction.switched-off",
      raw: -18,
      sentence: "",
      sources: ["policy-event:us-anthropic-advanced", "method:sovra-methodology"],
      gap: "switched off today",
    });
  });
});

describe("the sentence's figures agree with the rule", () => {
  // METHODOLOGY: recovered = min(N, F) × (1 − loss): "the blocked share can never come back better
  // than the dependency itself". Row 3 of the worked example: N = 47.80, a drilled self-hosted
  // fallback scoring F = 100: the share counts at 47.8, and the sentence says so (it said "at the
  // fallback's own score, 100.0" until a test written from the rule found it).
  it("says a recovered share counts at min(N, F): the dependency's own score when the fallback scores higher", () => {
    const f = switchedOffFactor(offFrankfurt({ status: "recovers", fallback: "fb", switchTimeHours: 2, fallbackScore: 100, structural: 47.8, effective: 47.8, cap: undefined }), info());
    expect(f.sentence).toBe(
      "OpenAI blocks (in force since 2026-01-01) blocks this model for 70% of the people who rely on it (offices in Germany). " +
        "The tested fallback Mistral Small (Mistral AI) takes over within the tolerated 4 hours (switch 2 hours), so that share counts at 47.8, this dependency's own score (the fallback alone would score 100.0).",
    );
  });

  // 1 person in 1000 blocked, no fallback, N = 30: a loss of 0.03 points (30 × 0.001). Said to a
  // tenth it read "This takes 0.0 points", and the share to a whole per cent "0% of the people".
  it("never says a loss it reports takes 0.0 points, nor that a blocked share is 0%", () => {
    const f = switchedOffFactor(offFrankfurt({ share: 0.001, structural: 30, effective: 29.97, cap: undefined }), info());
    expect(f.sentence).toBe(
      "OpenAI blocks (in force since 2026-01-01) blocks this model for less than 1% of the people who rely on it (offices in Germany). " +
        "No fallback recorded can carry those users: for them the service is off. " +
        "This takes 0.03 points from the 30.0 its factors add up to.",
    );
    expect(f.gap).toBe("switched off today for less than 1% of its users");
  });

  // s = 0.501, no fallback, N = 80: 0.499 × 80 = 39.92 is above the cap 2 × 0.499 × 35 = 34.93; a whole per cent made the formula read
  // "2 × (1 − 50%) × 35 = 34.9", whose figures give 35.0.
  it("writes the cap's formula with a share precise enough to give its result", () => {
    const f = switchedOffFactor(offFrankfurt({ share: 0.501, structural: 80, effective: 34.93, cap: 34.93 }), info());
    expect(f.sentence).toContain("it scores at most 2 × (1 − 50.1%) × 35 = 34.9: Very Low.");
  });
});
