// Issue 14, item 5: the import speaks the user's language. Countries and choices are read as people
// write them, problems name the column and what it must hold, a CSV file's table comes from its
// header row (or the file is refused, never guessed), and the preview says what a changed row
// changes (docs/decisions/033).
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import type { OrgContext } from "@/lib/auth/org-context";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { loadInventoryDocument } from "./document";
import { planInventoryImport } from "./import";
import { FIELD_LABELS } from "./import-fields";
import { importInventoryFile, previewInventoryFile, type ImportSummary, type InventoryUpload } from "./import-file";
import { IMPORT_ENTITY_TYPES } from "./import-plan";

const csv = (fileName: string, text: string, entity?: InventoryUpload["entity"]): InventoryUpload => ({ fileName, bytes: new TextEncoder().encode(text), entity });
const errors = (s: ImportSummary) => s.problems.filter((p) => p.severity === "error");

async function emptyOrganisation(): Promise<OrgContext> {
  const { a, ctx } = await twoOrganisations();
  return ctx(a, "editor");
}

async function importOk(ctx: OrgContext, upload: InventoryUpload) {
  const summary = await importInventoryFile(ctx, upload);
  if (!summary.applied) throw new Error(`not imported: ${JSON.stringify(summary.problems, null, 2)}`);
  return summary;
}

describe("an import in the user's words", () => {
  it("reads countries written as names in any case or as ISO codes: Germany, GERMANY and DEU are DE", async () => {
    const target = await emptyOrganisation();
    const file = csv("offices.csv", "Name,Country,Headcount\nBerlin,Germany,10\nHamburg,GERMANY,5\nMunich,DEU,3\nLyon,france,2\nBasel,che,1\nLeeds,United Kingdom,4\nAustin,de,1\n");
    const summary = await importOk(target, file); // no table chosen: the header row says offices
    expect(summary.counts.office.create).toBe(7);
    const offices = await db().office.findMany({ where: { organisationId: target.organisationId }, select: { name: true, country: true }, orderBy: { name: "asc" } });
    expect(offices).toEqual([
      { name: "Austin", country: "DE" },
      { name: "Basel", country: "CH" },
      { name: "Berlin", country: "DE" },
      { name: "Hamburg", country: "DE" },
      { name: "Leeds", country: "GB" },
      { name: "Lyon", country: "FR" },
      { name: "Munich", country: "DE" },
    ]);
    // ... and importing the same again is no change.
    expect((await previewInventoryFile(target, file)).totals).toEqual({ create: 0, update: 0, unchanged: 7 });
  });

  it("reads choices by the labels the app shows, in any case and with spaces, hyphens or underscores", async () => {
    const target = await emptyOrganisation();
    await importOk(target, csv("offices.csv", "Name,Country\nBerlin,DE\n"));
    await importOk(target, csv("vendors.csv", "Name,Type,HQ country\nAcme AI,Frontier lab,United States\nCloudCo,HYPERSCALER,usa\n"));
    await importOk(target, csv("models.csv", "Name,Vendor,Weights,Training compute\nAcme-1,Acme AI,Closed weights,UNKNOWN\n"));
    await importOk(target, csv("systems.csv", "Name,Criticality,Tolerated downtime (hours),Offices,Data sensitivity\nBot,Critical,4,Berlin,trade secret\n"));
    await importOk(target, csv("dependencies.csv", "AI system,Model,Vendor of model,Access path,Data sent\nBot,Acme-1,Acme AI,Direct API,Personal; SPECIAL_CATEGORY\n"));
    await importOk(target, csv("flows.csv", "From office,AI system,Model,Vendor of model,Access path,Data categories,Volume,Transfer mechanism\nBerlin,Bot,Acme-1,Acme AI,direct_api,personal,High,Standard contractual clauses\n"));
    const where = { organisationId: target.organisationId };
    expect(await db().vendor.findMany({ where, select: { name: true, vendorType: true, hqCountry: true }, orderBy: { name: "asc" } })).toEqual([
      { name: "Acme AI", vendorType: "frontier_lab", hqCountry: "US" },
      { name: "CloudCo", vendorType: "hyperscaler", hqCountry: "US" },
    ]);
    expect(await db().model.findFirstOrThrow({ where, select: { weights: true, trainingCompute: true } })).toEqual({ weights: "closed", trainingCompute: "unknown" });
    expect(await db().aiSystem.findFirstOrThrow({ where, select: { criticality: true, dataSensitivity: true } })).toEqual({ criticality: "critical", dataSensitivity: "trade_secret" });
    expect(await db().dependency.findFirstOrThrow({ where, select: { accessPath: true, dataSent: true } })).toEqual({ accessPath: "direct_api", dataSent: ["personal", "special_category"] });
    expect(await db().dataFlow.findFirstOrThrow({ where, select: { volume: true, transferMechanism: true } })).toEqual({ volume: "high", transferMechanism: "scc" });
  });

  it("names the column and what it must hold, never the validator's terms or a JSON path", async () => {
    const target = await emptyOrganisation();
    const summary = await previewInventoryFile(
      target,
      csv("systems.csv", "Name,Criticality,Tolerated downtime (hours),Data sensitivity\nBot,urgent,-2,secret\nOther,high,lots,public\n"),
    );
    expect(errors(summary).map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "Criticality", 'Criticality must be one of: low, medium, high, critical (found "urgent")'],
      [2, "Data sensitivity", 'Data sensitivity must be one of: public, internal, personal, trade-secret, regulated, special-category (found "secret")'],
      [3, "Tolerated downtime (hours)", 'Tolerated downtime (hours) must be a number (found "lots")'],
      [2, "Tolerated downtime (hours)", "Tolerated downtime (hours) must be 0 or more"],
    ]);
    const offices = await previewInventoryFile(target, csv("offices.csv", "Name,Country,Headcount\nBerlin,Atlantis,-1\n"));
    expect(errors(offices).map((p) => p.message)).toEqual([
      'Country must be a country: its name in English or its ISO code, e.g. Germany, DE or DEU (found "Atlantis")',
      "Headcount must be 0 or more",
    ]);
    for (const p of [...summary.problems, ...offices.problems]) expect(p.message).not.toMatch(/Too small|Too big|Invalid option|Invalid input|\$\.|received/);
  });

  it("names the document's field in a JSON file's problems, in the same words", async () => {
    const target = await emptyOrganisation();
    const { document } = await loadInventoryDocument(target);
    const bad = { ...document, offices: [{ key: "ber", name: "Berlin", country: "GERMANY", headcount: -1 }] };
    const summary = await previewInventoryFile(target, { fileName: "inventory.json", bytes: new TextEncoder().encode(JSON.stringify(bad)) });
    expect(errors(summary).map((p) => [p.column, p.message])).toEqual([
      ["$.offices[0].country", 'country must be a country\'s ISO 3166-1 alpha-2 code such as DE or US (found "GERMANY")'],
      ["$.offices[0].headcount", "headcount must be 0 or more"],
    ]);
  });

  it("refuses a CSV file whose header row matches no table, listing the tables and their columns, and imports nothing", async () => {
    const target = await emptyOrganisation();
    const summary = await importInventoryFile(target, csv("export.csv", "Colour,Size\nred,XL\n"));
    expect(summary.applied).toBe(false);
    expect(errors(summary)).toEqual([
      {
        sheet: "export.csv",
        row: 1,
        message: expect.stringMatching(/^the header row \("Colour", "Size"\) matches no inventory table, so the file was not read\. .*Offices: Name \(required\), Country \(required\), Headcount, Teams\. Vendors: Name \(required\), Type \(required\)/),
        severity: "error",
      },
    ]);
    // Chosen as offices, a vendors file is refused too, naming the table its header row is.
    const chosen = await importInventoryFile(target, csv("vendors.csv", "Name,Type,HQ country\nAcme,other,DE\n", "offices"));
    expect(errors(chosen).map((p) => p.message)).toEqual(["the header row is that of Vendors, not Offices: choose Vendors as the table in the file, or let its header row say"]);
    expect(await db().office.count({ where: { organisationId: target.organisationId } })).toBe(0);
    expect(await db().vendor.count({ where: { organisationId: target.organisationId } })).toBe(0);
  });

  it("says in the preview which fields each changed row changes", async () => {
    const target = await emptyOrganisation();
    await importOk(target, csv("offices.csv", "Name,Country,Headcount,Teams\nBerlin,DE,10,Sales\nParis,FR,5,\n"));
    await importOk(target, csv("vendors.csv", "Name,Type,HQ country\nAcme AI,other,US\n"));
    const offices = await previewInventoryFile(target, csv("offices.csv", "Name,Country,Headcount,Teams\nBerlin,DE,12,Sales; Legal\nParis,FR,5,\n"));
    expect(offices.totals).toEqual({ create: 0, update: 1, unchanged: 1 });
    expect(offices.changes).toEqual([{ table: "Offices", row: "Berlin", fields: ["Headcount", "Teams"] }]);
    const vendors = await previewInventoryFile(target, csv("vendors.csv", "Name,Type,HQ country,Ultimate parent,Parent country,Source,As of\nAcme AI,Frontier lab,US,Acme Holdings,Canada,Annual report,2026-10-01\n"));
    expect(vendors.changes).toEqual([{ table: "Vendors", row: "Acme AI", fields: ["Type", "Ultimate parent", "Parent country", "Source", "As of"] }]);
    expect(await db().office.findFirstOrThrow({ where: { organisationId: target.organisationId, name: "Berlin" }, select: { headcount: true } })).toEqual({ headcount: 10 }); // a preview changes nothing
  });
});

describe("the fields a change names", () => {
  let mainfeld: OrgContext;
  beforeAll(async () => {
    await seedDemo(db());
    const organisation = await db().organisation.findUniqueOrThrow({ where: { slug: DEMO_ORG_SLUGS.mainfeld }, select: { id: true, slug: true, name: true } });
    const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true } });
    mainfeld = contextFor(organisation, owner.userId, "owner");
  });

  it("has a name for people for every field an import compares", async () => {
    const { document } = await loadInventoryDocument(mainfeld);
    const planned = await planInventoryImport(await emptyOrganisation(), document);
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    for (const type of IMPORT_ENTITY_TYPES) {
      const fields = new Set(planned.plan.entities[type].create.flatMap((c) => Object.keys(c.values)));
      expect(fields.size, type).toBeGreaterThan(0);
      expect([...fields].filter((f) => !(f in FIELD_LABELS[type])), type).toEqual([]);
    }
  });
});
