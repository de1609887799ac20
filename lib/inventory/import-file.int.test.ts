import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { OrgContext } from "@/lib/auth/org-context";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { loadInventoryDocument } from "./document";
import { exportInventoryFile, importInventoryFile, inventoryTemplateFile, previewInventoryFile, type ImportSummary, type InventoryUpload } from "./import-file";
import { TABLE_ENTITIES, TABLE_TITLES, unneutralise, type TableEntity } from "./tabular";
import { inventorySnapshot } from "@/lib/testing/inventory-snapshot";

async function demoContext(slug: string) {
  const organisation = await db().organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true, role: true } });
  return contextFor(organisation, owner.userId, owner.role);
}

async function emptyOrganisation() {
  const { a, ctx } = await twoOrganisations();
  return ctx(a, "editor");
}


const sortedBy = <T>(rows: T[]) => [...rows].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
/** The document without its organisation and data flow keys (derived from names the document does not carry). */
function comparable(doc: InventoryDocumentInput) {
  const { organisation: _o, dataFlows, ...rest } = doc;
  return { ...rest, dataFlows: sortedBy((dataFlows ?? []).map(({ key: _k, ...f }) => f)) };
}
function scoresOf(doc: InventoryDocumentInput) {
  const parsed = parseInventoryDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const result = scoreInventory(parsed.value, { asOf: "2026-11-22" });
  return { organisation: result.organisation.score, vendors: sortedBy(result.vendors.map((v) => ({ name: v.name, score: v.score }))) };
}

/**
 * Every stored field of an organisation's dependencies and fallbacks, named by what they point at
 * rather than by id, so two organisations can be compared. Comparing exported documents alone
 * would not notice a field the exporter and the document both leave out (notes, exit plan links).
 */
async function storedRoutes(ctx: OrgContext) {
  const where = { organisationId: ctx.organisationId };
  const route = { model: { select: { name: true, vendor: { select: { name: true } } } }, cloudVendor: { select: { name: true } } };
  // Ids, timestamps and versions differ by design; data sent is a set (an import stores it sorted).
  const omit = { id: true, organisationId: true, modelId: true, cloudVendorId: true, createdAt: true, updatedAt: true, version: true } as const;
  const dependencies = (await db().dependency.findMany({ where, omit: { ...omit, aiSystemId: true }, include: { ...route, aiSystem: { select: { name: true } } } })).map((d) => ({
    ...d,
    dataSent: [...d.dataSent].sort(),
  }));
  const fallbacks = await db().fallback.findMany({
    where,
    omit: { ...omit, dependencyId: true },
    include: { ...route, dependency: { select: { accessPath: true, aiSystem: { select: { name: true } }, model: { select: { name: true } } } } },
  });
  return { dependencies: sortedBy(dependencies), fallbacks: sortedBy(fallbacks) };
}

async function importOk(ctx: OrgContext, upload: InventoryUpload): Promise<ImportSummary> {
  const result = await importInventoryFile(ctx, upload);
  if (!result.applied) throw new Error(`import refused: ${JSON.stringify(result.problems, null, 2)}`);
  return result;
}

const errors = (s: ImportSummary) => s.problems.filter((p) => p.severity === "error");

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("importing and exporting inventory files", () => {
  let mainfeld: OrgContext;
  let mainfeldDocument: InventoryDocumentInput;

  beforeAll(async () => {
    await seedDemo(db());
    mainfeld = await demoContext(DEMO_ORG_SLUGS.mainfeld);
    mainfeldDocument = (await loadInventoryDocument(mainfeld)).document;
  });

  it("round-trips the demo company through an XLSX workbook: same document and scores in an empty organisation, and a second import changes nothing", async () => {
    const file = await exportInventoryFile(mainfeld, "xlsx");
    const target = await emptyOrganisation();
    const upload = { fileName: file.fileName, bytes: file.body };

    const preview = await previewInventoryFile(target, upload);
    expect(errors(preview)).toEqual([]);
    expect(preview.totals.update + preview.totals.unchanged).toBe(0);
    const first = await importOk(target, upload);
    expect(first.totals).toEqual(preview.totals);

    const { document: exported, skippedDataFlows } = await loadInventoryDocument(target);
    expect(skippedDataFlows).toBe(0);
    expect(comparable(exported)).toEqual(comparable(mainfeldDocument));
    expect(scoresOf(exported)).toEqual(scoresOf(mainfeldDocument));
    expect(await storedRoutes(target)).toEqual(await storedRoutes(mainfeld));

    const before = await inventorySnapshot(target.organisationId);
    const second = await importOk(target, upload);
    expect(second.totals).toEqual({ create: 0, update: 0, unchanged: first.totals.create });
    expect(await inventorySnapshot(target.organisationId)).toBe(before);
  });

  it("round-trips the demo company through one CSV file per entity", async () => {
    const target = await emptyOrganisation();
    const files = new Map<TableEntity, Uint8Array>();
    for (const entity of TABLE_ENTITIES) files.set(entity, (await exportInventoryFile(mainfeld, "csv", entity)).body);
    for (const entity of TABLE_ENTITIES) await importOk(target, { fileName: `${entity}.csv`, bytes: files.get(entity)!, entity });

    const { document: exported } = await loadInventoryDocument(target);
    expect(comparable(exported)).toEqual(comparable(mainfeldDocument));
    expect(scoresOf(exported)).toEqual(scoresOf(mainfeldDocument));
    expect(await storedRoutes(target)).toEqual(await storedRoutes(mainfeld));

    const before = await inventorySnapshot(target.organisationId);
    for (const entity of TABLE_ENTITIES) {
      const again = await importOk(target, { fileName: `${entity}.csv`, bytes: files.get(entity)!, entity });
      expect(again.totals.create + again.totals.update).toBe(0);
    }
    expect(await inventorySnapshot(target.organisationId)).toBe(before);
  });

  it("round-trips the JSON document", async () => {
    const target = await emptyOrganisation();
    const file = await exportInventoryFile(mainfeld, "json");
    await importOk(target, { fileName: file.fileName, bytes: file.body });
    expect(comparable((await loadInventoryDocument(target)).document)).toEqual(comparable(mainfeldDocument));
    expect(await storedRoutes(target)).toEqual(await storedRoutes(mainfeld));
  });

  it("refuses a workbook with one bad row, names its sheet, row and column, and changes nothing", async () => {
    const target = await emptyOrganisation();
    await importOk(target, { fileName: "vendors.csv", bytes: new TextEncoder().encode("Name,Type,HQ country\nAcme AI,other,DE\n"), entity: "vendors" });
    const before = await inventorySnapshot(target.organisationId);
    const bytes = await workbook((wb) => {
      const offices = wb.addWorksheet("Offices");
      offices.addRows([["Name", "Country", "Headcount"], ["Berlin", "DE", 10], ["Atlantis", "XX", 5], ["Paris", "FR", 3]]);
      wb.addWorksheet("Vendors").addRows([["Name", "Type", "HQ country"], ["Acme AI", "frontier-lab", "DE"]]);
    });
    for (const result of [await previewInventoryFile(target, { fileName: "bad.xlsx", bytes }), await importInventoryFile(target, { fileName: "bad.xlsx", bytes })]) {
      expect(result.applied).toBe(false);
      expect(errors(result)).toEqual([{ sheet: "Offices", row: 3, column: "Country", message: 'Country must be a country: its name in English or its ISO code, e.g. Germany, DE or DEU (found "XX")', severity: "error" }]);
    }
    expect(await inventorySnapshot(target.organisationId)).toBe(before);
  });

  it("refuses duplicate natural keys and unknown names, naming each row", async () => {
    const target = await emptyOrganisation();
    const bytes = await workbook((wb) => {
      wb.addWorksheet("Vendors").addRows([["Name", "Type", "HQ country"], ["Acme AI", "other", "DE"], ["Beta", "other", "FR"], ["Acme AI", "reseller", "US"]]);
      wb.addWorksheet("Models").addRows([["Name", "Vendor", "Weights"], ["Acme 1", "Acme AI", "open"], ["Gamma 1", "Gamma", "open"]]);
    });
    const result = await importInventoryFile(target, { fileName: "dup.xlsx", bytes });
    expect(result.applied).toBe(false);
    expect(errors(result)).toEqual([
      { sheet: "Vendors", row: 4, column: "Name", message: expect.stringContaining('vendor "Acme AI" appears twice (already on row 2)'), severity: "error" },
      { sheet: "Models", row: 3, column: "Vendor", message: expect.stringContaining('no vendor named "Gamma"'), severity: "error" },
    ]);
    expect(await db().vendor.count({ where: { organisationId: target.organisationId } })).toBe(0);
  });

  it("imports a CSV that refers to rows already in the organisation, and refuses a different file at confirm", async () => {
    const target = await emptyOrganisation();
    await importOk(target, { fileName: "vendors.csv", bytes: new TextEncoder().encode("Name;Type;HQ country\nMüller KI;other;DE\n"), entity: "vendors" });
    const models = new TextEncoder().encode("Name,Vendor,Weights\n'=Formel,Müller KI,open\n");
    const preview = await previewInventoryFile(target, { fileName: "models.csv", bytes: models, entity: "models" });
    expect(preview.counts.model).toEqual({ create: 1, update: 0, unchanged: 0 });
    expect(preview.counts.vendor).toEqual({ create: 0, update: 0, unchanged: 0 }); // the current vendor is not in the file
    await expect(importInventoryFile(target, { fileName: "models.csv", bytes: new TextEncoder().encode("Name,Vendor,Weights\n"), entity: "models" }, preview.sha256)).rejects.toMatchObject({ code: "CONFLICT" });
    await importInventoryFile(target, { fileName: "models.csv", bytes: models, entity: "models" }, preview.sha256);
    const model = await db().model.findFirstOrThrow({ where: { organisationId: target.organisationId }, select: { name: true, vendor: { select: { name: true } } } });
    expect(model).toEqual({ name: "=Formel", vendor: { name: "Müller KI" } }); // the neutralising apostrophe is read back
  });

  it("exports cells that cannot run as formulas, and reads them back as they were", async () => {
    const target = await emptyOrganisation();
    const names = ["=HYPERLINK(\"http://evil\")", "+49 office", "-dash", "@at", "'=quoted"];
    await importOk(target, { fileName: "offices.csv", bytes: new TextEncoder().encode(`Name,Country\n${names.map((n) => `"${n.replaceAll('"', '""')}",DE`).join("\n").replaceAll("\"'=quoted\"", "\"''=quoted\"")}\n`), entity: "offices" });
    const csv = new TextDecoder().decode((await exportInventoryFile(target, "csv", "offices")).body);
    for (const line of csv.split("\r\n").slice(1).filter(Boolean)) expect(line.replace(/^"/, "")).toMatch(/^'/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await exportInventoryFile(target, "xlsx")).body) as unknown as ExcelJS.Buffer);
    const cells = wb.getWorksheet("Offices")!.getColumn(1).values.slice(2);
    expect(cells.every((c) => typeof c === "string" && c.startsWith("'"))).toBe(true);

    const other = await emptyOrganisation();
    await importOk(other, { fileName: "offices.csv", bytes: new TextEncoder().encode(csv), entity: "offices" });
    const imported = await db().office.findMany({ where: { organisationId: other.organisationId }, select: { name: true } });
    expect(imported.map((o) => o.name).sort()).toEqual([...names].sort());
  });

  it("serves an empty template: it imports as nothing, into an empty organisation or the demo's", async () => {
    const template = await inventoryTemplateFile();
    for (const target of [await emptyOrganisation(), await demoContext(DEMO_ORG_SLUGS.mainfeld)]) {
      const before = await inventorySnapshot(target.organisationId);
      const dryRun = await previewInventoryFile(target, { fileName: template.fileName, bytes: template.body });
      expect(dryRun.problems).toEqual([]);
      expect(dryRun.totals).toEqual({ create: 0, update: 0, unchanged: 0 });
      expect(await inventorySnapshot(target.organisationId)).toBe(before);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.body) as unknown as ExcelJS.Buffer);
    for (const entity of TABLE_ENTITIES) expect(wb.getWorksheet(TABLE_TITLES[entity])!.rowCount, entity).toBe(1); // the header
  });

  it("keeps the examples in the template's Read me sheet, and they make rows that import cleanly", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await inventoryTemplateFile()).body) as unknown as ExcelJS.Buffer);
    const readMe = wb.getWorksheet("Read me")!;
    expect(readMe.getRow(1).values).toEqual([undefined, "Sheet", "Column", "Required", "Example", "What to enter"]);
    // One row per sheet, made of the Read me's examples, in a workbook of its own.
    const examples = new ExcelJS.Workbook();
    for (const entity of TABLE_ENTITIES) {
      const rows = readMe.getRows(2, readMe.rowCount - 1)!.filter((r) => r.getCell(1).value === TABLE_TITLES[entity]);
      expect(rows.length, entity).toBeGreaterThan(0);
      const sheet = examples.addWorksheet(TABLE_TITLES[entity]);
      sheet.addRow(rows.map((r) => r.getCell(2).value));
      sheet.addRow(rows.map((r) => (typeof r.getCell(4).value === "string" ? unneutralise(r.getCell(4).value as string) : r.getCell(4).value)));
    }
    const bytes = new Uint8Array(await examples.xlsx.writeBuffer());
    const result = await previewInventoryFile(await emptyOrganisation(), { fileName: "examples.xlsx", bytes });
    expect(errors(result)).toEqual([]);
    expect(result.totals.create).toBe(TABLE_ENTITIES.length);
  });

  it("keeps organisations apart: exports hold only the caller's rows, and imports resolve names only among them", async () => {
    const { a, b, ctx } = await twoOrganisations();
    await importOk(ctx(a, "editor"), { fileName: "vendors.csv", bytes: new TextEncoder().encode("Name,Type,HQ country\nOnly In A,other,DE\n"), entity: "vendors" });
    for (const format of ["json", "xlsx"] as const) {
      const file = await exportInventoryFile(ctx(b, "viewer"), format);
      expect(Buffer.from(file.body).includes("Only In A")).toBe(false);
    }
    expect(new TextDecoder().decode((await exportInventoryFile(ctx(b, "viewer"), "csv", "vendors")).body)).not.toContain("Only In A");
    const models = { fileName: "models.csv", bytes: new TextEncoder().encode("Name,Vendor,Weights\nM1,Only In A,open\n"), entity: "models" as const };
    const result = await importInventoryFile(ctx(b, "editor"), models);
    expect(errors(result)).toEqual([{ sheet: "models.csv", row: 2, column: "Vendor", message: expect.stringContaining('no vendor named "Only In A"'), severity: "error" }]);
    expect(await db().model.count({ where: { organisationId: { in: [a.organisation.id, b.organisation.id] } } })).toBe(0);
  });

  it("lets analysts and viewers export but not import", async () => {
    const { a, ctx } = await twoOrganisations();
    const upload = { fileName: "offices.csv", bytes: new TextEncoder().encode("Name,Country\nX,DE\n"), entity: "offices" as const };
    for (const role of ["analyst", "viewer"] as const) {
      await expect(importInventoryFile(ctx(a, role), upload)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await exportInventoryFile(ctx(a, role), "json")).fileName).toBe(`${a.organisation.slug}-inventory.json`);
    }
    expect(await db().office.count({ where: { organisationId: a.organisation.id } })).toBe(0);
  });
});
