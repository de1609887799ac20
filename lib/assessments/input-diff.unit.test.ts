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
        label: "Fallback of Chat → Big: Small (self-hosted)",
        change: "changed",
        fields: [
          { field: "lastTested", label: "Last tested", before: undefined, after: "2026-11-30", beforeText: "—", afterText: "30 Nov 2026" },
          { field: "qualityParityMeasured", label: "Quality parity measured", before: false, after: true, beforeText: "no", afterText: "yes" },
        ],
      },
    ]);
    expect(describeChange(changes[0]!)).toBe("Fallback of Chat → Big: Small (self-hosted): Last tested — → 30 Nov 2026; Quality parity measured no → yes");
  });

  it("matches fallbacks by dependency and route, so deleting one does not make the next look changed", () => {
    const a = doc();
    const b = doc();
    b.dependencies.shift();
    b.fallbacks = [{ ...b.fallbacks![1]!, key: "search-big-direct-api/fallback-1" }]; // renumbered by position
    const changes = diffInputs(a, b);
    expect(changes.map((c) => [c.section, c.change, c.label])).toEqual([
      ["dependencies", "removed", "Chat → Big (direct API)"],
      ["fallbacks", "removed", "Fallback of Chat → Big: Small (self-hosted)"],
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
    expect(changes[0]!.fields).toEqual([{ field: "regimes", label: "Regulatory regimes", before: ["gdpr"], after: ["gdpr", "dora"], beforeText: "GDPR", afterText: "GDPR, DORA" }]);
    expect(describeChange(changes[2]!)).toBe("Dependency Chat → Big (direct API): Exit plan documented no → yes; Exit plan last reviewed — → 1 Oct 2026");
    expect(describeChange(changes[1]!)).toBe("Office Paris added");
  });

  it("names what keys refer to, countries, hours and enum values, in the words the forms use", () => {
    const a = doc();
    const b = doc();
    b.aiSystems[0] = { ...b.aiSystems[0]!, criticality: "critical", toleratedDowntimeHours: 1.5, offices: ["berlin", "paris"] };
    b.offices.push({ key: "paris", name: "Paris office", country: "FR" });
    b.dependencies[1] = { ...b.dependencies[1]!, model: "small", accessPath: "third-party-hosted", cloud: "open", hostingRegion: { country: "FR", region: "eu-west-3" } };
    b.fallbacks![0] = { ...b.fallbacks![0]!, switchTimeHours: 48 };
    const changes = diffInputs(a, b).filter((c) => c.change === "changed");
    const text = changes.map(describeChange);
    expect(text).toEqual([
      "AI system Chat: Criticality High → Critical; Tolerated downtime 4 h → 1 h 30 min; Offices Berlin → Berlin, Paris office",
      "Dependency Search → Small (third-party hosted on Open SAS): Model Big → Small; Access path direct API → third-party hosted; Cloud — → Open SAS; Hosting country — → France; Hosting region — → eu-west-3",
      "Fallback of Chat → Big: Small (self-hosted): Switch time — → 2 days",
    ]);
  });

  it("says a policy's scope and restrictions changed without spelling out their structure", () => {
    const event = { key: "ban-x", title: "Ban X", effectiveDate: "2026-01-01", source: "Gazette", kind: "impose", type: "export-control", issuer: "US", scope: { vendors: ["frontier"] }, restrictions: [{ countries: { only: ["DE"] }, locus: "users", severity: "block" }] };
    const a = doc();
    const b = doc();
    a.policyEvents = [event] as unknown as typeof a.policyEvents;
    b.policyEvents = [{ ...event, scope: { vendors: ["frontier", "open"] }, effectiveDate: "2027-02-04" }] as unknown as typeof b.policyEvents;
    const [change] = diffInputs(a, b);
    expect(describeChange(change!)).toBe("Policy event Ban X: Effective date 1 Jan 2026 → 4 Feb 2027; Scope changed");
  });

  it("never shows a field's internal name or a row's key", () => {
    const a = doc();
    const b = doc();
    b.dependencies[0] = { ...b.dependencies[0]!, contract: { dataResidency: true }, dataSent: ["personal", "trade-secret"] };
    b.organisation = { ...b.organisation, hqCountry: "GB", dpfCertified: true };
    const text = diffInputs(a, b).map(describeChange).join("\n");
    expect(text).toBe("Organisation Acme: Headquarters country Germany → United Kingdom; DPF certified no → yes\nDependency Chat → Big (direct API): Contract data residency — → yes; Data sent — → Personal, Trade secret");
    expect(text).not.toMatch(/[a-z][A-Z]|chat-big|direct-api|\.documented/);
  });

  it("lists the changes of a large tenant's inventory, each labelled by its own system and model", () => {
    // 200,000 data flows and 50,000 dependencies added: more than a spread into push can carry.
    const a = doc();
    const b = doc();
    const systems = Array.from({ length: 5_000 }, (_, i) => ({ key: `s${i}`, name: `System ${i}`, criticality: "low" as const, toleratedDowntimeHours: 1, offices: ["berlin"] }));
    b.aiSystems = [...b.aiSystems, ...systems];
    b.dependencies = [...b.dependencies, ...Array.from({ length: 50_000 }, (_, i) => ({ key: `d${i}`, system: `s${i % 5_000}`, model: i % 2 ? "big" : "small", accessPath: "direct-api" as const, exitPlan: { documented: false } }))];
    b.dataFlows = Array.from({ length: 200_000 }, (_, i) => ({ key: `f${i}`, fromOffice: "berlin", dependency: `d${i % 50_000}`, categories: ["internal" as const] }));
    const changes = diffInputs(a, b);
    expect(changes).toHaveLength(5_000 + 50_000 + 200_000);
    expect(changes.filter((c) => c.section === "dependencies" && c.key === "d5001").map(describeChange)).toEqual(["Dependency System 1 → Big (direct API) added"]);
  });
});
