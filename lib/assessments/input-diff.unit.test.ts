import { describe, expect, it } from "vitest";
import { canonicalJson, describeChange, diffInputs } from "./input-diff";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";

function doc(): InventoryDocumentInput {
  return {
    schemaVersion: "1.0",
    organisation: { key: "acme", name: "Acme", hqCountry: "DE", sector: "Manufacturing", regimes: ["gdpr"], dpfCertified: false },
    offices: [{ key: "berlin", name: "Berlin", country: "DE", headcount: 100, teams: ["Ops"] }],
    vendors: [
      { key: "frontier", name: "Frontier", type: "frontier-lab", hqCountry: "US", dpfCertified: false },
      { key: "open", name: "Open SAS", type: "open-weight-publisher", hqCountry: "FR", dpfCertified: false },
    ],
    models: [
      { key: "big", name: "Big", vendor: "frontier", weights: "closed", trainingCompute: "unknown" },
      { key: "small", name: "Small", vendor: "open", weights: "open", trainingCompute: "unknown" },
    ],
    aiSystems: [
      { key: "chat", name: "Chat", criticality: "high", toleratedDowntimeHours: 4, offices: ["berlin"] },
      { key: "search", name: "Search", criticality: "low", toleratedDowntimeHours: 48, offices: ["berlin"] },
    ],
    dependencies: [
      { key: "chat-big-direct-api", system: "chat", model: "big", accessPath: "direct-api", exitPlan: { documented: false } },
      { key: "search-big-direct-api", system: "search", model: "big", accessPath: "direct-api", exitPlan: { documented: false } },
    ],
    fallbacks: [
      { key: "chat-big-direct-api/fallback-1", dependency: "chat-big-direct-api", model: "small", accessPath: "self-hosted", hostingRegion: { country: "DE" }, qualityParityMeasured: false },
      { key: "search-big-direct-api/fallback-2", dependency: "search-big-direct-api", model: "small", accessPath: "self-hosted", hostingRegion: { country: "DE" }, qualityParityMeasured: false },
    ],
    policyEvents: [],
  } as InventoryDocumentInput;
}

describe("diffInputs", () => {
  it("finds nothing between a document and a reordered copy of itself", () => {
    const a = doc();
    const b = doc();
    b.vendors.reverse();
    b.organisation = { dpfCertified: false, regimes: ["gdpr"], sector: "Manufacturing", hqCountry: "DE", name: "Acme", key: "acme" } as typeof b.organisation;
    expect(diffInputs(a, b)).toEqual([]);
    expect(canonicalJson(a.organisation)).toBe(canonicalJson(b.organisation));
  });

  it("reports a tested fallback as that fallback's changed fields", () => {
    const a = doc();
    const b = doc();
    b.fallbacks![0] = { ...b.fallbacks![0]!, lastTested: "2026-11-30", qualityParityMeasured: true };
    const changes = diffInputs(a, b);
    expect(changes).toEqual([
      {
        section: "fallbacks",
        key: "chat-big-direct-api→small|self-hosted||DE|",
        label: "Fallback of Chat → Big: Small (self hosted)",
        change: "changed",
        fields: [
          { field: "lastTested", before: undefined, after: "2026-11-30" },
          { field: "qualityParityMeasured", before: false, after: true },
        ],
      },
    ]);
    expect(describeChange(changes[0]!)).toBe("Fallback of Chat → Big: Small (self hosted): lastTested — → 2026-11-30; qualityParityMeasured no → yes");
  });

  it("matches fallbacks by dependency and route, so deleting one does not make the next look changed", () => {
    const a = doc();
    const b = doc();
    b.dependencies.shift();
    b.fallbacks = [{ ...b.fallbacks![1]!, key: "search-big-direct-api/fallback-1" }]; // renumbered by position
    const changes = diffInputs(a, b);
    expect(changes.map((c) => [c.section, c.change, c.label])).toEqual([
      ["dependencies", "removed", "Chat → Big (direct api)"],
      ["fallbacks", "removed", "Fallback of Chat → Big: Small (self hosted)"],
    ]);
  });

  it("lists added rows, organisation changes and nested changes, section by section", () => {
    const a = doc();
    const b = doc();
    b.organisation = { ...b.organisation, regimes: ["gdpr", "dora"] };
    b.offices.push({ key: "paris", name: "Paris", country: "FR", headcount: 10, teams: [] });
    b.dependencies[0] = { ...b.dependencies[0]!, exitPlan: { documented: true, lastReviewed: "2026-10-01" } };
    b.policyEvents = [{ key: "ban-x", title: "Ban X", effectiveDate: "2026-01-01", source: "https://example.test", kind: "impose", type: "ban", issuer: "US", scope: {}, restrictions: [] }] as unknown as typeof b.policyEvents;
    const changes = diffInputs(a, b);
    expect(changes.map((c) => `${c.section}:${c.change}:${c.key}`)).toEqual(["organisation:changed:acme", "offices:added:paris", "dependencies:changed:chat-big-direct-api", "policyEvents:added:ban-x"]);
    expect(changes[0]!.fields).toEqual([{ field: "regimes", before: ["gdpr"], after: ["gdpr", "dora"] }]);
    expect(describeChange(changes[2]!)).toBe("Dependency Chat → Big (direct api): exitPlan documented: no → documented: yes; lastReviewed: 2026-10-01");
    expect(describeChange(changes[1]!)).toBe("Office Paris added");
  });
});
