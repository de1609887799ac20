import { describe, expect, it } from "vitest";
import { documentFromRows, type InventoryRows } from "./document-rows";

/** An organisation with one of everything and `flows` data flows through its one dependency. */
function rows(flows: number): InventoryRows {
  const office = { id: "o1", name: "Berlin", country: "DE", headcount: 10, teams: [] };
  const vendor = { id: "v1", name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US", parentName: null, parentCountry: null, catalogueKey: null, dpfCertified: false, source: null, sourceAsOf: null };
  const model = { id: "m1", name: "Big Model", vendorId: "v1", family: "big", weights: "closed", licence: "proprietary", trainingCompute: "unknown", catalogueKey: null, source: null, sourceAsOf: null };
  const system = { id: "s1", name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240, teams: [], dataSensitivity: null, offices: [{ officeId: "o1" }] };
  const dependency = { id: "d1", aiSystemId: "s1", modelId: "m1", accessPath: "direct_api", cloudVendorId: null, hostingCountry: null, hostingRegion: null, exitPlanDocumented: false, exitPlanLastReviewed: null, contractDataResidency: null, contractExitTerms: null, dataSent: [], notes: null };
  const dataFlows = Array.from({ length: flows }, (_, i) => ({
    id: `f${i}`,
    name: `Flow ${String(i).padStart(6, "0")}`,
    originOfficeId: "o1",
    dependencyId: "d1",
    dataCategories: ["personal"],
    volume: "low",
    transferMechanism: "scc",
    encryption: "in_transit",
  }));
  const organisation = { slug: "acme", name: "Acme", hqCountry: "DE", sector: "Manufacturing", regimes: ["gdpr"], dpfCertified: false };
  return { organisation, offices: [office], vendors: [vendor], models: [model], aiSystems: [system], dependencies: [dependency], fallbacks: [], dataFlows, policyEvents: [] } as unknown as InventoryRows;
}

/** How many turns of the event loop (setImmediate callbacks) ran while `work` did. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
  }
}

describe("documentFromRows", () => {
  it("hands the event loop back while it turns a long list into the document, which it answers whole and in order", async () => {
    const { result, turns } = await turnsDuring(() => documentFromRows(rows(25_000)));
    expect(turns).toBeGreaterThanOrEqual(2); // 25,000 flows: at least two steps of 10,000
    expect(result.document.dataFlows).toHaveLength(25_000);
    expect(result.document.dataFlows!.map((f) => f.key).slice(0, 2)).toEqual(["flow-000000", "flow-000001"]);
    expect(result.document.dataFlows![24_999]).toEqual({ key: "flow-024999", fromOffice: "berlin", dependency: result.document.dependencies![0]!.key, categories: ["personal"], volume: "low", transferMechanism: "scc", encrypted: true });
    expect(Object.keys(result.rowIds.dataFlows)).toHaveLength(25_000);
    expect(result.rowIds.dataFlows["flow-024999"]).toBe("f24999");
  });

  it("takes no step on a short inventory", async () => {
    const { result, turns } = await turnsDuring(() => documentFromRows(rows(100)));
    expect(turns).toBe(0);
    expect(result.document.dataFlows).toHaveLength(100);
  });
});
