// An import is all or nothing: a file with one bad row writes none of its rows and says
// `applied: false`. The schema (zod) is not the only gate: some errors are found only when the
// import plans against the organisation's rows (a number the database cannot hold, two rows
// with one natural key in a JSON document), others when the table is read (a cell that is not a
// number). Each must stop the whole import, including the rows that were fine.
import { beforeEach, describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/auth/org-context";
import { contextFor, db } from "@/lib/testing/db";
import { buildOffice, buildOrganisationWithMembers } from "@/prisma/factories";
import { officeSchema } from "@/scoring/schema/inventory";
import { loadInventoryDocument } from "./document";
import { applyInventoryImport } from "./import";
import { importInventoryFile, previewInventoryFile, type InventoryUpload } from "./import-file";
import { inventorySnapshot } from "@/lib/testing/inventory-snapshot";


const csv = (text: string): InventoryUpload => ({ fileName: "offices.csv", bytes: new TextEncoder().encode(text), entity: "offices" });

describe("an inventory import with an error in one row writes none of them", () => {
  let editor: OrgContext;
  beforeEach(async () => {
    const org = await buildOrganisationWithMembers(db());
    editor = contextFor(org.organisation, org.users.editor.id, "editor");
    // A row the file would update: it must keep its values too.
    await buildOffice(db(), org.organisation.id, { name: "Bonn", country: "DE", headcount: 5, teams: [] });
  });

  it("CSV, three offices, one headcount the database cannot hold (the schema accepts it; planning refuses it): applied: false, nothing written", async () => {
    // The precondition: zod lets the number through, so only the plan stands between it and the database.
    expect(officeSchema.safeParse({ key: "lyon", name: "Lyon", country: "FR", headcount: 3_000_000_000 }).success).toBe(true);
    const file = csv("Name,Country,Headcount\nBonn,DE,10\nLyon,FR,3000000000\nLeeds,GB,30\n");
    const before = await inventorySnapshot(editor.organisationId);
    const summary = await importInventoryFile(editor, file);
    expect(summary).toMatchObject({ applied: false, errorCount: 1 });
    expect(summary.problems).toEqual([expect.objectContaining({ row: 3, column: "Headcount", severity: "error", message: expect.stringContaining("too large") })]);
    expect(await inventorySnapshot(editor.organisationId)).toBe(before);
    // The preview names the same problem.
    expect((await previewInventoryFile(editor, file)).problems).toEqual(summary.problems);
  });

  it("JSON, three offices, two with one name (the schema accepts it; planning refuses it): not applied, nothing written", async () => {
    const { document } = await loadInventoryDocument(editor);
    const offices = [
      { key: "bonn", name: "Bonn", country: "DE", headcount: 10 },
      { key: "lyon", name: "Lyon", country: "FR", headcount: 20 },
      { key: "lyon-2", name: "Lyon", country: "FR", headcount: 30 },
    ];
    const before = await inventorySnapshot(editor.organisationId);
    const result = await applyInventoryImport(editor, { ...document, offices });
    expect(result).toMatchObject({ ok: false, issues: [{ path: "$.offices[2].name", message: expect.stringContaining("appears twice") }] });
    expect(await inventorySnapshot(editor.organisationId)).toBe(before);

    const summary = await importInventoryFile(editor, { fileName: "inventory.json", bytes: new TextEncoder().encode(JSON.stringify({ ...document, offices })) });
    expect(summary).toMatchObject({ applied: false, errorCount: 1 });
    expect(await inventorySnapshot(editor.organisationId)).toBe(before);
  });

  it('CSV, three offices, one headcount "abc" (refused when the table is read): applied: false, nothing written', async () => {
    const file = csv("Name,Country,Headcount\nBonn,DE,10\nLyon,FR,abc\nLeeds,GB,30\n");
    const before = await inventorySnapshot(editor.organisationId);
    const summary = await importInventoryFile(editor, file);
    expect(summary).toMatchObject({ applied: false, errorCount: 1 });
    expect(summary.problems[0]).toMatchObject({ row: 3, column: "Headcount", message: expect.stringContaining('must be a number (found "abc")') });
    expect(await inventorySnapshot(editor.organisationId)).toBe(before);
  });

  it("the same three offices without the error are imported (the files above fail for their error alone)", async () => {
    const summary = await importInventoryFile(editor, csv("Name,Country,Headcount\nBonn,DE,10\nLyon,FR,20\nLeeds,GB,30\n"));
    expect(summary).toMatchObject({ applied: true, errorCount: 0, counts: { office: { create: 2, update: 1 } } });
    expect((await db().office.findMany({ where: { organisationId: editor.organisationId }, orderBy: { name: "asc" }, select: { name: true, headcount: true } }))).toEqual([
      { name: "Bonn", headcount: 10 },
      { name: "Leeds", headcount: 30 },
      { name: "Lyon", headcount: 20 },
    ]);
  });
});
