import { describe, expect, it } from "vitest";
import { scoreInventory } from ".";
import { CATALOGUE_MODELS, CATALOGUE_VENDORS } from "./catalogue";
import type { InventoryDocument } from "./schema/inventory";

// Seed 002 (Review Nest, "The US Export Ban on Anthropic AI Is a Wake-Up Call...") rates the
// sovereignty of four routes for an enterprise with EU operations:
//   Anthropic (Claude), API only ............ Very Low  ("High & Active" risk: banned)
//   OpenAI (GPT-4o), API only ............... Very Low  ("not yet banned, but the same legal framework applies")
//   Google (Gemini), API and GCP regions .... Low       (regional infrastructure is a limited buffer)
//   Meta (Llama 3), open weights self-hosted  High      (the strongest hedge)
// The method must reproduce that order and those ratings from the catalogue alone (no tuned weight),
// and say where it cannot (docs/METHODOLOGY.md, "The market's table").

const vendor = (key: string) => {
  const c = CATALOGUE_VENDORS.find((v) => v.key === key)!;
  return { key, name: c.name, type: c.type, hqCountry: c.hqCountry, ultimateParent: c.ultimateParent, catalogueKey: key };
};
const model = (key: string) => {
  const c = CATALOGUE_MODELS.find((m) => m.key === key)!;
  return { key, name: c.name, vendor: c.vendor, family: c.family, weights: c.weights, licence: c.licence, trainingCompute: c.trainingCompute, catalogueKey: key };
};
const system = (key: string, name: string) => ({ key, name, criticality: "high" as const, toleratedDowntimeHours: 4, offices: ["berlin", "paris"], dataSensitivity: "personal" as const });

/**
 * A European company (HQ Berlin, an office in Paris) whose only AI is the four routes, one system
 * each, every fact from the catalogue: no fallback, no exit plan, no contract terms recorded.
 * `personal`: its customer data goes to the models under standard contractual clauses, as most
 * enterprise uses do (support, sales, HR); the catalogue records no Data Privacy Framework
 * certification for any vendor ("not recorded: verify").
 */
function europeanCompany(personal: boolean): InventoryDocument {
  const deps = [
    { key: "claude-api", system: "assistant", model: "anthropic-claude", accessPath: "direct-api" as const },
    { key: "gpt-api", system: "support", model: "openai-gpt", accessPath: "direct-api" as const },
    { key: "gemini-api", system: "search", model: "google-gemini", accessPath: "direct-api" as const },
    { key: "gemini-vertex", system: "search", model: "google-gemini", accessPath: "cloud-marketplace" as const, cloud: "google", hostingRegion: { country: "DE", region: "europe-west3" } },
    { key: "llama-self", system: "drafting", model: "meta-llama", accessPath: "self-hosted" as const, hostingRegion: { country: "DE" } },
  ];
  return {
    schemaVersion: "1.0",
    organisation: { key: "eu-company", name: "European company", hqCountry: "DE" },
    offices: [
      { key: "berlin", name: "Berlin", country: "DE", headcount: 1200 },
      { key: "paris", name: "Paris", country: "FR", headcount: 400 },
    ],
    vendors: ["anthropic", "openai", "google", "meta"].map(vendor),
    models: ["anthropic-claude", "openai-gpt", "google-gemini", "meta-llama"].map(model),
    aiSystems: [system("assistant", "Assistant"), system("support", "Support"), system("search", "Search"), system("drafting", "Drafting")],
    dependencies: deps,
    dataFlows: personal ? deps.map((d) => ({ key: `${d.key}-customers`, fromOffice: "berlin", dependency: d.key, categories: ["personal" as const], transferMechanism: "scc" as const })) : [],
    fallbacks: [],
    policyEvents: [],
  };
}

const IN_FORCE = "2026-05-04"; // between the restriction (2026-03-02, estimated) and its lifting for allies (2026-07-13, estimated)
const ratings = (doc: InventoryDocument, asOf: string) => Object.fromEntries(scoreInventory(doc, { asOf }).vendors.map((v) => [v.key, { rating: v.rating, score: v.score }]));

describe("the market's sovereignty table (seed 002) follows from the catalogue's facts", () => {
  const doc = europeanCompany(true);

  it("gives the table's order while the restriction is in force: Meta, then Google, then OpenAI, then Anthropic", () => {
    const r = ratings(doc, IN_FORCE);
    expect(r.meta!.score).toBeGreaterThan(r.google!.score);
    expect(r.google!.score).toBeGreaterThan(r.openai!.score);
    expect(r.openai!.score).toBeGreaterThan(r.anthropic!.score);
  });

  it("rates Anthropic, OpenAI and Google as the table does", () => {
    const r = ratings(doc, IN_FORCE);
    expect(r.anthropic!.rating).toBe("Very Low");
    expect(r.anthropic!.score).toBe(0); // switched off for every user, no fallback
    expect(r.openai!.rating).toBe("Very Low");
    expect(r.google!.rating).toBe("Low");
  });

  it("rates Meta's self-hosted open weights a step above the table: Very High, not High (METHODOLOGY.md says why)", () => {
    // Every factor is at its maximum: nobody can switch off weights the company holds and runs at
    // home. The article's "High" folds in a future export control on published weights that it
    // could not confirm; Sovra scores what is in force and leaves what could come to scenarios.
    expect(ratings(doc, IN_FORCE).meta).toEqual({ rating: "Very High", score: 100 });
  });

  it("marks Anthropic with the active restriction, and only Anthropic", () => {
    const r = scoreInventory(doc, { asOf: IN_FORCE });
    expect(r.vendors.filter((v) => v.activeRestrictions.length > 0).map((v) => v.key)).toEqual(["anthropic"]);
    expect(r.organisation.profile).toMatch(/^Active restriction: US export restriction on Anthropic's advanced models \(in force since 2026-03-02, estimated date\)/);
  });

  it("raises Anthropic when the restriction is lifted for allied nations, back to where OpenAI stands", () => {
    const during = ratings(doc, IN_FORCE);
    const after = ratings(doc, "2026-09-01");
    expect(after.anthropic!.score).toBeGreaterThan(during.anthropic!.score);
    expect(after.anthropic).toEqual(after.openai);
    // Before it, too, the two API-only routes stood level.
    expect(ratings(doc, "2026-01-15").anthropic).toEqual(ratings(doc, "2026-01-15").openai);
  });

  it("rates OpenAI Low, not Very Low, for a company that sends it no personal data: 'not yet banned' is not a fact in force", () => {
    const r = ratings(europeanCompany(false), IN_FORCE);
    expect(r.openai!.rating).toBe("Low");
    expect(r.anthropic!.rating).toBe("Very Low");
    expect(r.google!.rating).toBe("Low");
  });
});
