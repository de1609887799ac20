import { describe, expect, it } from "vitest";
import { scoreInventory } from "@/scoring/score-inventory";
import { smallDoc, vendor } from "@/scoring/testing/fixtures";
import { loadExample } from "@/scoring/testing/examples";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { buildWorldMap, sensitivityOf } from "./world-map";

/**
 * Offices in Germany (two), the US and Japan; flows from Frankfurt and Berlin to a US API, from
 * Frankfurt to GPT on Azure in the Netherlands, from Tokyo to self-hosted Llama (processed at the
 * German HQ) and from Berlin to the same self-hosted model (processed where it originates).
 */
function doc(): InventoryDocument {
  return smallDoc({
    offices: [
      { key: "fra", name: "Frankfurt", country: "DE", headcount: 300 },
      { key: "ber", name: "Berlin", country: "DE", headcount: 120 },
      { key: "ny", name: "New York", country: "US", headcount: 80 },
      { key: "tyo", name: "Tokyo", country: "JP" },
    ],
    vendors: [vendor("openai", "US"), vendor("meta", "US"), vendor("azure", "US", { type: "hyperscaler" })],
    models: [
      { key: "gpt", name: "GPT", vendor: "openai", weights: "closed" },
      { key: "llama", name: "Llama", vendor: "meta", weights: "open" },
    ],
    aiSystems: [
      { key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ber", "ny"] },
      { key: "hr", name: "HR assistant", criticality: "medium", toleratedDowntimeHours: 24, offices: ["ber"] },
      { key: "docs", name: "Docs search", criticality: "low", toleratedDowntimeHours: 48, offices: ["tyo", "ber"] },
    ],
    dependencies: [
      { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
      { key: "hr/gpt", system: "hr", model: "gpt", accessPath: "cloud-marketplace", cloud: "azure", hostingRegion: { country: "NL", region: "westeurope" } },
      { key: "docs/llama", system: "docs", model: "llama", accessPath: "self-hosted" },
    ],
    dataFlows: [
      { key: "f1", fromOffice: "fra", dependency: "bot/gpt", categories: ["personal", "internal"] },
      { key: "f2", fromOffice: "ber", dependency: "bot/gpt", categories: ["public"] },
      { key: "f3", fromOffice: "ber", dependency: "hr/gpt", categories: ["special-category"] },
      { key: "f4", fromOffice: "tyo", dependency: "docs/llama", categories: ["internal"] },
      { key: "f5", fromOffice: "ber", dependency: "docs/llama", categories: ["trade-secret"] },
    ],
  });
}

const country = (map: ReturnType<typeof buildWorldMap>, code: string) => map.countries.find((c) => c.country === code);

describe("buildWorldMap: countries", () => {
  it("counts offices, headcount and the AI systems their people use, per country", () => {
    const map = buildWorldMap(doc());
    expect(country(map, "DE")).toMatchObject({ name: "Germany", offices: 2, headcount: 420, officesWithoutHeadcount: 0, systems: 3 });
    expect(country(map, "US")).toMatchObject({ offices: 1, headcount: 80, systems: 1 });
    expect(country(map, "JP")).toMatchObject({ offices: 1, headcount: 0, officesWithoutHeadcount: 1, systems: 1 });
  });

  it("places each flow where the carrying model runs: hosting region, else the vendor's HQ for an API, else the organisation's HQ when self-hosted", () => {
    const map = buildWorldMap(doc());
    expect(country(map, "US")).toMatchObject({ flowsIn: 2, categoriesIn: ["public", "internal", "personal"] });
    expect(country(map, "NL")).toMatchObject({ offices: 0, headcount: 0, flowsIn: 1, flowsOut: 0, categoriesIn: ["special-category"] });
    expect(country(map, "DE")).toMatchObject({ flowsOut: 4, flowsIn: 2, categoriesOut: ["public", "internal", "personal", "trade-secret", "special-category"], categoriesIn: ["internal", "trade-secret"] });
    expect(country(map, "JP")).toMatchObject({ flowsOut: 1, flowsIn: 0 });
  });

  it("lists countries with offices first, most people first, then countries that only process data", () => {
    expect(buildWorldMap(doc()).countries.map((c) => c.country)).toEqual(["DE", "US", "JP", "NL"]);
  });

  it("names each country's weakest AI system when given the score, and none without it", () => {
    const d = doc();
    const result = scoreInventory(d, { asOf: "2026-11-01" });
    const map = buildWorldMap(d, result);
    const weakestOf = (keys: string[]) => result.systems.filter((s) => keys.includes(s.key)).sort((a, b) => a.score - b.score)[0]!;
    expect(country(map, "DE")!.weakestSystem?.key).toBe(weakestOf(["bot", "hr", "docs"]).key);
    expect(country(map, "US")!.weakestSystem).toEqual({ key: "bot", name: "Support bot", score: weakestOf(["bot"]).score, rating: weakestOf(["bot"]).rating });
    expect(country(map, "NL")!.weakestSystem).toBeUndefined(); // no office, no users
    expect(buildWorldMap(d).countries.every((c) => c.weakestSystem === undefined)).toBe(true);
  });
});

describe("buildWorldMap: routes", () => {
  it("aggregates flows as origin country -> processing country with counts and categories, busiest first", () => {
    expect(buildWorldMap(doc()).routes).toEqual([
      { from: "DE", to: "US", flows: 2, categories: ["public", "internal", "personal"], sensitivity: "personal" },
      { from: "DE", to: "DE", flows: 1, categories: ["trade-secret"], sensitivity: "other" },
      { from: "DE", to: "NL", flows: 1, categories: ["special-category"], sensitivity: "special-category" },
      { from: "JP", to: "DE", flows: 1, categories: ["internal"], sensitivity: "other" },
    ]);
  });

  it("totals offices, people and flows, telling cross-border flows from those processed where they originate", () => {
    expect(buildWorldMap(doc()).totals).toEqual({ offices: 4, headcount: 500, flows: 5, crossBorderFlows: 4, officeCountries: 3, processingCountries: 3 });
  });

  it("draws nothing for an inventory without data flows, but still lists its offices", () => {
    const map = buildWorldMap(smallDoc({ dataFlows: [] }));
    expect(map.routes).toEqual([]);
    expect(map.countries.map((c) => [c.country, c.offices, c.flowsOut, c.flowsIn])).toEqual([
      ["DE", 1, 0, 0],
      ["US", 1, 0, 0],
    ]);
  });

  it("agrees with the engine on every dependency's processing country", () => {
    const example = loadExample("frankfurt-manufacturer");
    const result = scoreInventory(example, { asOf: "2026-11-01" });
    const hosting = new Map(result.dependencies.map((d) => [d.key, d.hostingCountry]));
    const offices = new Map(example.offices.map((o) => [o.key, o.country]));
    const expected = new Map<string, number>();
    for (const f of example.dataFlows) {
      const id = `${offices.get(f.fromOffice)}>${hosting.get(f.dependency)}`;
      expected.set(id, (expected.get(id) ?? 0) + 1);
    }
    const map = buildWorldMap(example, result);
    expect(new Map(map.routes.map((r) => [`${r.from}>${r.to}`, r.flows]))).toEqual(expected);
    expect(map.totals.flows).toBe(example.dataFlows.length);
  });
});

describe("sensitivityOf", () => {
  it.each([
    [["public", "internal"], "other"],
    [["internal", "personal"], "personal"],
    [["personal", "special-category"], "special-category"],
    [["regulated", "trade-secret"], "other"],
  ] as const)("%j is %s", (categories, expected) => {
    expect(sensitivityOf(categories)).toBe(expected);
  });
});
