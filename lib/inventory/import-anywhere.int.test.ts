// Issue 14: an organisation's own export imports anywhere. Moving a baseline between clients
// failed with "give your own source: ultimate parent differs from the catalogue entry" when the
// target already held the vendors from the catalogue: the demo's OpenAI and DeepSeek record a
// newer reading of the catalogue's own source, which the import did not count as the
// organisation's own, and a model's source was not in the document at all (docs/decisions/033).
import { beforeAll, describe, expect, it } from "vitest";
import { applyInventoryImport, planInventoryImport, type InventoryImportPlan } from "./import";
import { loadInventoryDocument } from "./document";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import type { OrgContext } from "@/lib/auth/org-context";
import { addVendorFromCatalogue } from "@/lib/catalogue/mutations";
import { catalogueModel, catalogueModelsOf } from "@/lib/catalogue/facts";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { callRoute } from "@/lib/testing/api-call";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";

const inventoryRoute = await import("@/app/api/v1/orgs/[org]/inventory/route");
const importRoute = await import("@/app/api/v1/orgs/[org]/inventory/import/route");

async function ownerOf(slug: string): Promise<OrgContext> {
  const organisation = await db().organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true } });
  return contextFor(organisation, owner.userId, "owner");
}

/** The document without what belongs to the organisation rather than its inventory (its own record, flow keys derived from names). */
function comparable(doc: InventoryDocumentInput) {
  const { organisation: _o, dataFlows, ...rest } = doc;
  return { ...rest, dataFlows: (dataFlows ?? []).map(({ key: _k, ...f }) => JSON.stringify(f)).sort() };
}

const changed = (plan: InventoryImportPlan) => Object.values(plan.entities).flatMap((e) => e.update.map((u) => [u.label, Object.keys(u.changes)]));

async function importOk(ctx: OrgContext, doc: unknown) {
  const result = await applyInventoryImport(ctx, doc);
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues, null, 2)}`);
  return result.plan;
}

describe("an organisation's export imports anywhere", () => {
  let mainfeld: OrgContext;
  let exported: InventoryDocumentInput;

  beforeAll(async () => {
    await seedDemo(db());
    mainfeld = await ownerOf(DEMO_ORG_SLUGS.mainfeld);
    exported = (await loadInventoryDocument(mainfeld)).document;
  });

  it("carries a model's source and its date, as a vendor's", () => {
    const gemini = exported.models.find((m) => m.name === "Gemini 2.5 Pro");
    expect(gemini).toMatchObject({ catalogueKey: expect.any(String), source: "https://ai.google.dev/gemini-api/docs/models", asOf: "2026-11-01" });
  });

  it("into a new, empty organisation through the API: accepted, the same inventory, and a second import changes nothing", async () => {
    const { b, ctx } = await twoOrganisations();
    const target = ctx(b, "owner");
    const token = (await createApiToken(target, { name: "baseline", role: "editor" })).token;
    const org = { org: b.organisation.slug };

    const mainfeldToken = (await createApiToken(mainfeld, { name: "export", role: "viewer" })).token;
    const download = await callRoute(inventoryRoute.GET, "GET", { org: mainfeld.organisationSlug }, { token: mainfeldToken });
    expect(download.status).toBe(200);

    const dry = await callRoute(importRoute.POST, "POST", org, { token, body: download.json, query: "dryRun=true" });
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json.plan.totals).toMatchObject({ update: 0, unchanged: 0 });
    const applied = await callRoute(importRoute.POST, "POST", org, { token, body: download.json });
    expect(applied.status).toBe(200);
    expect(applied.json.applied).toBe(true);

    const again = await callRoute(inventoryRoute.GET, "GET", org, { token });
    expect(comparable(again.json)).toEqual(comparable(download.json));
    const models = await db().model.findMany({ where: { organisationId: b.organisation.id, name: "Gemini 2.5 Pro" }, select: { source: true, sourceAsOf: true } });
    expect(models).toEqual([{ source: "https://ai.google.dev/gemini-api/docs/models", sourceAsOf: new Date("2026-11-01T00:00:00.000Z") }]);

    const second = await callRoute(importRoute.POST, "POST", org, { token, body: again.json });
    expect(second.status).toBe(200);
    expect(second.json.plan.totals).toMatchObject({ create: 0, update: 0 });
  });

  it("into an organisation that holds the same vendors and models from the catalogue: accepted, with the export's facts and sources", async () => {
    const { a, ctx } = await twoOrganisations();
    const client = ctx(a, "owner");
    // The client added every vendor of the baseline that the catalogue has, with the baseline's catalogue models.
    const modelKeys = new Set(exported.models.flatMap((m) => (m.catalogueKey ? [m.catalogueKey] : [])));
    for (const key of new Set(exported.vendors.flatMap((v) => (v.catalogueKey ? [v.catalogueKey] : [])))) {
      await addVendorFromCatalogue(client, { catalogueKey: key, modelKeys: catalogueModelsOf(key).map((m) => m.key).filter((k) => modelKeys.has(k)) });
    }
    const openai = await db().vendor.findFirstOrThrow({ where: { organisationId: a.organisation.id, catalogueKey: "openai" }, select: { parentName: true } });
    expect(openai.parentName).toBe("OpenAI (non-profit parent)"); // the catalogue's reading
    // ... and holds the baseline's catalogue models under the same names, with the catalogue's facts and readings.
    const { document: held } = await loadInventoryDocument(client);
    const heldVendor = new Map(held.vendors.map((v) => [v.name, v.key]));
    const exportedVendor = new Map(exported.vendors.map((v) => [v.key, v.name]));
    const asCatalogue = exported.models.flatMap((m) => {
      const entry = catalogueModel(m.catalogueKey);
      const vendor = heldVendor.get(exportedVendor.get(m.vendor)!);
      if (!entry || !vendor) return [];
      return [{ ...m, vendor, family: entry.family, weights: entry.weights, licence: entry.licence, trainingCompute: entry.trainingCompute, source: entry.source, asOf: entry.asOf }];
    });
    await importOk(client, { ...held, models: [...held.models, ...asCatalogue] });

    const planned = await planInventoryImport(client, exported);
    expect(planned.ok ? [] : planned.issues).toEqual([]);
    const plan = await importOk(client, exported);
    // The catalogue rows were matched and take the baseline's facts, with its readings of the sources.
    expect(plan.entities.vendor.update.map((u) => u.label)).toEqual(expect.arrayContaining(["OpenAI", "DeepSeek"]));
    expect(await db().vendor.findFirstOrThrow({ where: { organisationId: a.organisation.id, catalogueKey: "openai" }, select: { parentName: true, source: true, sourceAsOf: true } })).toEqual({
      parentName: "OpenAI Foundation",
      source: "https://openai.com/our-structure/",
      sourceAsOf: new Date("2026-11-01T00:00:00.000Z"),
    });
    // Gemini's licence: the catalogue's page read a year later, by the same address.
    expect(plan.entities.model.update.map((u) => u.label)).toEqual(expect.arrayContaining(["Google Gemini 2.5 Pro", "Google Gemma 3 27B", "OpenAI GPT-5"]));
    expect(await db().model.findFirstOrThrow({ where: { organisationId: a.organisation.id, name: "Gemini 2.5 Pro" }, select: { licence: true, sourceAsOf: true } })).toEqual({
      licence: "Google Cloud / Gemini API Terms of Service",
      sourceAsOf: new Date("2026-11-01T00:00:00.000Z"),
    });

    const { document: after } = await loadInventoryDocument(client);
    const again = await importOk(client, after);
    expect(changed(again)).toEqual([]);
  });

  it("still refuses a catalogue fact changed on the catalogue's own reading (its source and its date), and changes nothing", async () => {
    const { a, ctx } = await twoOrganisations();
    const client = ctx(a, "owner");
    await addVendorFromCatalogue(client, { catalogueKey: "openai", modelKeys: [] });
    const { document } = await loadInventoryDocument(client);
    const stale = structuredClone(document);
    stale.vendors[0]!.ultimateParent = { name: "OpenAI Foundation", country: "US" };
    const refused = await applyInventoryImport(client, stale);
    expect(refused.ok ? [] : refused.issues).toEqual([
      {
        path: "$.vendors[0].source",
        message: expect.stringMatching(/^give your own source: ultimate parent differs from the catalogue entry "openai" \(https:\/\/openai\.com\/our-structure\/, 30 Sep 2025\); the catalogue's source will do with the date you read it yourself$/),
      },
    ]);
    expect(await db().vendor.findFirstOrThrow({ where: { organisationId: a.organisation.id }, select: { parentName: true, version: true } })).toEqual({ parentName: "OpenAI (non-profit parent)", version: 1 });
  });
});
