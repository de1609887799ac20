// The large-tenant generator at a tiny scale, so it does not rot between benchmark runs: it makes
// what its profile says, in the right organisations, leaves the schema exactly as the migrations
// made it (it drops and rebuilds indexes and foreign keys while loading), and the demo still signs
// in and scores.
import { afterAll, describe, expect, inject, it } from "vitest";
import { DRIFTED_COUNTS_SQL, DRIFTED_SORT_KEYS_SQL } from "@/lib/testing/kept-values";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyPassword } from "@/lib/auth/password";
import { documentFromRows } from "@/lib/inventory/document-rows";
import { readInventoryRows } from "@/lib/inventory/document";
import { parseInventoryDocument } from "@/scoring/parse";
import { DEMO_PASSWORD, DEMO_USERS } from "@/prisma/seed-data";
import { dropDatabase } from "./databases";
import { BENCH_OWNER_EMAIL, COPIED_TABLES, createGeneratedDatabase, LARGE_ORG_SLUG, largeSizes, manySizes, PRACTICE_SLUG } from "./large-tenant";

const made: string[] = [];
afterAll(async () => {
  for (const name of made) await dropDatabase(name);
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every index and constraint of the public schema, by its definition. */
const schemaOf = async (url: string) =>
  (
    await query<{ d: string }>(
      url,
      `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public'
       UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
       ORDER BY 1`,
    )
  ).map((r) => r.d);

async function scores(prisma: PrismaClient, slug: string): Promise<boolean> {
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { slug } });
  const rows = await readInventoryRows(prisma, organisation);
  const parsed = parseInventoryDocument((await documentFromRows(rows)).document);
  if (!parsed.ok) throw new Error(`${slug} does not score: ${parsed.issues.slice(0, 5).map((i) => `${i.path} ${i.message}`).join("; ")}`);
  return true;
}

describe("large-tenant generator", () => {
  it("profile large: the demo organisation grows by the profile's counts, all its own, and still signs in and scores", { timeout: 120_000 }, async () => {
    const scale = 0.001;
    const { name, url, result } = await createGeneratedDatabase({ profile: "large", scale });
    made.push(name);
    const size = largeSizes(scale);
    expect(result.steps.length).toBeGreaterThan(5);

    const [org] = await query<{ id: string }>(url, `SELECT id FROM "Organisation" WHERE slug = $1`, [LARGE_ORG_SLUG]);
    const count = async (sql: string) => Number((await query<{ n: string }>(url, sql, [org!.id]))[0]!.n);
    expect(await count(`SELECT count(*) AS n FROM "Office" WHERE "organisationId" = $1 AND name LIKE 'Bench office %'`)).toBe(size.offices);
    expect(await count(`SELECT count(*) AS n FROM "Vendor" WHERE "organisationId" = $1 AND name LIKE 'Bench vendor %'`)).toBe(size.vendors);
    expect(await count(`SELECT count(*) AS n FROM "Model" WHERE "organisationId" = $1 AND name LIKE 'Bench model %'`)).toBe(size.models);
    expect(await count(`SELECT count(*) AS n FROM "AiSystem" WHERE "organisationId" = $1 AND name LIKE 'Bench system %'`)).toBe(size.aiSystems);
    const benchDeps = `SELECT d.id FROM "Dependency" d JOIN "AiSystem" s ON s.id = d."aiSystemId" WHERE s."organisationId" = $1 AND s.name LIKE 'Bench system %'`;
    expect(await count(`SELECT count(*) AS n FROM (${benchDeps}) x`)).toBe(size.dependencies);
    expect(await count(`SELECT count(*) AS n FROM "Fallback" WHERE "dependencyId" IN (${benchDeps})`)).toBe(size.fallbacks);
    expect(await count(`SELECT count(*) AS n FROM "DataFlow" WHERE "organisationId" = $1 AND name LIKE 'Bench flow %'`)).toBe(size.dataFlows);
    // Nothing generated landed in another organisation.
    for (const [table, column, prefix] of [["Office", "name", "Bench office"], ["Vendor", "name", "Bench vendor"], ["Model", "name", "Bench model"], ["AiSystem", "name", "Bench system"], ["DataFlow", "name", "Bench flow"]] as const) {
      expect(await count(`SELECT count(*) AS n FROM "${table}" WHERE "organisationId" <> $1 AND "${column}" LIKE '${prefix} %'`)).toBe(0);
    }
    // Every reference stays inside the organisation (the composite foreign keys hold it; this says the generator relies on them being there).
    expect(await count(`SELECT count(*) AS n FROM "DataFlow" f JOIN "Vendor" v ON v.id = f."vendorId" WHERE f."organisationId" = $1 AND v."organisationId" <> f."organisationId"`)).toBe(0);
    // The counts and sort keys the database keeps (decision 056) are right after the bulk load.
    expect(await query(url, DRIFTED_COUNTS_SQL)).toEqual([]);
    expect(await query(url, DRIFTED_SORT_KEYS_SQL)).toEqual([]);
    // Loading dropped and rebuilt indexes and foreign keys: the schema is the migrations' exactly.
    expect(await schemaOf(url)).toEqual(await schemaOf(inject("databaseUrl")));

    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const owner = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0]!.email } });
      expect(await verifyPassword(DEMO_PASSWORD, owner.passwordHash)).toBe(true);
      expect(await scores(prisma, LARGE_ORG_SLUG)).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("profile many: organisations shaped like the demo one, each its own, owned by the bench user, the first ones the practice's clients", { timeout: 120_000 }, async () => {
    const scale = 0.003;
    const { name, url } = await createGeneratedDatabase({ profile: "many", scale });
    made.push(name);
    const size = manySizes(scale);
    expect(size.organisations).toBe(3);

    const orgs = await query<{ id: string; slug: string }>(url, `SELECT id, slug FROM "Organisation" WHERE slug LIKE 'bench-org-%' ORDER BY slug`);
    expect(orgs.map((o) => o.slug)).toEqual(["bench-org-0001", "bench-org-0002", "bench-org-0003"]);
    const [source] = await query<{ id: string }>(url, `SELECT id FROM "Organisation" WHERE slug = $1`, [LARGE_ORG_SLUG]);
    for (const table of COPIED_TABLES) {
      const perOrg = await query<{ org: string; n: string }>(url, `SELECT "organisationId" AS org, count(*) AS n FROM "${table}" GROUP BY 1`);
      const of = (id: string) => Number(perOrg.find((r) => r.org === id)?.n ?? 0);
      expect(of(source!.id), table).toBeGreaterThan(0);
      for (const o of orgs) expect(of(o.id), `${table} of ${o.slug}`).toBe(of(source!.id));
    }
    // No copy points at the demo organisation's rows (nor any other organisation's).
    const crossing = await query<{ n: string }>(
      url,
      `SELECT count(*) AS n FROM "DataFlow" f
       LEFT JOIN "Dependency" d ON d.id = f."dependencyId" LEFT JOIN "Office" o ON o.id = f."originOfficeId" JOIN "Vendor" v ON v.id = f."vendorId"
       WHERE d."organisationId" <> f."organisationId" OR o."organisationId" <> f."organisationId" OR v."organisationId" <> f."organisationId"`,
    );
    expect(Number(crossing[0]!.n)).toBe(0);
    // Copies count their own rows: the kept counts and sort keys are right in every organisation.
    expect(await query(url, DRIFTED_COUNTS_SQL)).toEqual([]);
    expect(await query(url, DRIFTED_SORT_KEYS_SQL)).toEqual([]);
    const owned = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND m.role = 'owner'`, [BENCH_OWNER_EMAIL]);
    expect(Number(owned[0]!.n)).toBe(size.organisations);
    const clients = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "PracticeClient" c JOIN "Practice" p ON p.id = c."practiceId" JOIN "Organisation" o ON o.id = c."organisationId" WHERE p.slug = $1 AND o.slug LIKE 'bench-org-%'`, [PRACTICE_SLUG]);
    expect(Number(clients[0]!.n)).toBe(size.practiceClients);

    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const bench = await prisma.user.findUniqueOrThrow({ where: { email: BENCH_OWNER_EMAIL } });
      expect(await verifyPassword(DEMO_PASSWORD, bench.passwordHash)).toBe(true);
      expect(await scores(prisma, "bench-org-0002")).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });
});
