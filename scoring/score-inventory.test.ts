import { describe, expect, it } from "vitest";
import { METHODOLOGY_VERSION, RATINGS, ratingFor, scoreInventory, ScoringOptionsError, DEFAULT_WEIGHTS, resolveOptions } from ".";
import { loadExample } from "./testing/examples";
import { smallDoc } from "./testing/fixtures";
import type { Scored } from "./results";

const EXAMPLES = ["frankfurt-manufacturer", "uk-bank", "us-startup"] as const;
const sum = (s: Scored) => s.factors.reduce((a, f) => a + f.points, 0);

describe("ratingFor", () => {
  it.each([
    [100, "Very High"], [80, "Very High"], [79.99, "High"], [65, "High"], [64.9, "Medium"], [50, "Medium"], [49, "Low"], [35, "Low"], [34.99, "Very Low"], [0, "Very Low"],
  ] as const)("rates %d as %s", (score, rating) => {
    expect(ratingFor(score)).toBe(rating);
  });

  it("uses the organisation's own thresholds when given", () => {
    expect(ratingFor(70, { veryHigh: 90, high: 75, medium: 60, low: 40 })).toBe("Medium");
  });

  it("lists the five ratings weakest first", () => {
    expect(RATINGS).toEqual(["Very Low", "Low", "Medium", "High", "Very High"]);
  });
});

describe("scoreInventory", () => {
  it.each(EXAMPLES)("explains every score of %s as the sum of its named factors", (name) => {
    const r = scoreInventory(loadExample(name), { asOf: "2026-11-01" });
    for (const s of [r.organisation, ...r.vendors, ...r.systems, ...r.dependencies]) {
      expect(Math.abs(sum(s) - s.score)).toBeLessThan(0.011);
      expect(s.factors).toHaveLength(16); // 15 structural factors and the switched-off adjustment
      for (const f of s.factors) {
        expect(f.sentence.length, f.id).toBeGreaterThan(10);
        expect(f.sources.length, f.id).toBeGreaterThan(0);
        expect(f.rawPoints).toBeLessThanOrEqual(f.maxPoints + 1e-9);
      }
      expect(s.rating).toBe(ratingFor(s.score));
      expect(s.profile.length).toBeGreaterThan(10);
    }
  });

  it("carries the methodology version and the as-of date", () => {
    const r = scoreInventory(smallDoc(), { asOf: "2026-11-01" });
    expect(r.methodologyVersion).toBe(METHODOLOGY_VERSION);
    expect(r.asOf).toBe("2026-11-01");
  });

  it("sets a system's score from its weakest dependency", () => {
    const doc = loadExample("frankfurt-manufacturer");
    const r = scoreInventory(doc, { asOf: "2026-11-01" });
    const sys = r.systems.find((s) => s.key === "doc-search")!;
    const deps = r.dependencies.filter((d) => d.system === "doc-search");
    expect(sys.score).toBe(Math.min(...deps.map((d) => d.score)));
  });

  it("scores the Frankfurt manufacturer's Indian marketplace deployment lower while the AI diffusion rule was in force", () => {
    const doc = loadExample("frankfurt-manufacturer");
    const during = scoreInventory(doc, { asOf: "2025-03-01" }).dependencies.find((d) => d.key === "supplier-risk/gpt")!;
    const after = scoreInventory(doc, { asOf: "2026-11-01" }).dependencies.find((d) => d.key === "supplier-risk/gpt")!;
    expect(during.restrictedBy).toContain("us-ai-diffusion-rule-2025");
    expect(after.restrictedBy).not.toContain("us-ai-diffusion-rule-2025");
    expect(during.factors.find((f) => f.id === "jurisdiction.restrictions")!.rawPoints).toBe(17.5);
  });

  it("rates a US startup on direct APIs with no fallbacks below a UK bank with tested fallbacks", () => {
    const bank = scoreInventory(loadExample("uk-bank"), { asOf: "2026-11-01" }).organisation.score;
    const startup = scoreInventory(loadExample("us-startup"), { asOf: "2026-11-01" }).organisation.score;
    expect(startup).toBeLessThan(bank);
  });

  it("lets an organisation override weights", () => {
    const doc = smallDoc();
    const base = scoreInventory(doc, { asOf: "2026-11-01" }).organisation;
    const heavy = scoreInventory(doc, { asOf: "2026-11-01", weights: { dimensions: { fallback: 3 } } }).organisation;
    expect(heavy.score).toBeLessThan(base.score); // no fallback recorded: weighting fallbacks up costs points
  });

  it("normalises dimension weights to sum to one", () => {
    const r = resolveOptions({ asOf: "2026-11-01", weights: { dimensions: { access: 1, jurisdiction: 1, fallback: 1, concentration: 1 } } });
    expect(r.ok && Object.values(r.value.weights.dimensions)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(DEFAULT_WEIGHTS.dimensions.access + DEFAULT_WEIGHTS.dimensions.jurisdiction + DEFAULT_WEIGHTS.dimensions.fallback + DEFAULT_WEIGHTS.dimensions.concentration).toBeCloseTo(1);
  });

  it.each([
    ["a malformed date", { asOf: "01/11/2026" }, "$.asOf"],
    ["a negative weight", { asOf: "2026-11-01", weights: { criticality: { high: -1 } } }, "$.weights.criticality.high"],
    ["thresholds out of order", { asOf: "2026-11-01", thresholds: { ratings: { high: 90 } } }, "$.thresholds.ratings"],
  ])("rejects options with %s", (_l, opts, path) => {
    expect(() => scoreInventory(smallDoc(), opts as never)).toThrow(ScoringOptionsError);
    const r = resolveOptions(opts);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toContain(path);
  });

  it("scores an organisation without AI dependencies at 100 and says why", () => {
    const r = scoreInventory(smallDoc({ dependencies: [], dataFlows: [] }), { asOf: "2026-11-01" });
    expect(r.organisation.score).toBe(100);
    expect(r.notes[0]).toMatch(/no dependencies/);
  });

  it("lists findings by organisation points lost, largest first", () => {
    const r = scoreInventory(loadExample("us-startup"), { asOf: "2026-11-01" });
    const lost = r.findings.map((f) => f.pointsLost);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
    expect(r.findings[0]!.sentence).toMatch(/In-product sales copilot/);
  });

  it("reports the HHI of vendor concentration", () => {
    const r = scoreInventory(smallDoc(), { asOf: "2026-11-01" });
    expect(r.organisation.concentration.vendor).toEqual({ hhi: 1, top: [{ key: "openai", name: "OPENAI", share: 1 }] });
  });

  it("gives an indicative SEAL level per vendor and objective, with insufficient data where the inventory is silent", () => {
    const r = scoreInventory(loadExample("frankfurt-manufacturer"), { asOf: "2026-11-01" });
    const mistral = r.vendors.find((v) => v.key === "mistral")!.seal;
    expect(mistral.indicative).toBe(true);
    expect(mistral.objectives.map((o) => o.id)).toEqual(["SOV-1", "SOV-2", "SOV-3", "SOV-4", "SOV-5", "SOV-6", "SOV-7", "SOV-8"]);
    expect(mistral.objectives[0]!.level).toBe("SEAL-3");
    expect(mistral.objectives[7]!.level).toBe("insufficient data");
    const openai = r.vendors.find((v) => v.key === "openai")!.seal;
    expect(openai.objectives[0]!.level).toBe("SEAL-0");
    expect(openai.overall).toBe("SEAL-0");
  });
});
