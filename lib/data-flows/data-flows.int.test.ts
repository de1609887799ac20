import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFlowListSpec, listDataFlowsPage } from "./queries";
import { parseListParams } from "@/lib/list-params";
import { buildOffice } from "@/prisma/factories";
import { buildAiSystem, buildDataFlow, buildDependency, buildLargeInventory, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { db, twoOrganisations } from "@/lib/testing/db";

const state = (params: Record<string, string> = {}) => parseListParams(dataFlowListSpec, params).state;
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe("listDataFlowsPage", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());

  beforeAll(async () => {
    w = await twoOrganisations();
    const org = w.a.organisation.id;
    const frankfurt = await buildOffice(db(), org, { name: "Frankfurt HQ" });
    const nagoya = await buildOffice(db(), org, { name: "Nagoya", country: "JP" });
    const openai = await buildVendor(db(), org, { name: "OpenAI" });
    const ovh = await buildVendor(db(), org, { name: "OVHcloud", vendorType: "cloud_provider", hqCountry: "FR" });
    const gpt = await buildModel(db(), org, openai.id);
    const support = await buildAiSystem(db(), org, { name: "Support chat" });
    const translation = await buildAiSystem(db(), org, { name: "Translation" });
    const dSupport = await buildDependency(db(), org, support.id, gpt.id);
    const dTranslation = await buildDependency(db(), org, translation.id, gpt.id, { accessPath: "third_party_hosted", cloudVendorId: ovh.id, hostingRegion: "Gravelines" });
    await buildDataFlow(db(), org, openai.id, { name: "Customer chats to OpenAI", originOfficeId: frankfurt.id, dependencyId: dSupport.id, dataCategories: ["personal", "internal"] });
    await buildDataFlow(db(), org, ovh.id, {
      name: "Service reports to OVHcloud",
      originOfficeId: nagoya.id,
      dependencyId: dTranslation.id,
      processingCountry: "FR",
      processingRegion: "Gravelines",
      transferMechanism: "adequacy",
      encryption: "customer_managed_keys",
    });
    await buildDataFlow(db(), org, openai.id, { name: "Ad-hoc uploads", transferMechanism: "none", encryption: "none", dataCategories: ["trade_secret"] });
    const bVendor = await buildVendor(db(), w.b.organisation.id, { name: "OpenAI" });
    await buildDataFlow(db(), w.b.organisation.id, bVendor.id, { name: "Customer chats of B" });
  });

  it("totals an unfiltered list from the inventory's counts, which follow every write; a filtered total is counted", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect((await listDataFlowsPage(ctx, state())).total).toBe(3);
    expect((await listDataFlowsPage(w.ctx(w.b, "viewer"), state())).total).toBe(1); // B's own count, not A's cached one
    // Written around the app (as another instance or a script would): the inventory version moves and the total with it.
    const vendor = await db().vendor.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, name: "OpenAI" }, select: { id: true } });
    const added = await buildDataFlow(db(), w.a.organisation.id, vendor.id, { name: "Counted later" });
    expect((await listDataFlowsPage(ctx, state())).total).toBe(4);
    expect((await listDataFlowsPage(ctx, state({ "f.vendor": "ovh" }))).total).toBe(1);
    await db().dataFlow.delete({ where: { id: added.id } });
    expect((await listDataFlowsPage(ctx, state())).total).toBe(3);
  });

  it("shows origin office, the AI system of the dependency, vendor and processing place", async () => {
    const page = await listDataFlowsPage(w.ctx(w.a, "viewer"), state({ q: "service" }));
    expect(page.rows).toEqual([
      {
        id: expect.any(String),
        name: "Service reports to OVHcloud",
        originOffice: { id: expect.any(String), name: "Nagoya" },
        aiSystemName: "Translation",
        vendorName: "OVHcloud",
        processingCountry: "FR",
        processingRegion: "Gravelines",
        dataCategories: ["internal"],
        transferMechanism: "adequacy",
        encryption: "customer_managed_keys",
      },
    ]);
  });

  it("searches a flow's name, processing region, vendor and origin office, case-insensitively, within the organisation", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listDataFlowsPage(ctx, state({ q: "AD-HOC" })))).toEqual(["Ad-hoc uploads"]);
    expect(names(await listDataFlowsPage(ctx, state({ q: "gravel" })))).toEqual(["Service reports to OVHcloud"]);
    expect(names(await listDataFlowsPage(ctx, state({ q: "ovhcl" })))).toEqual(["Service reports to OVHcloud"]);
    expect(names(await listDataFlowsPage(ctx, state({ q: "frankfurt" })))).toEqual(["Customer chats to OpenAI"]);
    expect(names(await listDataFlowsPage(ctx, state({ q: "openai" })))).toEqual(["Ad-hoc uploads", "Customer chats to OpenAI"]);
    expect((await listDataFlowsPage(ctx, state({ q: "openai" }))).total).toBe(2);
    expect(names(await listDataFlowsPage(ctx, state({ q: "nothing like it" })))).toEqual([]);
    // B's vendor is also called OpenAI: B finds only its own flow by it, A never B's.
    expect(names(await listDataFlowsPage(w.ctx(w.b, "viewer"), state({ q: "openai" })))).toEqual(["Customer chats of B"]);
  });

  it("sorts by AI system and by vendor", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listDataFlowsPage(ctx, state({ sort: "aiSystem.asc" })))).toEqual(["Customer chats to OpenAI", "Service reports to OVHcloud", "Ad-hoc uploads"]);
    const vendorsAsc = (await listDataFlowsPage(ctx, state({ sort: "vendor.asc" }))).rows.map((r) => r.vendorName);
    const vendorsDesc = (await listDataFlowsPage(ctx, state({ sort: "vendor.desc" }))).rows.map((r) => r.vendorName);
    expect(new Set(vendorsAsc)).toEqual(new Set(["OpenAI", "OVHcloud"]));
    expect(vendorsDesc).toEqual([...vendorsAsc].reverse());
  });

  it("sorts by every column with descending exactly ascending reversed, ties by the flow's name; a flow without an AI system or region comes last ascending", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listDataFlowsPage(ctx, state({ sort: "originOffice.asc" })))).toEqual(["Customer chats to OpenAI", "Service reports to OVHcloud", "Ad-hoc uploads"]);
    expect(names(await listDataFlowsPage(ctx, state({ sort: "processing.asc" })))).toEqual(["Service reports to OVHcloud", "Ad-hoc uploads", "Customer chats to OpenAI"]);
    expect(names(await listDataFlowsPage(ctx, state({ sort: "transferMechanism.asc" })))).toEqual(["Service reports to OVHcloud", "Customer chats to OpenAI", "Ad-hoc uploads"]); // the enum's declared order
    for (const id of dataFlowListSpec.sortable) {
      const asc = names(await listDataFlowsPage(ctx, state({ sort: `${id}.asc` })));
      const desc = names(await listDataFlowsPage(ctx, state({ sort: `${id}.desc` })));
      expect(asc, id).toHaveLength(3);
      expect(desc, id).toEqual([...asc].reverse());
    }
  });

  it("counts a filtered view once per inventory version: paging and re-sorting reuse it, any write recounts, and views and organisations never share one", async () => {
    const ctx = w.ctx(w.a, "viewer");
    const view = { "f.encryption": "none", q: "upload" };
    expect((await listDataFlowsPage(ctx, state(view))).total).toBe(1);
    const counts = (statements: string[]) => statements.filter((s) => /SELECT COUNT\(/i.test(s)).length;
    const again = await counter.count(() => listDataFlowsPage(ctx, state({ ...view, sort: "vendor.desc", page: "2" })));
    expect(counts(again.statements)).toBe(0);
    expect(again.result.total).toBe(1);
    // Another view of the same list, and the same view in B, are counted for themselves.
    expect((await listDataFlowsPage(ctx, state({ "f.encryption": "none" }))).total).toBe(1);
    expect((await listDataFlowsPage(w.ctx(w.b, "viewer"), state(view))).total).toBe(0);
    // A write anywhere in A's inventory (here an office, written around the app) recounts.
    const vendor = await db().vendor.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, name: "OpenAI" }, select: { id: true } });
    const added = await buildDataFlow(db(), w.a.organisation.id, vendor.id, { name: "More uploads", encryption: "none" });
    const after = await counter.count(() => listDataFlowsPage(ctx, state(view)));
    expect(counts(after.statements)).toBe(1);
    expect(after.result.total).toBe(2);
    await db().dataFlow.delete({ where: { id: added.id } });
    expect((await listDataFlowsPage(ctx, state(view))).total).toBe(1);
  });

  it("filters by processing country, data category, transfer mechanism, encryption and vendor", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listDataFlowsPage(ctx, state({ "f.processingCountry": "FR" })))).toEqual(["Service reports to OVHcloud"]);
    expect(names(await listDataFlowsPage(ctx, state({ "f.category": "personal" })))).toEqual(["Customer chats to OpenAI"]);
    expect(names(await listDataFlowsPage(ctx, state({ "f.transferMechanism": "none" })))).toEqual(["Ad-hoc uploads"]);
    expect(names(await listDataFlowsPage(ctx, state({ "f.encryption": "customer_managed_keys" })))).toEqual(["Service reports to OVHcloud"]);
    expect(names(await listDataFlowsPage(ctx, state({ "f.vendor": "openai" })))).toEqual(["Ad-hoc uploads", "Customer chats to OpenAI"]);
  });

  it("never returns another organisation's data flows", async () => {
    expect(names(await listDataFlowsPage(w.ctx(w.a, "viewer"), state({ q: "customer chats" })))).toEqual(["Customer chats to OpenAI"]);
    expect(names(await listDataFlowsPage(w.ctx(w.b, "viewer"), state()))).toEqual(["Customer chats of B"]);
  });

  it("answers in one query for the page (relations joined) and one for the count", async () => {
    const { statements } = await counter.count(() => listDataFlowsPage(w.ctx(w.a, "viewer"), state({ sort: "aiSystem.desc" })));
    expect(statements.filter((s) => s.startsWith("SELECT")).length).toBeLessThanOrEqual(6);
    expect(statements.length).toBeLessThanOrEqual(10);
  });

  // Building 5,000 systems with their flows takes most of the time (20-30 s on a busy 2-core
  // machine); the budget under test is the page query's, asserted below.
  it("stays fast at 5,000 data flows", { timeout: 120_000 }, async () => {
    const big = await twoOrganisations();
    await buildLargeInventory(db(), big.a.organisation.id, 5000);
    const ctx = big.ctx(big.a, "viewer");
    await listDataFlowsPage(ctx, state());
    const started = performance.now();
    const { result, statements } = await counter.count(() => listDataFlowsPage(ctx, state({ sort: "aiSystem.desc", page: "10", size: "250", "f.processingCountry": "US" })));
    const ms = performance.now() - started;
    expect({ total: result.total, rows: result.rows.length }).toEqual({ total: 2500, rows: 250 });
    expect(statements.length).toBeLessThanOrEqual(10);
    expect(ms).toBeLessThan(1000);
    console.log(`listDataFlowsPage, 5,000 flows, page 10 of 250 sorted by AI system: ${statements.length} statements, ${ms.toFixed(0)} ms`);
    // The kept names sort as the joined rows do: a page sorted by them is the page that joining every
    // flow to its AI system or vendor and sorting gives, the way the list once did.
    for (const sort of ["aiSystem.desc", "vendor.asc", "name.desc"] as const) {
      const deep = await listDataFlowsPage(ctx, state({ sort, page: "9", size: "250" }));
      const [id, dir] = sort.split(".") as ["aiSystem" | "vendor" | "name", "asc" | "desc"];
      const joined = await db().dataFlow.findMany({
        where: { organisationId: big.a.organisation.id },
        orderBy: [id === "aiSystem" ? { dependency: { aiSystem: { name: dir } } } : id === "vendor" ? { vendor: { name: dir } } : { name: dir }, { name: dir }],
        skip: 2000,
        take: 250,
        select: { name: true, vendor: { select: { name: true } }, dependency: { select: { aiSystem: { select: { name: true } } } } },
      });
      expect(deep.rows.map((r) => [r.name, r.vendorName, r.aiSystemName]), sort).toEqual(joined.map((r) => [r.name, r.vendor.name, r.dependency?.aiSystem.name ?? null]));
    }
  });
});
