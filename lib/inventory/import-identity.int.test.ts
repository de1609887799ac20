// Issue 10 (docs/decisions/031): an organisation's own export must always import again as "no
// change". Data flows are matched on their natural identity (origin office, dependency, what they
// send), so look-alike flows no longer multiply (24 -> 29 -> 34 flows before); a fallback is its
// dependency + route (model, access path) once, refused twice by the forms and the API, and a
// migration resolves the duplicates a database already holds.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/auth/org-context";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { createDataFlow } from "@/lib/data-flows/mutations";
import { createFallback, updateFallback } from "@/lib/fallbacks/mutations";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { callRoute, type RouteHandler } from "@/lib/testing/api-call";
import { buildAiSystem, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { readCsv, writeCsv } from "./csv";
import { loadInventoryDocument } from "./document";
import { applyInventoryImport, planInventoryImport } from "./import";
import { exportInventoryFile, importInventoryFile, type ImportSummary } from "./import-file";
import type { RawTable } from "./tabular";
import { inventorySnapshot } from "@/lib/testing/inventory-snapshot";

// The API is called with tokens; next-auth (the session path) is not loaded outside Next.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const fallbacksRoute = await import("@/app/api/v1/orgs/[org]/fallbacks/route");
const fallbackRoute = await import("@/app/api/v1/orgs/[org]/fallbacks/[id]/route");

async function demoContext(slug: string) {
  const organisation = await db().organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true, role: true } });
  return contextFor(organisation, owner.userId, owner.role);
}


async function rowCounts(organisationId: string) {
  const where = { organisationId };
  const p = db();
  const [offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents] = await Promise.all([
    p.office.count({ where }),
    p.vendor.count({ where }),
    p.model.count({ where }),
    p.aiSystem.count({ where }),
    p.dependency.count({ where }),
    p.fallback.count({ where }),
    p.dataFlow.count({ where }),
    p.policyEvent.count({ where }),
  ]);
  return { offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents };
}

async function importFile(ctx: OrgContext, file: { fileName: string; body: Uint8Array }): Promise<ImportSummary> {
  const summary = await importInventoryFile(ctx, { fileName: file.fileName, bytes: file.body });
  if (summary.errorCount > 0) throw new Error(`import refused: ${JSON.stringify(summary.problems.slice(0, 5), null, 2)}`);
  return summary;
}

/**
 * Exports the organisation as JSON and as a workbook and imports each into the same organisation
 * twice: every import changes nothing, and no row or audit event appears or moves.
 */
async function expectOwnExportsReimportUnchanged(ctx: OrgContext) {
  const before = { counts: await rowCounts(ctx.organisationId), rows: await inventorySnapshot(ctx.organisationId) };
  for (const format of ["json", "xlsx"] as const) {
    const file = await exportInventoryFile(ctx, format);
    for (const round of [1, 2]) {
      const summary = await importFile(ctx, file);
      expect({ format, round, create: summary.totals.create, update: summary.totals.update }).toEqual({ format, round, create: 0, update: 0 });
      expect(summary.totals.unchanged).toBeGreaterThan(0);
      expect(await rowCounts(ctx.organisationId)).toEqual(before.counts);
    }
  }
  expect(await inventorySnapshot(ctx.organisationId)).toBe(before.rows);
}

describe("re-importing an organisation's own export", () => {
  let mainfeld: OrgContext;
  let mainfeldDocument: InventoryDocumentInput;

  beforeAll(async () => {
    await seedDemo(db());
    mainfeld = await demoContext(DEMO_ORG_SLUGS.mainfeld);
    mainfeldDocument = (await loadInventoryDocument(mainfeld)).document;
  });

  /** A copy of the demo company in an empty organisation, and its editor's context. */
  async function demoCopy() {
    const { a, ctx } = await twoOrganisations();
    const editor = ctx(a, "editor");
    const result = await applyInventoryImport(editor, mainfeldDocument);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return { editor, owner: ctx(a, "owner") };
  }

  /**
   * Five more flows beside one of the organisation's flows, with the same origin office,
   * dependency and vendor and other names: two alike in everything the export holds, others
   * differing in volume, categories or encryption. The issue's organisation went 24 -> 29 -> 34.
   */
  async function addLookAlikeFlows(ctx: OrgContext) {
    const flow = await db().dataFlow.findFirstOrThrow({
      where: { organisationId: ctx.organisationId, originOfficeId: { not: null }, dependencyId: { not: null } },
      orderBy: { name: "asc" },
    });
    const base = {
      originOfficeId: flow.originOfficeId,
      originAiSystemId: null,
      dependencyId: flow.dependencyId,
      vendorId: flow.vendorId,
      processingCountry: flow.processingCountry,
      processingRegion: flow.processingRegion,
      dataCategories: flow.dataCategories,
      volume: flow.volume,
      transferMechanism: flow.transferMechanism,
      encryption: flow.encryption,
    };
    await createDataFlow(ctx, { ...base, name: "Look-alike A" });
    await createDataFlow(ctx, { ...base, name: "Look-alike B" });
    await createDataFlow(ctx, { ...base, name: "Look-alike C, more volume", volume: flow.volume === "high" ? "low" : "high" });
    await createDataFlow(ctx, { ...base, name: "Look-alike D, other data", dataCategories: flow.dataCategories.includes("public") ? ["internal"] : ["public"] });
    await createDataFlow(ctx, { ...base, name: "Look-alike E, other encryption", encryption: flow.encryption === "none" ? "in_transit" : "none" });
    return flow;
  }

  it("changes nothing for either demo organisation, as JSON or as a workbook, twice over", async () => {
    await expectOwnExportsReimportUnchanged(mainfeld);
    await expectOwnExportsReimportUnchanged(await demoContext(DEMO_ORG_SLUGS.albion));
  });

  it("changes nothing when several flows share origin, dependency and vendor (they multiplied at every import before)", async () => {
    const { editor } = await demoCopy();
    await addLookAlikeFlows(editor);
    await expectOwnExportsReimportUnchanged(editor);
  });

  it("updates a flow changed in the file and adds one added to it, among look-alikes; importing that file again changes nothing", async () => {
    const { editor } = await demoCopy();
    const flow = await addLookAlikeFlows(editor);
    const { document } = await loadInventoryDocument(editor);
    const flows = document.dataFlows!;
    // The document row of "Look-alike D" is the one of its group whose categories no other has.
    const group = flows.filter((f) => f.key !== undefined && JSON.stringify(f.categories) === JSON.stringify(flow.dataCategories.includes("public") ? ["internal"] : ["public"]));
    expect(group).toHaveLength(1);
    group[0]!.categories = ["regulated", "personal"];
    flows.push({ ...group[0]!, key: "added", categories: ["special-category"] });
    const before = await db().dataFlow.count({ where: { organisationId: editor.organisationId } });

    const planned = await planInventoryImport(editor, document);
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const { data_flow } = planned.plan.entities;
    expect([data_flow.create.length, data_flow.update.length]).toEqual([1, 1]);
    expect(data_flow.update[0]!.changes).toEqual({ dataCategories: { from: [flow.dataCategories.includes("public") ? "internal" : "public"], to: ["regulated", "personal"] } });
    expect(data_flow.update[0]!.label).toBe("Look-alike D, other data");
    const applied = await applyInventoryImport(editor, document);
    expect(applied.ok).toBe(true);
    expect(await db().dataFlow.count({ where: { organisationId: editor.organisationId } })).toBe(before + 1);

    const rows = await inventorySnapshot(editor.organisationId);
    const again = await applyInventoryImport(editor, document);
    expect(again.ok && again.plan.totals).toMatchObject({ create: 0, update: 0 });
    expect(await inventorySnapshot(editor.organisationId)).toBe(rows);
  });

  it("adds a flow a file holds alone in its group, leaving the group's flows the file does not mention as they are", async () => {
    const { editor } = await demoCopy();
    const flow = await addLookAlikeFlows(editor);
    // The data flows table, as exported, down to one row of the look-alikes' group with other categories.
    const exported = readCsv((await exportInventoryFile(editor, "csv", "data_flows")).body, "data_flows", "flows.csv");
    if (!exported.ok) throw new Error("the export must read");
    const [{ headers, rows }] = exported.tables as [RawTable];
    const column = (header: string) => headers.indexOf(header);
    const office = (await db().office.findUniqueOrThrow({ where: { id: flow.originOfficeId! } })).name;
    const dependency = await db().dependency.findUniqueOrThrow({ where: { id: flow.dependencyId! }, include: { aiSystem: true, model: true } });
    const row = rows.find((r) => r.cells[column("From office")] === office && r.cells[column("AI system")] === dependency.aiSystem.name && r.cells[column("Model")] === dependency.model.name)!;
    row.cells[column("Data categories")] = "special-category";
    const bytes = new TextEncoder().encode(writeCsv({ headers, rows: [row.cells] }));

    const first = await importInventoryFile(editor, { fileName: "flows.csv", bytes, entity: "data_flows" });
    expect(first.counts.data_flow).toEqual({ create: 1, update: 0, unchanged: 0 });
    expect(first.applied).toBe(true);
    const rowsAfter = await inventorySnapshot(editor.organisationId);
    const second = await importInventoryFile(editor, { fileName: "flows.csv", bytes, entity: "data_flows" });
    expect(second.counts.data_flow).toEqual({ create: 0, update: 0, unchanged: 1 });
    expect(await inventorySnapshot(editor.organisationId)).toBe(rowsAfter);
  });
});

describe("a dependency has each fallback route once", () => {
  async function dependencyWithFallback() {
    const { a, ctx } = await twoOrganisations();
    const organisationId = a.organisation.id;
    const vendor = await buildVendor(db(), organisationId, { name: "Lab" });
    const primary = await buildModel(db(), organisationId, vendor.id, { name: "Closed 1" });
    const open = await buildModel(db(), organisationId, vendor.id, { name: "Open 1", weights: "open" });
    const system = await buildAiSystem(db(), organisationId, { name: "Assistant" });
    const dependency = await buildDependency(db(), organisationId, system.id, primary.id);
    const editor = ctx(a, "editor");
    const route = { modelId: open.id, accessPath: "self_hosted" as const, cloudVendorId: null, hostingCountry: "DE", hostingRegion: null };
    const fields = { lastTestedAt: null, switchTimeMinutes: 60, qualityParityChecked: false, exitPlan: null, exitPlanUrl: null };
    const fallback = await createFallback(editor, { dependencyId: dependency.id, ...route, ...fields });
    return { a, editor, owner: ctx(a, "owner"), dependency, route, fields, fallback };
  }

  it("refuses the same route twice for a dependency, on the form (a field error on the model) and in the API, and the export still re-imports as no change", async () => {
    const { a, editor, owner, dependency, route, fields, fallback } = await dependencyWithFallback();
    await expect(createFallback(editor, { dependencyId: dependency.id, ...route, ...fields, switchTimeMinutes: 30 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fieldErrors: { modelId: ["Already a fallback of this dependency through this access path"] } },
    });
    // Another access path to the same model is another fallback; changing it into the first one is refused.
    const other = await createFallback(editor, { dependencyId: dependency.id, ...route, accessPath: "third_party_hosted", cloudVendorId: (await buildVendor(db(), a.organisation.id, { name: "Cloud" })).id, ...fields });
    await expect(updateFallback(editor, other.id, other.version, { ...route, ...fields })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { modelId: [expect.any(String)] } } });

    const token = (await createApiToken(owner, { name: "fallbacks", role: "editor" })).token;
    const org = { org: a.organisation.slug };
    const created = await callRoute(fallbacksRoute.POST as RouteHandler, "POST", org, { token, body: { dependencyId: dependency.id, ...route } });
    expect(created.status).toBe(422);
    expect(created.json.error.fields).toEqual({ modelId: ["Already a fallback of this dependency through this access path"] });
    const patched = await callRoute(fallbackRoute.PATCH as RouteHandler, "PATCH", { ...org, id: other.id }, { token, body: { accessPath: "self_hosted", cloudVendorId: null, hostingCountry: "DE", version: other.version } });
    expect(patched.status).toBe(422);
    expect(await db().fallback.count({ where: { dependencyId: dependency.id } })).toBe(2);
    expect((await db().fallback.findUniqueOrThrow({ where: { id: fallback.id } })).switchTimeMinutes).toBe(60);

    await expectOwnExportsReimportUnchanged(editor);
  });

  it("the migration keeps one fallback per route that a database already holds twice (the one tested last) and records the others' deletion", async () => {
    const { a, dependency, route } = await dependencyWithFallback();
    const sql = readFileSync(path.resolve(import.meta.dirname, "../../prisma/migrations/20261206130200_import_identity/migration.sql"), "utf8");
    // In a transaction that is rolled back: the database as before this migration (no constraint,
    // duplicates), the migration, then what it left.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query('DROP INDEX "Fallback_organisationId_dependencyId_modelId_accessPath_key"');
      const insert = (lastTestedAt: string | null, createdAt: string) =>
        client.query(
          `INSERT INTO "Fallback" (id, "organisationId", "dependencyId", "modelId", "accessPath", "hostingCountry", "lastTestedAt", "createdAt", "updatedAt")
           VALUES (gen_random_uuid(), $1, $2, $3, 'self_hosted', 'DE', $4, $5, now()) RETURNING id`,
          [a.organisation.id, dependency.id, route.modelId, lastTestedAt, createdAt],
        );
      const older = (await insert("2026-01-10", "2026-01-01")).rows[0].id as string;
      const tested = (await insert("2026-05-01", "2026-02-01")).rows[0].id as string;
      const untested = (await insert(null, "2025-12-01")).rows[0].id as string;
      expect((await client.query('SELECT count(*)::int AS n FROM "Fallback" WHERE "dependencyId" = $1', [dependency.id])).rows[0].n).toBe(4);

      await client.query(sql);

      const left = await client.query('SELECT id FROM "Fallback" WHERE "dependencyId" = $1', [dependency.id]);
      expect(left.rows.map((r: { id: string }) => r.id)).toEqual([tested]);
      const audit = await client.query(`SELECT "entityId", action, "actorId", "requestId", "before"->>'lastTestedAt' AS tested FROM "AuditEvent" WHERE "organisationId" = $1 AND "entityType" = 'fallback' AND action = 'delete' ORDER BY "entityId"`, [a.organisation.id]);
      expect(audit.rows.map((r: { entityId: string }) => r.entityId).sort()).toEqual(expect.arrayContaining([older, untested]));
      expect(audit.rows).toHaveLength(3); // the one the factory made (never tested, created last) and the two older duplicates
      expect(audit.rows.every((r: { actorId: string | null; requestId: string }) => r.actorId === null && r.requestId === "migration 20261206130200_import_identity")).toBe(true);
      // ... and the constraint is back: a second copy is refused.
      await expect(insert(null, "2026-06-01")).rejects.toThrow(/duplicate key value violates unique constraint "Fallback_organisationId_dependencyId_modelId_accessPath_key"/);
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
      await client.end();
    }
    expect(await db().fallback.count({ where: { dependencyId: dependency.id } })).toBe(1);
  });
});
