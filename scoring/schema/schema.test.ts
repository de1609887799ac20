import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import committed from "../../docs/inventory.schema.json";
import { inventoryJsonSchema } from "../json-schema";
import { parseInventoryDocument, parseJsonText, parseScenario } from "../parse";
import { smallDoc } from "../testing/fixtures";

const example = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8"));

describe("the inventory document schema", () => {
  it("matches the committed docs/inventory.schema.json (regenerate with scoring/README.md's command)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(inventoryJsonSchema())));
  });

  it.each(["frankfurt-manufacturer", "uk-bank", "us-startup"])("accepts examples/%s.json", (name) => {
    const r = parseInventoryDocument(example(name));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it("accepts the example scenario", () => {
    const r = parseScenario(example("scenario-us-closed-models-blocked-eu"));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it.each([
    ["a dangling model reference", { dependencies: [{ key: "d", system: "bot", model: "gpt-9", accessPath: "direct-api" as const }] }, "$.dependencies[0].model", 'unknown model "gpt-9"'],
    ["a dangling office in a system", { aiSystems: [{ key: "bot", name: "Bot", criticality: "low" as const, toleratedDowntimeHours: 1, offices: ["nowhere"] }] }, "$.aiSystems[0].offices[0]", 'unknown office "nowhere"'],
    ["a duplicate key", { offices: [{ key: "fra", name: "A", country: "DE" }, { key: "fra", name: "B", country: "DE" }, { key: "ny", name: "NY", country: "US" }] }, "$.offices[1].key", 'duplicate key "fra"'],
    ["a dangling fallback dependency", { fallbacks: [{ key: "fb", dependency: "nope", model: "llama", accessPath: "self-hosted" as const }] }, "$.fallbacks[0].dependency", 'unknown dependency "nope"'],
    ["a lift of an unknown event", { policyEvents: [{ key: "l", kind: "lift" as const, lifts: "ghost", title: "t", effectiveDate: "2025-01-01", source: "s" }] }, "$.policyEvents[0].lifts", 'unknown policy event "ghost"'],
  ])("reports %s with its JSON path", (_l, over, path, message) => {
    const r = parseInventoryDocument(smallDoc(over));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it.each([
    ["a country that is not ISO 3166-1 alpha-2", (d: any) => (d.offices[0].country = "XX"), "$.offices[0].country", "ISO 3166-1 alpha-2"],
    ["a lower-case country", (d: any) => (d.offices[0].country = "de"), "$.offices[0].country", "ISO 3166-1 alpha-2"],
    ["a bad date", (d: any) => (d.fallbacks = [{ key: "f", dependency: "bot/gpt", model: "llama", accessPath: "self-hosted", lastTested: "yesterday" }]), "$.fallbacks[0].lastTested", "YYYY-MM-DD"],
    ["a marketplace dependency without a cloud", (d: any) => (d.dependencies[0] = { key: "x", system: "bot", model: "gpt", accessPath: "cloud-marketplace", hostingRegion: { country: "DE" } }), "$.dependencies[0].cloud", "expected a cloud vendor key"],
    ["a missing required field", (d: any) => delete d.organisation.hqCountry, "$.organisation.hqCountry", "required field is missing"],
    ["an unknown field", (d: any) => (d.organisation.colour = "blue"), "$.organisation.colour", 'unknown field "colour"'],
    ["a wrong schema version", (d: any) => (d.schemaVersion = "0.9"), "$.schemaVersion", 'expected schemaVersion "1.0"'],
  ])("reports %s with its JSON path", (_l, mutate, path, message) => {
    const d = structuredClone(smallDoc()) as unknown;
    mutate(d);
    const r = parseInventoryDocument(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it("reports every schema problem at once", () => {
    const d = structuredClone(smallDoc()) as any;
    d.offices[0].country = "XX";
    d.aiSystems[0].criticality = "extreme";
    delete d.vendors[0].name;
    const r = parseInventoryDocument(d);
    expect(r.ok ? [] : r.issues.map((i) => i.path).sort()).toEqual(["$.aiSystems[0].criticality", "$.offices[0].country", "$.vendors[0].name"]);
  });

  it("turns a JSON syntax error into an issue with a line and column", () => {
    const r = parseJsonText('{\n  "schemaVersion": "1.0",\n  oops\n}', parseInventoryDocument);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: "$", message: expect.stringMatching(/invalid JSON: .*line 3/) });
  });
});
