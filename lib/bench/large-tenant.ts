// Large-tenant data for benchmarks (issue 18). Two profiles, each written into a database that
// already holds the migrated schema and the seeded demo:
//
// - large: ONE organisation (the demo's "mainfeld", so the benches' URLs and the demo sign-in keep
//   working) grows by 20,000 AI systems, 100,000 dependencies (a fallback on every third) and
//   500,000 data flows, over ~200 offices, ~300 vendors and ~1,000 models;
// - many: 1,000 organisations shaped like the demo organisation (a copy of mainfeld's inventory
//   each), every one owned by one bench user, 200 of them clients of the demo practice.
//
// `scale` shrinks a profile proportionally (0.1: 2,000 AI systems, 100 organisations): the
// benchmark compares two scales to show what does not grow linearly.
//
// Everything is written with INSERT ... SELECT over generate_series on ONE connection (the temp
// tables that map row numbers to ids live in that session), not row by row through Prisma: the
// 500,000 data flows take seconds, not minutes. The schema gives ids no database default (Prisma
// makes UUIDv7s), so the SQL makes UUIDv7s itself: time-ordered like the app's, and accepted by
// every zod uuid check. Audit tables are not written: this is bench data, not anybody's action.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/lib/runtime/database";
import { seedDemo } from "@/prisma/seed";
import { createDatabase, createNamedDatabase, dropDatabase } from "./databases";

export type Profile = "large" | "many";

/** What the large profile adds to the demo organisation at `scale` (1 = issue 18's tenant). */
export interface LargeSizes {
  offices: number;
  vendors: number;
  models: number;
  aiSystems: number;
  dependencies: number;
  /** One on every third dependency. */
  fallbacks: number;
  dataFlows: number;
}

export const DEPENDENCIES_PER_SYSTEM = 5;
export const FLOWS_PER_DEPENDENCY = 5;
/** The demo organisation the large profile grows, and the source of the many profile's copies. */
export const LARGE_ORG_SLUG = "mainfeld";
/** The practice whose portfolio gets the many profile's first clients. */
export const PRACTICE_SLUG = "northbridge-advisory";
/** The user who owns every organisation of the many profile (signs in with the demo password). */
export const BENCH_OWNER_EMAIL = "bench.owner@sovra.example";
export const PORTFOLIO_CLIENTS = 200;

export function largeSizes(scale: number): LargeSizes {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  const aiSystems = n(20_000, 1);
  const dependencies = aiSystems * DEPENDENCIES_PER_SYSTEM;
  // At least 60 models, so that an AI system's five dependencies (models i*5 + j*13) are distinct.
  return { offices: n(200, 3), vendors: n(300, 8), models: n(1_000, 60), aiSystems, dependencies, fallbacks: Math.ceil(dependencies / 3), dataFlows: dependencies * FLOWS_PER_DEPENDENCY };
}

export interface ManySizes {
  organisations: number;
  /** How many of them are clients of the demo practice. */
  practiceClients: number;
}

export function manySizes(scale: number): ManySizes {
  const organisations = Math.max(1, Math.round(1_000 * scale));
  return { organisations, practiceClients: Math.min(PORTFOLIO_CLIENTS, organisations) };
}

export interface Step {
  what: string;
  rows: number;
  ms: number;
}

export interface GenerateResult {
  profile: Profile;
  scale: number;
  steps: Step[];
  totalMs: number;
}

/** A UUIDv7 made in SQL: the current millisecond in the first 48 bits, version 7, the rest random (from a v4, whose variant bits it keeps). */
const UUID7 = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

/** `xs` as a SQL array literal indexed by `index` (0-based), cast to `type`. */
const pick = (xs: readonly string[], index: string, type = "text") => `(ARRAY[${xs.map((x) => `'${x}'`).join(",")}]::${type}[])[(${index}) % ${xs.length} + 1]`;

const COUNTRIES = ["DE", "FR", "NL", "PL", "ES", "IT", "US", "GB", "IE", "SE", "AT", "BE", "CH", "DK", "FI", "PT", "CZ", "CA", "JP", "SG"];
const VENDOR_TYPES = ["frontier_lab", "hyperscaler", "cloud_provider", "open_weight_publisher", "reseller", "other"];
const ACCESS_PATHS = ["direct_api", "cloud_marketplace", "third_party_hosted", "self_hosted"];
const CATEGORIES = ["public", "internal", "personal", "special_category", "trade_secret", "regulated"];
const MECHANISMS = ["not_required", "adequacy", "scc", "bcr", "derogation", "none"];
const ENCRYPTIONS = ["none", "in_transit", "at_rest", "in_transit_and_at_rest", "customer_managed_keys"];

class Steps {
  readonly steps: Step[] = [];
  private readonly started = performance.now();
  constructor(
    private readonly client: pg.Client,
    private readonly log: (msg: string) => void,
  ) {}
  /** Runs one statement or several as a named, timed step (the rows: the most any of them wrote). */
  async run(what: string, ...sql: string[]): Promise<number> {
    const t0 = performance.now();
    let rows = 0;
    for (const s of sql) rows = Math.max(rows, (await this.client.query(s)).rowCount ?? 0);
    const ms = performance.now() - t0;
    this.steps.push({ what, rows, ms });
    this.log(`${what.padEnd(42)} ${rows.toLocaleString("en-GB").padStart(9)} rows  ${(ms / 1000).toFixed(1).padStart(6)} s`);
    return rows;
  }
  /**
   * `insert` into `table` the way PostgreSQL's manual recommends for populating a table ("Populating
   * a Database"): in one transaction, its foreign keys and the indexes nothing depends on are
   * dropped, the rows inserted, then the indexes built and the foreign keys added again from the
   * catalogue's own definitions, so the schema ends exactly as the migrations made it and every
   * key is still checked, in one pass instead of once per row (500,000 data flows: ~110 s row by
   * row on this machine). Unique indexes are rebuilt too (a duplicate fails the build and rolls
   * everything back), and the table's triggers fire as for any insert.
   */
  async bulk(what: string, table: string, insert: string): Promise<number> {
    const t0 = performance.now();
    const c = this.client;
    await c.query("BEGIN");
    try {
      await c.query("SET LOCAL maintenance_work_mem = '256MB'");
      const fks = (await c.query<{ name: string; def: string }>(`SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`, [`"${table}"`])).rows;
      // Not the primary key, nor an index a constraint stands on (another table's foreign key to this one).
      const indexes = (
        await c.query<{ name: string; def: string }>(
          `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
           WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
           ORDER BY 1`,
          [`"${table}"`],
        )
      ).rows;
      for (const fk of fks) await c.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${fk.name}"`);
      for (const ix of indexes) await c.query(`DROP INDEX ${ix.name}`);
      const rows = (await c.query(insert)).rowCount ?? 0;
      for (const ix of indexes) await c.query(ix.def);
      for (const fk of fks) await c.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${fk.name}" ${fk.def}`);
      await c.query("COMMIT");
      const ms = performance.now() - t0;
      this.steps.push({ what, rows, ms });
      this.log(`${what.padEnd(42)} ${rows.toLocaleString("en-GB").padStart(9)} rows  ${(ms / 1000).toFixed(1).padStart(6)} s`);
      return rows;
    } catch (error) {
      await c.query("ROLLBACK");
      throw error;
    }
  }
  get totalMs() {
    return performance.now() - this.started;
  }
}

async function organisationId(client: pg.Client, slug: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Organisation" WHERE slug = $1`, [slug]);
  if (!rows[0]) throw new Error(`organisation "${slug}" not found: seed the demo first`);
  return rows[0].id;
}

/** Grows the demo organisation by the large profile at `scale` (see largeSizes). */
export async function generateLarge(url: string, scale: number, log: (msg: string) => void = () => {}): Promise<GenerateResult> {
  const size = largeSizes(scale);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const org = await organisationId(client, LARGE_ORG_SLUG);
    const s = new Steps(client, log);
    const O = `'${org}'::uuid`;
    // The temp tables number the generated rows so later steps can refer to "office n % offices".
    await s.run(
      `${size.offices} offices`,
      `CREATE TEMP TABLE g_office AS SELECT n, ${UUID7} AS id FROM generate_series(0, ${size.offices - 1}) n`,
      `INSERT INTO "Office" (id, "organisationId", name, country, city, headcount, teams, "updatedAt")
       SELECT id, ${O}, 'Bench office ' || lpad(n::text, 3, '0'), ${pick(COUNTRIES, "n")}, 'City ' || n, 20 + (n * 37) % 2000,
              ${pick(["Operations", "Finance", "Engineering", "Sales", "Legal"], "n")} || ARRAY['Support'], now()
       FROM g_office`,
    );
    await s.run(
      `${size.vendors} vendors`,
      `CREATE TEMP TABLE g_vendor AS SELECT n, ${UUID7} AS id FROM generate_series(0, ${size.vendors - 1}) n`,
      `INSERT INTO "Vendor" (id, "organisationId", name, "vendorType", "hqCountry", "parentName", "parentCountry", "dpfCertified", source, "sourceAsOf", "updatedAt")
       SELECT id, ${O}, 'Bench vendor ' || lpad(n::text, 3, '0'), ${pick(VENDOR_TYPES, "n", '"VendorType"')}, ${pick(["US", "FR", "DE", "CN", "GB", "CA", "IL", "JP"], "n")},
              CASE WHEN n % 3 = 0 THEN 'Parent ' || n END, CASE WHEN n % 3 = 0 THEN 'US' END, n % 4 = 0,
              CASE WHEN n % 2 = 0 THEN 'Vendor website' END, CASE WHEN n % 2 = 0 THEN current_date - (n % 300) END, now()
       FROM g_vendor`,
    );
    // Cloud operators for marketplace and third-party hosting: the hyperscalers and cloud providers.
    await client.query(`CREATE TEMP TABLE g_cloud AS SELECT (row_number() OVER (ORDER BY n) - 1)::int AS n, id FROM g_vendor WHERE n % 6 IN (1, 2)`);
    const clouds = Number((await client.query<{ c: string }>(`SELECT count(*) AS c FROM g_cloud`)).rows[0]!.c);
    await s.run(
      `${size.models} models`,
      `CREATE TEMP TABLE g_model AS SELECT m.n, ${UUID7} AS id, v.id AS vendor FROM generate_series(0, ${size.models - 1}) m(n) JOIN g_vendor v ON v.n = m.n % ${size.vendors}`,
      `INSERT INTO "Model" (id, "organisationId", "vendorId", name, family, weights, licence, "trainingCompute", "updatedAt")
       SELECT id, ${O}, vendor, 'Bench model ' || lpad(n::text, 4, '0'), 'Family ' || (n % 40), CASE WHEN n % 3 = 0 THEN 'open' ELSE 'closed' END::"Weights",
              CASE WHEN n % 3 = 0 THEN 'Apache-2.0' ELSE 'Commercial terms' END, ${pick(["below-1e25", "1e25-1e26", "above-1e26", "unknown"], "n")}, now()
       FROM g_model`,
    );
    await s.run(
      `${size.aiSystems} AI systems`,
      `CREATE TEMP TABLE g_system AS SELECT n, ${UUID7} AS id FROM generate_series(0, ${size.aiSystems - 1}) n`,
      `INSERT INTO "AiSystem" (id, "organisationId", name, description, owner, criticality, "toleratedDowntimeMinutes", "usersServed", teams, "dataSensitivity", "updatedAt")
       SELECT id, ${O}, 'Bench system ' || lpad(n::text, 5, '0'), 'Bench system ' || n || ' used by team ' || (n % 17), 'Owner ' || lpad((n % 60)::text, 2, '0'),
              ${pick(["low", "medium", "high", "critical"], "n", '"Criticality"')}, 15 * (1 + n % 96), (n * 13) % 5000,
              CASE WHEN n % 4 = 0 THEN ARRAY['Operations'] ELSE '{}' END, CASE WHEN n % 5 = 0 THEN NULL ELSE ${pick(CATEGORIES, "n", '"DataCategory"')} END, now()
       FROM g_system`,
    );
    // Each system serves office n % offices, and every other one also office (7n + 3) % offices.
    await s.run(
      "offices served (AiSystemOffice)",
      `INSERT INTO "AiSystemOffice" ("organisationId", "aiSystemId", "officeId")
       SELECT ${O}, s.id, o.id FROM g_system s JOIN g_office o ON o.n = s.n % ${size.offices}
       UNION ALL
       SELECT ${O}, s.id, o.id FROM g_system s JOIN g_office o ON o.n = (s.n * 7 + 3) % ${size.offices}
       WHERE s.n % 2 = 0 AND (s.n * 7 + 3) % ${size.offices} <> s.n % ${size.offices}`,
    );
    // Dependency n: system n / 5, model (5i + 13j) % models (five distinct per system), access path (i + j) % 4.
    const i = "(d.n / 5)";
    const j = "(d.n % 5)";
    await s.run(
      "dependency numbering",
      `CREATE TEMP TABLE g_dep AS
       SELECT d.n, ${UUID7} AS id, s.id AS system, m.id AS model, m.vendor AS vendor, ${pick(ACCESS_PATHS, `${i} + ${j}`)} AS path
       FROM generate_series(0, ${size.dependencies - 1}) d(n)
       JOIN g_system s ON s.n = ${i}
       JOIN g_model m ON m.n = (${i} * 5 + ${j} * 13) % ${size.models}`,
      `ANALYZE g_dep`,
    );
    await s.bulk(
      `${size.dependencies} dependencies`,
      "Dependency",
      `INSERT INTO "Dependency" (id, "organisationId", "aiSystemId", "modelId", "accessPath", "cloudVendorId", "hostingCountry", "hostingRegion", "dataSent",
                                 "exitPlanDocumented", "exitPlanLastReviewed", "contractDataResidency", "contractExitTerms", "updatedAt")
       SELECT d.id, ${O}, d.system, d.model, d.path::"AccessPath", c.id,
              CASE WHEN c.id IS NOT NULL THEN ${pick(["DE", "IE", "US", "FR", "NL", "SE"], "d.n * 7")} END,
              CASE WHEN c.id IS NOT NULL AND d.n % 2 = 0 THEN ${pick(["eu-central-1", "westeurope", "us-east-1", "europe-west3"], "d.n")} END,
              (ARRAY['internal', 'personal', 'special_category']::"DataCategory"[])[1 : 1 + d.n % 3],
              d.n % 4 = 0, CASE WHEN d.n % 4 = 0 THEN current_date - (d.n % 400) END,
              CASE d.n % 3 WHEN 0 THEN true WHEN 1 THEN false END, CASE d.n % 5 WHEN 0 THEN true WHEN 1 THEN false END, now()
       FROM g_dep d
       LEFT JOIN g_cloud c ON d.path IN ('cloud_marketplace', 'third_party_hosted') AND c.n = d.n % ${clouds}`,
    );
    // A fallback on every third dependency: self-hosted, another vendor's API, or a marketplace.
    await s.bulk(
      `${size.fallbacks} fallbacks`,
      "Fallback",
      `INSERT INTO "Fallback" (id, "organisationId", "dependencyId", "modelId", "accessPath", "cloudVendorId", "hostingCountry", "lastTestedAt", "switchTimeMinutes", "qualityParityChecked", "exitPlan", "updatedAt")
       SELECT ${UUID7}, ${O}, d.id, m.id, f.path::"AccessPath", c.id, CASE WHEN c.id IS NOT NULL THEN ${pick(["DE", "FR", "IE"], "d.n")} END,
              CASE WHEN d.n % 2 = 0 THEN current_date - (d.n % 500) END, 30 + (d.n / 3) % 200, d.n % 5 = 0,
              CASE WHEN d.n % 6 = 0 THEN 'Switch the gateway route; owner on call' END, now()
       FROM g_dep d
       CROSS JOIN LATERAL (SELECT ${pick(["self_hosted", "direct_api", "cloud_marketplace"], "d.n / 3")} AS path) f
       JOIN g_model m ON m.n = ((d.n / 3) * 11 + 5) % ${size.models}
       LEFT JOIN g_cloud c ON f.path = 'cloud_marketplace' AND c.n = (d.n / 3) % ${clouds}
       WHERE d.n % 3 = 0`,
    );
    // Flow k rides dependency k / 5 to its model's vendor; every 10th has no origin office and
    // every 8th no dependency (the engine skips those, as in bench-lists), every 4th names its system.
    await s.bulk(
      `${size.dataFlows} data flows`,
      "DataFlow",
      `INSERT INTO "DataFlow" (id, "organisationId", name, "originOfficeId", "originAiSystemId", "dependencyId", "vendorId", "processingCountry", "processingRegion",
                               "dataCategories", volume, "transferMechanism", encryption, "updatedAt")
       SELECT ${UUID7}, ${O}, 'Bench flow ' || lpad(k.n::text, 6, '0'), CASE WHEN k.n % 10 <> 9 THEN o.id END, CASE WHEN k.n % 4 = 0 THEN d.system END,
              CASE WHEN k.n % 8 <> 7 THEN d.id END, d.vendor, ${pick(["US", "IE", "DE", "FR", "NL", "SE"], "k.n")},
              CASE WHEN k.n % 3 = 0 THEN ${pick(["eu-central-1", "us-east-1", "westeurope"], "k.n / 3")} END,
              ARRAY[${pick(CATEGORIES, "k.n", '"DataCategory"')}, ${pick(CATEGORIES, "k.n + 2", '"DataCategory"')}],
              ${pick(["low", "medium", "high"], "k.n", '"DataVolume"')}, ${pick(MECHANISMS, "k.n", '"TransferMechanism"')}, ${pick(ENCRYPTIONS, "k.n", '"Encryption"')}, now()
       FROM generate_series(0, ${size.dataFlows - 1}) k(n)
       JOIN g_dep d ON d.n = k.n / ${FLOWS_PER_DEPENDENCY}
       JOIN g_office o ON o.n = k.n % ${size.offices}`,
    );
    await s.run("ANALYZE", `ANALYZE`);
    return { profile: "large", scale, steps: s.steps, totalMs: s.totalMs };
  } finally {
    await client.end();
  }
}

// The many profile copies these tables of the demo organisation, in an order that puts every
// referenced row first, with the columns that point at other copied rows (composite foreign keys
// with organisationId: the copy must point at the new organisation's rows).
const COPIED: { table: string; refs: Record<string, string> }[] = [
  { table: "Office", refs: {} },
  { table: "Vendor", refs: {} },
  { table: "Model", refs: { vendorId: "Vendor" } },
  { table: "AiSystem", refs: {} },
  { table: "AiSystemOffice", refs: { aiSystemId: "AiSystem", officeId: "Office" } },
  { table: "Dependency", refs: { aiSystemId: "AiSystem", modelId: "Model", cloudVendorId: "Vendor" } },
  { table: "Fallback", refs: { dependencyId: "Dependency", modelId: "Model", cloudVendorId: "Vendor" } },
  { table: "DataFlow", refs: { originOfficeId: "Office", originAiSystemId: "AiSystem", dependencyId: "Dependency", vendorId: "Vendor" } },
  { table: "PolicyEvent", refs: {} },
];

/** Columns that triggers count from the rows below (docs/decisions/056): never copied. */
const KEPT_COUNTS = new Set(["aiSystemCount", "officeCount", "dependencyCount", "modelCount", "hostedCount", "fallbackCount"]);

/** The tables the many profile fills per organisation (the generator's test checks each is scoped). */
export const COPIED_TABLES = COPIED.map((c) => c.table);

async function columnsOf(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** Adds the many profile at `scale`: organisations shaped like the demo one, owned by the bench user, the first ones clients of the demo practice. */
export async function generateMany(url: string, scale: number, log: (msg: string) => void = () => {}): Promise<GenerateResult> {
  const size = manySizes(scale);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const source = await organisationId(client, LARGE_ORG_SLUG);
    const s = new Steps(client, log);
    // The bench owner signs in with the demo password: the demo owner's hash is copied, so no scrypt here.
    await s.run(
      "bench owner",
      `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
       SELECT ${UUID7}, '${BENCH_OWNER_EMAIL}', 'Bench Owner', "passwordHash", now() FROM "User" u
       WHERE u.id = (SELECT "userId" FROM "Membership" WHERE "organisationId" = '${source}' AND role = 'owner' ORDER BY "createdAt", id LIMIT 1)`,
    );
    const orgColumns = await columnsOf(client, "Organisation");
    const orgValue = (c: string) =>
      ({ id: "g.id", slug: `'bench-org-' || lpad(g.n::text, 4, '0')`, name: `'Bench organisation ' || lpad(g.n::text, 4, '0')`, lei: "NULL", createdAt: "now()", updatedAt: "now()", version: "1" })[c] ?? `src."${c}"`;
    await s.run(
      `${size.organisations} organisations`,
      `CREATE TEMP TABLE g_org AS SELECT n, ${UUID7} AS id FROM generate_series(1, ${size.organisations}) n`,
      `INSERT INTO "Organisation" (${orgColumns.map((c) => `"${c}"`).join(", ")})
       SELECT ${orgColumns.map(orgValue).join(", ")} FROM g_org g CROSS JOIN "Organisation" src WHERE src.id = '${source}' ORDER BY g.n`,
    );
    await s.run(
      "owner memberships",
      `INSERT INTO "Membership" (id, "organisationId", "userId", role, "updatedAt")
       SELECT ${UUID7}, g.id, u.id, 'owner', now() FROM g_org g CROSS JOIN "User" u WHERE u.email = '${BENCH_OWNER_EMAIL}' ORDER BY g.n`,
    );
    await s.run(
      `${size.practiceClients} clients of ${PRACTICE_SLUG}`,
      `INSERT INTO "PracticeClient" (id, "practiceId", "organisationId", role, "updatedAt")
       SELECT ${UUID7}, p.id, g.id, 'editor', now() FROM g_org g CROSS JOIN "Practice" p WHERE p.slug = '${PRACTICE_SLUG}' AND g.n <= ${size.practiceClients} ORDER BY g.n`,
    );
    for (const { table, refs } of COPIED) {
      const columns = await columnsOf(client, table);
      const hasId = columns.includes("id");
      // Old id -> new id per organisation, for the rows that other tables point at.
      if (hasId) {
        await client.query(
          `CREATE TEMP TABLE "map_${table}" AS SELECT g.id AS org, s.id AS old, ${UUID7} AS new FROM g_org g CROSS JOIN "${table}" s WHERE s."organisationId" = '${source}'`,
        );
        await client.query(`ANALYZE "map_${table}"`);
      }
      const value = (c: string) => {
        // Counts the database keeps start at zero: the copied children's inserts count them (decision 056).
        if (KEPT_COUNTS.has(c)) return "0";
        if (c === "id") return "mt.new";
        if (c === "organisationId") return "g.id";
        if (c in refs) return `"r_${c}".new`;
        if (c === "createdAt" || c === "updatedAt") return "now()";
        return `s."${c}"`;
      };
      const joins = Object.entries(refs).map(([c, target]) => `LEFT JOIN "map_${target}" "r_${c}" ON "r_${c}".org = g.id AND "r_${c}".old = s."${c}"`);
      await s.run(
        `${table} (copied)`,
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})
         SELECT ${columns.map(value).join(", ")}
         FROM "${table}" s ${hasId ? `JOIN "map_${table}" mt ON mt.old = s.id JOIN g_org g ON g.id = mt.org` : "CROSS JOIN g_org g"}
         ${joins.join("\n")}
         WHERE s."organisationId" = '${source}'`,
      );
    }
    await s.run("ANALYZE", `ANALYZE`);
    return { profile: "many", scale, steps: s.steps, totalMs: s.totalMs };
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL), migrated, with the demo
 * seeded and `profile` generated at `scale`. `name`: the database to create (it must not exist);
 * by default `sovra_bench_<profile>_...`.
 */
export async function createGeneratedDatabase(opts: { profile: Profile; scale: number; name?: string; log?: (msg: string) => void }): Promise<{ name: string; url: string; seedMs: number; result: GenerateResult }> {
  const log = opts.log ?? (() => {});
  const { name, url } = opts.name ? await createNamedDatabase(opts.name) : await createDatabase(`sovra_bench_${opts.profile}`);
  try {
    const t0 = performance.now();
    await applyMigrations(url);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      await seedDemo(prisma);
    } finally {
      await prisma.$disconnect();
    }
    const seedMs = performance.now() - t0;
    log(`database ${name}: migrated and demo seeded in ${(seedMs / 1000).toFixed(1)} s`);
    const result = opts.profile === "large" ? await generateLarge(url, opts.scale, log) : await generateMany(url, opts.scale, log);
    return { name, url, seedMs, result };
  } catch (error) {
    await dropDatabase(name).catch(() => {});
    throw error;
  }
}
