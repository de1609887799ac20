import { SPDX } from "@cyclonedx/cyclonedx-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { scoreInventory } from "@/scoring";
import { generateInventory } from "@/scoring/bench/generate";
import { blockIn, imposeEvent } from "@/scoring/testing/fixtures";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import type { InventoryRowIds } from "@/lib/inventory/document-rows";
import { buildCycloneDxBom, CYCLONEDX_SPEC_VERSIONS, licenceOf, serializeCycloneDxBom, SPDX_LICENCE_IDS, type CdxProperty, type CycloneDxBom, type CycloneDxInput } from "./cyclonedx";
import { cycloneDxErrors } from "./test-cyclonedx";

// A small hand-made inventory: two systems, three routes (direct API, a cloud marketplace in
// Frankfurt, self-hosted), one drilled fallback, two data flows, and an export control in force
// that blocks Anthropic's models for the Tokyo office.

const doc: InventoryDocument = {
  schemaVersion: "1.0",
  organisation: { key: "acme", name: "Acme GmbH", hqCountry: "DE", sector: "insurance", regimes: ["gdpr", "dora"] },
  offices: [
    { key: "berlin", name: "Berlin", country: "DE", headcount: 300 },
    { key: "tokyo", name: "Tokyo", country: "JP", headcount: 100 },
  ],
  vendors: [
    { key: "openai", name: "OpenAI", type: "frontier-lab", hqCountry: "US", ultimateParent: { name: "OpenAI Group", country: "US" } },
    { key: "anthropic", name: "Anthropic", type: "frontier-lab", hqCountry: "US" },
    { key: "aws", name: "Amazon Web Services", type: "hyperscaler", hqCountry: "US", ultimateParent: { name: "Amazon.com, Inc.", country: "US" } },
    { key: "mistral", name: "Mistral AI", type: "open-weight-publisher", hqCountry: "FR" },
    { key: "resell", name: "Model Resellers Ltd", type: "reseller", hqCountry: "GB" },
  ],
  models: [
    { key: "gpt", name: "GPT-4o", vendor: "openai", family: "gpt", weights: "closed", licence: "OpenAI Services Agreement", trainingCompute: "above-1e26", source: "https://platform.openai.com/docs/models", asOf: "2025-09-30" },
    { key: "claude", name: "Claude", vendor: "anthropic", family: "claude", weights: "closed", licence: "Anthropic Commercial Terms" },
    { key: "mistral-small", name: "Mistral Small", vendor: "mistral", weights: "open", licence: "apache-2.0", trainingCompute: "below-1e25" },
    { key: "resold", name: "Resold Model", vendor: "resell", weights: "closed" },
  ],
  aiSystems: [
    { key: "chat", name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeHours: 4, offices: ["berlin", "tokyo"], teams: ["support"] },
    { key: "search", name: "Search", criticality: "medium", toleratedDowntimeHours: 24, offices: ["berlin"] },
  ],
  dependencies: [
    { key: "chat/gpt", system: "chat", model: "gpt", accessPath: "direct-api", exitPlan: { documented: true, lastReviewed: "2026-06-01" }, dataSent: ["personal", "regulated"] },
    { key: "chat/claude", system: "chat", model: "claude", accessPath: "cloud-marketplace", cloud: "aws", hostingRegion: { country: "DE", region: "eu-central-1" } },
    { key: "search/mistral", system: "search", model: "mistral-small", accessPath: "self-hosted" },
  ],
  dataFlows: [
    { key: "tickets", fromOffice: "berlin", dependency: "chat/gpt", categories: ["internal", "personal"], volume: "high", transferMechanism: "scc", encrypted: true },
    { key: "contracts", fromOffice: "tokyo", dependency: "chat/claude", categories: ["trade-secret"] },
  ],
  fallbacks: [{ key: "chat/gpt/fallback-1", dependency: "chat/gpt", model: "mistral-small", accessPath: "self-hosted", lastTested: "2026-10-01", switchTimeHours: 2, qualityParityMeasured: true, exitPlanUrl: "https://wiki.example/exit" }],
  policyEvents: [{ ...imposeEvent("anthropic-block", [blockIn(["JP"])], { vendors: ["anthropic"] }), title: "US export control on Anthropic models" }],
};

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const rowIds: InventoryRowIds = {
  offices: { berlin: uuid(1), tokyo: uuid(2) },
  vendors: { openai: uuid(3), anthropic: uuid(4), aws: uuid(5), mistral: uuid(6), resell: uuid(7) },
  models: { gpt: uuid(11), claude: uuid(12), "mistral-small": uuid(13), resold: uuid(14) },
  aiSystems: { chat: uuid(21), search: uuid(22) },
  dependencies: { "chat/gpt": uuid(31), "chat/claude": uuid(32), "search/mistral": uuid(33) },
  fallbacks: { "chat/gpt/fallback-1": uuid(41) },
  dataFlows: { tickets: uuid(51), contracts: uuid(52) },
};
const ORG_ID = uuid(99);
const result = scoreInventory(doc, { asOf: "2026-12-01" });

function build(over: Partial<CycloneDxInput> = {}): CycloneDxBom {
  return buildCycloneDxBom({
    specVersion: "1.6",
    serialNumber: "3e671687-395b-41f5-a30f-a58921a69b79",
    timestamp: "2026-12-01T10:00:00.000Z",
    tool: { name: "Sovra", version: "0.1.0" },
    organisationId: ORG_ID,
    document: doc,
    result,
    rowIds,
    dataFlowNames: { tickets: "Support tickets" },
    systemDescriptions: { chat: "Answers customers' questions" },
    ...over,
  });
}

const bom = build();
const component = (ref: string) => bom.components.find((c) => c["bom-ref"] === ref)!;
const service = (ref: string) => bom.services.find((s) => s["bom-ref"] === ref)!;
const values = (properties: CdxProperty[] | undefined, name: string) => (properties ?? []).filter((p) => p.name === name).map((p) => p.value);
const value = (properties: CdxProperty[] | undefined, name: string) => {
  const found = values(properties, name);
  expect(found, name).toHaveLength(1);
  return found[0];
};

/** Every object in the BOM that has a `name` and is in a `properties` array. */
function allProperties(node: unknown, out: CdxProperty[] = []): CdxProperty[] {
  if (Array.isArray(node)) node.forEach((n) => allProperties(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "properties" && Array.isArray(v)) out.push(...(v as CdxProperty[]));
      allProperties(v, out);
    }
  }
  return out;
}

function allBomRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => allBomRefs(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "bom-ref" && typeof v === "string") out.push(v);
      else allBomRefs(v, out);
    }
  }
  return out;
}

describe("the CycloneDX ML-BOM of an inventory", () => {
  it("is a CycloneDX document of the asked version with a urn:uuid serial, the timestamp, Sovra as the tool and the organisation as its subject", () => {
    expect(bom).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6", serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", version: 1 });
    expect(build({ specVersion: "1.7" }).specVersion).toBe("1.7");
    expect(bom.metadata.timestamp).toBe("2026-12-01T10:00:00.000Z");
    expect(bom.metadata.tools).toEqual({ components: [{ type: "application", name: "Sovra", version: "0.1.0" }] });
    expect(bom.metadata.component).toMatchObject({ type: "application", "bom-ref": `organisation/${ORG_ID}`, name: "Acme GmbH" });
    const p = bom.metadata.component.properties;
    expect(value(p, "sovra:hq-country")).toBe("DE");
    expect(values(p, "sovra:regime")).toEqual(["gdpr", "dora"]);
    expect(value(p, "sovra:score")).toBe(String(result.organisation.score));
    expect(value(p, "sovra:rating")).toBe(result.organisation.rating);
    expect(value(p, "sovra:methodology-version")).toBe(result.methodologyVersion);
    expect(values(p, "sovra:restriction")).toEqual(["anthropic-block: US export control on Anthropic models, in force since 2025-01-01"]);
  });

  it("makes each model a machine-learning-model component with its vendor as supplier, the maker as manufacturer where known, and its licence", () => {
    const models = bom.components.filter((c) => c.type === "machine-learning-model");
    expect(models.map((m) => [m["bom-ref"], m.name])).toEqual([
      [`model/${uuid(11)}`, "GPT-4o"],
      [`model/${uuid(12)}`, "Claude"],
      [`model/${uuid(13)}`, "Mistral Small"],
      [`model/${uuid(14)}`, "Resold Model"],
    ]);
    const gpt = component(`model/${uuid(11)}`);
    expect(gpt.supplier).toEqual({ name: "OpenAI", address: { country: "US" } });
    expect(gpt.manufacturer).toEqual({ name: "OpenAI", address: { country: "US" } });
    expect(gpt.licenses).toEqual([{ license: { name: "OpenAI Services Agreement" } }]);
    expect(gpt.externalReferences).toEqual([{ type: "documentation", url: "https://platform.openai.com/docs/models" }]);
    expect(value(gpt.properties, "sovra:vendor:hq-country")).toBe("US");
    expect(value(gpt.properties, "sovra:vendor:ultimate-parent")).toBe("OpenAI Group");
    expect(value(gpt.properties, "sovra:vendor:ultimate-parent-country")).toBe("US");
    expect(value(gpt.properties, "sovra:model:weights")).toBe("closed");
    // The model card says what Sovra knows: the organisation's uses and the compute band with its AI Act reading.
    expect(gpt.modelCard).toEqual({
      considerations: { useCases: ["Support chat (critical criticality)"] },
      properties: [
        { name: "sovra:model:training-compute", value: "above-1e26" },
        { name: "sovra:model:systemic-risk", value: "yes" },
      ],
    });
    // A licence that is an SPDX id (in any case) goes out as the id.
    expect(component(`model/${uuid(13)}`).licenses).toEqual([{ license: { id: "Apache-2.0" } }]);
    // A reseller supplies a model it need not have made; no licence recorded, no licence written; nothing known, no model card.
    const resold = component(`model/${uuid(14)}`);
    expect(resold.supplier).toEqual({ name: "Model Resellers Ltd", address: { country: "GB" } });
    expect(resold.manufacturer).toBeUndefined();
    expect(resold.licenses).toBeUndefined();
    expect(resold.modelCard).toBeUndefined();
  });

  it("makes each AI system an application with its facts, score and rating", () => {
    const chat = component(`ai-system/${uuid(21)}`);
    const scored = result.systems.find((s) => s.key === "chat")!;
    expect(chat).toMatchObject({ type: "application", name: "Support chat", description: "Answers customers' questions" });
    expect(value(chat.properties, "sovra:criticality")).toBe("critical");
    expect(value(chat.properties, "sovra:tolerated-downtime-hours")).toBe("4");
    expect(values(chat.properties, "sovra:office")).toEqual(["Berlin (DE)", "Tokyo (JP)"]);
    expect(value(chat.properties, "sovra:score")).toBe(String(scored.score));
    expect(value(chat.properties, "sovra:rating")).toBe(scored.rating);
    expect(value(chat.properties, "sovra:weakest-dependency")).toBe(`dependency/${rowIds.dependencies[scored.weakestDependency]}`);
    expect(component(`ai-system/${uuid(22)}`).description).toBeUndefined();
  });

  it("makes each access path a service run by whoever runs the endpoint, with the route, restrictions, fallback, score and rating", () => {
    expect(bom.services.map((s) => s["bom-ref"])).toEqual([`dependency/${uuid(31)}`, `dependency/${uuid(32)}`, `dependency/${uuid(33)}`, `fallback/${uuid(41)}`]);
    const api = service(`dependency/${uuid(31)}`);
    expect(api).toMatchObject({ name: "GPT-4o via OpenAI's API", provider: { name: "OpenAI", address: { country: "US" } }, "x-trust-boundary": true });
    expect(value(api.properties, "sovra:access-path")).toBe("direct-api");
    expect(value(api.properties, "sovra:hosting-country")).toBe("US");
    expect(values(api.properties, "sovra:restriction")).toEqual([]);
    expect(values(api.properties, "sovra:fallback")).toEqual([`fallback/${uuid(41)}`]);
    expect(value(api.properties, "sovra:fallback:best")).toBe(`fallback/${uuid(41)}`);
    expect(value(api.properties, "sovra:fallback:last-drill")).toBe("2026-10-01");
    expect(value(api.properties, "sovra:exit-plan:documented")).toBe("true");
    const scored = result.dependencies.find((d) => d.key === "chat/gpt")!;
    expect(value(api.properties, "sovra:score")).toBe(String(scored.score));
    expect(value(api.properties, "sovra:rating")).toBe(scored.rating);
    expect(value(api.properties, "sovra:methodology-version")).toBe(result.methodologyVersion);

    const marketplace = service(`dependency/${uuid(32)}`);
    expect(marketplace).toMatchObject({ name: "Claude via Amazon Web Services marketplace (eu-central-1, DE)", provider: { name: "Amazon Web Services", address: { country: "US" } } });
    expect(value(marketplace.properties, "sovra:access-path")).toBe("cloud-marketplace");
    expect(value(marketplace.properties, "sovra:cloud")).toBe("Amazon Web Services");
    expect(value(marketplace.properties, "sovra:cloud:ultimate-parent-country")).toBe("US");
    expect(value(marketplace.properties, "sovra:hosting-country")).toBe("DE");
    expect(value(marketplace.properties, "sovra:hosting-region")).toBe("eu-central-1");
    expect(values(marketplace.properties, "sovra:restriction")).toEqual(["anthropic-block: US export control on Anthropic models, in force since 2025-01-01"]);
    expect(Number(value(marketplace.properties, "sovra:switched-off:share"))).toBeCloseTo(0.25); // Tokyo's 100 of 400 people
    expect(values(marketplace.properties, "sovra:fallback")).toEqual([]);
    expect(values(marketplace.properties, "sovra:fallback:last-drill")).toEqual([]);

    const own = service(`dependency/${uuid(33)}`);
    expect(own).toMatchObject({ name: "Mistral Small self-hosted", provider: { name: "Acme GmbH", address: { country: "DE" } }, "x-trust-boundary": false });
    expect(value(own.properties, "sovra:hosting-country")).toBe("DE");

    const fallback = service(`fallback/${uuid(41)}`);
    expect(fallback).toMatchObject({ name: "Fallback: Mistral Small self-hosted", "x-trust-boundary": false });
    expect(value(fallback.properties, "sovra:fallback-for")).toBe(`dependency/${uuid(31)}`);
    expect(value(fallback.properties, "sovra:last-drill")).toBe("2026-10-01");
    expect(value(fallback.properties, "sovra:switch-time-hours")).toBe("2");
    expect(value(fallback.properties, "sovra:exit-plan-url")).toBe("https://wiki.example/exit");
  });

  it("gives the dependency graph organisation → systems → services → models, fallbacks → their model, and empty entries for the rest", () => {
    const edges = Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn]));
    expect(edges).toEqual({
      [`organisation/${ORG_ID}`]: [`ai-system/${uuid(21)}`, `ai-system/${uuid(22)}`],
      [`ai-system/${uuid(21)}`]: [`dependency/${uuid(31)}`, `dependency/${uuid(32)}`],
      [`ai-system/${uuid(22)}`]: [`dependency/${uuid(33)}`],
      [`dependency/${uuid(31)}`]: [`model/${uuid(11)}`],
      [`dependency/${uuid(32)}`]: [`model/${uuid(12)}`],
      [`dependency/${uuid(33)}`]: [`model/${uuid(13)}`],
      [`fallback/${uuid(41)}`]: [`model/${uuid(13)}`],
      [`model/${uuid(11)}`]: [],
      [`model/${uuid(12)}`]: [],
      [`model/${uuid(13)}`]: [],
      [`model/${uuid(14)}`]: [],
      [`data-flow/${uuid(51)}`]: [],
      [`data-flow/${uuid(52)}`]: [],
    });
    expect(bom.dependencies).toHaveLength(Object.keys(edges).length);
  });

  it("makes each data flow a data component classified by its most sensitive category, and the services' data with each category", () => {
    const tickets = component(`data-flow/${uuid(51)}`);
    expect(tickets).toMatchObject({ type: "data", name: "Support tickets", data: [{ type: "dataset", name: "Support tickets", classification: "personal", sensitiveData: ["personal"] }] });
    expect(values(tickets.properties, "sovra:data-category")).toEqual(["internal", "personal"]);
    expect(value(tickets.properties, "sovra:dependency")).toBe(`dependency/${uuid(31)}`);
    expect(value(tickets.properties, "sovra:origin-country")).toBe("DE");
    expect(value(tickets.properties, "sovra:processing-country")).toBe("US");
    expect(value(tickets.properties, "sovra:transfer-mechanism")).toBe("scc");
    // A flow without a recorded name is named by its key.
    expect(component(`data-flow/${uuid(52)}`).data).toEqual([{ type: "dataset", name: "contracts", classification: "trade-secret", sensitiveData: ["trade-secret"] }]);
    // "regulated" was recorded as sent on the dependency but no flow carries it: it is still declared.
    expect(service(`dependency/${uuid(31)}`).data).toEqual([
      { flow: "inbound", classification: "internal", name: "Support tickets" },
      { flow: "inbound", classification: "personal", name: "Support tickets" },
      { flow: "inbound", classification: "regulated" },
    ]);
    expect(service(`dependency/${uuid(33)}`).data).toBeUndefined();
  });

  it("names every property in Sovra's namespace, never the reserved cdx: one", () => {
    const names = allProperties(bom).map((p) => p.name);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => n.startsWith("cdx:"))).toEqual([]);
    expect(names.filter((n) => !/^sovra:[a-z-]+(:[a-z-]+)?$/.test(n))).toEqual([]);
    expect(allProperties(bom).filter((p) => p.value === "" || p.value === "undefined")).toEqual([]);
  });

  it("has unique bom-refs that stay the same across exports and renames, and a document that differs only in serial and timestamp", () => {
    const refs = allBomRefs(bom);
    expect(new Set(refs).size).toBe(refs.length);
    const again = build({ serialNumber: "7e671687-395b-41f5-a30f-a58921a69b70", timestamp: "2026-12-02T10:00:00.000Z" });
    expect(allBomRefs(again)).toEqual(refs);
    expect({ ...again, serialNumber: bom.serialNumber, metadata: { ...again.metadata, timestamp: bom.metadata.timestamp } }).toEqual(bom);
    // Renaming a model changes its key in the document, not its row id: the bom-ref stays.
    const renamed = { ...doc, models: doc.models.map((m) => (m.key === "gpt" ? { ...m, name: "GPT-4.1" } : m)) };
    const afterRename = build({ document: renamed, result: scoreInventory(renamed, { asOf: "2026-12-01" }) });
    expect(afterRename.components.find((c) => c.name === "GPT-4.1")!["bom-ref"]).toBe(`model/${uuid(11)}`);
  });

  it("writes only SPDX ids that the CycloneDX schemas know", () => {
    for (const id of SPDX_LICENCE_IDS) expect(SPDX.isSupportedSpdxId(id), id).toBe(true);
    expect(licenceOf(" mit ")).toEqual({ license: { id: "MIT" } });
    expect(licenceOf("Llama 3.3 Community License Agreement")).toEqual({ license: { name: "Llama 3.3 Community License Agreement" } });
  });
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("the BOM's JSON", () => {
  it("is the BOM itself, with one line per component, service and dependency entry so that re-exports diff line by line", () => {
    const json = text(serializeCycloneDxBom(bom));
    expect(JSON.parse(json)).toEqual(bom);
    const lines = json.split("\n");
    for (const c of [...bom.components, ...bom.services]) expect(lines.filter((l) => l.includes(`"bom-ref":"${c["bom-ref"]}"`)), c["bom-ref"]).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('{"ref":'))).toHaveLength(bom.dependencies.length);
    expect(json.endsWith("}\n")).toBe(true);
  });

  it("keeps text outside ASCII intact, also across the encoder's batches of a BOM of several megabytes", () => {
    const generated = generateInventory({ offices: 20, vendors: 50, models: 200, systems: 200, dependencies: 1_000, dataFlows: 5_000 }, 3);
    const names = Object.fromEntries(generated.dataFlows.map((f, i) => [f.key, `Kundenanfragen ${i} (Zürich) → 東京 😀`]));
    const large = buildCycloneDxBom({ specVersion: "1.6", serialNumber: "3e671687-395b-41f5-a30f-a58921a69b79", timestamp: "2026-11-01T00:00:00.000Z", tool: { name: "Sovra", version: "0.1.0" }, organisationId: ORG_ID, document: generated, result: scoreInventory(generated, { asOf: "2026-11-01" }), dataFlowNames: names });
    const bytes = serializeCycloneDxBom(large);
    expect(bytes.byteLength).toBeGreaterThan(3 * (1 << 20));
    expect(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes))).toEqual(large);
  });
});

describe("validated by the official CycloneDX JSON strict validator", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(CYCLONEDX_SPEC_VERSIONS)("the hand-made inventory's BOM is valid CycloneDX %s, validated without the network", async (version) => {
    const fetch = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("no network in this test"));
    expect(await cycloneDxErrors(text(serializeCycloneDxBom(build({ specVersion: version }))), version)).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(CYCLONEDX_SPEC_VERSIONS)("a generated inventory's BOM (every access path, fallbacks, data flows) is valid CycloneDX %s", async (version) => {
    const generated = generateInventory({ offices: 6, vendors: 30, models: 40, systems: 20, dependencies: 80, dataFlows: 200 }, 7);
    const scored = scoreInventory(generated, { asOf: "2026-11-01" });
    const big = buildCycloneDxBom({ specVersion: version, serialNumber: "3e671687-395b-41f5-a30f-a58921a69b79", timestamp: "2026-11-01T00:00:00.000Z", tool: { name: "Sovra", version: "0.1.0" }, organisationId: ORG_ID, document: generated, result: scored });
    expect(new Set(big.services.flatMap((s) => values(s.properties, "sovra:access-path")))).toEqual(new Set(["direct-api", "cloud-marketplace", "third-party-hosted", "self-hosted"]));
    expect(await cycloneDxErrors(text(serializeCycloneDxBom(big)), version)).toBeNull();
  });

  it("rejects a BOM that breaks the schema, so the checks above can fail", async () => {
    const broken = structuredClone(bom) as unknown as { components: { type: string }[]; services: Record<string, unknown>[] };
    broken.components[0]!.type = "model";
    expect(await cycloneDxErrors(JSON.stringify(broken), "1.6")).not.toBeNull();
    const extra = structuredClone(bom) as unknown as { services: Record<string, unknown>[] };
    extra.services[0]!.sovraScore = 12; // the strict schema admits no unknown fields
    expect(await cycloneDxErrors(JSON.stringify(extra), "1.7")).not.toBeNull();
  });
});
