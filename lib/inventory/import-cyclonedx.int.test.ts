// Importing a CycloneDX BOM (decision 047) against the real database: Sovra's own export of the demo
// back into an empty organisation (same rows, same scores, then nothing to change), the CycloneDX
// project's examples, a BOM with a problem, permissions and tenancy; through the public API as Next
// calls it, and through the import page's file functions.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/auth/org-context";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { callRoute as call, roleTokens, type RouteHandler } from "@/lib/testing/api-call";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { inventorySnapshot } from "@/lib/testing/inventory-snapshot";
import { buildOrganisationWithMembers } from "@/prisma/factories";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { loadInventoryDocument } from "./document";
import { importInventoryFile, previewInventoryFile } from "./import-file";
import { applyCycloneDxImport, planCycloneDxImport } from "./import-cyclonedx";
import { IMPORT_LIMITS } from "./file-limits";
import { withImportSlot } from "./import-slots";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const bomExport = await import("@/app/api/v1/orgs/[org]/exports/cyclonedx.json/route");
const bomImport = await import("@/app/api/v1/orgs/[org]/inventory/import/cyclonedx/route");
const documentImport = await import("@/app/api/v1/orgs/[org]/inventory/import/route");
const scores = await import("@/app/api/v1/orgs/[org]/scores/route");

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "fixtures/cyclonedx", name), "utf8");

/** The demo's Mainfeld: its owner's context and tokens. */
async function demo() {
  await seedDemo(db());
  const organisation = await db().organisation.findUniqueOrThrow({ where: { slug: DEMO_ORG_SLUGS.mainfeld }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true } });
  const ctx = contextFor(organisation, owner.userId, "owner");
  return { ctx, tokens: await roleTokens(ctx) };
}

/** A new organisation with nothing in its inventory, and a token of each role. */
async function emptyOrganisation() {
  const { organisation, users } = await buildOrganisationWithMembers(db());
  const ctx = (role: Role) => contextFor(organisation, users[role].id, role);
  return { organisation, ctx, tokens: await roleTokens(ctx("owner")) };
}

/** The inventory as rows, without the organisation's own block and the data flows' keys (the import names new flows by their route, decision 031). */
function rows(doc: InventoryDocumentInput) {
  const { organisation: _o, dataFlows, ...rest } = doc;
  return { ...rest, dataFlows: (dataFlows ?? []).map(({ key: _k, ...f }) => JSON.stringify(f)).sort() };
}

const counts = async (organisationId: string) => {
  const where = { organisationId };
  const [offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents] = await Promise.all([
    db().office.count({ where }),
    db().vendor.count({ where }),
    db().model.count({ where }),
    db().aiSystem.count({ where }),
    db().dependency.count({ where }),
    db().fallback.count({ where }),
    db().dataFlow.count({ where }),
    db().policyEvent.count({ where }),
  ]);
  return { offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents };
};

describe("importing Sovra's own BOM", () => {
  let source: Awaited<ReturnType<typeof demo>>;
  let bom: Record<string, unknown>;
  beforeAll(async () => {
    source = await demo();
    const exported = await call(bomExport.GET as RouteHandler, "GET", { org: source.ctx.organisationSlug }, { token: source.tokens.owner });
    expect(exported.status).toBe(200);
    bom = exported.json;
  });

  it("gives a new, empty organisation the same inventory (every row, policy events included) and the same scores, and a second import changes nothing", async () => {
    const target = await emptyOrganisation();
    const org = target.organisation.slug;
    const dry = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, body: bom, query: "dryRun=true" });
    expect(dry.status).toBe(200);
    expect(dry.json.applied).toBe(false);
    expect(dry.json.mapping).toEqual({ specVersion: "1.6", madeBySovra: true, notMapped: [], assumed: [] });
    expect(await counts(target.organisation.id)).toEqual({ offices: 0, vendors: 0, models: 0, aiSystems: 0, dependencies: 0, fallbacks: 0, dataFlows: 0, policyEvents: 0 });

    const applied = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, body: bom });
    expect(applied.status).toBe(200);
    expect(applied.json.applied).toBe(true);
    expect(applied.json.plan.totals).toMatchObject({ create: dry.json.plan.totals.create, update: 0 });

    const [before, after] = await Promise.all([loadInventoryDocument(source.ctx), loadInventoryDocument(target.ctx("viewer"))]);
    expect(after.document.dataFlows!.length).toBeGreaterThan(3);
    expect(after.document.policyEvents!.length).toBeGreaterThan(3);
    expect(rows(after.document)).toEqual(rows(before.document));
    expect(await counts(target.organisation.id)).toEqual({ ...(await counts(source.ctx.organisationId)), dataFlows: before.document.dataFlows!.length });

    // The same live scores, for the organisation, every vendor and every AI system, on two days.
    for (const asOf of ["2026-11-22", "2027-03-02"]) {
      const [a, b] = await Promise.all([
        call(scores.GET, "GET", { org: source.ctx.organisationSlug }, { token: source.tokens.viewer, query: `asOf=${asOf}` }),
        call(scores.GET, "GET", { org }, { token: target.tokens.viewer, query: `asOf=${asOf}` }),
      ]);
      expect(b.json.ok).toBe(true);
      expect(b.json.organisation.score).toBe(a.json.organisation.score);
      const byName = (list: { name: string; score: number }[]) => Object.fromEntries(list.map((x) => [x.name, x.score]));
      expect(byName(b.json.vendors)).toEqual(byName(a.json.vendors));
      expect(Object.keys(byName(b.json.vendors)).length).toBeGreaterThan(5);
    }

    const snapshot = await inventorySnapshot(target.organisation.id);
    const again = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, body: bom });
    expect(again.status).toBe(200);
    expect(again.json.plan.totals).toMatchObject({ create: 0, update: 0 });
    expect(again.json.plan.totals.unchanged).toBe(applied.json.plan.totals.create);
    expect(await inventorySnapshot(target.organisation.id)).toBe(snapshot);
    // And the source's own BOM changes nothing in the source.
    const home = await planCycloneDxImport(source.ctx, bom);
    expect(home.ok && home.plan.totals).toMatchObject({ create: 0, update: 0 });
  });

  it("imports nothing when the BOM has a problem, naming it at its place in the BOM", async () => {
    const target = await emptyOrganisation();
    const before = await inventorySnapshot(target.organisation.id);
    const broken = structuredClone(bom) as { components: { type: string; properties?: { name: string; value: string }[] }[] };
    const index = broken.components.findIndex((c) => c.type === "application");
    broken.components[index]!.properties!.find((p) => p.name === "sovra:criticality")!.value = "extreme";
    const res = await call(bomImport.POST, "POST", { org: target.organisation.slug }, { token: target.tokens.editor, body: broken });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/The BOM has 1 problem; nothing was imported/);
    expect(Object.keys(res.json.error.fields)).toEqual([expect.stringMatching(new RegExp(`^\\$\\.components\\[${index}\\] \\(aiSystems\\[\\d+\\]\\.criticality\\)$`))]);
    // The rest of the BOM is fine: all or nothing.
    expect(await inventorySnapshot(target.organisation.id)).toBe(before);
    expect(await counts(target.organisation.id)).toMatchObject({ offices: 0, vendors: 0, models: 0, aiSystems: 0, policyEvents: 0 });

    const notJson = await call(bomImport.POST, "POST", { org: target.organisation.slug }, { token: target.tokens.editor, raw: fixture("open-source-model.cdx.json") });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe("MALFORMED_JSON");
    const notBom = await call(bomImport.POST, "POST", { org: target.organisation.slug }, { token: target.tokens.editor, body: { schemaVersion: "1.0", organisation: {} } });
    expect(notBom.status).toBe(422);
    expect(Object.keys(notBom.json.error.fields)).toEqual(["$.bomFormat"]);
  });
});

describe("importing the CycloneDX project's ML-BOM examples", () => {
  it("creates what maps and answers what does not: an AI system from Model-Card-With-Dataset, OpenAI and gpt-4o from FoundationModels", async () => {
    const target = await emptyOrganisation();
    const org = target.organisation.slug;
    const card = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, body: JSON.parse(fixture("model-card-with-dataset.cdx.json")), headers: { "content-type": "application/vnd.cyclonedx+json" } });
    expect(card.status).toBe(200);
    expect(card.json.mapping.specVersion).toBe("1.7");
    expect(card.json.mapping.notMapped.map((e: { ref: string }) => e.ref)).toEqual(["component-support-ticket-classifier", "component-support-ticket-training-data", "component-support-ticket-evaluation-data"]);
    expect(await db().aiSystem.findMany({ where: { organisationId: target.organisation.id }, select: { name: true, criticality: true, toleratedDowntimeMinutes: true, owner: true } })).toEqual([
      { name: "support-triage-service", criticality: "medium", toleratedDowntimeMinutes: 24 * 60, owner: "Unassigned" },
    ]);

    const foundation = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, body: JSON.parse(fixture("foundation-models.cdx.json")) });
    expect(foundation.status).toBe(200);
    expect(foundation.json.mapping.notMapped).toEqual([]);
    expect(foundation.json.mapping.assumed.map((a: { reason: string }) => a.reason)).toEqual([expect.stringMatching(/"OpenAI Inc" read as the catalogue's vendor OpenAI/), expect.stringMatching(/catalogue's GPT/)]);
    const vendor = await db().vendor.findFirstOrThrow({ where: { organisationId: target.organisation.id }, select: { name: true, catalogueKey: true, hqCountry: true, vendorType: true } });
    expect(vendor).toEqual({ name: "OpenAI", catalogueKey: "openai", hqCountry: "US", vendorType: "frontier_lab" });
    expect(await db().model.findMany({ where: { organisationId: target.organisation.id }, select: { name: true, weights: true, catalogueKey: true } })).toEqual([{ name: "gpt-4o", weights: "closed", catalogueKey: "openai-gpt" }]);

    // Both again: nothing to change.
    for (const name of ["model-card-with-dataset.cdx.json", "foundation-models.cdx.json"]) {
      const again = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, body: JSON.parse(fixture(name)), query: "dryRun=true" });
      expect(again.json.plan.totals, name).toMatchObject({ create: 0, update: 0 });
    }
  });

  it("uses the organisation's own vendor for a supplier the catalogue does not know, and another organisation's never", async () => {
    const { a, b, ctx } = await twoOrganisations();
    await db().vendor.create({ data: { organisationId: a.organisation.id, name: "Example ML Team", vendorType: "other", hqCountry: "NL" } });
    const card = JSON.parse(fixture("model-card-with-dataset.cdx.json"));
    const asB = await applyCycloneDxImport(ctx(b, "editor"), card);
    expect(asB.ok && asB.mapping.notMapped.map((e) => e.ref)).toContain("component-support-ticket-classifier");
    expect(await db().model.count({ where: { organisationId: b.organisation.id } })).toBe(0);
    expect(await db().vendor.count({ where: { organisationId: b.organisation.id } })).toBe(0);

    const aBefore = await inventorySnapshot(a.organisation.id);
    const asA = await planCycloneDxImport(ctx(a, "editor"), card);
    expect(asA.ok && asA.mapping.notMapped.map((e) => e.ref)).not.toContain("component-support-ticket-classifier");
    // The model by A's own vendor, and a dependency of the system on it (no service: the vendor's API, assumed).
    expect(asA.ok && asA.plan.entities.model.create.map((r) => r.values)).toEqual([expect.objectContaining({ vendor: "Example ML Team", name: "support-ticket-classifier", weights: "closed" })]);
    expect(asA.ok && asA.plan.entities.vendor.unchanged).toHaveLength(1);
    expect(asA.ok && asA.plan.entities.dependency.create.map((r) => r.values.accessPath)).toEqual(["direct_api"]);
    expect(await inventorySnapshot(a.organisation.id)).toBe(aBefore);
  });
});

describe("who may import a BOM", () => {
  it("refuses viewers and analysts (403) and changes nothing; hides another organisation behind 404", async () => {
    const target = await emptyOrganisation();
    const body = JSON.parse(fixture("foundation-models.cdx.json"));
    const before = await inventorySnapshot(target.organisation.id);
    for (const role of ["viewer", "analyst"] as const) {
      const res = await call(bomImport.POST, "POST", { org: target.organisation.slug }, { token: target.tokens[role], body, query: role === "analyst" ? "dryRun=true" : "" });
      expect(res.status, role).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect(await inventorySnapshot(target.organisation.id)).toBe(before);

    const other = await emptyOrganisation();
    const crossed = await call(bomImport.POST, "POST", { org: target.organisation.slug }, { token: other.tokens.owner, body });
    expect(crossed.status).toBe(404);
    expect(await inventorySnapshot(target.organisation.id)).toBe(before);
    expect(await counts(other.organisation.id)).toMatchObject({ vendors: 0, models: 0 });
  });

  it("answers a BOM sent to the inventory document's import with where to send it", async () => {
    const target = await emptyOrganisation();
    const token = (await createApiToken(target.ctx("owner"), { name: "doc import", role: "editor" })).token;
    const res = await call(documentImport.POST, "POST", { org: target.organisation.slug }, { token, body: JSON.parse(fixture("foundation-models.cdx.json")) });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain(`POST /api/v1/orgs/${target.organisation.slug}/inventory/import/cyclonedx`);
    expect(await counts(target.organisation.id)).toMatchObject({ vendors: 0, models: 0 });
  });
});

describe("the limits of an import", () => {
  it("answers 413 beyond 25 MB and 429 with Retry-After while every import slot is taken, changing nothing", async () => {
    const target = await emptyOrganisation();
    const org = target.organisation.slug;
    const text = fixture("foundation-models.cdx.json");
    const huge = text + " ".repeat(IMPORT_LIMITS.maxUploadBytes + 1 - text.length);
    const tooLarge = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, raw: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.error.code).toBe("PAYLOAD_TOO_LARGE");

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = Array.from({ length: 2 }, () => withImportSlot(() => gate)); // SOVRA_IMPORT_CONCURRENCY in tests
    try {
      const busy = await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, raw: text });
      expect(busy.status).toBe(429);
      expect(busy.headers.get("retry-after")).toBe("10");
      await expect(previewInventoryFile(target.ctx("editor"), { fileName: "a.cdx.json", bytes: new TextEncoder().encode(text) })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    } finally {
      release();
      await Promise.all(held);
    }
    expect(await counts(target.organisation.id)).toMatchObject({ vendors: 0, models: 0 });
    expect((await call(bomImport.POST, "POST", { org }, { token: target.tokens.editor, raw: text })).status).toBe(200);
  });
});

describe("the import page's files", () => {
  const upload = (name: string, text: string) => ({ fileName: name, bytes: new TextEncoder().encode(text) });

  it("recognises a BOM by its content, previews it with what it cannot map, and imports it on confirmation; a .json name will do", async () => {
    const target = await emptyOrganisation();
    const editor: OrgContext = target.ctx("editor");
    const file = upload("support-triage.cdx.json", fixture("model-card-with-dataset.cdx.json"));
    const preview = await previewInventoryFile(editor, file);
    expect(preview).toMatchObject({ format: "json", errorCount: 0, applied: false, totals: { create: 1, update: 0 } });
    expect(preview.bom).toMatchObject({ specVersion: "1.7", madeBySovra: false, notMappedCount: 3, assumedCount: 1 });
    expect(preview.bom!.notMapped.map((e) => e.path)).toEqual(["$.components[0]", "$.components[1]", "$.components[2]"]);
    expect(await counts(target.organisation.id)).toMatchObject({ aiSystems: 0 });
    const imported = await importInventoryFile(editor, file, preview.sha256);
    expect(imported).toMatchObject({ applied: true, totals: { create: 1 } });
    expect(imported.bom!.notMappedCount).toBe(3);
    expect(await counts(target.organisation.id)).toMatchObject({ aiSystems: 1 });
    const plain = await previewInventoryFile(editor, upload("bom.json", fixture("model-card-with-dataset.cdx.json")));
    expect(plain.totals).toMatchObject({ create: 0, update: 0, unchanged: 1 });
  });

  it("refuses the upstream example that is not JSON naming the line, and a malformed BOM naming the path; nothing is imported", async () => {
    const target = await emptyOrganisation();
    const editor = target.ctx("editor");
    const broken = await importInventoryFile(editor, upload("bert.cdx.json", fixture("open-source-model.cdx.json")));
    expect(broken.applied).toBe(false);
    expect(broken.problems).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/invalid JSON: .*\(line 9, column 5\)/) })]);
    const malformed = await importInventoryFile(editor, upload("x.cdx.json", JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", components: [{ type: "machine-learning-model" }] })));
    expect(malformed.applied).toBe(false);
    expect(malformed.problems).toEqual([expect.objectContaining({ column: "$.components[0].name", severity: "error" })]);
    expect(await counts(target.organisation.id)).toEqual({ offices: 0, vendors: 0, models: 0, aiSystems: 0, dependencies: 0, fallbacks: 0, dataFlows: 0, policyEvents: 0 });
  });

  it("refuses text no field may hold, at its place in the BOM", async () => {
    const target = await emptyOrganisation();
    const bom = { bomFormat: "CycloneDX", specVersion: "1.6", components: [{ type: "machine-learning-model", name: "gpt\u0000-4o", supplier: { name: "OpenAI" } }] };
    const summary = await importInventoryFile(target.ctx("editor"), upload("nul.cdx.json", JSON.stringify(bom)));
    expect(summary.applied).toBe(false);
    expect(summary.problems).toEqual([expect.objectContaining({ column: "$.components[0] (models[0].name)", severity: "error" })]);
    expect(await counts(target.organisation.id)).toMatchObject({ vendors: 0, models: 0 });
  });

  it("refuses a viewer before reading the file", async () => {
    const target = await emptyOrganisation();
    await expect(importInventoryFile(target.ctx("viewer"), upload("a.cdx.json", fixture("foundation-models.cdx.json")))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(target.organisation.id)).toMatchObject({ vendors: 0 });
  });
});
