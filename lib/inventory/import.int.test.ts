import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyInventoryImport, planInventoryImport, type InventoryImportPlan } from "./import";
import { loadInventoryDocument } from "./document";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { InventoryDocument, InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { PolicyEvent } from "@/scoring/schema/policy-event";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import { buildOffice } from "@/prisma/factories";
import type { OrgContext } from "@/lib/auth/org-context";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { addVendorFromCatalogue } from "@/lib/catalogue/mutations";
import { catalogueVendor } from "@/lib/catalogue/facts";
import { inventorySnapshot } from "@/lib/testing/inventory-snapshot";

const example = (name: string): InventoryDocumentInput => JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../examples", name), "utf8"));
const clone = <T>(v: T): T => structuredClone(v);

async function demoContext(slug: string) {
  const organisation = await db().organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true, role: true } });
  return contextFor(organisation, owner.userId, owner.role);
}

/** An organisation with members but no inventory, and its editor's context. */
async function emptyOrganisation() {
  const { a, ctx } = await twoOrganisations();
  return ctx(a, "editor");
}


async function rowCounts(organisationId: string) {
  const where = { organisationId };
  const p = db();
  return {
    offices: await p.office.count({ where }),
    vendors: await p.vendor.count({ where }),
    models: await p.model.count({ where }),
    aiSystems: await p.aiSystem.count({ where }),
    dependencies: await p.dependency.count({ where }),
    fallbacks: await p.fallback.count({ where }),
    dataFlows: await p.dataFlow.count({ where }),
    policyEvents: await p.policyEvent.count({ where }),
    auditEvents: await p.auditEvent.count({ where }),
  };
}

async function importOk(ctx: OrgContext, doc: unknown): Promise<InventoryImportPlan> {
  const result = await applyInventoryImport(ctx, doc);
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues, null, 2)}`);
  return result.plan;
}

const sortedBy = <T>(rows: T[]) => [...rows].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));

/**
 * The rows of a document with keys replaced by what they name and the format's defaults filled
 * in, in a fixed order: two documents with the same rows and different keys normalise equally.
 */
function naturalRows(input: InventoryDocumentInput) {
  const parsed = parseInventoryDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const doc: InventoryDocument = parsed.value;
  const office = new Map(doc.offices.map((o) => [o.key, o.name]));
  const vendor = new Map(doc.vendors.map((v) => [v.key, v.name]));
  const model = new Map(doc.models.map((m) => [m.key, `${vendor.get(m.vendor)} / ${m.name}`]));
  const system = new Map(doc.aiSystems.map((s) => [s.key, s.name]));
  const dependency = new Map(doc.dependencies.map((d) => [d.key, `${system.get(d.system)} / ${model.get(d.model)} / ${d.accessPath}`]));
  const route = <R extends { model: string; cloud?: string }>({ model: m, cloud, ...r }: R) => ({ ...r, model: model.get(m), cloud: cloud ? vendor.get(cloud) : undefined });
  return {
    offices: sortedBy(doc.offices.map(({ key: _k, ...o }) => ({ headcount: 0, teams: [], ...o }))),
    vendors: sortedBy(doc.vendors.map(({ key: _k, ...v }) => ({ dpfCertified: false, ...v }))),
    models: sortedBy(doc.models.map(({ key: _k, vendor: v, ...m }) => ({ trainingCompute: "unknown", ...m, vendor: vendor.get(v) }))),
    aiSystems: sortedBy(
      doc.aiSystems.map(({ key: _k, offices, ...s }) => ({ owner: "Unassigned", ...s, teams: s.teams ?? [], offices: offices.map((o) => office.get(o)).sort() })),
    ),
    dependencies: sortedBy(doc.dependencies.map(({ key: _k, system: s, ...d }) => ({ exitPlan: { documented: false }, ...route(d), system: system.get(s) }))),
    dataFlows: sortedBy(
      doc.dataFlows.map(({ key: _k, fromOffice, dependency: d, ...f }) => ({
        volume: "medium",
        transferMechanism: "not-required",
        encrypted: false,
        ...f,
        fromOffice: office.get(fromOffice),
        dependency: dependency.get(d),
      })),
    ),
    fallbacks: sortedBy(doc.fallbacks.map(({ key: _k, dependency: d, ...f }) => ({ qualityParityMeasured: false, ...route(f), dependency: dependency.get(d) }))),
    policyEvents: sortedBy(doc.policyEvents),
  };
}

/** The document without its organisation, and with data flow keys (derived from names the document does not carry) dropped. */
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

const changedCount = (plan: InventoryImportPlan) => plan.totals.create + plan.totals.update;

/** Policy events with every field the document format has for them since engine 2026.12-1. */
const DATED_READINGS: PolicyEvent[] = [
  {
    key: "us-anthropic-model-export-restriction",
    kind: "impose",
    title: "US export restriction on Anthropic's advanced models (our reading)",
    effectiveDate: "2026-04-01",
    dateEstimated: true,
    dateNote: "Counsel dates it to the first client notices, early April.",
    source: "Press reports; client notices",
    references: [
      { publisher: "Example Gazette", title: "Claude cut off abroad", url: "https://example.test/gazette", note: "Names London, Tokyo and Berlin." },
      { title: "Undated column (opening words)" },
    ],
    summary: "Blocked for every user and host outside the United States.",
    type: "export-control",
    issuer: "US",
    scope: { vendors: ["anthropic"], weights: "closed" },
    restrictions: [{ countries: { allExcept: ["US"] }, locus: "any", severity: "block" }],
  },
  {
    key: "mainfeld-anthropic-eased-for-allies-and-switzerland",
    kind: "lift",
    title: "Anthropic restriction eased for allies, the EEA and Switzerland",
    effectiveDate: "2026-07-20",
    dateEstimated: true,
    dateNote: "A week after the catalogue's estimate, for Switzerland's notice.",
    source: "Press report",
    references: [{ publisher: "Example Gazette", title: "Allies regain Claude" }],
    lifts: "us-anthropic-model-export-restriction",
    countries: { only: ["CH"], sets: ["us-key-allies", "eea"] },
  },
  {
    key: "mainfeld-vision-licence-eu",
    kind: "impose",
    title: "Vision model licence withheld from EU licensees",
    effectiveDate: "2024-09-25",
    source: "https://example.test/licence",
    type: "licence-term",
    issuer: "vendor",
    scope: { modelFamilies: ["vision"], accessPaths: ["self-hosted"] },
    restrictions: [{ countries: { only: [], sets: ["eu-member-states"] }, locus: "licensee", severity: "block" }],
  },
];

describe("importing an inventory document", () => {
  let mainfeld: OrgContext;
  let mainfeldDocument: InventoryDocumentInput;

  beforeAll(async () => {
    await seedDemo(db());
    mainfeld = await demoContext(DEMO_ORG_SLUGS.mainfeld);
    mainfeldDocument = (await loadInventoryDocument(mainfeld)).document;
  });

  it("round-trips the demo company: export, import into an empty organisation, export again gives the same document and scores", async () => {
    const target = await emptyOrganisation();
    const started = performance.now();
    const plan = await importOk(target, mainfeldDocument);
    console.log(`imported the Mainfeld document (${plan.totals.create} rows) in ${Math.round(performance.now() - started)} ms`);
    expect(plan.totals).toMatchObject({ update: 0, unchanged: 0 });

    const { document: exported, skippedDataFlows } = await loadInventoryDocument(target);
    expect(skippedDataFlows).toBe(0);
    expect(comparable(exported)).toEqual(comparable(mainfeldDocument));
    expect(scoresOf(exported)).toEqual(scoresOf(mainfeldDocument));
    expect(exported.organisation.key).toBe(target.organisationSlug); // the target keeps its own organisation
  });

  it("round-trips estimated dates with how they were read, references, partial lifts with named country sets and licence terms", async () => {
    // The demo company's export with the policy events an analyst adds to it: a correction of the
    // catalogue's Anthropic restriction, its partial lift and a licence term.
    const byDateAndKey = (a: PolicyEvent, b: PolicyEvent) => (a.effectiveDate === b.effectiveDate ? (a.key < b.key ? -1 : 1) : a.effectiveDate < b.effectiveDate ? -1 : 1);
    const withEvents = { ...clone(mainfeldDocument), policyEvents: [...clone(mainfeldDocument.policyEvents ?? []), ...DATED_READINGS].sort(byDateAndKey) };
    const first = await emptyOrganisation();
    await importOk(first, withEvents);
    const { document: exported } = await loadInventoryDocument(first);
    expect(exported.policyEvents).toEqual(expect.arrayContaining(DATED_READINGS));
    expect(comparable(exported)).toEqual(comparable(withEvents));

    // Export, import into another empty organisation, export again: the same document.
    const second = await emptyOrganisation();
    await importOk(second, exported);
    const { document: again } = await loadInventoryDocument(second);
    expect(comparable(again)).toEqual(comparable(exported));
    expect(scoresOf(again)).toEqual(scoresOf(exported));
    // ... and importing it again changes nothing.
    const plan = await importOk(second, again);
    expect(changedCount(plan)).toBe(0);
  });

  it("re-importing an organisation's own export changes nothing", async () => {
    const before = await inventorySnapshot(mainfeld.organisationId);
    const plan = await importOk(mainfeld, mainfeldDocument);
    expect(Object.values(plan.entities).flatMap((e) => e.update.map((u) => [u.label, u.changes]))).toEqual([]);
    expect(changedCount(plan)).toBe(0);
    expect(await inventorySnapshot(mainfeld.organisationId)).toBe(before);
  });

  it("imports the Frankfurt example into an empty organisation with the example's rows", async () => {
    const target = await emptyOrganisation();
    const input = example("frankfurt-manufacturer.json");
    await importOk(target, input);
    const { document } = await loadInventoryDocument(target);
    expect(naturalRows(document)).toEqual(naturalRows(input));
  });

  it("derives data flow values the document leaves to the importer", async () => {
    const target = await emptyOrganisation();
    const input = example("frankfurt-manufacturer.json");
    await importOk(target, input);
    const flows = await db().dataFlow.findMany({
      where: { organisationId: target.organisationId },
      select: { name: true, vendor: { select: { name: true } }, processingCountry: true, processingRegion: true, encryption: true, originAiSystem: { select: { name: true } } },
    });
    const supportFra = flows.find((f) => f.name === "Frankfurt HQ → Customer support chatbot (GPT-4o)");
    // support-bot/gpt runs on Microsoft's marketplace in swedencentral, with "encrypted": true.
    expect(supportFra).toMatchObject({ vendor: { name: "Microsoft" }, processingCountry: "SE", processingRegion: "swedencentral", encryption: "in_transit_and_at_rest", originAiSystem: { name: "Customer support chatbot" } });
    expect(new Set(flows.map((f) => f.name)).size).toBe(input.dataFlows!.length);
  });

  it("keeps a flow's recorded vendor and processing place, which the document does not carry, while they fit its dependency", async () => {
    const target = await emptyOrganisation();
    const input = example("frankfurt-manufacturer.json");
    await importOk(target, input);
    const name = "Frankfurt HQ → Customer support chatbot (GPT-4o)";
    const flow = await db().dataFlow.findFirstOrThrow({ where: { organisationId: target.organisationId, name }, select: { id: true, version: true } });
    // Someone records on the flow's page that it is processed by the model's vendor in the US.
    const openai = await db().vendor.findFirstOrThrow({ where: { organisationId: target.organisationId, name: "OpenAI" }, select: { id: true } });
    await db().dataFlow.update({ where: { id: flow.id }, data: { vendorId: openai.id, processingCountry: "US", processingRegion: null, version: { increment: 1 } } });
    const before = await inventorySnapshot(target.organisationId);

    const again = await importOk(target, input);
    expect(changedCount(again)).toBe(0);
    expect(await inventorySnapshot(target.organisationId)).toBe(before);

    // A vendor that no longer fits the dependency (not its model's vendor, not its cloud) is derived again.
    const other = await db().vendor.findFirstOrThrow({ where: { organisationId: target.organisationId, name: { notIn: ["OpenAI", "Microsoft"] } }, select: { id: true } });
    await db().dataFlow.update({ where: { id: flow.id }, data: { vendorId: other.id } });
    await importOk(target, input);
    expect(await db().dataFlow.findUniqueOrThrow({ where: { id: flow.id }, select: { vendor: { select: { name: true } }, processingCountry: true } })).toEqual({ vendor: { name: "Microsoft" }, processingCountry: "SE" });
  });

  it("a second import of the same document changes nothing: no version, updatedAt or audit event moves", async () => {
    const target = await emptyOrganisation();
    const input = example("frankfurt-manufacturer.json");
    const first = await importOk(target, input);
    expect(first.totals.create).toBe(7 + 9 + 9 + 12 + 13 + 21 + 5);
    const before = await inventorySnapshot(target.organisationId);

    const preview = await planInventoryImport(target, input);
    if (!preview.ok) throw new Error("must plan");
    expect(preview.plan.totals).toEqual({ create: 0, update: 0, unchanged: first.totals.create });
    const second = await importOk(target, input);
    expect(changedCount(second)).toBe(0);
    expect(await inventorySnapshot(target.organisationId)).toBe(before);
  });

  it("plans and applies an update with the changed fields, a version bump and one audit event per changed row", async () => {
    const target = await emptyOrganisation();
    const input = example("frankfurt-manufacturer.json");
    await importOk(target, input);
    const changed = clone(input);
    changed.offices[0]!.headcount = 2500;
    changed.aiSystems[0]!.offices = ["fra"];
    changed.aiSystems[0]!.toleratedDowntimeHours = 1.5;
    changed.offices.push({ key: "lis", name: "Lisbon", country: "PT" });

    const planned = await planInventoryImport(target, changed);
    if (!planned.ok) throw new Error("must plan");
    const { office, ai_system } = planned.plan.entities;
    expect(office.create).toEqual([{ path: "$.offices[7]", label: "Lisbon", values: { name: "Lisbon", country: "PT", headcount: 0, teams: [] } }]);
    expect(office.update).toHaveLength(1);
    expect(office.update[0]).toMatchObject({ path: "$.offices[0]", label: "Frankfurt HQ", changes: { headcount: { from: 2400, to: 2500 } } });
    expect(Object.keys(ai_system.update[0]!.changes).sort()).toEqual(["offices", "toleratedDowntimeMinutes"]);
    expect(ai_system.update[0]!.changes.toleratedDowntimeMinutes).toEqual({ from: 240, to: 90 });
    expect(planned.plan.totals).toMatchObject({ create: 1, update: 2 });

    const auditBefore = await db().auditEvent.count({ where: { organisationId: target.organisationId } });
    await importOk(target, changed);
    const hq = await db().office.findFirstOrThrow({ where: { organisationId: target.organisationId, name: "Frankfurt HQ" } });
    expect(hq).toMatchObject({ headcount: 2500, version: 2 });
    const bot = await db().aiSystem.findFirstOrThrow({ where: { organisationId: target.organisationId, name: "Customer support chatbot" }, include: { offices: true } });
    expect(bot).toMatchObject({ toleratedDowntimeMinutes: 90, version: 2 });
    expect(bot.offices.map((o) => o.officeId)).toEqual([hq.id]);
    const events = await db().auditEvent.findMany({ where: { organisationId: target.organisationId }, orderBy: { id: "asc" }, skip: auditBefore });
    expect(events.map((e) => [e.action, e.entityType])).toEqual([
      ["create", "office"],
      ["update", "office"],
      ["update", "ai_system"],
    ]);
    expect(events[1]).toMatchObject({ entityId: hq.id, actorId: target.userId, before: { headcount: 2400, version: 1 }, after: { headcount: 2500, version: 2 } });
  });

  it("refuses a document with errors, listing every issue with its JSON path, and changes nothing", async () => {
    const target = await emptyOrganisation();
    await importOk(target, example("frankfurt-manufacturer.json"));
    const counts = await rowCounts(target.organisationId);
    const before = await inventorySnapshot(target.organisationId);

    const bad = clone(example("frankfurt-manufacturer.json")) as any;
    bad.dependencies[1].model = "gpt-9"; // dangling reference
    bad.offices[2].country = "XX"; // not a country
    delete bad.vendors[0].hqCountry; // missing field
    bad.offices[0].headcount = 9; // a valid change that must not be applied either

    for (const result of [await planInventoryImport(target, bad), await applyInventoryImport(target, bad)]) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues.map((i) => i.path).sort()).toEqual(["$.dependencies[1].model", "$.offices[2].country", "$.vendors[0].hqCountry"]);
      expect(result.issues.find((i) => i.path === "$.dependencies[1].model")!.message).toContain('unknown model "gpt-9"');
      expect(result.issues.find((i) => i.path === "$.vendors[0].hqCountry")!.message).toContain("required field is missing");
    }
    expect(await rowCounts(target.organisationId)).toEqual(counts);
    expect(await inventorySnapshot(target.organisationId)).toBe(before);
  });

  it("refuses rows whose natural keys repeat, since rows are matched on them", async () => {
    const target = await emptyOrganisation();
    const doc = clone(example("frankfurt-manufacturer.json"));
    doc.offices.push({ ...doc.offices[1]!, key: "man-2" });
    const result = await planInventoryImport(target, doc);
    expect(result).toEqual({ ok: false, issues: [{ path: "$.offices[7].name", message: expect.stringContaining('office name "Manchester" appears twice (already at $.offices[1])') }] });
  });

  it("refuses a document with more than 100,000 rows before validating it", async () => {
    const target = await emptyOrganisation();
    const huge = { ...example("frankfurt-manufacturer.json"), offices: Array.from({ length: 100_001 }, (_, i) => ({ key: `o${i}`, name: `Office ${i}`, country: "DE" })) };
    const result = await applyInventoryImport(target, huge);
    expect(result).toEqual({ ok: false, issues: [{ path: "$", message: expect.stringContaining("at most 100000") }] });
    expect(await db().office.count({ where: { organisationId: target.organisationId } })).toBe(0);
  });

  it("rolls everything back when a row fails in the middle of applying", async () => {
    const target = await emptyOrganisation();
    await buildOffice(db(), target.organisationId, { name: "Frankfurt HQ", country: "DE", headcount: 1 });
    const counts = await rowCounts(target.organisationId);
    const before = await inventorySnapshot(target.organisationId);

    // A NUL character passes the schema but PostgreSQL refuses it in text: the policy events,
    // written last, fail after every other row was created or updated.
    const doc = clone(example("frankfurt-manufacturer.json"));
    doc.policyEvents = [
      { key: "bad", kind: "impose", type: "ban", issuer: "EU", scope: {}, restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }], title: "Bad\u0000title", effectiveDate: "2026-01-01", source: "test" },
    ];
    const planned = await planInventoryImport(target, doc);
    expect(planned.ok ? planned.plan.totals : planned.issues).toMatchObject({ update: 1 }); // the office would have been updated
    const error = await applyInventoryImport(target, doc).catch((e: unknown) => e);
    expect(String(error)).toContain("tx.policyEvent.createMany()"); // failed at the last layer, after all the others

    expect(await rowCounts(target.organisationId)).toEqual(counts);
    expect(await inventorySnapshot(target.organisationId)).toBe(before);
  });

  it("rolls back and reports a conflict when a row with the same name appears while importing", async () => {
    const target = await emptyOrganisation();
    const doc = example("frankfurt-manufacturer.json");
    // Two imports at once: the second plans before the first commits, so its creates clash on the
    // unique names. It must fail as a whole (CONFLICT), or, if it planned after, change nothing.
    const results = await Promise.allSettled([applyInventoryImport(target, doc), applyInventoryImport(target, doc)]);
    expect(results.filter((r) => r.status === "fulfilled")).not.toHaveLength(0);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    for (const r of rejected) expect(r.reason).toMatchObject({ name: "AppError", code: "CONFLICT" });
    expect(await db().office.count({ where: { organisationId: target.organisationId } })).toBe(7);
    expect(await db().auditEvent.count({ where: { organisationId: target.organisationId } })).toBe(7 + 9 + 9 + 12 + 13 + 21 + 5);
  });

  it("imports into B without touching A's rows, even where names coincide", async () => {
    const { a, b, ctx } = await twoOrganisations();
    const doc = example("frankfurt-manufacturer.json");
    await importOk(ctx(a, "owner"), doc);
    const aBefore = await inventorySnapshot(a.organisation.id);

    const planned = await planInventoryImport(ctx(b, "editor"), doc);
    expect(planned.ok && planned.plan.totals).toEqual({ create: 7 + 9 + 9 + 12 + 13 + 21 + 5, update: 0, unchanged: 0 });
    const changed = clone(doc);
    changed.offices[0]!.headcount = 1;
    await importOk(ctx(b, "editor"), changed);

    expect(await inventorySnapshot(a.organisation.id)).toBe(aBefore);
    expect((await rowCounts(b.organisation.id)).offices).toBe(7);
  });

  it("lets viewers and analysts preview an import but not apply it", async () => {
    const { a, ctx } = await twoOrganisations();
    const doc = example("frankfurt-manufacturer.json");
    for (const role of ["viewer", "analyst"] as const) {
      expect((await planInventoryImport(ctx(a, role), doc)).ok).toBe(true);
      await expect(applyInventoryImport(ctx(a, role), doc)).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
    }
    expect(await rowCounts(a.organisation.id)).toMatchObject({ offices: 0, vendors: 0, auditEvents: 0 });
  });

  it("notes organisation fields that differ and does not apply them", async () => {
    const target = await emptyOrganisation();
    const planned = await planInventoryImport(target, example("frankfurt-manufacturer.json"));
    if (!planned.ok) throw new Error("must plan");
    expect(planned.plan.notes.join("\n")).toContain("organisation name differs");
    await importOk(target, example("frankfurt-manufacturer.json"));
    expect((await db().organisation.findUniqueOrThrow({ where: { id: target.organisationId } })).name).toBe(target.organisationName);
  });

  it("refuses to change a catalogue vendor's or model's fact away from the catalogue without an own source, and changes nothing", async () => {
    const target = await emptyOrganisation();
    await addVendorFromCatalogue(target, { catalogueKey: "mistral", modelKeys: ["mistral-open"] });
    const { document } = await loadInventoryDocument(target);
    const catalogueSource = catalogueVendor("mistral")!.source;
    expect(document.vendors[0]).toMatchObject({ catalogueKey: "mistral", source: catalogueSource });

    const changed = clone(document);
    changed.vendors[0]!.hqCountry = "DE";
    changed.models[0]!.weights = "closed";
    const before = await inventorySnapshot(target.organisationId);
    const refused = await applyInventoryImport(target, changed);
    expect(refused.ok).toBe(false);
    const issues = refused.ok ? [] : refused.issues;
    expect(issues.map((i) => i.path)).toEqual(["$.vendors[0].source", "$.models[0].source"]);
    expect(issues[0]!.message).toMatch(/^give your own source: hq country differs from the catalogue entry "mistral"/);
    expect(issues[1]!.message).toMatch(/^give your own source: weights differs from the catalogue entry "mistral-open"/);
    expect(await inventorySnapshot(target.organisationId)).toBe(before);

    // With the organisation's own source the vendor's change goes through; an unchanged catalogue model is fine.
    const sourced = clone(document);
    sourced.vendors[0]!.hqCountry = "DE";
    sourced.vendors[0]!.source = "Our due diligence, 2026";
    await importOk(target, sourced);
    expect(await db().vendor.findFirstOrThrow({ where: { organisationId: target.organisationId, catalogueKey: "mistral" } })).toMatchObject({ hqCountry: "DE", source: "Our due diligence, 2026", version: 2 });
  });
});
