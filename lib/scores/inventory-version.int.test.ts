// The inventory version (docs/decisions/052): the database bumps it once per statement that
// writes what an organisation's live score reads, and the live-score cache is keyed by it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { scoredClient } from "@/lib/testing/practice-fixtures";
import { buildOffice, buildOrganisation, buildPracticeWithMembers } from "@/prisma/factories";
import { buildAiSystem, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import { inventoryVersions, loadLiveScore, scoreOrganisation, scoreOrganisations, type LiveScore } from "./queries";
import { throughVersionCache, VersionedLru } from "./score-cache";
import { restrictionsInForceOf, scoresDashboardOf, worldMapOf } from "./derived";
import { applyInventoryImport } from "@/lib/inventory/import";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { listPortfolio } from "@/lib/practices/queries";
import type { OrgContext } from "@/lib/auth/org-context";

const ASOF = "2026-11-22";

/** The organisation's inventory version as stored (no row: 0). */
async function versionOf(organisationId: string): Promise<bigint> {
  const row = await db().inventoryVersion.findUnique({ where: { organisationId }, select: { version: true } });
  return row?.version ?? 0n;
}

/** Runs `write` and answers how much it bumped each organisation's version. */
async function bumps(organisationIds: string[], write: () => Promise<unknown>): Promise<number[]> {
  const before = await Promise.all(organisationIds.map(versionOf));
  await write();
  const after = await Promise.all(organisationIds.map(versionOf));
  return after.map((v, i) => Number(v - before[i]!));
}

/** What one organisation's inventory needs before rows of every table can be written. */
async function basics(organisationId: string) {
  const offices = [await buildOffice(db(), organisationId), await buildOffice(db(), organisationId), await buildOffice(db(), organisationId)];
  const vendor = await buildVendor(db(), organisationId);
  const models = [await buildModel(db(), organisationId, vendor.id), await buildModel(db(), organisationId, vendor.id), await buildModel(db(), organisationId, vendor.id)];
  const system = await buildAiSystem(db(), organisationId);
  const dependency = await buildDependency(db(), organisationId, system.id, models[0]!.id);
  return { offices, vendor, models, system, dependency };
}
type Basics = Awaited<ReturnType<typeof basics>>;

/** Per inventory table: a multi-row insert, update and delete of one organisation's rows (some through raw SQL, as a script would). */
const TABLES: Record<string, { insert: (org: string, b: Basics) => Promise<unknown>; update: (org: string) => Promise<unknown>; remove: (org: string) => Promise<unknown> }> = {
  Office: {
    insert: (org) => db().office.createMany({ data: [1, 2, 3].map((i) => ({ organisationId: org, name: `Bump office ${i}`, country: "FR", city: "Lyon" })) }),
    update: (org) => db().office.updateMany({ where: { organisationId: org }, data: { city: "Paris" } }),
    remove: (org) => db().office.deleteMany({ where: { organisationId: org, name: { startsWith: "Bump" } } }),
  },
  Vendor: {
    insert: (org) => db().vendor.createMany({ data: [1, 2, 3].map((i) => ({ organisationId: org, name: `Bump vendor ${i}`, vendorType: "other" as const, hqCountry: "FR" })) }),
    update: (org) => db().$executeRaw`UPDATE "Vendor" SET "hqCountry" = 'DE' WHERE "organisationId" = ${org}::uuid`,
    remove: (org) => db().vendor.deleteMany({ where: { organisationId: org, name: { startsWith: "Bump" } } }),
  },
  Model: {
    insert: (org, b) => db().model.createMany({ data: [1, 2, 3].map((i) => ({ organisationId: org, vendorId: b.vendor.id, name: `Bump model ${i}`, family: "f", weights: "open" as const, licence: "MIT" })) }),
    update: (org) => db().model.updateMany({ where: { organisationId: org }, data: { family: "changed" } }),
    remove: (org) => db().$executeRaw`DELETE FROM "Model" WHERE "organisationId" = ${org}::uuid AND name LIKE 'Bump%'`,
  },
  AiSystem: {
    insert: (org) => db().aiSystem.createMany({ data: [1, 2, 3].map((i) => ({ organisationId: org, name: `Bump system ${i}`, owner: "Ops", criticality: "low" as const, toleratedDowntimeMinutes: 60 })) }),
    update: (org) => db().aiSystem.updateMany({ where: { organisationId: org }, data: { owner: "Platform" } }),
    remove: (org) => db().aiSystem.deleteMany({ where: { organisationId: org, name: { startsWith: "Bump" } } }),
  },
  AiSystemOffice: {
    insert: (org, b) => db().aiSystemOffice.createMany({ data: b.offices.map((o) => ({ organisationId: org, aiSystemId: b.system.id, officeId: o.id })) }),
    // Links have no field of their own to edit: a raw no-op update still counts as a write.
    update: (org) => db().$executeRaw`UPDATE "AiSystemOffice" SET "officeId" = "officeId" WHERE "organisationId" = ${org}::uuid`,
    remove: (org) => db().aiSystemOffice.deleteMany({ where: { organisationId: org } }),
  },
  Dependency: {
    insert: (org, b) => db().dependency.createMany({ data: b.models.map((m) => ({ organisationId: org, aiSystemId: b.system.id, modelId: m.id, accessPath: "self_hosted" as const })) }),
    update: (org) => db().dependency.updateMany({ where: { organisationId: org }, data: { hostingCountry: "DE" } }),
    remove: (org) => db().dependency.deleteMany({ where: { organisationId: org, accessPath: "self_hosted" } }),
  },
  Fallback: {
    insert: (org, b) => db().fallback.createMany({ data: b.models.map((m) => ({ organisationId: org, dependencyId: b.dependency.id, modelId: m.id, accessPath: "self_hosted" as const })) }),
    update: (org) => db().fallback.updateMany({ where: { organisationId: org }, data: { lastTestedAt: new Date("2026-10-01T00:00:00Z") } }),
    remove: (org) => db().fallback.deleteMany({ where: { organisationId: org } }),
  },
  // A thousand rows in one statement bump once.
  DataFlow: {
    insert: (org, b) =>
      db().dataFlow.createMany({
        data: Array.from({ length: 1000 }, (_, i) => ({ organisationId: org, name: `Bump flow ${i}`, originOfficeId: b.offices[i % 3]!.id, dependencyId: b.dependency.id, vendorId: b.vendor.id, processingCountry: "US", volume: "low" as const, transferMechanism: "scc" as const, encryption: "in_transit" as const })),
      }),
    update: (org) => db().dataFlow.updateMany({ where: { organisationId: org }, data: { processingCountry: "IE" } }),
    remove: (org) => db().dataFlow.deleteMany({ where: { organisationId: org } }),
  },
  PolicyEvent: {
    insert: (org) => db().policyEvent.createMany({ data: [1, 2, 3].map((i) => ({ organisationId: org, key: `bump-${i}`, title: `Bump ${i}`, kind: "impose" as const, effectiveDate: new Date("2026-01-01T00:00:00Z"), source: "Test" })) }),
    update: (org) => db().policyEvent.updateMany({ where: { organisationId: org }, data: { summary: "changed" } }),
    remove: (org) => db().policyEvent.deleteMany({ where: { organisationId: org } }),
  },
};

describe("the inventory version", () => {
  let a: string;
  let b: string;
  let basicsA: Basics;
  beforeAll(async () => {
    const w = await twoOrganisations();
    a = w.a.organisation.id;
    b = w.b.organisation.id;
    basicsA = await basics(a);
    await basics(b);
  });

  for (const [table, write] of Object.entries(TABLES)) {
    it(`${table}: an insert, an update and a delete each bump the organisation written once, and no other`, async () => {
      expect(await bumps([a, b], () => write.insert(a, basicsA))).toEqual([1, 0]);
      expect(await bumps([a, b], () => write.update(a))).toEqual([1, 0]);
      expect(await bumps([a, b], () => write.remove(a))).toEqual([1, 0]);
    });
  }

  it("a statement that writes no row bumps nothing", async () => {
    expect(await bumps([a, b], () => db().dataFlow.updateMany({ where: { organisationId: a, name: "no such flow" }, data: { processingCountry: "IE" } }))).toEqual([0, 0]);
  });

  it("a statement that writes two organisations' rows bumps each once", async () => {
    expect(await bumps([a, b], () => db().office.updateMany({ where: { organisationId: { in: [a, b] } }, data: { headcount: 5 } }))).toEqual([1, 1]);
  });

  it("the organisation's own scored fields bump it; its other settings do not", async () => {
    expect(await bumps([a, b], () => db().organisation.update({ where: { id: a }, data: { hqCountry: "FR" } }))).toEqual([1, 0]);
    expect(await bumps([a, b], () => db().organisation.update({ where: { id: a }, data: { regimes: ["gdpr", "dora"] } }))).toEqual([1, 0]);
    expect(await bumps([a, b], () => db().organisation.update({ where: { id: a }, data: { apiTokenDefaultDays: 30, version: { increment: 1 } } }))).toEqual([0, 0]);
  });

  it("deleting an organisation with an inventory still works (its cascade does not recreate its version)", async () => {
    const c = await buildOrganisation(db());
    await basics(c.id);
    expect(await versionOf(c.id)).toBeGreaterThan(0n);
    await db().organisation.delete({ where: { id: c.id } });
    expect(await db().inventoryVersion.count({ where: { organisationId: c.id } })).toBe(0);
    expect(await db().office.count({ where: { organisationId: c.id } })).toBe(0);
  });

  it("an import that fails part-way bumps nothing: its bumps roll back with its rows", async () => {
    await seedDemo(db());
    const mainfeld = await db().organisation.findUniqueOrThrow({ where: { slug: DEMO_ORG_SLUGS.mainfeld }, select: { id: true, slug: true, name: true } });
    const owner = await db().membership.findFirstOrThrow({ where: { organisationId: mainfeld.id, role: "owner" }, select: { userId: true } });
    const { document } = await loadInventoryDocument(contextFor(mainfeld, owner.userId, "owner"));
    const w = await twoOrganisations();
    const target = w.b.organisation.id;
    // The import writes offices, vendors and models before its data flows; this makes the data
    // flows' insert fail inside the import's transaction, for this organisation only.
    const fn = `fail_flows_${target.replaceAll("-", "")}`;
    await db().$executeRawUnsafe(`CREATE FUNCTION "${fn}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."organisationId" = '${target}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER "${fn}" BEFORE INSERT ON "DataFlow" FOR EACH ROW EXECUTE FUNCTION "${fn}"()`);
    try {
      const before = await versionOf(target);
      await expect(applyInventoryImport(w.ctx(w.b, "owner"), document)).rejects.toThrow(/refused by the test/);
      expect(await db().office.count({ where: { organisationId: target } })).toBe(0); // rolled back
      expect(await versionOf(target)).toBe(before);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER "${fn}" ON "DataFlow"`);
      await db().$executeRawUnsafe(`DROP FUNCTION "${fn}"()`);
    }
    // The same import, allowed, bumps the version (a few statements, not one per row).
    const before = await versionOf(target);
    const done = await applyInventoryImport(w.ctx(w.b, "owner"), document);
    expect(done.ok).toBe(true);
    const after = await versionOf(target);
    expect(after).toBeGreaterThan(before);
    expect(Number(after - before)).toBeLessThan(document.dataFlows!.length);
  });
});

describe("the live-score cache", () => {
  // Another app instance: its own client and pool, writing to the same database.
  const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }) });
  afterAll(() => other.$disconnect());

  let ctx: OrgContext;
  beforeAll(async () => {
    const w = await twoOrganisations();
    ctx = w.ctx(w.a, "analyst");
    const { offices, system } = await basics(w.a.organisation.id);
    await db().aiSystemOffice.create({ data: { organisationId: w.a.organisation.id, aiSystemId: system.id, officeId: offices[0]!.id } });
  });

  it("answers the same object while nothing changed, and a fresh score after another instance's write", async () => {
    const first = await scoreOrganisation(ctx, ASOF);
    if (!first.ok) throw new Error(`should score: ${JSON.stringify(first.issues)}`);
    expect(await scoreOrganisation(ctx, ASOF)).toBe(first);
    await other.office.create({ data: { organisationId: ctx.organisationId, name: "Opened by another instance", country: "JP", city: "Tokyo" } });
    const after = await scoreOrganisation(ctx, ASOF);
    expect(after).not.toBe(first);
    if (!after.ok) throw new Error("should score");
    expect(after.document.offices.map((o) => o.name)).toContain("Opened by another instance");
    expect(first.document.offices.map((o) => o.name)).not.toContain("Opened by another instance");
    expect(await scoreOrganisation(ctx, ASOF)).toBe(after);
  });

  it("keys on the date too: another date scores again", async () => {
    const today = await scoreOrganisation(ctx, ASOF);
    const later = await scoreOrganisation(ctx, "2027-01-01");
    expect(later).not.toBe(today);
    expect(await scoreOrganisation(ctx, "2027-01-01")).toBe(later);
  });

  it("keeps the derived page data with the cached score, and derives again after a write", async () => {
    const live = await scoreOrganisation(ctx, ASOF);
    if (!live.ok) throw new Error("should score");
    const dashboard = scoresDashboardOf(live);
    expect(dashboard.vendors.length).toBeGreaterThan(0);
    expect(scoresDashboardOf((await scoreOrganisation(ctx, ASOF)) as typeof live)).toBe(dashboard);
    expect(worldMapOf(live)).toBe(worldMapOf(live));
    expect(restrictionsInForceOf(live)).toBe(restrictionsInForceOf(live));
    await other.aiSystem.updateMany({ where: { organisationId: ctx.organisationId }, data: { criticality: "critical" } });
    const after = await scoreOrganisation(ctx, ASOF);
    if (!after.ok) throw new Error("should score");
    const redrawn = scoresDashboardOf(after);
    expect(redrawn).not.toBe(dashboard);
    expect(redrawn.heatMap.cells[0]!.flatMap((c) => c.systems).length).toBeGreaterThan(0); // the "critical" row now holds the system
  });

  it("a write that commits between the version read and the inventory read: stored under the older version, so the next request reloads", async () => {
    const cache = new VersionedLru<LiveScore>(10);
    const key = (c: OrgContext) => `${c.organisationId}@${ASOF}`;
    let loads = 0;
    const load = async (c: OrgContext) => {
      loads += 1;
      return loadLiveScore(c, ASOF);
    };
    const v = await versionOf(ctx.organisationId);
    // The first request reads version v; before it reads the inventory, another instance commits a new office (v + 1).
    const [racing] = await throughVersionCache(cache, [ctx], key, inventoryVersions, async (c) => {
      await other.office.create({ data: { organisationId: c.organisationId, name: "Committed mid-request", country: "IT", city: "Rome" } });
      return load(c);
    });
    expect(await versionOf(ctx.organisationId)).toBe(v + 1n);
    // It read the newer inventory (never older than the version it keys it under) ...
    expect(racing?.ok && racing.document.offices.some((o) => o.name === "Committed mid-request")).toBe(true);
    // ... and the next request, seeing v + 1, does not trust the entry stored under v: it loads again.
    const [next] = await throughVersionCache(cache, [ctx], key, inventoryVersions, load);
    expect(loads).toBe(2);
    expect(next).not.toBe(racing);
    expect(next?.ok && next.document.offices.some((o) => o.name === "Committed mid-request")).toBe(true);
    // And then it is served from the cache.
    const [third] = await throughVersionCache(cache, [ctx], key, inventoryVersions, load);
    expect(third).toBe(next);
    expect(loads).toBe(2);
  });

  it("a slow load of an older version that finishes last does not replace the newer entry", async () => {
    const cache = new VersionedLru<LiveScore>(10);
    const key = (c: OrgContext) => `${c.organisationId}@${ASOF}`;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const slowStarted = new Promise<void>((resolve) => (started = resolve));
    // Request 1 reads version v and stalls before reading the inventory.
    const slow = throughVersionCache(cache, [ctx], key, inventoryVersions, async (c) => {
      started();
      await gate;
      return loadLiveScore(c, ASOF);
    });
    await slowStarted;
    // Another instance writes (v + 1); request 2 reads v + 1, loads and stores it.
    await other.office.create({ data: { organisationId: ctx.organisationId, name: "Written while request 1 stalled", country: "ES", city: "Madrid" } });
    const [fresh] = await throughVersionCache(cache, [ctx], key, inventoryVersions, (c) => loadLiveScore(c, ASOF));
    release();
    await slow;
    // Request 3 (at v + 1) gets request 2's entry, not request 1's late one.
    let loaded = false;
    const [third] = await throughVersionCache(cache, [ctx], key, inventoryVersions, async (c) => {
      loaded = true;
      return loadLiveScore(c, ASOF);
    });
    expect(loaded).toBe(false);
    expect(third).toBe(fresh);
  });

  it("callers that miss on the same version at the same time share one load", async () => {
    const cache = new VersionedLru<LiveScore>(10);
    let loads = 0;
    const load = async (c: OrgContext) => {
      loads += 1;
      return loadLiveScore(c, ASOF);
    };
    const key = (c: OrgContext) => `${c.organisationId}@${ASOF}`;
    const [[x], [y]] = await Promise.all([throughVersionCache(cache, [ctx], key, inventoryVersions, load), throughVersionCache(cache, [ctx], key, inventoryVersions, load)]);
    expect(loads).toBe(1);
    expect(y).toBe(x);
  });

  it("evicts the least recently used entry beyond its capacity", () => {
    const cache = new VersionedLru<string>(2);
    cache.set("a", 1n, "A");
    cache.set("b", 1n, "B");
    expect(cache.get("a", 1n)).toBe("A"); // a is now the most recently used
    cache.set("c", 1n, "C");
    expect(cache.get("b", 1n)).toBeUndefined();
    expect(cache.get("a", 1n)).toBe("A");
    expect(cache.get("a", 2n)).toBeUndefined(); // another version misses
    expect(cache.size).toBe(2);
  });

  it("still checks the caller's role before answering from the cache", async () => {
    const cached = await scoreOrganisation(ctx, ASOF);
    expect(await scoreOrganisation(ctx, ASOF)).toBe(cached);
    // Every role may read scores today; a context without a known role is refused although the score is cached.
    await expect(scoreOrganisation({ ...ctx, role: "nobody" as never }, ASOF)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(scoreOrganisations([ctx, { ...ctx, role: "nobody" as never }], ASOF)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("a portfolio's cache check", () => {
  const counter = createQueryCounter();
  afterAll(() => counter.close());

  it("reads every client's inventory version in one query, and nothing of an unchanged inventory", async () => {
    const p = await buildPracticeWithMembers(db());
    const clients = [await scoredClient(p), await scoredClient(p), await scoredClient(p)];
    const ctx = { practiceId: p.practice.id, practiceSlug: p.practice.slug, practiceName: p.practice.name, userId: p.users.partner.id, role: "partner" as const };
    const cold = await counter.count(() => listPortfolio(ctx));
    expect(cold.result.filter((c) => c.score !== null)).toHaveLength(3);
    expect(cold.statements.filter((s) => s.includes('"InventoryVersion"'))).toHaveLength(1);
    const warm = await counter.count(() => listPortfolio(ctx));
    expect(warm.statements.filter((s) => s.includes('"InventoryVersion"'))).toHaveLength(1);
    // The portfolio's own query and the version read; no inventory table is read again.
    expect(warm.statements.filter((s) => /FROM "public"\."(Office|DataFlow|Dependency|AiSystem)"/.test(s))).toEqual([]);
    expect(warm.statements).toHaveLength(2);
    // One client changes: only it is read again.
    await db().office.updateMany({ where: { organisationId: clients[1]!.organisation.id }, data: { headcount: 999 } });
    const oneChanged = await counter.count(() => listPortfolio(ctx));
    expect(oneChanged.statements.filter((s) => /FROM "public"\."Office"/.test(s))).toHaveLength(1);
  });

  it("scoreOrganisations reads the versions of several organisations in one query", async () => {
    const w = await twoOrganisations();
    await buildOffice(db(), w.a.organisation.id);
    await buildOffice(db(), w.b.organisation.id);
    const ctxs = [w.ctx(w.a, "viewer"), w.ctx(w.b, "viewer")];
    await scoreOrganisations(ctxs, ASOF);
    const { statements } = await counter.count(() => scoreOrganisations(ctxs, ASOF));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('"InventoryVersion"');
  });
});
