import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scoreInventory } from "@/scoring";
import { generateInventory } from "@/scoring/bench/generate";
import { parseInventoryDocument } from "@/scoring/parse";
import { blockIn, imposeEvent } from "@/scoring/testing/fixtures";
import type { InventoryDocument, InventoryDocumentInput, Organisation, Vendor } from "@/scoring/schema/inventory";
import { buildCycloneDxBom, serializeCycloneDxBom } from "@/lib/exports/cyclonedx";
import { cycloneDxErrors } from "@/lib/exports/test-cyclonedx";
import { canonical } from "./import-plan";
import { bomPathOf, translateCycloneDxBom, type CycloneDxTranslation, type TranslationContext } from "./cyclonedx-import";
import { isCycloneDxBom, readCycloneDxBom } from "./cyclonedx-bom";
import { matchCatalogueModel, matchCatalogueVendor, weightsFromLicence } from "./cyclonedx-catalogue";

// The translation of a CycloneDX BOM into the inventory document (decision 047): Sovra's own BOMs
// back to the inventory they were made from, other tools' BOMs by each mapping rule, the CycloneDX
// project's examples, and the BOMs it refuses.

const acme: Organisation = { key: "acme", name: "Acme GmbH", hqCountry: "DE", sector: "insurance", regimes: ["gdpr", "dora"] };
const context: TranslationContext = { organisation: acme, vendors: [] };

/** Every shape of row the inventory holds: the export's own test inventory, with the facts only the records and new properties carry. */
const doc: InventoryDocument = {
  schemaVersion: "1.0",
  organisation: acme,
  offices: [
    { key: "berlin", name: "Berlin", country: "DE", headcount: 300, teams: ["support", "platform"] },
    { key: "tokyo", name: "Tokyo", country: "JP", headcount: 100 },
    { key: "lisbon", name: "Lisbon (remote hub)", country: "PT", headcount: 0 },
  ],
  vendors: [
    { key: "openai", name: "OpenAI", type: "frontier-lab", hqCountry: "US", ultimateParent: { name: "OpenAI Group", country: "US" }, catalogueKey: "openai", dpfCertified: true, source: "https://openai.com/about", asOf: "2025-09-30" },
    { key: "anthropic", name: "Anthropic", type: "frontier-lab", hqCountry: "US" },
    { key: "aws", name: "Amazon Web Services", type: "hyperscaler", hqCountry: "US", ultimateParent: { name: "Amazon.com, Inc.", country: "US" } },
    { key: "mistral", name: "Mistral AI", type: "open-weight-publisher", hqCountry: "FR" },
    { key: "resell", name: "Model Resellers Ltd", type: "reseller", hqCountry: "GB" },
    { key: "unused", name: "Nobody Uses Us", type: "other", hqCountry: "CH" },
  ],
  models: [
    { key: "gpt", name: "GPT-4o", vendor: "openai", family: "gpt", weights: "closed", licence: "OpenAI Services Agreement", trainingCompute: "above-1e26", catalogueKey: "openai-gpt", source: "https://platform.openai.com/docs/models", asOf: "2025-09-30" },
    { key: "claude", name: "Claude", vendor: "anthropic", family: "claude", weights: "closed", licence: "Anthropic Commercial Terms" },
    { key: "mistral-small", name: "Mistral Small", vendor: "mistral", weights: "open", licence: "apache-2.0", trainingCompute: "below-1e25" },
    { key: "resold", name: "Resold Model", vendor: "resell", weights: "closed" },
  ],
  aiSystems: [
    { key: "chat", name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeHours: 4, offices: ["berlin", "tokyo"], teams: ["support"], dataSensitivity: "personal" },
    { key: "search", name: "Search", criticality: "medium", toleratedDowntimeHours: 24.5, offices: ["lisbon"] },
    { key: "idle", name: "Idle pilot", criticality: "low", toleratedDowntimeHours: 0, offices: [] },
  ],
  dependencies: [
    { key: "chat/gpt", system: "chat", model: "gpt", accessPath: "direct-api", exitPlan: { documented: true, lastReviewed: "2026-06-01" }, dataSent: ["personal", "regulated"], contract: { dataResidency: true, exitTerms: false }, notes: "Renewal in March" },
    { key: "chat/claude", system: "chat", model: "claude", accessPath: "cloud-marketplace", cloud: "aws", hostingRegion: { country: "DE", region: "eu-central-1" }, exitPlan: { documented: false } },
    { key: "search/mistral", system: "search", model: "mistral-small", accessPath: "self-hosted" },
    { key: "search/resold", system: "search", model: "resold", accessPath: "third-party-hosted", cloud: "aws", hostingRegion: { country: "IE" } },
  ],
  dataFlows: [
    { key: "tickets", fromOffice: "berlin", dependency: "chat/gpt", categories: ["internal", "personal"], volume: "high", transferMechanism: "scc", encrypted: true },
    { key: "contracts", fromOffice: "tokyo", dependency: "chat/claude", categories: ["trade-secret"] },
    { key: "queries", fromOffice: "lisbon", dependency: "search/mistral", categories: ["public"], encrypted: false },
  ],
  fallbacks: [
    { key: "chat/gpt/fallback-1", dependency: "chat/gpt", model: "mistral-small", accessPath: "self-hosted", lastTested: "2026-10-01", switchTimeHours: 2, qualityParityMeasured: true, exitPlan: "Switch the gateway", exitPlanUrl: "https://wiki.example/exit" },
    { key: "chat/gpt/fallback-2", dependency: "chat/gpt", model: "claude", accessPath: "cloud-marketplace", cloud: "aws", hostingRegion: { country: "DE" } },
  ],
  policyEvents: [
    { ...imposeEvent("anthropic-block", [blockIn(["JP"])], { vendors: ["anthropic"] }), title: "US export control on Anthropic models" },
    { key: "anthropic-block-lift", title: "Lifted for allies", kind: "lift", lifts: "anthropic-block", effectiveDate: "2027-01-01", source: "Hypothetical", countries: { only: ["JP"] } },
  ],
};

/** The BOM Sovra exports of a document, as text and back, the way an import receives it. */
function exported(document: InventoryDocument, asOf = "2026-12-01"): unknown {
  const bom = buildCycloneDxBom({
    specVersion: "1.6",
    serialNumber: "3e671687-395b-41f5-a30f-a58921a69b79",
    timestamp: `${asOf}T10:00:00.000Z`,
    tool: { name: "Sovra", version: "0.1.0" },
    organisationId: "00000000-0000-4000-8000-000000000099",
    document,
    result: scoreInventory(document, { asOf }),
    dataFlowNames: { tickets: "Support tickets" },
  });
  return JSON.parse(new TextDecoder().decode(serializeCycloneDxBom(bom)));
}

function translate(bom: unknown, ctx: TranslationContext = context): CycloneDxTranslation {
  const result = translateCycloneDxBom(bom, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.translation;
}

function parsed(document: InventoryDocumentInput): InventoryDocument {
  const result = parseInventoryDocument(document);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

/**
 * A document with references by name instead of key and the lists sorted, as the import matches
 * rows: keys are only how a document refers to its own rows, and differ between two documents of
 * the same inventory.
 */
function natural(d: InventoryDocument) {
  const name = (list: readonly { key: string; name: string }[]) => new Map(list.map((r) => [r.key, r.name]));
  const [office, vendor, system] = [name(d.offices), name(d.vendors), name(d.aiSystems)];
  const model = new Map(d.models.map((m) => [m.key, `${vendor.get(m.vendor)} ${m.name}`]));
  const route = <R extends { model: string; cloud?: string | undefined }>({ model: m, cloud, ...r }: R) => ({ ...r, model: model.get(m), ...(cloud ? { cloud: vendor.get(cloud) } : {}) });
  const dependency = new Map(d.dependencies.map((x) => [x.key, `${system.get(x.system)} → ${model.get(x.model)} (${x.accessPath})`]));
  const sorted = <T>(rows: T[]) => rows.map((r) => canonical(r)).sort();
  const drop = <R extends { key: string }>({ key: _key, ...r }: R) => r;
  return {
    offices: sorted(d.offices.map(drop)),
    vendors: sorted(d.vendors.map(drop)),
    // As the import stores them: no training compute is "unknown", the offices a system serves are a set.
    models: sorted(d.models.map(({ key: _k, vendor: v, ...m }) => ({ ...m, trainingCompute: m.trainingCompute ?? "unknown", vendor: vendor.get(v) }))),
    aiSystems: sorted(d.aiSystems.map(({ key: _k, offices, ...s }) => ({ ...s, offices: [...new Set(offices.map((o) => office.get(o)))].sort() }))),
    dependencies: sorted(d.dependencies.map(({ key: _k, system: s, ...x }) => ({ ...route(x), system: system.get(s) }))),
    fallbacks: sorted(d.fallbacks.map(({ key: _k, dependency: dep, ...f }) => ({ ...route(f), dependency: dependency.get(dep) }))),
    dataFlows: sorted(d.dataFlows.map(({ key: _k, fromOffice, dependency: dep, ...f }) => ({ ...f, fromOffice: office.get(fromOffice), dependency: dependency.get(dep) }))),
    policyEvents: sorted(d.policyEvents),
  };
}

const scores = (d: InventoryDocument, asOf: string) => {
  const r = scoreInventory(d, { asOf });
  const systems = new Map(d.aiSystems.map((s) => [s.key, s.name]));
  return { organisation: r.organisation.score, systems: Object.fromEntries(r.systems.map((s) => [systems.get(s.key), s.score])) };
};

/** The generator can repeat a route; an inventory cannot hold that (dependencies are matched by it), so keep the first. */
function uniqueRoutes(d: InventoryDocument): InventoryDocument {
  const seen = new Set<string>();
  const first = (id: string) => !seen.has(id) && Boolean(seen.add(id));
  const dependencies = d.dependencies.filter((x) => first(`d ${x.system} ${x.model} ${x.accessPath}`));
  const kept = new Set(dependencies.map((x) => x.key));
  const fallbacks = d.fallbacks.filter((f) => kept.has(f.dependency) && first(`f ${f.dependency} ${f.model} ${f.accessPath}`));
  return { ...d, dependencies, fallbacks, dataFlows: d.dataFlows.filter((f) => kept.has(f.dependency)) };
}

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "fixtures/cyclonedx", name), "utf8");

describe("Sovra's own BOM", () => {
  it("translates back into the inventory it was exported from: every row and field, nothing assumed, nothing left out", () => {
    const t = translate(exported(doc));
    expect(t.madeBySovra).toBe(true);
    expect(t.notMapped).toEqual([]);
    expect(t.assumed).toEqual([]);
    const back = parsed(t.document);
    expect(natural(back)).toEqual(natural(doc));
    // The organisation block is the BOM's (the import only compares it, never applies it).
    expect(back.organisation).toMatchObject({ name: "Acme GmbH", hqCountry: "DE", sector: "insurance", regimes: ["gdpr", "dora"] });
  });

  it("scores the same as the inventory it came from, today and on the day the lift takes effect", () => {
    const back = parsed(translate(exported(doc)).document);
    for (const asOf of ["2026-12-01", "2027-01-02"]) expect(scores(back, asOf)).toEqual(scores(doc, asOf));
    expect(scores(doc, "2026-12-01")).not.toEqual(scores(doc, "2027-01-02")); // the lift matters, so the events were carried
  });

  it("round-trips a generated inventory with every access path, fallbacks and hundreds of data flows", () => {
    const generated = uniqueRoutes(parsed(generateInventory({ offices: 6, vendors: 30, models: 40, systems: 20, dependencies: 80, dataFlows: 200 }, 7)));
    const t = translate(exported(generated, "2026-11-01"));
    expect(t.notMapped).toEqual([]);
    expect(t.assumed).toEqual([]);
    const back = parsed(t.document);
    expect(natural(back)).toEqual(natural(generated));
    expect(new Set(back.dependencies.map((d) => d.accessPath))).toEqual(new Set(["direct-api", "cloud-marketplace", "third-party-hosted", "self-hosted"]));
    expect(scores(back, "2026-11-01")).toEqual(scores(generated, "2026-11-01"));
  });

  it("keeps a licence written as an SPDX id in another case, a hosting country the engine only assumed, and the dependency's contract, notes and data sent", () => {
    const back = parsed(translate(exported(doc)).document);
    expect(back.models.find((m) => m.name === "Mistral Small")!.licence).toBe("apache-2.0");
    const selfHosted = back.dependencies.find((d) => d.accessPath === "self-hosted")!;
    expect(selfHosted.hostingRegion).toBeUndefined();
    expect(back.dependencies.find((d) => d.accessPath === "direct-api")).toMatchObject({ contract: { dataResidency: true, exitTerms: false }, notes: "Renewal in March", dataSent: ["personal", "regulated"] });
    expect(back.offices.find((o) => o.name === "Berlin")).toEqual(expect.objectContaining({ headcount: 300, teams: ["support", "platform"] }));
    expect(back.vendors.find((v) => v.name === "Nobody Uses Us")).toBeDefined();
  });

  it("reads an older Sovra export without records: offices from the systems' and data flows' properties, vendors from the models' and services' properties", () => {
    const bom = exported(doc) as { metadata: { component: { properties: { name: string }[] } } };
    bom.metadata.component.properties = bom.metadata.component.properties.filter((p) => !p.name.startsWith("sovra:inventory:"));
    const t = translate(bom);
    const back = parsed(t.document);
    expect(back.offices.map((o) => [o.name, o.country]).sort()).toEqual([["Berlin", "DE"], ["Lisbon (remote hub)", "PT"], ["Tokyo", "JP"]]);
    expect(back.vendors.find((v) => v.name === "OpenAI")).toMatchObject({ type: "frontier-lab", hqCountry: "US", ultimateParent: { name: "OpenAI Group", country: "US" } });
    expect(back.dataFlows).toHaveLength(3);
    expect(back.policyEvents).toEqual([]);
    expect(t.notMapped).toEqual([]);
    expect(t.assumed).toEqual([expect.objectContaining({ path: "$.metadata.component", reason: expect.stringMatching(/before decision 047 .* policy events/) })]);
  });

  it("refuses a record that is not JSON or not a row of the inventory document, at the property's path", () => {
    const bom = exported(doc) as { metadata: { component: { properties: { name: string; value: string }[] } } };
    const props = bom.metadata.component.properties;
    const office = props.findIndex((p) => p.name === "sovra:inventory:office");
    const vendor = props.findIndex((p) => p.name === "sovra:inventory:vendor");
    props[office]!.value = "{not json";
    props[vendor]!.value = JSON.stringify({ name: "X", type: "frontier-lab", hqCountry: "XX" });
    const result = translateCycloneDxBom(bom, context);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => i.path)).toEqual([`$.metadata.component.properties[${office}].value`, `$.metadata.component.properties[${vendor}].value`]);
    expect(issues[0]!.message).toMatch(/must hold a JSON object/);
    expect(issues[1]!.message).toMatch(/hqCountry: expected an ISO 3166-1 alpha-2 country code/);
  });
});

/** A BOM of other tools' kind, with only what is given. */
const bomOf = (parts: Record<string, unknown>) => ({ bomFormat: "CycloneDX", specVersion: "1.6", version: 1, ...parts });
const model = (ref: string, name: string, more: Record<string, unknown> = {}) => ({ type: "machine-learning-model", "bom-ref": ref, name, ...more });
const app = (ref: string, name: string) => ({ type: "application", "bom-ref": ref, name });

describe("another tool's BOM: models", () => {
  it("reads the supplier through the catalogue: 'OpenAI Inc' is the catalogue's OpenAI, 'gpt-4o' its GPT family, closed", () => {
    const t = translate(bomOf({ components: [model("m", "gpt-4o", { supplier: { name: "OpenAI Inc" } })] }));
    const back = parsed(t.document);
    expect(back.vendors).toEqual([expect.objectContaining({ name: "OpenAI", type: "frontier-lab", hqCountry: "US", catalogueKey: "openai", source: expect.stringMatching(/^https:/) })]);
    expect(back.models).toEqual([expect.objectContaining({ name: "gpt-4o", vendor: back.vendors[0]!.key, family: "gpt", weights: "closed", catalogueKey: "openai-gpt" })]);
    expect(t.madeBySovra).toBe(false);
    expect(t.notMapped).toEqual([]);
    expect(t.assumed.map((a) => a.reason)).toEqual([expect.stringContaining('supplier "OpenAI Inc" read as the catalogue\'s vendor OpenAI'), expect.stringContaining("catalogue's GPT")]);
    expect(t.assumed[0]).toMatchObject({ ref: "m", path: "$.components[0]", name: "gpt-4o" });
  });

  it("takes the publisher from a Hugging Face id and finds the family: meta-llama/Llama-3.1-8B is Meta's Llama, open weights", () => {
    const back = parsed(translate(bomOf({ components: [model("m", "meta-llama/Llama-3.1-8B")] })).document);
    expect(back.vendors.map((v) => v.name)).toEqual(["Meta"]);
    expect(back.models).toEqual([expect.objectContaining({ name: "Llama-3.1-8B", family: "llama", weights: "open", catalogueKey: "meta-llama", licence: expect.stringContaining("Llama") })]);
  });

  it("uses the organisation's own vendor of the same name as it stands, before the catalogue", () => {
    const own: Vendor = { key: "team", name: "Example ML Team", type: "other", hqCountry: "NL", source: "our register", asOf: "2026-01-01" };
    const openai: Vendor = { key: "oai", name: "OpenAI (our contract)", type: "frontier-lab", hqCountry: "US", catalogueKey: "openai" };
    const t = translate(bomOf({ components: [model("a", "classifier", { publisher: "Example ML Team" }), model("b", "gpt-4.1", { supplier: { name: "OpenAI" } })] }), { organisation: acme, vendors: [own, openai] });
    const back = parsed(t.document);
    const { key: _a, ...ownRow } = own;
    const { key: _b, ...openaiRow } = openai;
    expect(back.vendors.map(({ key: _k, ...v }) => v)).toEqual([expect.objectContaining(ownRow), expect.objectContaining(openaiRow)]);
    expect(back.models.map((m) => m.name)).toEqual(["classifier", "gpt-4.1"]);
  });

  it("adds a supplier the catalogue does not know as a vendor of type other when the BOM gives its country, and lists the model as not mapped when it does not", () => {
    const t = translate(
      bomOf({
        components: [
          model("placed", "router", { supplier: { name: "Nordic Models AB", address: { country: "se" } }, licenses: [{ license: { id: "Apache-2.0" } }] }),
          model("unplaced", "support-ticket-classifier", { publisher: "Example ML Team" }),
          model("nameless", "mystery"),
        ],
      }),
    );
    const back = parsed(t.document);
    expect(back.vendors).toEqual([{ key: expect.any(String), name: "Nordic Models AB", type: "other", hqCountry: "SE" }]);
    expect(back.models).toEqual([expect.objectContaining({ name: "router", weights: "open", licence: "Apache-2.0" })]);
    expect(t.notMapped).toEqual([
      { ref: "unplaced", path: "$.components[1]", name: "support-ticket-classifier", reason: expect.stringMatching(/supplier \("Example ML Team"\) is not in the catalogue and the BOM gives no country/) },
      { ref: "nameless", path: "$.components[2]", name: "mystery", reason: expect.stringMatching(/names no supplier/) },
    ]);
    expect(t.assumed.map((a) => a.reason)).toEqual([expect.stringMatching(/type "other" in SE/), expect.stringMatching(/weights open: read from its licence \(Apache-2.0\)/)]);
  });

  it("reads weights from the licence, and assumes closed (listed) when nothing tells", () => {
    const t = translate(
      bomOf({
        components: [
          model("a", "m-open", { supplier: { name: "Lab A", address: { country: "FR" } }, licenses: [{ license: { name: "Llama 3.3 Community License Agreement" } }] }),
          model("b", "m-closed", { supplier: { name: "Lab B", address: { country: "FR" } }, licenses: [{ license: { name: "Proprietary" } }] }),
          model("c", "m-silent", { supplier: { name: "Lab C", address: { country: "FR" } } }),
        ],
      }),
    );
    expect(parsed(t.document).models.map((m) => [m.name, m.weights])).toEqual([["m-open", "open"], ["m-closed", "closed"], ["m-silent", "closed"]]);
    expect(t.assumed.filter((a) => a.ref === "c").map((a) => a.reason)).toEqual([expect.stringContaining("type \"other\""), expect.stringMatching(/does not say whether its weights are published: assumed closed/)]);
  });

  it("reads two components of the same vendor and name as one model, saying so", () => {
    const t = translate(bomOf({ components: [model("v1", "gpt-4o", { supplier: { name: "OpenAI" }, version: "2024-05" }), model("v2", "gpt-4o", { supplier: { name: "OpenAI" }, version: "2024-08" })] }));
    expect(parsed(t.document).models).toHaveLength(1);
    expect(t.assumed.find((a) => a.ref === "v2")!.reason).toMatch(/same model as \$\.components\[0\]/);
  });
});

describe("another tool's BOM: AI systems, access paths and data", () => {
  const models = [
    model("gpt", "gpt-4o", { supplier: { name: "OpenAI" } }),
    model("llama", "Llama-3.1-70B", { supplier: { name: "Meta" } }),
    model("claude", "claude-sonnet-4", { supplier: { name: "Anthropic" } }),
  ];
  const services = [
    { "bom-ref": "openai-api", name: "OpenAI API", provider: { name: "OpenAI, Inc." }, data: [{ flow: "outbound", classification: "PII" }, { flow: "outbound", classification: "Top secret" }] },
    { "bom-ref": "bedrock", name: "Amazon Bedrock", provider: { name: "Amazon Web Services" } },
    { "bom-ref": "hosted-llama", name: "Llama on OVH", provider: { name: "OVHcloud" } },
    { "bom-ref": "own-gpu", name: "Llama on our GPUs", "x-trust-boundary": false },
    { "bom-ref": "orphan", name: "Nobody calls me", provider: { name: "OpenAI" } },
    { "bom-ref": "no-model", name: "Translation API", provider: { name: "DeepL SE" } },
  ];
  const bom = bomOf({
    metadata: { component: app("root", "Contact centre") },
    components: [
      ...models,
      app("bot", "Support bot"),
      { ...app("assist", "Agent assist"), components: [model("nested", "gemma-2-9b", { supplier: { name: "Google" } })] },
      { type: "library", "bom-ref": "lib", name: "requests" },
      { type: "data", "bom-ref": "tickets", name: "tickets", data: [{ type: "dataset", classification: "personal" }] },
    ],
    services,
    dependencies: [
      { ref: "root", dependsOn: ["bot", "assist"] },
      { ref: "bot", dependsOn: ["openai-api", "bedrock", "lib", "gpt"] },
      { ref: "assist", dependsOn: ["hosted-llama", "own-gpu", "claude"] },
      { ref: "openai-api", dependsOn: ["gpt"] },
      { ref: "bedrock", dependsOn: ["claude"] },
      { ref: "hosted-llama", dependsOn: ["llama"] },
      { ref: "own-gpu", dependsOn: ["llama"] },
      { ref: "orphan", dependsOn: ["gpt"] },
    ],
  });
  const t = translate(bom);
  const back = parsed(t.document);
  const vendorName = new Map(back.vendors.map((v) => [v.key, v.name]));
  const modelName = new Map(back.models.map((m) => [m.key, m.name]));
  const systemName = new Map(back.aiSystems.map((s) => [s.key, s.name]));
  const routes = back.dependencies.map((d) => [systemName.get(d.system), modelName.get(d.model), d.accessPath, d.cloud ? vendorName.get(d.cloud) : null, d.hostingRegion?.country ?? null]);

  it("makes applications that depend on a model or a service AI systems, with assumed criticality, downtime and no office", () => {
    expect(back.aiSystems.map((s) => [s.name, s.criticality, s.toleratedDowntimeHours, s.offices])).toEqual([
      ["Support bot", "medium", 24, []],
      ["Agent assist", "medium", 24, []],
    ]);
    expect(t.assumed.filter((a) => a.ref === "bot").map((a) => a.reason)).toContainEqual(expect.stringMatching(/medium criticality, 24 hours/));
    // The root application only depends on other applications: listed, not an AI system.
    expect(t.notMapped.find((e) => e.ref === "root")!.reason).toMatch(/depends on no model and no service/);
  });

  it("reads each service's access path: the vendor's own endpoint is its API, another company's a marketplace (closed) or hosting (open), outside no trust boundary self-hosted", () => {
    expect(routes).toEqual([
      ["Support bot", "gpt-4o", "direct-api", null, null],
      ["Support bot", "claude-sonnet-4", "cloud-marketplace", "Amazon Web Services", "US"],
      ["Agent assist", "Llama-3.1-70B", "third-party-hosted", "OVHcloud", "FR"],
      ["Agent assist", "Llama-3.1-70B", "self-hosted", null, null],
      // No service in between: the vendor's API, as assumed and listed.
      ["Agent assist", "claude-sonnet-4", "direct-api", null, null],
      ["Agent assist", "gemma-2-9b", "direct-api", null, null],
    ]);
    expect(t.assumed.find((a) => a.ref === "bedrock")!.reason).toMatch(/cloud marketplace, in US \(the provider's headquarters/);
    expect(t.assumed.find((a) => a.ref === "own-gpu")!.reason).toMatch(/x-trust-boundary is false: read as self-hosted/);
    expect(t.assumed.filter((a) => a.ref === "assist").map((a) => a.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/reaches claude-sonnet-4 with no service in between/), expect.stringMatching(/reaches gemma-2-9b/)]));
    // The bot reaches gpt-4o both directly and through the API service: one dependency.
    expect(routes.filter((r) => r[0] === "Support bot" && r[1] === "gpt-4o")).toHaveLength(1);
  });

  it("records the data categories a service's data names as sent, and lists the ones that are not Sovra's", () => {
    expect(back.dependencies[0]!.dataSent).toEqual(["personal"]);
    expect(t.notMapped.find((e) => e.ref === "openai-api")!.reason).toMatch(/data classified "Top secret": not one of Sovra's data categories/);
  });

  it("lists what it cannot map with its bom-ref, path, name and why: a service no application uses, one with no model, a library, a dataset", () => {
    const why = (ref: string) => t.notMapped.find((e) => e.ref === ref);
    expect(why("orphan")).toEqual({ ref: "orphan", path: "$.services[4]", name: "Nobody calls me", reason: expect.stringMatching(/no application in the BOM depends on it/) });
    expect(why("no-model")!.reason).toMatch(/does not say which model it serves/);
    expect(why("lib")).toEqual({ ref: "lib", path: "$.components[5]", name: "requests", reason: expect.stringMatching(/type "library"/) });
    expect(why("tickets")!.reason).toMatch(/a dataset: Sovra records data flows from an office through a dependency/);
    // Every component and service is either mapped or listed.
    expect(t.notMapped.map((e) => e.ref).sort()).toEqual(["lib", "no-model", "openai-api", "orphan", "root", "tickets"]);
    expect(back.dataFlows).toEqual([]);
  });

  it("says where a problem of the translated document is in the BOM", () => {
    expect(bomPathOf(t.origins, "$.models[1].name")).toBe("$.components[1] (models[1].name)");
    expect(bomPathOf(t.origins, "$.aiSystems[1]")).toBe("$.components[4] (aiSystems[1])");
    expect(bomPathOf(t.origins, "$.schemaVersion")).toBe("$.schemaVersion");
  });
});

describe("the CycloneDX project's ML-BOM examples", () => {
  it("FoundationModels: gpt-4o by 'OpenAI Inc' becomes the catalogue's OpenAI and a closed GPT model, with no AI system", () => {
    const t = translate(JSON.parse(fixture("foundation-models.cdx.json")));
    const back = parsed(t.document);
    expect(back.vendors.map((v) => [v.name, v.catalogueKey, v.hqCountry])).toEqual([["OpenAI", "openai", "US"]]);
    expect(back.models.map((m) => [m.name, m.weights, m.catalogueKey])).toEqual([["gpt-4o", "closed", "openai-gpt"]]);
    expect([back.aiSystems, back.dependencies, back.dataFlows]).toEqual([[], [], []]);
    expect(t.notMapped).toEqual([]);
    expect(t.assumed).toHaveLength(2);
  });

  it.each([
    ["foundation-models.cdx.json", "1.6"],
    ["model-card-with-dataset.cdx.json", "1.7"],
  ] as const)("%s is valid CycloneDX %s by the official validator (the fixture is the example as published)", async (name, version) => {
    expect(await cycloneDxErrors(fixture(name), version)).toBeNull();
  });

  it("OpenSource: the file as published is not JSON (a trailing comma), so nothing can be read from it", () => {
    expect(() => JSON.parse(fixture("open-source-model.cdx.json"))).toThrow(SyntaxError);
  });

  it("OpenSource with its trailing comma removed: bert-base-cased by google-bert is Google's, open weights from its Apache-2.0 licence, sourced from its Hugging Face page", () => {
    const text = fixture("open-source-model.cdx.json").replace('"2024-11-24T13:10:49Z",\n', '"2024-11-24T13:10:49Z"\n');
    const t = translate(JSON.parse(text));
    const back = parsed(t.document);
    expect(back.vendors.map((v) => [v.name, v.catalogueKey])).toEqual([["Google", "google"]]);
    expect(back.models).toEqual([expect.objectContaining({ name: "bert-base-cased", weights: "open", licence: "Apache-2.0", source: "https://huggingface.co/google-bert/bert-base-cased", asOf: "2024-11-24" })]);
    expect(back.models[0]!.catalogueKey).toBeUndefined();
    expect(t.notMapped).toEqual([]);
  });

  it("Model-Card-With-Dataset (1.7): the application becomes an AI system; the in-house model and both datasets are listed as not mapped", () => {
    const t = translate(JSON.parse(fixture("model-card-with-dataset.cdx.json")));
    const back = parsed(t.document);
    expect(t.specVersion).toBe("1.7");
    expect(back.aiSystems.map((s) => s.name)).toEqual(["support-triage-service"]);
    expect([back.vendors, back.models, back.dependencies]).toEqual([[], [], []]);
    expect(t.notMapped.map((e) => [e.ref, e.path])).toEqual([
      ["component-support-ticket-classifier", "$.components[0]"],
      ["component-support-ticket-training-data", "$.components[1]"],
      ["component-support-ticket-evaluation-data", "$.components[2]"],
    ]);
    expect(t.notMapped[0]!.reason).toMatch(/"Example ML Team"/);
    expect(t.notMapped[1]!.reason).toMatch(/trained or evaluated on/);
  });
});

describe("what is not a BOM, or not a well-formed one", () => {
  it("recognises a BOM by its bomFormat, whatever else it holds", () => {
    expect(isCycloneDxBom({ bomFormat: "CycloneDX" })).toBe(true);
    for (const v of [null, [], "CycloneDX", { bomFormat: "SPDX" }, { schemaVersion: "1.0" }]) expect(isCycloneDxBom(v)).toBe(false);
  });

  it("refuses JSON that is not a BOM, naming $.bomFormat, and says so when it is an inventory document", () => {
    for (const value of [{}, [], 42, { bomFormat: "SPDX-2.3" }]) {
      const r = readCycloneDxBom(value);
      expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(["$.bomFormat"]);
    }
    const r = translateCycloneDxBom(doc, context);
    expect(r.ok ? [] : r.issues).toEqual([{ path: "$.bomFormat", message: expect.stringMatching(/Sovra inventory document, not a CycloneDX BOM/) }]);
  });

  it("refuses a version it does not read and a malformed BOM, naming the JSON path of each problem", () => {
    const old = readCycloneDxBom({ bomFormat: "CycloneDX", specVersion: "1.2" });
    expect(old.ok ? [] : old.issues).toEqual([{ path: "$.specVersion", message: expect.stringMatching(/1\.4, 1\.5, 1\.6, 1\.7/) }]);
    const malformed = translateCycloneDxBom(
      bomOf({
        components: [model("a", "ok"), { type: "machine-learning-model", "bom-ref": "b" }, { type: "application", name: "x", properties: [{ name: "p", value: 3 }] }],
        services: "none",
        dependencies: [{ ref: "a", dependsOn: "b" }],
      }),
      context,
    );
    expect(malformed.ok ? [] : malformed.issues.map((i) => i.path).sort()).toEqual(["$.components[1].name", "$.components[2].properties[0].value", "$.dependencies[0].dependsOn", "$.services"]);
  });

  it("refuses a BOM of more components and services than an import takes, before translating any", () => {
    const many = Array.from({ length: 50_001 }, (_, i) => ({ type: "library", name: `l${i}` }));
    const r = translateCycloneDxBom(bomOf({ components: many, services: many.map((c) => ({ name: c.name })) }), context);
    expect(r.ok ? [] : r.issues).toEqual([{ path: "$", message: expect.stringMatching(/holds 100002 components and services; at most 100000/) }]);
  });

  it("refuses components nested deeper than any real BOM, without overflowing the stack", () => {
    let deep: Record<string, unknown> = { type: "library", name: "leaf" };
    for (let i = 0; i < 10_000; i++) deep = { type: "library", name: `l${i}`, components: [deep] };
    const r = readCycloneDxBom(bomOf({ components: [deep] }));
    expect(r.ok ? [] : r.issues).toEqual([{ path: expect.stringMatching(/^\$\.components\[0\](\.components\[0\]){63}$/), message: expect.stringMatching(/nested more than 64 levels/) }]);
    expect(readCycloneDxBom(bomOf({ components: [{ type: "application", name: "a", components: [{ type: "library", name: "b" }] }] })).ok).toBe(true);
  });

  it("refuses a BOM that gives two components the same bom-ref", () => {
    const r = translateCycloneDxBom(bomOf({ components: [model("same", "a", { supplier: { name: "OpenAI" } }), model("same", "b", { supplier: { name: "OpenAI" } })] }), context);
    expect(r.ok ? [] : r.issues).toEqual([{ path: "$.components[1].bom-ref", message: expect.stringMatching(/bom-ref "same" is used twice \(also at \$\.components\[0\]\)/) }]);
  });
});

describe("the catalogue in other tools' names", () => {
  it.each([
    ["OpenAI Inc", "openai"],
    ["Anthropic, PBC", "anthropic"],
    ["google-bert", "google"],
    ["meta-llama", "meta"],
    ["mistralai", "mistral"],
    ["Mistral", "mistral"],
    ["Qwen", "alibaba"],
    ["deepseek-ai", "deepseek"],
    ["Aleph-Alpha", "aleph-alpha"],
    ["Amazon", "amazon"],
    ["OVHcloud SAS", "ovhcloud"],
  ])("matches the vendor %s to %s", (name, key) => expect(matchCatalogueVendor(name)?.key).toBe(key));

  it.each(["Example ML Team", "Hugging Face Inc", "Open Weights SAS", "Inc", ""])("matches no vendor for %j", (name) => expect(matchCatalogueVendor(name)).toBeUndefined());

  it.each([
    ["gpt-4o", "openai", "openai-gpt"],
    ["gpt-oss-120b", "openai", "openai-gpt-oss"],
    ["Llama-3.2-11B-Vision-Instruct", "meta", "meta-llama-3.2-vision"],
    ["Llama-3.1-8B", "meta", "meta-llama"],
    ["Mixtral-8x7B-Instruct", "mistral", "mistral-open"],
    ["Phi-3-mini", "microsoft", "microsoft-phi"],
    ["gpt4o", undefined, "openai-gpt"],
  ])("matches the model %s (vendor %s) to %s", (name, vendor, key) => expect(matchCatalogueModel(name, vendor)?.key).toBe(key));

  it("matches no family that is not the name's first word when the vendor is unknown, nor another vendor's", () => {
    expect(matchCatalogueModel("support-gpt-router")).toBeUndefined();
    expect(matchCatalogueModel("bert-base-cased", "google")).toBeUndefined();
    expect(matchCatalogueModel("gpt-4o", "anthropic")).toBeUndefined();
  });

  it.each([
    ["Apache-2.0", "open"],
    ["MIT", "open"],
    ["llama3.1", "open"],
    ["Gemma Terms of Use", "open"],
    ["CC-BY-NC-4.0", "open"],
    ["Proprietary (Anthropic commercial terms)", "closed"],
    ["OpenAI Services Agreement", "closed"],
    ["Some licence", undefined],
    [undefined, undefined],
  ])("reads weights from the licence %j as %j", (licence, weights) => expect(weightsFromLicence(licence)).toBe(weights));
});
