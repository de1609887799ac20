// Aggregation at its edges: how points are rounded so that the named factors add up to the score,
// which dependency is a system's weakest, the criticality-weighted means of vendors and the
// organisation, the order and cut-off of findings, the restrictions in force that lead the
// organisation's summary, and every sentence a reader sees on the way. Written against the
// mutants of aggregate.ts that survived the other tests (issue 19). Every figure is worked out by
// hand from docs/METHODOLOGY.md (the arithmetic is in the comments), not read from the code.
//
// The reference dependency (smallDoc: Support bot, high criticality, personal data from Frankfurt
// under SCCs, GPT by OpenAI's direct API, hosted in the US by default, no fallback), factor by
// factor, raw points x dimension weight (access 0.25, jurisdiction 0.3, fallback 0.3,
// concentration 0.15):
//   access.path 10 -> 2.5           access.hosting 15 (users in the US) -> 3.75
//   restrictions 35 -> 10.5         extraterritorial 8 (US laws) -> 2.4
//   transfer 15 (SCCs, reachable) -> 4.5                 sanctions 15 -> 4.5
//   fallback 0 + 0 + 0 + 0 + 0 -> 0                      concentration 4 x 0 (share 1) -> 0
//   = 28.15; dimensions: access 25, jurisdiction 73, fallback 0, concentration 0.
import { describe, expect, it } from "vitest";
import { scoreInventory } from "../index";
import type { ScoringOptions } from "../options";
import type { DependencyResult, Factor, ScoringResult } from "../results";
import type { InventoryDocument } from "../schema/inventory";
import type { ImposeEvent, LiftEvent } from "../schema/policy-event";
import { model, smallDoc, vendor } from "../testing/fixtures";
import { organisationTotal, round2, roundedPoints, roundedScore, systemStates, weakestOf, type SystemState } from "./aggregate";
import type { Context } from "./context";
import type { DependencyEvaluation } from "./evaluate";
import { FACTORS } from "./factors/types";

const AS_OF = "2026-11-01";
/** Scores a variant of smallDoc; `landscape: []` leaves only the document's own events in force. */
const score = (over: Partial<InventoryDocument> = {}, opts: Omit<ScoringOptions, "asOf"> = {}): ScoringResult => scoreInventory(smallDoc(over), { asOf: AS_OF, landscape: [], ...opts });
const factor = (s: { factors: Factor[] }, id: string): Factor => s.factors.find((f) => f.id === id)!;
const ids = FACTORS.map((f) => f.id);

/** 16 points (15 structural, then the switched-off adjustment). */
const pointsOf = (structural: number[], switchedOff: number): number[] => [...structural, ...new Array<number>(15 - structural.length).fill(0), switchedOff];

describe("points are rounded one by one, and the switched-off adjustment absorbs the rest", () => {
  it.each([
    [12.3456, 12.35],
    [12.344, 12.34],
    [0.004, 0],
    [-7.504, -7.5],
  ])("rounds %s to %s", (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it("without an adjustment, the score is the sum of the rounded structural points, not the rounded sum", () => {
    // Fifteen factors of 0.006 each: each shows as 0.01, so the score is 0.15 (not round2(0.09) = 0.09).
    const pts = pointsOf(new Array<number>(15).fill(0.006), 0);
    expect(roundedScore(pts)).toBe(0.15);
    expect(roundedPoints(pts)).toEqual({ points: [...new Array<number>(15).fill(0.01), 0], score: 0.15 });
  });

  it("fifteen points without the adjustment's slot are summed the same way, and no slot is added for it", () => {
    const pts = new Array<number>(15).fill(0.006);
    expect(roundedScore(pts)).toBe(0.15);
    expect(roundedPoints(pts)).toEqual({ points: new Array<number>(15).fill(0.01), score: 0.15 });
  });

  it("with an adjustment, the score is the rounded total and the adjustment takes the rounding", () => {
    // 10.004 x 3 shows as 10 x 3 = 30; the total is 30.012 - 5 = 25.012 -> 25.01; the
    // adjustment shows 25.01 - 30 = -4.99, so the points shown add up to the score.
    const pts = pointsOf([10.004, 10.004, 10.004], -5);
    expect(roundedScore(pts)).toBe(25.01);
    expect(roundedPoints(pts)).toEqual({ points: [10, 10, 10, ...new Array<number>(12).fill(0), -4.99], score: 25.01 });
  });

  it("a (never produced) positive adjustment cannot lift the score above the structural sum", () => {
    // Structural 0.15 as shown; total 0.09 + 0.001 -> 0.09: the lower of the two.
    const pts = pointsOf(new Array<number>(15).fill(0.006), 0.001);
    expect(roundedScore(pts)).toBe(0.09);
    expect(roundedPoints(pts).score).toBe(0.09);
    // Structural 40 and a +10 adjustment: still 40, the adjustment shows 0.
    const up = pointsOf([40], 10);
    expect(roundedScore(up)).toBe(40);
    expect(roundedPoints(up)).toEqual({ points: [40, ...new Array<number>(14).fill(0), 0], score: 40 });
  });

  it("never goes below 0, and the adjustment then takes the whole structural sum", () => {
    const pts = pointsOf([20, 5.5], -40);
    expect(roundedScore(pts)).toBe(0);
    expect(roundedPoints(pts)).toEqual({ points: [20, 5.5, ...new Array<number>(13).fill(0), -25.5], score: 0 });
  });
});

const evaluation = (key: string, total: number, weight = 1, index = 0) => ({ total, p: { dep: { key }, weight, index } }) as unknown as DependencyEvaluation;

describe("a system's weakest dependency", () => {
  it.each([
    ["the lowest total wins, wherever it is listed", [["a", 50], ["b", 40], ["c", 45]], "b"],
    ["the lowest total wins when listed first", [["a", 40], ["b", 50]], "a"],
    ["on a tie, the first (smallest key) wins", [["a", 50], ["b", 50]], "a"],
    ["lower by only 0.0000000005 is still a tie", [["a", 50], ["b", 50 - 5e-10]], "a"],
    ["higher by only 0.0000000005 is still a tie", [["a", 50], ["b", 50 + 5e-10]], "a"],
    ["lower by exactly the tolerance is still a tie", [["a", 50], ["b", 50 - 1e-9]], "a"],
    ["lower by 0.000001 is lower", [["a", 50], ["b", 50 - 1e-6]], "b"],
  ] as const)("%s", (_label, deps, expected) => {
    expect(weakestOf(deps.map(([k, t]) => evaluation(k, t))).p.dep.key).toBe(expected);
  });
});

describe("system states and the organisation's weighted mean", () => {
  it("groups the evaluations by system, in the context's order, with the largest dependency weight", () => {
    const list = [evaluation("a/1", 60, 2, 0), evaluation("a/2", 30, 8, 1), evaluation("a/3", 90, 4, 2), evaluation("b/1", 70, 3, 3)];
    const ctx = { depsBySystem: new Map([["a", [0, 1, 2].map((i) => list[i]!.p)], ["b", [list[3]!.p]]]) } as unknown as Context;
    const states = systemStates(ctx, list);
    expect(states.map((s) => ({ key: s.key, weight: s.weight, weakest: s.weakest.p.dep.key, deps: s.deps.map((d) => d.p.dep.key) }))).toEqual([
      { key: "a", weight: 8, weakest: "a/2", deps: ["a/1", "a/2", "a/3"] },
      { key: "b", weight: 3, weakest: "b/1", deps: ["b/1"] },
    ]);
    // The weight is the largest, wherever it is listed.
    const reordered = { depsBySystem: new Map([["a", [2, 0, 1].map((i) => list[i]!.p)]]) } as unknown as Context;
    expect(systemStates(reordered, list)[0]!.weight).toBe(8);
  });

  const state = (weight: number, total: number) => ({ key: "s", weight, weakest: { total }, deps: [] }) as unknown as SystemState;
  it.each([
    ["weighs each system's score by its weight", [state(1, 40), state(3, 80)], 70], // (40 + 240) / 4
    ["is the score itself for one system", [state(2, 33.5)], 33.5],
    ["is 100 with no systems", [], 100],
    ["is 100 when every weight is 0", [state(0, 20), state(0, 30)], 100],
  ] as const)("%s", (_label, states, expected) => {
    expect(organisationTotal(states)).toBe(expected);
  });
});

describe("a dependency's result", () => {
  const r = score();
  const d = r.dependencies[0]!;

  it("reports what it is, its weight (high 4 x personal 1.5 = 6), its score and rating", () => {
    expect(d).toMatchObject({ key: "bot/gpt", system: "bot", model: "gpt", vendor: "openai", cloud: undefined, accessPath: "direct-api", hostingCountry: "US", weight: 6, sensitivity: "personal", bestFallback: undefined, restrictedBy: [], score: 28.15, rating: "Very Low" });
    expect(d).not.toHaveProperty("switchedOff");
    expect(d.notRecorded).toEqual(["whether OPENAI is certified under the EU-US Data Privacy Framework (scored as not certified)", "where Model gpt runs (assumed the United States)"]);
  });

  it("scores each dimension out of 100 from its own factors only", () => {
    // access (10 + 15), jurisdiction (35 + 8 + 15 + 15), fallback 0, concentration 0.
    expect(d.dimensions).toEqual({ access: 25, jurisdiction: 73, fallback: 0, concentration: 0 });
  });

  it("lists the 16 factors with their points, raw points and maxima, in the fixed order", () => {
    expect(d.factors.map((f) => [f.id, f.dimension, f.points, f.rawPoints, f.maxPoints])).toEqual([
      ["access.path", "access", 2.5, 10, 70],
      ["access.hosting", "access", 3.75, 15, 30],
      ["jurisdiction.restrictions", "jurisdiction", 10.5, 35, 35],
      ["jurisdiction.extraterritorial", "jurisdiction", 2.4, 8, 25],
      ["jurisdiction.transfer", "jurisdiction", 4.5, 15, 25],
      ["jurisdiction.sanctions", "jurisdiction", 4.5, 15, 15],
      ["fallback.exists", "fallback", 0, 0, 30],
      ["fallback.independence", "fallback", 0, 0, 25],
      ["fallback.tested", "fallback", 0, 0, 20],
      ["fallback.switch-time", "fallback", 0, 0, 15],
      ["fallback.exit-plan", "fallback", 0, 0, 10],
      ["concentration.vendor", "concentration", 0, 0, 25],
      ["concentration.model-family", "concentration", 0, 0, 25],
      ["concentration.cloud", "concentration", 0, 0, 25],
      ["concentration.jurisdiction", "concentration", 0, 0, 25],
      ["jurisdiction.switched-off", "jurisdiction", 0, 0, 0],
    ]);
    expect(factor(d, "access.path")).toMatchObject({ label: "Who holds the off switch", sentence: "Model gpt is reached only through the direct API of OPENAI (United States): the vendor holds the off switch." });
    expect(factor(d, "fallback.exists").sentence).toBe("No fallback is recorded: if this model is switched off, the system stops.");
  });

  it("profiles it by its route and its two largest weighted gaps", () => {
    // Gaps by weighted loss: direct API (70 - 10) x 0.25 = 15, no fallback 30 x 0.3 = 9; the next
    // largest losses (independence 7.5, drill 6) have no gap phrase of their own.
    expect(d.profile).toBe("Direct API to OPENAI (United States): direct API to OPENAI; no fallback.");
    expect(r.systems[0]!.profile).toBe(d.profile);
  });

  it("keeps its explanations out of sight until read, but in JSON", () => {
    expect(Object.keys(d)).toEqual(["key", "system", "model", "vendor", "cloud", "accessPath", "hostingCountry", "weight", "sensitivity", "bestFallback", "restrictedBy", "score", "rating", "profile", "dimensions", "factors", "notRecorded"]);
    const json = JSON.parse(JSON.stringify(d)) as DependencyResult;
    expect(json.profile).toBe(d.profile);
    expect(json.factors).toHaveLength(16);
    expect(d.factors).toBe(d.factors); // built once
    expect(d.profile).toBe(d.profile);
  });

  it("a spread copies the explanations but not the hidden evaluation, which cannot be replaced", () => {
    const copy = { ...d };
    expect(copy.profile).toBe(d.profile);
    expect(copy.factors).toBe(d.factors);
    expect(Object.getOwnPropertySymbols(copy)).toEqual([]);
    const [hidden] = Object.getOwnPropertySymbols(d);
    expect(Object.getOwnPropertyDescriptor(d, hidden!)).toMatchObject({ enumerable: false, writable: false, configurable: false });
    const system = r.systems[0]!;
    expect(Object.getOwnPropertySymbols({ ...system })).toEqual([]);
    expect({ ...system }.factors).toBe(d.factors);
  });
});

describe("the organisation and its vendor with one dependency", () => {
  const r = score();

  it("lists the 10 largest losses, ties in factor order, and drops the rest", () => {
    // One system, so each loss is (max - raw) x dimension weight: access.path 60 x 0.25 = 15,
    // exists 9, independence 7.5, drill 6, extraterritorial 17 x 0.3 = 5.1, switch 4.5, then five
    // losses of 3.75 (hosting 15 x 0.25 and four concentration axes 25 x 0.15) of which the
    // first four in factor order fit; jurisdiction concentration, transfer (10 x 0.3 = 3) and the
    // exit plan (10 x 0.3 = 3) are left out.
    expect(r.findings.map((f) => [f.factor, f.pointsLost])).toEqual([
      ["access.path", 15],
      ["fallback.exists", 9],
      ["fallback.independence", 7.5],
      ["fallback.tested", 6],
      ["jurisdiction.extraterritorial", 5.1],
      ["fallback.switch-time", 4.5],
      ["access.hosting", 3.75],
      ["concentration.vendor", 3.75],
      ["concentration.model-family", 3.75],
      ["concentration.cloud", 3.75],
    ]);
    expect(r.findings[0]).toEqual({ system: "bot", dependency: "bot/gpt", factor: "access.path", pointsLost: 15, sentence: `Support bot: ${factor(r.dependencies[0]!, "access.path").sentence}`, sources: r.dependencies[0]!.factors[0]!.sources });
  });

  it("sums up its rating, its size and its biggest gap", () => {
    expect(r.organisation).toMatchObject({ key: "acme", name: "Acme", systemCount: 1, dependencyCount: 1, score: 28.15, rating: "Very Low", activeRestrictions: [] });
    expect(r.organisation.profile).toBe("Very Low sovereignty across 1 AI system; biggest gap: direct API to OPENAI (Support bot).");
  });

  it("explains each factor by its weighted mean and the system that loses most", () => {
    const o = r.organisation;
    expect(factor(o, "access.path")).toMatchObject({ points: 2.5, rawPoints: 10, sentence: `10 of 70 points on average (weighted by criticality); 1 of 1 AI systems lose points here, most of all Support bot: ${factor(r.dependencies[0]!, "access.path").sentence}` });
    expect(factor(o, "jurisdiction.restrictions")).toMatchObject({ points: 10.5, rawPoints: 35, sentence: "Full marks across all 1 AI systems.", sources: [expect.objectContaining({ ref: "sovra-methodology" })] });
    expect(factor(o, "jurisdiction.switched-off")).toMatchObject({ points: 0, rawPoints: 0, sentence: "No restriction in force switches any of the 1 AI systems off for anyone today." });
    expect(factor(o, "access.path").sources).toBe(r.dependencies[0]!.factors[0]!.sources);
  });

  it("describes concentration by its HHI and largest share, per axis", () => {
    expect(r.organisation.concentration).toEqual({
      vendor: { hhi: 1, top: [{ key: "openai", name: "OPENAI", share: 1 }] },
      "model-family": { hhi: 1, top: [{ key: "gpt", name: "gpt", share: 1 }] },
      cloud: { hhi: 1, top: [{ key: "openai", name: "OPENAI", share: 1 }] },
      jurisdiction: { hhi: 1, top: [{ key: "US", name: "United States", share: 1 }] },
    });
    expect(ids.slice(11, 15).map((id) => factor(r.organisation, id).sentence)).toEqual([
      "HHI 1.00 on vendors; the largest, OPENAI, carries 100% of criticality-weighted dependencies.",
      "HHI 1.00 on model families; the largest, gpt, carries 100% of criticality-weighted dependencies.",
      "HHI 1.00 on clouds; the largest, OPENAI, carries 100% of criticality-weighted dependencies.",
      "HHI 1.00 on jurisdictions; the largest, United States, carries 100% of criticality-weighted dependencies.",
    ]);
  });

  it("profiles the vendor by its systems, access and fallback coverage, and explains its factors per dependency", () => {
    const v = r.vendors[0]!;
    expect(v).toMatchObject({ key: "openai", name: "OPENAI", hqCountry: "US", ultimateParentCountry: undefined, accessPaths: ["direct-api"], accessType: "Direct API", dependencyCount: 1, systemCount: 1, score: 28.15, rating: "Very Low", activeRestrictions: [] });
    expect(v.dimensions).toEqual({ access: 25, jurisdiction: 73, fallback: 0, concentration: 0 });
    expect(v.profile).toBe("1 system relies on OPENAI (United States); access: Direct API; 0 of 1 dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.");
    expect(factor(v, "concentration.vendor").sentence).toBe("0 of 25 points on average (weighted by criticality); 1 of 1 dependencies lose points here, most of all Support bot: 100% of your criticality-weighted AI dependencies rest on the same vendor (OPENAI).");
    expect(factor(v, "jurisdiction.sanctions").sentence).toBe("Full marks across all 1 dependencies.");
    expect(factor(v, "jurisdiction.switched-off").sentence).toBe("No restriction in force switches any of the 1 dependencies off for anyone today.");
    expect(v.notRecorded).toEqual(["whether OPENAI is certified under the EU-US Data Privacy Framework (scored as not certified)", "where Model gpt runs (assumed the United States)"]);
    expect(v.seal.indicative).toBe(true);
    expect(v.seal).toBe(v.seal);
    expect(v.notRecorded).toBe(v.notRecorded);
    expect(v.factors).toBe(v.factors);
  });

  it("lists no restriction in force when the landscape is empty", () => {
    expect(r.landscape).toEqual({ active: [] });
  });
});

// Two systems. Support bot (high): GPT by direct API (public data: 4 x 1 = 4) and self-hosted
// Mistral Small (personal data: 4 x 1.5 = 6), so the system weighs 6. Doc search (critical, used in
// Frankfurt only): GPT by direct API (8 x 1 = 8). OpenAI carries 4 + 8 = 12 of 18: share 2/3 on
// every axis, 25 x 1/3 x 0.15 = 1.25 points per axis; self-hosted open weights count on none.
//   bot/gpt:     2.5 + 3.75 (users in the US) + (35 + 8 + 25 + 15) x 0.3 = 24.9 + 0 + 4 x 1.25 = 36.15 (Low)
//   search/gpt:  2.5 + 0 (hosted in the US, no user there) + 24.9 + 0 + 5 = 32.4 (Very Low)
//   bot/mistral: every factor at its maximum = 100
const twoSystems: Partial<InventoryDocument> = {
  aiSystems: [
    { key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
    { key: "search", name: "Doc search", criticality: "critical", toleratedDowntimeHours: 8, offices: ["fra"] },
  ],
  dependencies: [
    { key: "search/gpt", system: "search", model: "gpt", accessPath: "direct-api" },
    { key: "bot/mistral", system: "bot", model: "mistral-small", accessPath: "self-hosted" },
    { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
  ],
  dataFlows: [{ key: "f1", fromOffice: "fra", dependency: "bot/mistral", categories: ["personal"] }],
};

describe("systems, vendors and the organisation over several dependencies", () => {
  const r = score(twoSystems);
  const dep = (key: string) => r.dependencies.find((d) => d.key === key)!;

  it("scores the dependencies in key order and each system by its weakest", () => {
    expect(r.dependencies.map((d) => [d.key, d.weight, d.score, d.rating])).toEqual([
      ["bot/gpt", 4, 36.15, "Low"],
      ["bot/mistral", 6, 100, "Very High"],
      ["search/gpt", 8, 32.4, "Very Low"],
    ]);
    expect(r.systems.map((s) => ({ key: s.key, name: s.name, criticality: s.criticality, weight: s.weight, weakestDependency: s.weakestDependency, dependencies: s.dependencies, score: s.score, rating: s.rating }))).toEqual([
      { key: "bot", name: "Support bot", criticality: "high", weight: 6, weakestDependency: "bot/gpt", dependencies: ["bot/gpt", "bot/mistral"], score: 36.15, rating: "Low" },
      { key: "search", name: "Doc search", criticality: "critical", weight: 8, weakestDependency: "search/gpt", dependencies: ["search/gpt"], score: 32.4, rating: "Very Low" },
    ]);
  });

  it("gives a system its weakest dependency's dimensions and factors, and says how many it was the weakest of", () => {
    const bot = r.systems[0]!;
    // Concentration 4 x 1.25 = 5 of 15 weighted points: 33.33 of 100.
    expect(bot.dimensions).toEqual({ access: 25, jurisdiction: 83, fallback: 0, concentration: 33.33 });
    expect(bot.factors).toBe(dep("bot/gpt").factors);
    expect(bot.profile).toBe("Direct API to OPENAI (United States): direct API to OPENAI; no fallback (weakest of 2 dependencies).");
    expect(r.systems[1]!.profile).toBe("Direct API to OPENAI (United States): direct API to OPENAI; no fallback.");
    expect(dep("bot/mistral").profile).toBe("Self-hosted to MISTRAL (France): no material gaps.");
  });

  it("weighs the organisation's factors by the systems' weights (6 and 8), not their weakest dependencies' (4 and 8)", () => {
    // Hosting: (6 x 3.75 + 8 x 0) / 14 = 1.607 -> 1.61 (by the dependencies' weights it would be
    // 15 / 12 = 1.25). Score: 2.5 + 1.61 + 10.5 + 2.4 + 7.5 + 4.5 + 0 + 5 = 34.01.
    const o = r.organisation;
    expect(o).toMatchObject({ systemCount: 2, dependencyCount: 3, score: 34.01, rating: "Very Low" });
    // access (2.5 + 1.607) / 0.25 = 16.43; jurisdiction 24.9 / 0.3 = 83; concentration 5 / 0.15 = 33.33.
    expect(o.dimensions).toEqual({ access: 16.43, jurisdiction: 83, fallback: 0, concentration: 33.33 });
    expect(factor(o, "access.hosting")).toMatchObject({ points: 1.61, rawPoints: 6.43, sentence: `6.43 of 30 points on average (weighted by criticality); 2 of 2 AI systems lose points here, most of all Doc search: ${factor(dep("search/gpt"), "access.hosting").sentence}` });
    // Equal raw points: the first system (by key) is named.
    expect(factor(o, "access.path").sentence).toBe(`10 of 70 points on average (weighted by criticality); 2 of 2 AI systems lose points here, most of all Support bot: ${factor(dep("bot/gpt"), "access.path").sentence}`);
    expect(factor(o, "jurisdiction.transfer").sentence).toBe("Full marks across all 2 AI systems.");
    expect(factor(o, "concentration.vendor")).toMatchObject({ points: 1.25, rawPoints: 8.33, sentence: "HHI 0.44 on vendors; the largest, OPENAI, carries 67% of criticality-weighted dependencies." });
    expect(o.profile).toBe("Very Low sovereignty across 2 AI systems; biggest gap: direct API to OPENAI (Doc search).");
  });

  it("orders findings by loss, then system key, then factor order", () => {
    // Loss = (max - raw) x dimension weight x system weight / 14. Doc search (8/14): access 15 ->
    // 8.57, no fallback 9 -> 5.14, hosting 7.5 and independence 7.5 -> 4.29 each, drill 6 -> 3.43,
    // extraterritorial 5.1 -> 2.91, switch 4.5 -> 2.57. Support bot (6/14): access 6.43, no
    // fallback 3.86, independence 3.21, drill 6 -> 2.57. The tenth place is a tie at 36/14 = 2.57
    // between the bot's drill and the search's switch time: the bot comes first by key.
    expect(r.findings.map((f) => [f.system, f.factor, f.pointsLost])).toEqual([
      ["search", "access.path", 8.57],
      ["bot", "access.path", 6.43],
      ["search", "fallback.exists", 5.14],
      ["search", "access.hosting", 4.29],
      ["search", "fallback.independence", 4.29],
      ["bot", "fallback.exists", 3.86],
      ["search", "fallback.tested", 3.43],
      ["bot", "fallback.independence", 3.21],
      ["search", "jurisdiction.extraterritorial", 2.91],
      ["bot", "fallback.tested", 2.57],
    ]);
    expect(r.findings[1]).toMatchObject({ dependency: "bot/gpt", sentence: `Support bot: ${factor(dep("bot/gpt"), "access.path").sentence}` });
  });

  it("breaks equal losses by system key first, even against factor order", () => {
    // Both systems high criticality with public data (weight 4 each): each loss is halved. The
    // bot (Frankfurt and New York) loses 7.5 on access, 4.5 without fallback, 3.75 on independence
    // (factor 7), 3 on the drill, 2.55 on extraterritorial reach; Doc search (Frankfurt only, hosted
    // in the US) the same plus hosting 30 x 0.25 / 2 = 3.75 (factor 1). At 3.75 the bot comes
    // first, then Doc search's hosting before its independence; Doc search's 2.55 is 11th.
    const r = score({ ...twoSystems, aiSystems: twoSystems.aiSystems!.map((s) => ({ ...s, criticality: "high" as const })), dependencies: twoSystems.dependencies!.filter((d) => d.key !== "bot/mistral"), dataFlows: [] });
    expect(r.findings.map((f) => [f.system, f.factor, f.pointsLost])).toEqual([
      ["bot", "access.path", 7.5],
      ["search", "access.path", 7.5],
      ["bot", "fallback.exists", 4.5],
      ["search", "fallback.exists", 4.5],
      ["bot", "fallback.independence", 3.75],
      ["search", "access.hosting", 3.75],
      ["search", "fallback.independence", 3.75],
      ["bot", "fallback.tested", 3],
      ["search", "fallback.tested", 3],
      ["bot", "jurisdiction.extraterritorial", 2.55],
    ]);
  });

  it("weighs a vendor's factors by its dependencies' weights, and lists vendors by key", () => {
    expect(r.vendors.map((v) => v.key)).toEqual(["mistral", "openai"]);
    const [mistral, openai] = r.vendors;
    // Hosting (4 x 3.75 + 8 x 0) / 12 = 1.25: 2.5 + 1.25 + 10.5 + 2.4 + 7.5 + 4.5 + 5 = 33.65.
    expect(openai).toMatchObject({ score: 33.65, rating: "Very Low", dependencyCount: 2, systemCount: 2 });
    expect(factor(openai!, "access.hosting")).toMatchObject({ points: 1.25, rawPoints: 5, sentence: `5 of 30 points on average (weighted by criticality); 2 of 2 dependencies lose points here, most of all Doc search: ${factor(dep("search/gpt"), "access.hosting").sentence}` });
    expect(openai!.profile).toBe("2 systems rely on OPENAI (United States); access: Direct API; 0 of 2 dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.");
    // Two dependencies with the same unrecorded facts: each listed once.
    expect(openai!.notRecorded).toEqual(["where Model gpt runs (assumed the United States)"]);
    expect(mistral).toMatchObject({ score: 100, rating: "Very High", accessPaths: ["self-hosted"], accessType: "Self-hosted", dimensions: { access: 100, jurisdiction: 100, fallback: 100, concentration: 100 } });
    expect(mistral!.profile).toBe("1 system relies on MISTRAL (France); access: Self-hosted; 1 of 1 dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.");
    expect(factor(mistral!, "access.path")).toMatchObject({ points: 17.5, rawPoints: 70, sentence: "Full marks across all 1 dependencies." });
  });
});

// Restrictions in force. Frankfurt has 700 people, New York 300; "OpenAI blocks" cuts off users in
// the US: 30% of the Support bot's users. Its restrictions factor drops to 35 x 0.7 = 24.5 raw
// (7.35 points), so its 15 factors add up to 25 (28.15 - 3.15); with no fallback the blocked 30%
// count for nothing: 0.7 x 25 = 17.5, and the switched-off factor carries -7.5.
const offices = [
  { key: "fra", name: "Frankfurt", country: "DE", headcount: 700, teams: ["support"] },
  { key: "ny", name: "New York", country: "US", headcount: 300, teams: ["sales"] },
];
function impose(key: string, title: string, countries: string[], over: Partial<ImposeEvent> = {}): ImposeEvent {
  return { key, kind: "impose", type: "vendor-restriction", issuer: "vendor", title, effectiveDate: "2026-01-01", source: "test", scope: { vendors: ["openai"] }, restrictions: [{ countries: { only: countries }, locus: "users", severity: "block" }], ...over };
}
const licence = (key: string, title: string, countries: string[], over: Partial<ImposeEvent> = {}) =>
  impose(key, title, countries, { type: "export-control", issuer: "US", restrictions: [{ countries: { only: countries }, locus: "users", severity: "licence-required" }], ...over });
const lift = (key: string, lifts: string, title: string, countries: string[], over: Partial<LiftEvent> = {}): LiftEvent => ({ key, kind: "lift", lifts, title, effectiveDate: "2026-06-01", source: "test", countries: { only: countries }, ...over });
const block = impose("openai-block", "OpenAI blocks", ["US"]);
/** Self-hosted Mistral Small, drilled on 1 October, switching in 2 hours: it recovers a 4-hour system. */
const readyFallback = (key: string, dependency: string) => ({ key, dependency, model: "mistral-small", accessPath: "self-hosted" as const, lastTested: "2026-10-01", switchTimeHours: 2 });

describe("a dependency switched off today, as the results report it", () => {
  const r = score({ offices, policyEvents: [block] });
  const d = r.dependencies[0]!;

  it("reports the switched-off share, who, by what, and the score before the rule", () => {
    expect(d).toMatchObject({ score: 17.5, rating: "Very Low", restrictedBy: ["openai-block"] });
    expect(d.switchedOff).toEqual({ share: 0.3, basis: "people", everyone: undefined, countries: ["US"], events: ["openai-block"], recovery: "no-recovery", fallback: undefined, switchTimeHours: undefined, fallbackScore: undefined, scoreBefore: 25, cap: undefined });
    expect(factor(d, "jurisdiction.switched-off")).toMatchObject({ points: -7.5, rawPoints: -7.5 });
  });

  it("rounds the share to four decimals and reports the fallback's own score and the cap, rounded", () => {
    // New York holds 100 of 300 people: a third, 0.3333.
    const third = score({ offices: [{ ...offices[0]!, headcount: 200 }, { ...offices[1]!, headcount: 100 }], policyEvents: [block] });
    expect(third.dependencies[0]!.switchedOff!.share).toBe(0.3333);
    expect(third.organisation.activeRestrictions[0]!.largestShare).toBe(0.3333);
    expect(third.vendors[0]!.activeRestrictions[0]!.largestShare).toBe(0.3333);
    // Germany blocked (70%) with an untested self-hosted fallback: N = 41.8 (switched-off.test.ts),
    // the cap 2 x 0.3 x 35 = 21 binds; the fallback alone would score 100.
    const capped = score({ offices, policyEvents: [impose("openai-block", "OpenAI blocks", ["DE"])], fallbacks: [{ key: "fb", dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted", switchTimeHours: 2 }] });
    expect(capped.dependencies[0]!.switchedOff).toMatchObject({ share: 0.7, recovery: "uncertain", fallback: "fb", switchTimeHours: 2, fallbackScore: 100, scoreBefore: 41.8, cap: 21 });
    expect(capped.dependencies[0]!.score).toBe(21);
  });

  it("lets the switched-off factor absorb the rounding of the structural factors", () => {
    // A second system (high, personal data) on Mistral Small by direct API halves OpenAI's share:
    // each concentration axis scores 25 x 0.5 x 0.15 = 1.875, shown as 1.88. The 15 factors add up
    // to 25 + 7.5 = 32.5 (32.52 as shown); 0.7 x 32.5 = 22.75, so the adjustment shows
    // 22.75 - 32.52 = -9.77 (not the unrounded -9.75), and the points shown add up to 22.75.
    const r2 = score({
      offices,
      policyEvents: [block],
      aiSystems: [...smallDoc().aiSystems, { key: "helper", name: "Helper", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra"] }],
      dependencies: [...smallDoc().dependencies, { key: "helper/mistral", system: "helper", model: "mistral-small", accessPath: "direct-api" }],
      dataFlows: [...smallDoc().dataFlows!, { key: "f2", fromOffice: "fra", dependency: "helper/mistral", categories: ["personal"] }],
    });
    const bot = r2.dependencies.find((x) => x.key === "bot/gpt")!;
    expect(bot.score).toBe(22.75);
    expect(factor(bot, "concentration.vendor").points).toBe(1.88);
    expect(factor(bot, "jurisdiction.switched-off")).toMatchObject({ points: -9.77, rawPoints: -9.77 });
    expect(bot.switchedOff!.scoreBefore).toBe(32.5);
    const openai = r2.vendors.find((v) => v.key === "openai")!;
    expect(openai.score).toBe(22.75);
    expect(factor(openai, "jurisdiction.switched-off")).toMatchObject({ points: -9.77, rawPoints: -9.77 });
  });

  it("lists the switched-off loss first, then the restriction's own factor, then the rest by size", () => {
    // Switched off 7.5 (rank 0), restrictions (35 - 24.5) x 0.3 = 3.15 (rank 1), then access 15,
    // no fallback 9, independence 7.5, drill 6, extraterritorial 5.1, switch 4.5, hosting 3.75,
    // vendor concentration 3.75.
    expect(r.findings.map((f) => [f.factor, f.pointsLost])).toEqual([
      ["jurisdiction.switched-off", 7.5],
      ["jurisdiction.restrictions", 3.15],
      ["access.path", 15],
      ["fallback.exists", 9],
      ["fallback.independence", 7.5],
      ["fallback.tested", 6],
      ["jurisdiction.extraterritorial", 5.1],
      ["fallback.switch-time", 4.5],
      ["access.hosting", 3.75],
      ["concentration.vendor", 3.75],
    ]);
  });

  it("leads the organisation's profile with the restriction, and names the gap the switched-off factor gives", () => {
    expect(r.organisation.profile).toBe(
      "Active restriction: OpenAI blocks (in force since 2026-01-01) reaches OPENAI in 1 AI system and switches 1 off for some or all of their users, 1 without a tested fallback within tolerance. Very Low sovereignty across 1 AI system; biggest gap: switched off today for 30% of its users (Support bot).",
    );
    expect(r.organisation.activeRestrictions).toEqual([
      { key: "openai-block", title: "OpenAI blocks", type: "vendor-restriction", effectiveDate: "2026-01-01", dateEstimated: false, partialLifts: [], vendors: ["OPENAI"], systems: 1, switchedOffSystems: 1, unrecoveredSystems: 1, largestShare: 0.3 },
    ]);
    expect(r.landscape.active).toStrictEqual([{ key: "openai-block", title: "OpenAI blocks", type: "vendor-restriction", effectiveDate: "2026-01-01" }]);
  });

  it("explains the switched-off and restriction factors of the organisation and the vendor", () => {
    const so = factor(d, "jurisdiction.switched-off").sentence;
    expect(factor(r.organisation, "jurisdiction.switched-off")).toMatchObject({ points: -7.5, rawPoints: -7.5, sentence: `1 of the 1 AI systems is switched off today and loses points for it (7.5 points on average, weighted by criticality); most of all Support bot: ${so}` });
    expect(factor(r.organisation, "jurisdiction.switched-off").sources).toBe(factor(d, "jurisdiction.switched-off").sources);
    expect(factor(r.organisation, "jurisdiction.restrictions")).toMatchObject({ points: 7.35, rawPoints: 24.5, sentence: `24.5 of 35 points on average (weighted by criticality); 1 of 1 AI systems lose points here, most of all Support bot: ${factor(d, "jurisdiction.restrictions").sentence}` });
    const v = r.vendors[0]!;
    expect(factor(v, "jurisdiction.switched-off").sentence).toBe(`1 of the 1 dependencies is switched off today and loses points for it (7.5 points on average, weighted by criticality); most of all Support bot: ${so}`);
    expect(v.activeRestrictions).toEqual([{ key: "openai-block", title: "OpenAI blocks", effectiveDate: "2026-01-01", dateEstimated: false, partlyLifted: false, blocks: true, largestShare: 0.3, recovery: "no-recovery" }]);
    expect(v.profile).toBe("Active restriction: OpenAI blocks. 1 system relies on OPENAI (United States); access: Direct API; 0 of 1 dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.");
  });
});

describe("a switched-off dependency that a tested fallback recovers", () => {
  // With the drilled fallback the factors add up to 25 + (30 + 25 + 20 + 15) x 0.3 = 52; the
  // blocked 30% count at min(52, 100) in full: 0.7 x 52 + 0.3 x 52 = 52, nothing is lost.
  const r = score({ offices, policyEvents: [block], fallbacks: [readyFallback("fb", "bot/gpt")] });

  it("loses no points, and no finding is about it; the restriction's own factor leads", () => {
    expect(r.dependencies[0]).toMatchObject({ score: 52, rating: "Medium", bestFallback: "fb", switchedOff: { recovery: "recovers", fallback: "fb", scoreBefore: 52, cap: undefined } });
    expect(r.findings.map((f) => f.factor).slice(0, 2)).toEqual(["jurisdiction.restrictions", "access.path"]);
    expect(r.findings.some((f) => f.factor === "jurisdiction.switched-off")).toBe(false);
  });

  it("says so in the organisation's profile and factor, and in the vendor's", () => {
    expect(r.organisation.profile).toMatch(/^Active restriction: OpenAI blocks \(in force since 2026-01-01\) reaches OPENAI in 1 AI system and switches 1 off for some or all of their users\. Medium sovereignty across 1 AI system; biggest gap: /);
    expect(r.organisation.activeRestrictions[0]).toMatchObject({ switchedOffSystems: 1, unrecoveredSystems: 0 });
    expect(factor(r.organisation, "jurisdiction.switched-off").sentence).toBe("1 of the 1 AI systems is switched off for some of their users by a restriction in force; a tested fallback within tolerance recovers it, so no points are lost.");
    const v = r.vendors.find((x) => x.key === "openai")!;
    expect(factor(v, "jurisdiction.switched-off")).toMatchObject({ points: 0, sentence: "1 of the 1 dependencies is switched off for some of their users by a restriction in force; a tested fallback within tolerance recovers it, so no points are lost." });
    expect(v.activeRestrictions[0]).toMatchObject({ blocks: true, recovery: "recovers" });
    // Independent (25) and drilled within 180 days (20): covered.
    expect(v.profile).toMatch(/; 1 of 1 dependencies are covered by an independent, recently tested fallback/);
  });
});

// Two high-criticality systems used in Frankfurt and New York, both on GPT with personal data
// under SCCs (weight 6 each), both cut off in the US: without a fallback a system keeps
// 0.7 x 25 = 17.5 (-7.5); with the drilled fallback it keeps its 52 (0 lost).
function twoBlocked(keys: [bot: string, chat: string], withFallback: { bot: boolean; chat: boolean }): ScoringResult {
  const [bot, chat] = keys;
  return score({
    offices,
    policyEvents: [block],
    aiSystems: [
      { key: bot, name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
      { key: chat, name: "Chat", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
    ],
    dependencies: [bot, chat].map((s) => ({ key: `${s}/gpt`, system: s, model: "gpt", accessPath: "direct-api" as const })),
    dataFlows: [bot, chat].map((s) => ({ key: `f-${s}`, fromOffice: "fra", dependency: `${s}/gpt`, categories: ["personal" as const], transferMechanism: "scc" as const })),
    fallbacks: [...(withFallback.bot ? [readyFallback("fb-bot", `${bot}/gpt`)] : []), ...(withFallback.chat ? [readyFallback("fb-chat", `${chat}/gpt`)] : [])],
  });
}

describe("several systems switched off by the same restriction", () => {
  it.each([
    ["the unrecovered system's key sorts first", ["bot", "chat"]],
    ["the unrecovered system's key sorts last", ["zbot", "chat"]],
  ] as const)("one recovers and one does not (%s): the vendor reports the worse recovery", (_label, keys) => {
    const r = twoBlocked([...keys], { bot: false, chat: true });
    const bot = r.dependencies.find((d) => d.key === `${keys[0]}/gpt`)!;
    const so = factor(bot, "jurisdiction.switched-off").sentence;
    expect(r.dependencies.map((d) => d.score).sort((a, b) => a - b)).toEqual([17.5, 52]);
    // (6 x -7.5 + 6 x 0) / 12 = -3.75 on average.
    expect(factor(r.organisation, "jurisdiction.switched-off")).toMatchObject({ points: -3.75, sentence: `1 of the 2 AI systems is switched off today and loses points for it (3.75 points on average, weighted by criticality); most of all Support bot: ${so}` });
    const v = r.vendors[0]!;
    expect(factor(v, "jurisdiction.switched-off").sentence).toBe(`1 of the 2 dependencies is switched off today and loses points for it (3.75 points on average, weighted by criticality); most of all Support bot: ${so}`);
    expect(v.activeRestrictions).toEqual([{ key: "openai-block", title: "OpenAI blocks", effectiveDate: "2026-01-01", dateEstimated: false, partlyLifted: false, blocks: true, largestShare: 0.3, recovery: "no-recovery" }]);
    expect(v.profile).toBe("Active restriction: OpenAI blocks. 2 systems rely on OPENAI (United States); access: Direct API; 1 of 2 dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.");
    // Organisation: (17.5 + 52) / 2 = 34.75; the largest loss is the bot's switched-off 7.5 x 6 / 12 = 3.75.
    expect(r.organisation.profile).toBe(
      "Active restriction: OpenAI blocks (in force since 2026-01-01) reaches OPENAI in 2 AI systems and switches 2 off for some or all of their users, 1 without a tested fallback within tolerance. Very Low sovereignty across 2 AI systems; biggest gap: switched off today for 30% of its users (Support bot).",
    );
    expect(r.findings[0]).toMatchObject({ system: keys[0], factor: "jurisdiction.switched-off", pointsLost: 3.75 });
    // Only one system loses the fallback's 30 points: (6 x 0 + 6 x 30) / 12 = 15 on average.
    expect(factor(r.organisation, "fallback.exists").sentence).toBe(`15 of 30 points on average (weighted by criticality); 1 of 2 AI systems lose points here, most of all Support bot: ${factor(bot, "fallback.exists").sentence}`);
  });

  it("both recover: nothing is lost, and the sentences say each one recovers", () => {
    const r = twoBlocked(["bot", "chat"], { bot: true, chat: true });
    expect(factor(r.organisation, "jurisdiction.switched-off").sentence).toBe("2 of the 2 AI systems are switched off for some of their users by a restriction in force; a tested fallback within tolerance recovers each, so no points are lost.");
    expect(factor(r.vendors[0]!, "jurisdiction.switched-off").sentence).toBe("2 of the 2 dependencies are switched off for some of their users by a restriction in force; a tested fallback within tolerance recovers each, so no points are lost.");
    expect(r.organisation.profile).toMatch(/^Active restriction: OpenAI blocks \(in force since 2026-01-01\) reaches OPENAI in 2 AI systems and switches 2 off for some or all of their users\. Medium sovereignty across 2 AI systems/);
    expect(r.vendors[0]!.activeRestrictions[0]!.recovery).toBe("recovers");
  });

  it("neither recovers: both lose points, the first by key is named", () => {
    const r = twoBlocked(["bot", "chat"], { bot: false, chat: false });
    const so = factor(r.dependencies[0]!, "jurisdiction.switched-off").sentence;
    expect(factor(r.organisation, "jurisdiction.switched-off").sentence).toBe(`2 of the 2 AI systems are switched off today and lose points for it (7.5 points on average, weighted by criticality); most of all Support bot: ${so}`);
    expect(factor(r.vendors[0]!, "jurisdiction.switched-off").sentence).toBe(`2 of the 2 dependencies are switched off today and lose points for it (7.5 points on average, weighted by criticality); most of all Support bot: ${so}`);
  });
});

describe("which restriction in force leads the organisation's summary", () => {
  // "OpenAI blocks North America" (estimated date) blocks users in the US, Canada and Mexico; two
  // partial lifts free Canada (estimated) and Mexico, so it stays in force for the US (30% of
  // users). "EU licence" requires a licence for users in Germany (70%, severity 0.5): it restricts
  // but switches nothing off. Restrictions factor: the worst impact is 0.7 x 0.5 = 0.35 > 0.3.
  const northAmerica = impose("z-block", "OpenAI blocks North America", ["US", "CA", "MX"], { dateEstimated: true });
  const events = [
    northAmerica,
    lift("z-eased-ca", "z-block", "Eased for Canada", ["CA"], { dateEstimated: true }),
    lift("z-eased-mx", "z-block", "Eased for Mexico", ["MX"], { effectiveDate: "2026-07-01" }),
    licence("a-licence", "EU licence", ["DE"]),
  ];

  it("the one that switches systems off comes first, with its estimated date and partial lifts, and the others are counted", () => {
    const r = score({ offices, policyEvents: events });
    expect(r.organisation.profile).toBe(
      "Active restriction: OpenAI blocks North America (in force since 2026-01-01, estimated date, partly lifted) reaches OPENAI in 1 AI system and switches 1 off for some or all of their users, 1 without a tested fallback within tolerance (1 further restriction in force reaches you). Very Low sovereignty across 1 AI system; biggest gap: switched off today for 30% of its users (Support bot).",
    );
    expect(r.organisation.activeRestrictions).toEqual([
      {
        key: "z-block",
        title: "OpenAI blocks North America",
        type: "vendor-restriction",
        effectiveDate: "2026-01-01",
        dateEstimated: true,
        partialLifts: [
          { key: "z-eased-ca", title: "Eased for Canada", effectiveDate: "2026-06-01", dateEstimated: true },
          { key: "z-eased-mx", title: "Eased for Mexico", effectiveDate: "2026-07-01", dateEstimated: false },
        ],
        vendors: ["OPENAI"],
        systems: 1,
        switchedOffSystems: 1,
        unrecoveredSystems: 1,
        largestShare: 0.3,
      },
      { key: "a-licence", title: "EU licence", type: "export-control", effectiveDate: "2026-01-01", dateEstimated: false, partialLifts: [], vendors: ["OPENAI"], systems: 1, switchedOffSystems: 0, unrecoveredSystems: 0, largestShare: 0.7 },
    ]);
    expect(r.vendors[0]!.activeRestrictions).toEqual([
      { key: "a-licence", title: "EU licence", effectiveDate: "2026-01-01", dateEstimated: false, partlyLifted: false, blocks: false, largestShare: 0.7, recovery: undefined },
      { key: "z-block", title: "OpenAI blocks North America", effectiveDate: "2026-01-01", dateEstimated: true, partlyLifted: true, blocks: true, largestShare: 0.3, recovery: "no-recovery" },
    ]);
    expect(r.vendors[0]!.profile).toMatch(/^Active restriction: EU licence; OpenAI blocks North America\. 1 system relies on OPENAI \(United States\); /);
    // Its 15 factors: 28.15 less (35 - 22.75) x 0.3 = 3.675 for the licence = 24.475, shown as 24.48.
    expect(r.dependencies[0]!.switchedOff!.scoreBefore).toBe(24.48);
  });

  it("lists the landscape in key order, marking only estimated dates and partial lifts", () => {
    expect(score({ offices, policyEvents: events }).landscape.active).toStrictEqual([
      { key: "a-licence", title: "EU licence", type: "export-control", effectiveDate: "2026-01-01" },
      {
        key: "z-block",
        title: "OpenAI blocks North America",
        type: "vendor-restriction",
        effectiveDate: "2026-01-01",
        dateEstimated: true,
        partialLifts: [
          { key: "z-eased-ca", title: "Eased for Canada", effectiveDate: "2026-06-01", dateEstimated: true },
          { key: "z-eased-mx", title: "Eased for Mexico", effectiveDate: "2026-07-01" },
        ],
      },
    ]);
  });

  it("counts two further restrictions in the plural, and orders equals by key", () => {
    const r = score({ offices, policyEvents: [...events, licence("b-licence", "US licence", ["US"])] });
    expect(r.organisation.activeRestrictions.map((a) => a.key)).toEqual(["z-block", "a-licence", "b-licence"]);
    expect(r.organisation.profile).toContain(", 1 without a tested fallback within tolerance (2 further restrictions in force reach you). ");
  });

  it("among restrictions that switch nothing off, the one reaching more systems leads, and the largest share any dependency has counts", () => {
    // US licence: only the Support bot has users in the US. DE licence: both systems (offices
    // counted without headcount: the bot's users are half in Germany, Doc search's all).
    const r = score({ ...twoSystems, policyEvents: [licence("a-us", "US licence", ["US"]), licence("b-de", "DE licence", ["DE"])] });
    expect(r.organisation.activeRestrictions.map((a) => [a.key, a.systems, a.switchedOffSystems, a.largestShare])).toEqual([
      ["b-de", 2, 0, 1],
      ["a-us", 1, 0, 0.5],
    ]);
    expect(r.organisation.profile.startsWith("Active restriction: DE licence (in force since 2026-01-01) reaches OPENAI in 2 AI systems (1 further restriction in force reaches you). ")).toBe(true);
    expect(r.vendors.find((v) => v.key === "openai")!.activeRestrictions.map((a) => [a.key, a.largestShare, a.blocks])).toEqual([
      ["a-us", 0.5, false],
      ["b-de", 1, false],
    ]);
  });

  it("names every vendor a restriction reaches, in alphabetical order", () => {
    const r = score({
      ...twoSystems,
      dependencies: [
        { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
        { key: "search/mistral", system: "search", model: "mistral-small", accessPath: "direct-api" },
      ],
      dataFlows: [],
      policyEvents: [licence("eu-licence", "EU licence", ["DE"], { scope: { vendors: ["openai", "mistral"] } })],
    });
    expect(r.organisation.activeRestrictions[0]!.vendors).toEqual(["MISTRAL", "OPENAI"]);
    expect(r.organisation.profile.startsWith("Active restriction: EU licence (in force since 2026-01-01) reaches MISTRAL, OPENAI in 2 AI systems. ")).toBe(true);
  });
});

describe("a vendor's access, parent and fallback coverage", () => {
  it("mixes its access paths in alphabetical order, counts one system once, and reports the cloud of each dependency", () => {
    const r = score({
      vendors: [vendor("openai", "US", { ultimateParent: { name: "OpenAI Holdings", country: "IE" } }), ...smallDoc().vendors.slice(1)],
      dependencies: [...smallDoc().dependencies, { key: "bot/gpt-azure", system: "bot", model: "gpt", accessPath: "cloud-marketplace", cloud: "azure" }],
    });
    expect(r.dependencies.map((d) => [d.key, d.cloud])).toEqual([
      ["bot/gpt", undefined],
      ["bot/gpt-azure", "azure"],
    ]);
    const v = r.vendors[0]!;
    expect(v).toMatchObject({ key: "openai", ultimateParentCountry: "IE", accessPaths: ["cloud-marketplace", "direct-api"], accessType: "Mixed (Cloud marketplace, Direct API)", dependencyCount: 2, systemCount: 1 });
    expect(v.profile).toBe("1 system relies on OPENAI (United States); access: Mixed (Cloud marketplace, Direct API); 0 of 2 dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.");
  });

  const gptMini = model("gpt-mini", "openai", "closed");
  it.each([
    ["an independent fallback drilled within 180 days", { model: "mistral-small", accessPath: "self-hosted", lastTested: "2026-10-01" }, 1],
    ["an independent fallback drilled 304 days ago (10 of 20 for the drill)", { model: "mistral-small", accessPath: "self-hosted", lastTested: "2026-01-01" }, 0],
    ["a fallback on the same vendor, drilled within 180 days (0 of 25 for independence)", { model: "gpt-mini", accessPath: "direct-api", lastTested: "2026-10-01" }, 0],
  ] as const)("a dependency with %s is covered: %i of 1", (_label, fb, covered) => {
    const r = score({ models: [...smallDoc().models, gptMini], fallbacks: [{ key: "fb", dependency: "bot/gpt", switchTimeHours: 2, ...fb }] });
    expect(r.vendors.find((v) => v.key === "openai")!.profile).toBe(`1 system relies on OPENAI (United States); access: Direct API; ${covered} of 1 dependencies are covered by an independent, recently tested fallback or by self-hosted open weights.`);
  });
});

describe("a dimension weighted 0", () => {
  it("scores 0 in the dimension scores, however its factors score", () => {
    // Without concentration, each Support bot dependency still has 33.33 raw concentration points.
    const r = score(twoSystems, { weights: { dimensions: { concentration: 0 } } });
    expect(r.dependencies[0]!.dimensions).toEqual({ access: 25, jurisdiction: 83, fallback: 0, concentration: 0 });
    expect(factor(r.dependencies[0]!, "concentration.vendor")).toMatchObject({ points: 0, rawPoints: 8.33 });
    expect(r.organisation.dimensions.concentration).toBe(0);
    expect(r.vendors.find((v) => v.key === "openai")!.dimensions.concentration).toBe(0);
  });
});

describe("an organisation without AI dependencies", () => {
  const r = score({ dependencies: [], dataFlows: [] });

  it("scores 100 with every factor at its maximum, and says nothing is at risk", () => {
    expect(r.organisation).toMatchObject({ systemCount: 0, dependencyCount: 0, score: 100, rating: "Very High", profile: "No AI dependencies recorded.", activeRestrictions: [] });
    expect(r.organisation.dimensions).toEqual({ access: 100, jurisdiction: 100, fallback: 100, concentration: 100 });
    expect(r.organisation.factors.map((f) => [f.id, f.points, f.rawPoints])).toEqual([
      ["access.path", 17.5, 70],
      ["access.hosting", 7.5, 30],
      ["jurisdiction.restrictions", 10.5, 35],
      ["jurisdiction.extraterritorial", 7.5, 25],
      ["jurisdiction.transfer", 7.5, 25],
      ["jurisdiction.sanctions", 4.5, 15],
      ["fallback.exists", 9, 30],
      ["fallback.independence", 7.5, 25],
      ["fallback.tested", 6, 20],
      ["fallback.switch-time", 4.5, 15],
      ["fallback.exit-plan", 3, 10],
      ["concentration.vendor", 3.75, 25],
      ["concentration.model-family", 3.75, 25],
      ["concentration.cloud", 3.75, 25],
      ["concentration.jurisdiction", 3.75, 25],
      ["jurisdiction.switched-off", 0, 0],
    ]);
    for (const f of r.organisation.factors) {
      expect(f.sentence, f.id).toBe("No AI dependencies are recorded, so nothing is at risk here.");
      expect(f.sources.map((s) => s.ref), f.id).toEqual(["sovra-methodology"]);
    }
  });

  it("has no systems, vendors, findings or concentration", () => {
    expect([r.systems, r.vendors, r.dependencies, r.findings]).toEqual([[], [], [], []]);
    expect(r.organisation.concentration.vendor).toEqual({ hhi: 0, top: [] });
  });
});

describe("findings count only losses above half a hundredth of a point", () => {
  // Core (critical, public): self-hosted Mistral Small, every factor at its maximum: nothing lost.
  // Tool (low, weighted w by override): GPT by direct API. The tool's largest loss is
  // access.path, 15 x w / (8 + w); the next, no fallback, 9 x w / (8 + w).
  const doc = (w: number) =>
    score(
      {
        aiSystems: [
          { key: "core", name: "Core", criticality: "critical", toleratedDowntimeHours: 4, offices: ["fra"] },
          { key: "tool", name: "Tool", criticality: "low", toleratedDowntimeHours: 4, offices: ["fra"] },
        ],
        dependencies: [
          { key: "core/mistral", system: "core", model: "mistral-small", accessPath: "self-hosted" },
          { key: "tool/gpt", system: "tool", model: "gpt", accessPath: "direct-api" },
        ],
        dataFlows: [],
      },
      { weights: { criticality: { low: w } } },
    );

  it("a loss of 15 x 0.003 / 8.003 = 0.0056 counts (shown as 0.01); 9 x 0.003 / 8.003 = 0.0034 does not", () => {
    const r = doc(0.003);
    expect(r.findings.map((f) => [f.system, f.factor, f.pointsLost])).toEqual([["tool", "access.path", 0.01]]);
    expect(r.organisation.profile).toBe("Very High sovereignty across 2 AI systems; biggest gap: direct API to OPENAI (Tool).");
  });

  it("a loss of 15 x 0.002 / 8.002 = 0.0037 does not: no findings, and no biggest gap", () => {
    const r = doc(0.002);
    expect(r.findings).toEqual([]);
    expect(r.organisation.profile).toBe("Very High sovereignty across 2 AI systems.");
  });

  it("self-hosted open weights alone lose nothing anywhere", () => {
    const r = score({ dependencies: [{ key: "bot/mistral", system: "bot", model: "mistral-small", accessPath: "self-hosted" }], dataFlows: [] });
    expect(r.findings).toEqual([]);
    expect(r.organisation).toMatchObject({ score: 100, profile: "Very High sovereignty across 1 AI system." });
    expect(factor(r.organisation, "access.path").sentence).toBe("Full marks across all 1 AI systems.");
    // Nothing rests on any third party: no HHI to speak of and no largest share to name.
    expect(factor(r.organisation, "concentration.vendor").sentence).toBe("HHI 0.00 on vendors.");
  });
});

describe("the organisation's biggest gap without a gap phrase", () => {
  it("is named by its factor's label", () => {
    // Six low-criticality systems, each on its own vendor in its own jurisdiction (1/6 of every
    // axis: below the 25% that makes a gap phrase), and only concentration weighted. Each system
    // loses 25 x 1/6 x 1 x 1/6 = 0.69 on every axis; the tie goes to the first system by key and
    // the first factor: vendor concentration. Score: 4 x 25 x 5/6 = 83.33, Very High.
    const countries = ["US", "FR", "GB", "JP", "CA", "AU"];
    const n = [1, 2, 3, 4, 5, 6];
    const r = score(
      {
        vendors: n.map((i) => vendor(`v${i}`, countries[i - 1]!)),
        models: n.map((i) => model(`m${i}`, `v${i}`, "closed")),
        aiSystems: n.map((i) => ({ key: `s${i}`, name: `System ${i}`, criticality: "low" as const, toleratedDowntimeHours: 4, offices: ["fra"] })),
        dependencies: n.map((i) => ({ key: `s${i}/m`, system: `s${i}`, model: `m${i}`, accessPath: "direct-api" as const })),
        dataFlows: [],
      },
      { weights: { dimensions: { access: 0, jurisdiction: 0, fallback: 0, concentration: 1 } } },
    );
    expect(r.findings[0]).toMatchObject({ system: "s1", factor: "concentration.vendor", pointsLost: 0.69 });
    expect(r.organisation.profile).toBe("Very High sovereignty across 6 AI systems; biggest gap: concentration on one vendor (System 1).");
  });
});

describe("concentration across many vendors", () => {
  // Six vendors (all US), one low-criticality system each (weight 1), but V3's system is medium
  // (weight 2): V3 carries 2/7 = 0.2857, the others 1/7 = 0.1429 each.
  // HHI = (2/7)^2 + 5 x (1/7)^2 = 9/49 = 0.1837. The five largest are listed: V3, then the equal
  // shares by key (V1, V2, V4, V5); V6 is left out.
  function sixVendors(reversed: boolean): ScoringResult {
    const n = [1, 2, 3, 4, 5, 6];
    const systemOf = (i: number) => `s${reversed ? 7 - i : i}`;
    return score({
      vendors: n.map((i) => vendor(`v${i}`, "US")),
      models: n.map((i) => model(`m${i}`, `v${i}`, "closed")),
      aiSystems: n.map((i) => ({ key: systemOf(i), name: `System ${i}`, criticality: i === 3 ? ("medium" as const) : ("low" as const), toleratedDowntimeHours: 4, offices: ["fra"] })),
      dependencies: n.map((i) => ({ key: `${systemOf(i)}/m`, system: systemOf(i), model: `m${i}`, accessPath: "direct-api" as const })),
      dataFlows: [],
    });
  }
  const top = (keys: string[], names: string[]) => keys.map((key, i) => ({ key, name: names[i], share: key.endsWith("3") ? 0.2857 : 0.1429 }));

  it.each([
    ["listed in vendor order", false],
    ["listed in reverse vendor order", true],
  ])("reports the HHI and the five largest shares, equal shares by key (%s)", (_label, reversed) => {
    const r = sixVendors(reversed);
    expect(r.organisation.concentration).toEqual({
      vendor: { hhi: 0.1837, top: top(["v3", "v1", "v2", "v4", "v5"], ["V3", "V1", "V2", "V4", "V5"]) },
      "model-family": { hhi: 0.1837, top: top(["m3", "m1", "m2", "m4", "m5"], ["m3", "m1", "m2", "m4", "m5"]) },
      cloud: { hhi: 0.1837, top: top(["v3", "v1", "v2", "v4", "v5"], ["V3", "V1", "V2", "V4", "V5"]) },
      jurisdiction: { hhi: 1, top: [{ key: "US", name: "United States", share: 1 }] },
    });
    expect(factor(r.organisation, "concentration.vendor").sentence).toBe("HHI 0.18 on vendors; the largest, V3, carries 29% of criticality-weighted dependencies.");
    expect(r.vendors.map((v) => v.key)).toEqual(["v1", "v2", "v3", "v4", "v5", "v6"]);
  });
});

describe("a sanction in force", () => {
  // A sanction on the US touches OpenAI's chain (its HQ and the hosting country): everyone is cut
  // off (share 1, not the 30% of users in New York), the cap is 2 x 0 x 35 = 0.
  const sanction = impose("eu-sanctions-us", "EU sanctions on the US", ["US"], { type: "sanction", issuer: "EU", scope: {} });
  const elsewhere = impose("x-anthropic-block", "Anthropic blocks", ["US"], { scope: { vendors: ["anthropic"] } });
  const r = score({ offices, policyEvents: [elsewhere, sanction] });

  it("switches the dependency off for everyone, and reports the full share", () => {
    expect(r.dependencies[0]).toMatchObject({ score: 0, switchedOff: { share: 1, everyone: "chain", countries: [], recovery: "no-recovery", cap: 0 } });
    expect(r.organisation.activeRestrictions).toEqual([
      { key: "eu-sanctions-us", title: "EU sanctions on the US", type: "sanction", effectiveDate: "2026-01-01", dateEstimated: false, partialLifts: [], vendors: ["OPENAI"], systems: 1, switchedOffSystems: 1, unrecoveredSystems: 1, largestShare: 1 },
    ]);
    expect(r.vendors[0]!.activeRestrictions).toEqual([{ key: "eu-sanctions-us", title: "EU sanctions on the US", effectiveDate: "2026-01-01", dateEstimated: false, partlyLifted: false, blocks: true, largestShare: 1, recovery: "no-recovery" }]);
  });

  it("lists sanctions and other restrictions together in key order, whether they reach the organisation or not", () => {
    expect(r.landscape.active.map((e) => [e.key, e.type])).toEqual([
      ["eu-sanctions-us", "sanction"],
      ["x-anthropic-block", "vendor-restriction"],
    ]);
  });
});

describe("the two gaps a dependency's profile names", () => {
  // A licensed closed model ("private", by Meta) on the organisation's own servers in Germany, no
  // data flows: access.path 50 of 70 loses 20 x 0.25 = 5; hosting, jurisdiction full; concentration
  // 25 x 0.15 = 3.75 lost on vendor, family and jurisdiction (no cloud operator for self-hosting).
  const selfHostedClosed = (extra: Partial<InventoryDocument>, dep: Partial<InventoryDocument["dependencies"][number]> = {}) =>
    score({ models: [...smallDoc().models, model("private", "meta", "closed")], dependencies: [{ key: "bot/private", system: "bot", model: "private", accessPath: "self-hosted", ...dep }], dataFlows: [], ...extra }).dependencies[0]!.profile;

  it("skips large losses that have no gap phrase (independence 7.5 and the drill 6, without a fallback)", () => {
    // no fallback 9 (gap), independence 7.5 and drill 6 (no gap), access 5 (gap).
    expect(selfHostedClosed({})).toBe("Self-hosted to META (United States): no fallback; closed weights under the vendor's licence.");
  });

  it("breaks equal losses by factor order", () => {
    // A drilled independent fallback and a reviewed exit plan with exit terms leave access 5, then
    // vendor, family and jurisdiction concentration at 3.75 each: the vendor's comes first.
    const profile = selfHostedClosed({ fallbacks: [readyFallback("fb", "bot/private")] }, { exitPlan: { documented: true, lastReviewed: "2026-06-01" }, contract: { exitTerms: true } });
    expect(profile).toBe("Self-hosted to META (United States): closed weights under the vendor's licence; 100% concentrated on META.");
  });
});

describe("dependencies that all weigh 0", () => {
  // Criticality "high" weighted 0: the only dependency weighs 0, so no concentration share can be
  // computed (0 on every axis) and nothing is at risk at vendor or organisation level.
  const r = score({}, { weights: { criticality: { high: 0 } } });

  it("leave every concentration share at 0", () => {
    expect(r.organisation.concentration.vendor).toEqual({ hhi: 0, top: [{ key: "openai", name: "OPENAI", share: 0 }] });
  });

  it("score the vendor and the organisation 100, every factor at its maximum weighted by its dimension", () => {
    // Nothing is at risk: access.path 70 x 0.25 = 17.5, restrictions 35 x 0.3 = 10.5, ... adding
    // up to 100 (it was 400 before the fix: the raw maxima, unweighted).
    for (const s of [r.vendors[0]!, r.organisation]) {
      expect(s.score).toBe(100);
      expect(factor(s, "access.path")).toMatchObject({ points: 17.5, rawPoints: 70, maxPoints: 70 });
      expect(factor(s, "jurisdiction.restrictions")).toMatchObject({ points: 10.5, rawPoints: 35 });
      expect(factor(s, "concentration.vendor")).toMatchObject({ points: 3.75, rawPoints: 25 });
    }
  });

  it("rate the vendor and the organisation Very High, with no findings", () => {
    expect(r.vendors[0]!.rating).toBe("Very High");
    expect(r.organisation.rating).toBe("Very High");
    expect(r.findings).toEqual([]);
    expect(r.organisation.profile).toBe("Very High sovereignty across 1 AI system.");
  });
});

describe("known defects (reported, not fixed here)", () => {
  // aggregateFactors reports rawPoints 0 (and "0 of 70 points on average; 1 of 1 ... lose points")
  // for every factor of a dimension weighted 0, while the dependency reports its raw points (10
  // of 70 for smallDoc's access.path): the mean of the raw points cannot be recovered from the
  // weighted points when the weight is 0.
  it.todo("reports the criticality-weighted mean of raw points for the factors of a dimension weighted 0");
});
