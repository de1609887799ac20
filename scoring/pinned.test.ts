import { describe, expect, it } from "vitest";
import { scoreInventory } from ".";
import type { InventoryDocument } from "./schema/inventory";
import { loadExample } from "./testing/examples";
import { model, vendor } from "./testing/fixtures";

// Numbers pinned by hand and by golden files, so that a change to the method cannot pass
// unnoticed: a wrong weight, an unweighted mean, a factor dropped. A methodology change updates
// the golden files deliberately (`npx vitest run --project unit scoring/pinned.test.ts -u`), in
// the commit that bumps METHODOLOGY_VERSION: the golden files record the version they were made
// under, and this test fails when it differs.

const AS_OF = "2026-11-01";

/**
 * Two AI systems in a German organisation, one low-criticality on open weights it hosts itself,
 * one critical on a US vendor's direct API, no fallback, no data flows. Worked by hand below.
 */
const twoSystems: InventoryDocument = {
  schemaVersion: "1.0",
  organisation: { key: "org", name: "Hand-worked", hqCountry: "DE" },
  offices: [{ key: "fra", name: "Frankfurt", country: "DE", headcount: 100 }],
  vendors: [vendor("meta", "US"), vendor("openai", "US")],
  models: [model("llama", "meta", "open"), model("gpt", "openai", "closed")],
  aiSystems: [
    { key: "notes", name: "Notes helper", criticality: "low", toleratedDowntimeHours: 24, offices: ["fra"], dataSensitivity: "public" },
    { key: "payments", name: "Payments screening", criticality: "critical", toleratedDowntimeHours: 1, offices: ["fra"], dataSensitivity: "public" },
  ],
  dependencies: [
    { key: "notes/llama", system: "notes", model: "llama", accessPath: "self-hosted", hostingRegion: { country: "DE" } },
    { key: "payments/gpt", system: "payments", model: "gpt", accessPath: "direct-api" },
  ],
  dataFlows: [],
  fallbacks: [],
  policyEvents: [],
};

describe("a hand-worked organisation score", () => {
  const r = scoreInventory(twoSystems, { asOf: AS_OF });
  const system = (key: string) => r.systems.find((s) => s.key === key)!;

  it("gives open weights hosted at home every point", () => {
    // access 70 + 30 (x0.25 = 25), jurisdiction 35 + 25 + 25 + 15 (x0.30 = 30), no fallback needed
    // (100 x 0.30 = 30), no third party to concentrate on (100 x 0.15 = 15).
    expect(system("notes").score).toBe(100);
  });

  it("scores a critical system on a US vendor's direct API factor by factor", () => {
    // access: direct API 10, hosted in the US (default) where none of its users are: 0 -> 2.5
    // jurisdiction: no restriction 35, one foreign access law (US CLOUD Act) 8, no personal data 25,
    //   no sanction 15 -> 83 x 0.3 = 24.9 (as 10.5 + 2.4 + 7.5 + 4.5)
    // fallback: none, no exit plan -> 0
    // concentration: it carries 8 of the 9 units of weight (critical 8, low 1) on every axis:
    //   25 x (1 - 8/9) = 2.78 raw per axis, x 0.15 = 0.42 each, 1.68 for the four
    expect(system("payments").score).toBe(29.08);
  });

  it("weighs the organisation's score by criticality: (1 x 100 + 8 x 29.07) / 9, not the plain mean", () => {
    // Each factor is the criticality-weighted mean of the systems' points, rounded to 0.01:
    // 4.17 + 0.83 + 10.5 + 2.97 + 7.5 + 4.5 + 1.00 + 0.83 + 0.67 + 0.50 + 0.33 + 4 x 0.79 = 36.96.
    expect(r.organisation.score).toBe(36.96);
    expect(r.organisation.rating).toBe("Low");
    const plainMean = (100 + 29.08) / 2;
    expect(Math.abs(r.organisation.score - plainMean)).toBeGreaterThan(25);
  });
});

describe("the examples' scores (golden files)", () => {
  it.each(["frankfurt-manufacturer", "uk-bank", "us-startup"])("keeps %s's organisation, vendor and system scores", async (name) => {
    const r = scoreInventory(loadExample(name), { asOf: AS_OF });
    const pinned = {
      methodologyVersion: r.methodologyVersion,
      asOf: r.asOf,
      organisation: { score: r.organisation.score, rating: r.organisation.rating },
      vendors: Object.fromEntries(r.vendors.map((v) => [v.key, `${v.score} ${v.rating}`])),
      systems: Object.fromEntries(r.systems.map((s) => [s.key, `${s.score} ${s.rating}`])),
    };
    await expect(`${JSON.stringify(pinned, null, 2)}\n`).toMatchFileSnapshot(`./testing/golden/${name}.json`);
  });
});
