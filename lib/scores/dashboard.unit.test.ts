import { describe, expect, it } from "vitest";
import { scoreInventory } from "@/scoring/score-inventory";
import { smallDoc, vendor } from "@/scoring/testing/fixtures";
import { loadExample } from "@/scoring/testing/examples";
import { DIMENSIONS } from "@/scoring/options";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { buildScoresDashboard, fallbackStatus, MAX_BARS, OTHER_KEY, OWN_KEY } from "./dashboard";

const AS_OF = "2026-11-01";

/** Three systems: a high one on a US API with a drilled fallback, a low one on self-hosted Llama, a critical one on GPT via Azure and Mistral on Azure. */
function doc(): InventoryDocument {
  return smallDoc({
    aiSystems: [
      { key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
      { key: "wiki", name: "Wiki search", criticality: "low", toleratedDowntimeHours: 48, offices: ["fra"] },
      { key: "claims", name: "Claims triage", criticality: "critical", toleratedDowntimeHours: 1, offices: ["fra"] },
    ],
    dependencies: [
      { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
      { key: "wiki/llama", system: "wiki", model: "llama", accessPath: "self-hosted" },
      { key: "claims/gpt", system: "claims", model: "gpt", accessPath: "cloud-marketplace", cloud: "azure", hostingRegion: { country: "DE" } },
      { key: "claims/mistral", system: "claims", model: "mistral-small", accessPath: "third-party-hosted", cloud: "azure", hostingRegion: { country: "DE" } },
    ],
    dataFlows: [],
    fallbacks: [
      { key: "fb1", dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted", lastTested: "2026-10-01", switchTimeHours: 2 },
      // drilled too long ago to count as tested
      { key: "fb2", dependency: "claims/gpt", model: "llama", accessPath: "self-hosted", lastTested: "2025-06-01" },
    ],
  });
}

function build(d: InventoryDocument = doc(), ids: Record<string, string> = {}) {
  const result = scoreInventory(d, { asOf: AS_OF });
  return { result, dash: buildScoresDashboard(result, d, ids) };
}

describe("buildScoresDashboard: the vendor table", () => {
  it("lists every vendor with dependencies, weakest first, with the engine's rating, score and system count", () => {
    const { result, dash } = build();
    expect(dash.vendors.map((v) => v.key)).toEqual(result.vendors.filter((v) => v.dependencyCount > 0).sort((a, b) => a.score - b.score).map((v) => v.key));
    for (const row of dash.vendors) {
      const v = result.vendors.find((x) => x.key === row.key)!;
      expect([row.rating, row.score, row.systemCount, row.dependencyCount]).toEqual([v.rating, v.score, v.systemCount, v.dependencyCount]);
    }
    expect(dash.vendors.find((v) => v.key === "azure")).toBeUndefined(); // a cloud only, no models used
  });

  it("names the model access categories: API-only, cloud marketplace, open weights self-hosted or on a cloud", () => {
    const { dash } = build();
    const access = Object.fromEntries(dash.vendors.map((v) => [v.key, v.modelAccess]));
    expect(access).toEqual({ openai: ["API-only", "Cloud marketplace"], meta: ["Open weights, self-hosted"], mistral: ["Open weights on a third-party cloud"] });
  });

  it("counts dependencies with a fallback drilled within a year, and open weights held as needing none", () => {
    const { dash } = build();
    const openai = dash.vendors.find((v) => v.key === "openai")!;
    expect([openai.testedFallbacks, openai.heldOpenWeights, openai.dependencyCount]).toEqual([1, 0, 2]);
    expect(fallbackStatus(openai)).toBe("partly");
    const meta = dash.vendors.find((v) => v.key === "meta")!;
    expect(fallbackStatus(meta)).toBe("not-needed");
    expect(fallbackStatus(dash.vendors.find((v) => v.key === "mistral")!)).toBe("no");
    expect(fallbackStatus({ dependencyCount: 3, testedFallbacks: 2, heldOpenWeights: 1 })).toBe("yes");
  });

  it("ignores a drill dated after the score's as-of date", () => {
    const d = doc();
    d.fallbacks[0]!.lastTested = "2026-12-01";
    expect(build(d).dash.vendors.find((v) => v.key === "openai")!.testedFallbacks).toBe(0);
  });

  it("writes one sentence of geopolitical risk: controlling country, its access laws, restrictions in force", () => {
    const { dash } = build();
    const openai = dash.vendors.find((v) => v.key === "openai")!.riskProfile;
    expect(openai).toBe("Controlled from the United States, where US CLOUD Act and FISA Section 702 let authorities compel it; no restriction in force reaches its models.");
    // Mistral (France) is in the organisation's own (EU/EEA) jurisdiction
    expect(dash.vendors.find((v) => v.key === "mistral")!.riskProfile).toMatch(/^Controlled from France, your own jurisdiction;/);
    expect(openai.match(/\. |\.$/g)).toHaveLength(1);
  });

  it("follows the ultimate parent and names the restrictions in force that reach the vendor's models", () => {
    const d = doc();
    d.vendors = d.vendors.map((v) => (v.key === "mistral" ? vendor("mistral", "FR", { ultimateParent: { name: "Big Parent", country: "US" } }) : v));
    const { result, dash } = build(d);
    expect(dash.vendors.find((v) => v.key === "mistral")!.riskProfile).toMatch(/^Controlled from the United States \(parent Big Parent; HQ in France\), where/);

    // The Frankfurt example while the AI diffusion rule was in force (Jan-May 2025), and on
    // 2026-11-01, when the US restriction on Anthropic's models still reaches its office in India.
    const example = loadExample("frankfurt-manufacturer");
    const named: string[] = [];
    for (const asOf of ["2025-03-01", AS_OF]) {
      const r = scoreInventory(example, { asOf });
      const titles = new Map(r.landscape.active.map((e) => [e.key, e.title]));
      const dashboard = buildScoresDashboard(r, example);
      for (const row of dashboard.vendors) {
        const keys = [...new Set(r.dependencies.filter((dep) => dep.vendor === row.key).flatMap((dep) => dep.restrictedBy))];
        if (keys.length === 0) expect(row.riskProfile).toContain("no restriction in force reaches its models");
        for (const k of keys) {
          expect(row.riskProfile).toMatch(/in force reach(es)? its models \(/);
          expect(row.riskProfile).toContain(titles.get(k)!);
          named.push(`${asOf} ${row.key} ${k}`);
        }
      }
    }
    expect(named).toEqual(["2025-03-01 openai us-ai-diffusion-rule-2025", "2026-11-01 anthropic us-anthropic-model-export-restriction"]);
    expect(result.vendors.length).toBeGreaterThan(0);
  });
});

describe("buildScoresDashboard: the charts' data", () => {
  it("gives each vendor's four dimension scores for the radar, and the organisation's", () => {
    const { result, dash } = build();
    expect(dash.radar.organisation).toEqual(result.organisation.dimensions);
    for (const v of dash.radar.vendors) {
      expect(Object.keys(v.dimensions)).toEqual([...DIMENSIONS]);
      expect(v.dimensions).toEqual(result.vendors.find((x) => x.key === v.key)!.dimensions);
    }
  });

  it("shares dependencies by vendor and cloud operator as the engine's concentration does, held open weights apart", () => {
    const { result, dash } = build();
    for (const [axis, engineAxis] of [["vendor", "vendor"], ["cloud", "cloud"]] as const) {
      const bars = dash.concentration[axis];
      for (const top of result.organisation.concentration[engineAxis].top) {
        expect(bars.find((b) => b.key === top.key)?.weightedShare).toBeCloseTo(top.share, 3);
      }
      expect(bars.reduce((s, b) => s + b.dependencies, 0)).toBe(4);
      expect(bars.reduce((s, b) => s + b.weightedShare, 0)).toBeCloseTo(1, 3);
    }
    expect(dash.concentration.vendor.find((b) => b.key === OWN_KEY)).toMatchObject({ dependencies: 1, share: 0.25 });
    // GPT via Azure and Mistral on Azure: Azure operates both; GPT's direct API is OpenAI's
    expect(dash.concentration.cloud.map((b) => [b.key, b.dependencies])).toEqual([["azure", 2], ["openai", 1], [OWN_KEY, 1]]);
  });

  it("places the jurisdiction in the controlling party's country: the vendor's, or the cloud's for open weights it runs", () => {
    const d = doc();
    d.vendors = d.vendors.map((v) => (v.key === "azure" ? vendor("azure", "IE", { type: "hyperscaler", ultimateParent: { name: "Microsoft", country: "US" } }) : v));
    d.dependencies.push({ key: "wiki/mistral", system: "wiki", model: "mistral-small", accessPath: "direct-api" });
    const { dash } = build(d);
    const byKey = Object.fromEntries(dash.concentration.jurisdiction.map((b) => [b.key, b.dependencies]));
    // US: GPT direct + GPT marketplace (closed: the vendor's law) + Mistral on Azure (open: Azure's parent); FR: Mistral's own API
    expect(byKey).toEqual({ US: 3, FR: 1, [OWN_KEY]: 1 });
    expect(dash.concentration.jurisdiction.find((b) => b.key === "US")!.label).toBe("United States");
  });

  it("folds the smallest buckets into Other beyond the bar limit", () => {
    const d = doc();
    for (let i = 0; i < MAX_BARS + 3; i++) {
      d.vendors.push(vendor(`v${i}`, "CA"));
      d.models.push({ key: `m${i}`, name: `M${i}`, vendor: `v${i}`, weights: "closed" });
      d.dependencies.push({ key: `bot/m${i}`, system: "bot", model: `m${i}`, accessPath: "direct-api" });
    }
    const { result, dash } = build(d);
    const bars = dash.concentration.vendor;
    expect(bars).toHaveLength(MAX_BARS);
    expect(bars.at(-1)!.key).toBe(OTHER_KEY);
    expect(bars.reduce((s, b) => s + b.dependencies, 0)).toBe(result.dependencies.length);
  });

  it("counts every AI system once in the heat map cell of its criticality and rating, with its row id", () => {
    const { result, dash } = build(doc(), { bot: "id-bot", claims: "id-claims" });
    expect(dash.heatMap.criticalities).toEqual(["critical", "high", "medium", "low"]);
    expect(dash.heatMap.ratings).toEqual(["Very Low", "Low", "Medium", "High", "Very High"]);
    const placed = dash.heatMap.cells.flat().flatMap((c) => c.systems.map((s) => ({ ...s, criticality: c.criticality, rating: c.rating })));
    expect(placed).toHaveLength(result.systems.length);
    for (const s of result.systems) expect(placed.find((p) => p.key === s.key)).toMatchObject({ criticality: s.criticality, rating: s.rating, name: s.name });
    expect(placed.find((p) => p.key === "bot")!.id).toBe("id-bot");
    expect(placed.find((p) => p.key === "wiki")!.id).toBeUndefined();
  });

  it("answers empty series for an inventory without dependencies", () => {
    const { result, dash } = build(smallDoc({ dependencies: [], dataFlows: [] }));
    expect(dash.vendors).toEqual([]);
    expect(dash.concentration.vendor).toEqual([]);
    expect(dash.totalDependencies).toBe(0);
    expect(dash.heatMap.cells.flat().reduce((s, c) => s + c.systems.length, 0)).toBe(result.systems.length);
  });
});
