// Comparing two results, against the mutants of compare.ts that survived landscape.test.ts: which
// factors count as moved (by 0.01 point or more; a new wording alone is not a move), what a factor
// that only the later result has is compared with (0 points, no sentence), which entities are
// listed (in both results, and changed in score or in a factor), the order of both lists
// (largest move first, ties by key or factor id whatever order the results list them in), and the
// events imposed and lifted in between. The two results are made by hand (only the fields the
// comparison reads), so every figure below is written out, not read from the engine.
import { describe, expect, it } from "vitest";
import { compareResults, type EntityChange, type FactorChange } from "./compare";
import type { Factor, FactorId, ScoringResult } from "./results";

const factor = (id: FactorId, points: number, sentence: string): Factor => ({ id, dimension: "access", label: id, points, rawPoints: points, maxPoints: 70, sentence, sources: [] });
type Entity = { key: string; name: string; score: number; rating: string; factors: Factor[] };
const entity = (key: string, score: number, rating: string, factors: Factor[] = []): Entity => ({ key, name: key.toUpperCase(), score, rating, factors });

function result(p: { asOf: string; version: string; active: string[]; organisation: Entity; systems: Entity[]; vendors: Entity[] }): ScoringResult {
  return {
    methodologyVersion: p.version,
    asOf: p.asOf,
    landscape: { active: p.active.map((key) => ({ key, title: `Title of ${key}`, type: "export-control", effectiveDate: "2025-01-13" })) },
    organisation: p.organisation,
    systems: p.systems,
    vendors: p.vendors,
    dependencies: [],
    findings: [],
    notes: [],
  } as unknown as ScoringResult;
}

// The organisation's factors, in the order results list them (access, jurisdiction, fallback,
// concentration, then the switched-off adjustment).
const orgBefore = entity("acme", 49.5, "Low", [
  factor("access.path", 10, "API only"),
  factor("access.hosting", 5, "Hosted in the US"),
  factor("jurisdiction.restrictions", 20, "Restricted for 2 offices"),
  factor("jurisdiction.extraterritorial", 6, "US CLOUD Act"),
  factor("jurisdiction.transfer", 7.5, "SCCs"),
  factor("fallback.exists", 0, "No fallback"),
  factor("concentration.vendor", 1, "One vendor"),
  factor("concentration.cloud", 2.1, "One cloud: Azure"),
]);
const orgAfter = entity("acme", 49.01, "Low", [
  factor("access.path", 11.5, "API with a regional endpoint"), // +1.5
  factor("access.hosting", 3.5, "Hosted in the US"), // -1.5: ties with access.path, listed before it by id
  factor("jurisdiction.restrictions", 27, "No restriction in force"), // +7
  factor("jurisdiction.extraterritorial", 4, "US CLOUD Act"), // -2, same wording
  factor("jurisdiction.transfer", 5.5, "SCCs"), // -2: ties with extraterritorial
  factor("fallback.exists", 0, "No fallback"), // unchanged: left out
  factor("concentration.vendor", 1.01, "One vendor"), // +0.01: the smallest move that counts
  factor("concentration.cloud", 2.1, "One cloud: AWS"), // same points, new wording: not a move
  factor("jurisdiction.switched-off", -3.5, "Switched off for Frankfurt"), // only in the later result
]);

const dep = (points: number, sentence = "Direct API") => [factor("access.path", points, sentence)];
const before = result({
  asOf: "2025-03-01",
  version: "2026.11-1",
  active: ["us-ai-diffusion-rule-2025", "eu-sanctions-x"],
  organisation: orgBefore,
  systems: [
    entity("search", 40, "Low", dep(10)),
    entity("gone", 70, "High", dep(50)),
    entity("steady", 55, "Medium", dep(20)),
    entity("agent", 50.5, "Medium", dep(20.5)),
    entity("bot", 60, "Medium", dep(30)),
    entity("relabelled", 45, "Low"),
    entity("balanced", 52, "Medium", [factor("access.path", 10, "API"), factor("fallback.exists", 12, "A fallback")]),
  ],
  vendors: [entity("openai", 42.75, "Low", dep(10)), entity("mistral", 66, "High", dep(40))],
});
const after = result({
  asOf: "2026-11-01",
  version: "2026.12-1",
  active: ["eu-sanctions-x", "us-anthropic-restriction"],
  organisation: orgAfter,
  systems: [
    entity("bot", 50, "Medium", dep(20)),
    entity("search", 50, "Medium", dep(20)),
    entity("new", 30, "Very Low", dep(5)),
    entity("relabelled", 45.5, "Low"),
    entity("steady", 55, "Medium", dep(20)),
    entity("balanced", 52, "Medium", [factor("access.path", 11, "API"), factor("fallback.exists", 11, "A fallback")]),
    entity("agent", 50, "Medium", dep(20)),
  ],
  vendors: [entity("mistral", 66, "High", dep(40)), entity("openai", 40.25, "Low", dep(7.5, "Direct API, no region"))],
});
// Compared inside each test, not once at load time: a mutation-testing run switches the code
// under test between tests without reloading this file.
const compare = () => compareResults(before, after);

const moved = (id: FactorId, from: number, to: number, delta: number, sentenceBefore: string, sentenceAfter: string): FactorChange => ({ id, before: from, after: to, delta, sentenceBefore, sentenceAfter });
const entityChange = (key: string, from: number, to: number, delta: number, ratingBefore: string, ratingAfter: string, factors: FactorChange[]) =>
  ({ key, name: key.toUpperCase(), before: from, after: to, delta, ratingBefore, ratingAfter, factors }) as EntityChange;

describe("comparing two results", () => {
  it("names both dates and both methodology versions", () => {
    const c = compare();
    expect(c.asOf).toEqual({ before: "2025-03-01", after: "2026-11-01" });
    expect(c.methodologyVersion).toEqual({ before: "2026.11-1", after: "2026.12-1" });
  });

  it("lists the events in force only later as imposed and those in force only before as lifted", () => {
    expect(compare().landscape).toEqual({
      imposed: [{ key: "us-anthropic-restriction", title: "Title of us-anthropic-restriction" }],
      lifted: [{ key: "us-ai-diffusion-rule-2025", title: "Title of us-ai-diffusion-rule-2025" }],
    });
  });

  it("explains the organisation's change by the factors that moved, largest first, ties by factor id", () => {
    expect(compare().organisation).toEqual(
      entityChange("acme", 49.5, 49.01, -0.49, "Low", "Low", [
        moved("jurisdiction.restrictions", 20, 27, 7, "Restricted for 2 offices", "No restriction in force"),
        moved("jurisdiction.switched-off", 0, -3.5, -3.5, "", "Switched off for Frankfurt"),
        moved("jurisdiction.extraterritorial", 6, 4, -2, "US CLOUD Act", "US CLOUD Act"),
        moved("jurisdiction.transfer", 7.5, 5.5, -2, "SCCs", "SCCs"),
        moved("access.hosting", 5, 3.5, -1.5, "Hosted in the US", "Hosted in the US"),
        moved("access.path", 10, 11.5, 1.5, "API only", "API with a regional endpoint"),
        moved("concentration.vendor", 1, 1.01, 0.01, "One vendor", "One vendor"),
      ]),
    );
  });

  it("lists the systems in both results that changed, largest move first, ties by key", () => {
    // Left out: "new" and "gone" (in one result only) and "steady" (nothing moved). "balanced" kept
    // its score but two factors moved; "relabelled" moved without a factor to show for it.
    expect(compare().systems).toEqual([
      entityChange("bot", 60, 50, -10, "Medium", "Medium", [moved("access.path", 30, 20, -10, "Direct API", "Direct API")]),
      entityChange("search", 40, 50, 10, "Low", "Medium", [moved("access.path", 10, 20, 10, "Direct API", "Direct API")]),
      entityChange("agent", 50.5, 50, -0.5, "Medium", "Medium", [moved("access.path", 20.5, 20, -0.5, "Direct API", "Direct API")]),
      entityChange("relabelled", 45, 45.5, 0.5, "Low", "Low", []),
      entityChange("balanced", 52, 52, 0, "Medium", "Medium", [moved("access.path", 10, 11, 1, "API", "API"), moved("fallback.exists", 12, 11, -1, "A fallback", "A fallback")]),
    ]);
  });

  it("lists the vendors that changed and leaves out those that did not", () => {
    expect(compare().vendors).toEqual([entityChange("openai", 42.75, 40.25, -2.5, "Low", "Low", [moved("access.path", 10, 7.5, -2.5, "Direct API", "Direct API, no region")])]);
  });

  it("finds nothing to report between a result and itself", () => {
    const same = compareResults(before, before);
    expect(same.organisation).toEqual(entityChange("acme", 49.5, 49.5, 0, "Low", "Low", []));
    expect([same.systems, same.vendors, same.landscape]).toEqual([[], [], { imposed: [], lifted: [] }]);
  });
});
