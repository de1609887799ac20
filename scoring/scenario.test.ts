import { describe, expect, it } from "vitest";
import { scoreInventory, simulateScenario, type Scenario } from ".";
import { loadExample, loadScenario } from "./testing/examples";
import { smallDoc } from "./testing/fixtures";

const scenario = (shocks: Scenario["shocks"]): Scenario => ({ schemaVersion: "1.0", key: "t", name: "Test", shocks });
const AS_OF = "2026-11-01";

describe("simulateScenario", () => {
  const doc = loadExample("frankfurt-manufacturer");
  const usBlocked = loadScenario("scenario-us-closed-models-blocked-eu");

  it("finds the systems that lose service when US closed models are blocked in the EU", () => {
    const r = simulateScenario(doc, usBlocked, { asOf: AS_OF });
    const byKey = Object.fromEntries(r.systems.map((s) => [s.key, s]));
    expect(Object.keys(byKey).sort()).toEqual(["code-assistant", "fraud-model", "hr-assistant", "it-helpdesk", "supplier-risk", "support-bot", "translation"]);
    expect(byKey["support-bot"]).toMatchObject({ status: "recovers", recoveryHours: 2 });
    expect(byKey["fraud-model"]).toMatchObject({ status: "recovers-slowly", recoveryHours: 2, toleratedDowntimeHours: 1 });
    expect(byKey["code-assistant"]).toMatchObject({ status: "no-recovery", affectedOffices: ["fra"] });
    expect(byKey["doc-search"]).toBeUndefined(); // self-hosted open weights
  });

  it("reports offices, teams and data flows in the blast radius", () => {
    const r = simulateScenario(doc, usBlocked, { asOf: AS_OF });
    expect(r.offices.map((o) => o.key)).toContain("fra");
    expect(r.teams).toContain("customer-service");
    expect(r.dataFlows.keys).toContain("hr-fra");
    expect(r.dataFlows.keys).not.toContain("docs-fra");
  });

  it("lowers the organisation's score and never raises it", () => {
    const base = scoreInventory(doc, { asOf: AS_OF });
    const r = simulateScenario(doc, usBlocked, { asOf: AS_OF, baseline: base });
    expect(r.score.before).toBe(base.organisation.score);
    expect(r.score.after).toBeLessThan(r.score.before);
    expect(r.weightedImpactPercent).toBeGreaterThan(0);
    expect(r.weightedImpactPercent).toBeLessThanOrEqual(100);
  });

  it("names the vendors, clouds and models its shocks refer to that the inventory does not have, by key or catalogue key", () => {
    const r = simulateScenario(
      doc,
      scenario([
        { type: "vendor-blocked", vendor: "acme-ai", countries: { only: ["DE"] } },
        { type: "vendor-blocked", vendor: "openai", countries: { only: ["DE"] } },
        { type: "cloud-region-lost", cloud: "gone-cloud", region: "eu-1" },
        { type: "weights-under-licence", models: ["meta-llama", "llama-70b", "renamed-model"], countries: { only: ["CN"] } },
      ]),
      { asOf: AS_OF },
    );
    expect(r.unmatched).toEqual(['vendor "acme-ai"', 'cloud "gone-cloud"', 'model "renamed-model"']);
    expect(r.summary).toContain('Not in this inventory (not used, or renamed since the scenario was written): vendor "acme-ai", cloud "gone-cloud", model "renamed-model".');
    expect(simulateScenario(doc, usBlocked, { asOf: AS_OF }).unmatched).toEqual([]);
  });

  it("gives the same answer with or without a baseline", () => {
    const base = scoreInventory(doc, { asOf: AS_OF });
    expect(simulateScenario(doc, usBlocked, { asOf: AS_OF, baseline: base })).toEqual(simulateScenario(doc, usBlocked, { asOf: AS_OF }));
  });

  it.each([
    ["a cloud region lost", [{ type: "cloud-region-lost" as const, cloud: "amazon", region: "eu-central-1" }], ["it-helpdesk"]],
    ["a vendor blocked for one country", [{ type: "vendor-blocked" as const, vendor: "openai", countries: { only: ["IN"] } }], ["hr-assistant", "supplier-risk"]],
    ["open weights placed under licence", [{ type: "weights-under-licence" as const, models: ["llama-70b"], countries: { allExcept: ["US"] } }], ["doc-search", "maintenance-copilot"]],
    ["a shock that reaches nothing", [{ type: "vendor-blocked" as const, vendor: "nobody", countries: { only: ["DE"] } }], []],
  ])("simulates %s", (_l, shocks, systems) => {
    const r = simulateScenario(doc, scenario(shocks), { asOf: AS_OF });
    expect(r.systems.map((s) => s.key)).toEqual(systems);
  });

  it("counts only what is newly lost: users a restriction in force already cuts off are not lost again", () => {
    const india = scenario([{ type: "vendor-blocked", vendor: "anthropic", countries: { only: ["IN"] } }]);
    // Before the US restriction on Anthropic's models (in force from 2026-03-02, estimated), blocking India takes Pune's users away.
    expect(simulateScenario(doc, india, { asOf: "2026-01-15" }).systems.map((s) => s.key)).toEqual(["code-assistant", "it-helpdesk"]);
    // After its lift for allied nations (2026-07-13), India is still restricted: the same shock takes nothing new.
    const after = simulateScenario(doc, india, { asOf: AS_OF });
    expect(after.systems).toEqual([]);
    expect(after.weightedImpactPercent).toBe(0);
    // While it is in force for every country but the US, blocking the US too takes only the US offices.
    const usToo = simulateScenario(doc, scenario([{ type: "vendor-blocked", vendor: "anthropic", countries: { only: ["US", "DE"] } }]), { asOf: "2026-05-01" });
    for (const s of usToo.systems) for (const o of s.affectedOffices) expect(doc.offices.find((x) => x.key === o)!.country).toBe("US");
  });

  it("weighs the share of a system that loses service by the people in its offices", () => {
    const d = smallDoc({
      offices: [
        { key: "fra", name: "Frankfurt", country: "DE", headcount: 900, teams: ["support"] },
        { key: "ny", name: "New York", country: "US", headcount: 100, teams: ["sales"] },
      ],
    });
    const r = simulateScenario(d, scenario([{ type: "vendor-blocked", vendor: "openai", countries: { only: ["DE"] } }]), { asOf: AS_OF });
    expect(r.systems[0]).toMatchObject({ affectedOffices: ["fra"], affectedShare: 0.9, status: "no-recovery" });
  });

  it("does not count a fallback that the same shock blocks", () => {
    const d = smallDoc({
      models: [...smallDoc().models, { key: "claude", name: "Claude", vendor: "openai", weights: "closed" }],
      fallbacks: [{ key: "fb", dependency: "bot/gpt", model: "claude", accessPath: "direct-api", lastTested: AS_OF, switchTimeHours: 1 }],
    });
    const r = simulateScenario(d, scenario([{ type: "closed-models-unavailable", vendorCountries: ["US"], region: { only: ["DE"] } }]), { asOf: AS_OF });
    expect(r.systems[0]).toMatchObject({ status: "no-recovery" });
  });

  it("treats an untested fallback as uncertain recovery", () => {
    const d = smallDoc({ fallbacks: [{ key: "fb", dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted" }] });
    const r = simulateScenario(d, scenario([{ type: "vendor-blocked", vendor: "openai", countries: { only: ["DE", "US"] } }]), { asOf: AS_OF });
    expect(r.systems[0]).toMatchObject({ status: "uncertain", affectedShare: 1 });
    expect(r.weightedImpactPercent).toBe(50);
  });
});
