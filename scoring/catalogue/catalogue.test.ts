import { describe, expect, it } from "vitest";
import { catalogueFilesSchema, CATALOGUE_MODELS, CATALOGUE_VENDORS, COUNTRIES, DEFAULT_POLICY_EVENTS } from ".";
import countries from "./countries.json";
import models from "./models.json";
import events from "./policy-events.json";
import vendors from "./vendors.json";

describe("the default catalogue", () => {
  it.each([
    ["vendors.json", catalogueFilesSchema.vendors, vendors],
    ["models.json", catalogueFilesSchema.models, models],
    ["countries.json", catalogueFilesSchema.countries, countries],
    ["policy-events.json", catalogueFilesSchema.policyEvents, events],
  ] as const)("%s is valid against its schema", (_name, schema, data) => {
    const r = schema.safeParse(data);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it("lists every ISO 3166-1 alpha-2 country once", () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(249);
  });

  it("counts the 27 EU members and 30 EEA members", () => {
    expect(COUNTRIES.filter((c) => c.eu)).toHaveLength(27);
    expect(COUNTRIES.filter((c) => c.eea)).toHaveLength(30);
  });

  it.each([
    ["anthropic", "US"], ["openai", "US"], ["google", "US"], ["meta", "US"], ["microsoft", "US"], ["amazon", "US"], ["xai", "US"],
    ["mistral", "FR"], ["aleph-alpha", "DE"], ["cohere", "CA"], ["deepseek", "CN"], ["alibaba", "CN"],
  ])("records %s as headquartered in %s", (key, hq) => {
    expect(CATALOGUE_VENDORS.find((v) => v.key === key)?.hqCountry).toBe(hq);
  });

  it.each([
    ["meta-llama", "open"], ["mistral-open", "open"], ["deepseek-v3-r1", "open"], ["alibaba-qwen", "open"], ["google-gemma", "open"],
    ["anthropic-claude", "closed"], ["openai-gpt", "closed"], ["google-gemini", "closed"],
  ])("records %s weights as %s", (key, weights) => {
    expect(CATALOGUE_MODELS.find((m) => m.key === key)?.weights).toBe(weights);
  });

  it("gives every model a vendor and every marketplace path a cloud from the catalogue", () => {
    const keys = new Set(CATALOGUE_VENDORS.map((v) => v.key));
    for (const m of CATALOGUE_MODELS) {
      expect(keys.has(m.vendor), m.key).toBe(true);
      for (const p of m.accessPaths) if (p.cloud) expect(keys.has(p.cloud), `${m.key} ${p.cloud}`).toBe(true);
    }
  });

  it("models the AI diffusion rule as imposed in January 2025 and lifted in May 2025", () => {
    const imposed = DEFAULT_POLICY_EVENTS.find((e) => e.key === "us-ai-diffusion-rule-2025");
    const lift = DEFAULT_POLICY_EVENTS.find((e) => e.kind === "lift" && e.lifts === "us-ai-diffusion-rule-2025");
    expect(imposed?.kind === "impose" && imposed.scope).toMatchObject({ weights: "closed", minTrainingCompute: "above-1e26" });
    expect(imposed?.effectiveDate).toBe("2025-01-13"); // the rule's effective date; published on 15 January
    expect(lift?.effectiveDate).toBe("2025-05-13");
  });

  it("lifts only events that exist", () => {
    const keys = new Set(DEFAULT_POLICY_EVENTS.map((e) => e.key));
    for (const e of DEFAULT_POLICY_EVENTS) if (e.kind === "lift") expect(keys.has(e.lifts), e.key).toBe(true);
  });
});
