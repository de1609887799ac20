// What checking the live-score cache costs (docs/decisions/052), and what the pages derive from a
// live score on each request. Prints figures; asserts nothing. Self-contained: creates a FRESH
// database on the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432),
// migrates it, fills two organisations with a crude SQL fill (generate_series; the large-tenant
// generator of issue 18 is another script), times the cache check before (the per-table count and
// latest-change "fingerprint" query this replaced) and after (the inventory version read), and
// drops the database. Loopback only.
//
//   npm run bench:score-cache [-- --large-flows 500000 --runs 30]
import { parseArgs } from "node:util";
import pg from "pg";
import { generateInventory } from "@/scoring/bench/generate";
import { loadExample } from "@/scoring/testing/examples";
import { scoreInventory } from "@/scoring/score-inventory";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import { applyMigrations } from "@/lib/runtime/database";
import { buildScoresDashboard } from "./dashboard";
import { buildWorldMap } from "./world-map";
import { restrictionsInForce, trendMarkers } from "./active-restrictions";

const { values: opts } = parseArgs({ options: { "large-flows": { type: "string", default: "500000" }, runs: { type: "string", default: "30" }, "skip-db": { type: "boolean", default: false } }, strict: true });
const LARGE_FLOWS = Math.min(Math.max(Number(opts["large-flows"]) || 500_000, 1_000), 2_000_000);
const RUNS = Math.min(Math.max(Number(opts.runs) || 30, 5), 500);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)]!;
function time<T>(runs: number, fn: () => T): { ms: number; last: T } {
  const all: number[] = [];
  let last!: T;
  for (let i = 0; i < 3; i++) fn();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = fn();
    all.push(performance.now() - t0);
  }
  return { ms: median(all), last };
}
async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    all.push(performance.now() - t0);
  }
  return { median: median(all), p95: p95(all) };
}

// ---------------------------------------------------------------- 1. per-request derivations
console.log("What the Scores and overview pages derive from a live score (median of 20, warm):");
const cases: [string, InventoryDocument][] = [
  ["frankfurt-manufacturer example", loadExample("frankfurt-manufacturer")],
  ["issue 4 size (1,000 systems, 5,000 dependencies, 20,000 data flows)", generateInventory({ offices: 200, vendors: 250, models: 1000, systems: 1000, dependencies: 5000, dataFlows: 20_000 })],
  ["a fifth of issue 18 (4,000 systems, 20,000 dependencies, 100,000 data flows)", generateInventory({ offices: 500, vendors: 400, models: 2000, systems: 4000, dependencies: 20_000, dataFlows: 100_000 })],
];
for (const [name, doc] of cases) {
  const t0 = performance.now();
  const result = scoreInventory(doc, { asOf: "2026-11-01" });
  const scoring = performance.now() - t0;
  const dashboard = time(20, () => buildScoresDashboard(result, doc, {}));
  const worldMap = time(20, () => buildWorldMap(doc, result));
  const restrictions = time(20, () => restrictionsInForce(result));
  const markers = time(20, () => trendMarkers(result.organisation.activeRestrictions));
  console.log(`\n${name}`);
  console.log(`  scoring (a cache miss, once per version): ${scoring.toFixed(0)} ms`);
  console.log(`  buildScoresDashboard: ${dashboard.ms.toFixed(2)} ms   buildWorldMap: ${worldMap.ms.toFixed(2)} ms   restrictionsInForce: ${restrictions.ms.toFixed(2)} ms   trendMarkers: ${markers.ms.toFixed(3)} ms`);
}

// ---------------------------------------------------------------- 2. the cache check
if (!opts["skip-db"]) {
  const INVENTORY_TABLES = ["Office", "Vendor", "Model", "AiSystem", "AiSystemOffice", "Dependency", "Fallback", "DataFlow", "PolicyEvent"] as const;
  // The query the cache checked before the inventory version (lib/scores/queries.ts until decision 052).
  const fingerprintSql = `SELECT o.id::text AS id, concat_ws('|', ${INVENTORY_TABLES.map((t) =>
    t === "AiSystemOffice"
      ? `(SELECT count(*)::text FROM "AiSystemOffice" WHERE "organisationId" = o.id)`
      : `(SELECT count(*)::text || '@' || coalesce(max("updatedAt")::text, '') FROM "${t}" WHERE "organisationId" = o.id)`,
  ).join(", ")}) AS f FROM unnest($1::uuid[]) AS o(id)`;
  // What it checks now (the same statement Prisma sends for inventoryVersions).
  const versionSql = `SELECT "organisationId", "version" FROM "InventoryVersion" WHERE "organisationId" = ANY($1::uuid[])`;

  const { name, url } = await createDatabase("sovra_bench");
  const client = new pg.Client({ connectionString: url });
  try {
    await applyMigrations(url);
    await client.connect();
    /** An organisation with `n` of everything in proportion to `flows` data flows, filled by SQL in one statement per table. */
    const fill = async (slug: string, sizes: { offices: number; vendors: number; models: number; systems: number; dependencies: number; flows: number }) => {
      const t0 = performance.now();
      const { rows } = await client.query<{ id: string }>(`INSERT INTO "Organisation" (id, slug, name, "hqCountry", sector, regimes, "updatedAt") VALUES (gen_random_uuid(), $1, $1, 'DE', 'Bench', '{}', now()) RETURNING id`, [slug]);
      const org = rows[0]!.id;
      await client.query(`INSERT INTO "Office" (id, "organisationId", name, country, city, "updatedAt") SELECT gen_random_uuid(), $1, 'Office ' || g, 'DE', 'Berlin', now() FROM generate_series(1, $2) g`, [org, sizes.offices]);
      await client.query(`INSERT INTO "Vendor" (id, "organisationId", name, "vendorType", "hqCountry", "updatedAt") SELECT gen_random_uuid(), $1, 'Vendor ' || g, 'frontier_lab', 'US', now() FROM generate_series(1, $2) g`, [org, sizes.vendors]);
      await client.query(
        `INSERT INTO "Model" (id, "organisationId", "vendorId", name, family, weights, licence, "updatedAt")
         SELECT gen_random_uuid(), $1, v.id, 'Model ' || g, 'f', 'closed', 'proprietary', now()
         FROM generate_series(1, $2) g JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Vendor" WHERE "organisationId" = $1) v ON v.n = g % $3`,
        [org, sizes.models, sizes.vendors],
      );
      await client.query(`INSERT INTO "AiSystem" (id, "organisationId", name, owner, criticality, "toleratedDowntimeMinutes", "updatedAt") SELECT gen_random_uuid(), $1, 'System ' || g, 'Bench', 'medium', 60, now() FROM generate_series(1, $2) g`, [org, sizes.systems]);
      await client.query(
        `INSERT INTO "AiSystemOffice" ("organisationId", "aiSystemId", "officeId")
         SELECT $1, s.id, o.id FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "AiSystem" WHERE "organisationId" = $1) s
         JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Office" WHERE "organisationId" = $1) o ON o.n = s.n % $2`,
        [org, sizes.offices],
      );
      await client.query(
        `INSERT INTO "Dependency" (id, "organisationId", "aiSystemId", "modelId", "accessPath", "updatedAt")
         SELECT gen_random_uuid(), $1, s.id, m.id, 'direct_api', now() FROM generate_series(0, $2 - 1) g
         JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "AiSystem" WHERE "organisationId" = $1) s ON s.n = g % $3
         JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Model" WHERE "organisationId" = $1) m ON m.n = (g / $3) % $4`,
        [org, sizes.dependencies, sizes.systems, sizes.models],
      );
      await client.query(
        `INSERT INTO "DataFlow" (id, "organisationId", name, "originOfficeId", "dependencyId", "vendorId", "processingCountry", volume, "transferMechanism", encryption, "updatedAt")
         SELECT gen_random_uuid(), $1, 'Flow ' || g, o.id, d.id, m."vendorId", 'US', 'low', 'scc', 'in_transit', now() FROM generate_series(0, $2 - 1) g
         JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Office" WHERE "organisationId" = $1) o ON o.n = g % $3
         JOIN (SELECT id, "modelId", row_number() OVER (ORDER BY id) - 1 AS n FROM "Dependency" WHERE "organisationId" = $1) d ON d.n = g % $4
         JOIN "Model" m ON m.id = d."modelId"`,
        [org, sizes.flows, sizes.offices, sizes.dependencies],
      );
      const total = sizes.offices + sizes.vendors + sizes.models + 2 * sizes.systems + sizes.dependencies + sizes.flows;
      console.log(`  filled ${slug}: ${total.toLocaleString("en")} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return { org, total };
    };

    console.log("\nThe cache check on each page that shows a score (one organisation; median and p95 of " + RUNS + ", warm):");
    const medium = await fill("bench-medium", { offices: 200, vendors: 250, models: 1000, systems: 1000, dependencies: 5000, flows: 20_000 });
    const largeSystems = Math.round(LARGE_FLOWS / 25);
    const large = await fill("bench-large", { offices: 500, vendors: 400, models: 2000, systems: largeSystems, dependencies: largeSystems * 5, flows: LARGE_FLOWS });
    await client.query("ANALYZE");
    const versions = await client.query<{ organisationId: string; version: string }>(versionSql, [[medium.org, large.org]]);
    console.log(`  versions after the fill: ${versions.rows.map((r) => r.version).join(", ")} (one bump per statement, not per row)`);
    for (const [label, o] of [["~20,000 data flows", medium], [`~${LARGE_FLOWS.toLocaleString("en")} data flows`, large]] as const) {
      const before = await timeAsync(RUNS, () => client.query(fingerprintSql, [[o.org]]));
      const after = await timeAsync(RUNS, () => client.query(versionSql, [[o.org]]));
      console.log(`\n  ${label} (${o.total.toLocaleString("en")} inventory rows)`);
      console.log(`    before, fingerprint query: median ${before.median.toFixed(2)} ms, p95 ${before.p95.toFixed(2)} ms`);
      console.log(`    after, version read:       median ${after.median.toFixed(3)} ms, p95 ${after.p95.toFixed(3)} ms`);
    }
    // A portfolio reads every client's version at once (issue 15: 200 clients).
    const manyIds = [medium.org, large.org, ...Array.from({ length: 198 }, () => crypto.randomUUID())];
    const portfolio = await timeAsync(RUNS, () => client.query(versionSql, [manyIds]));
    console.log(`\n  200 organisations' versions in one read: median ${portfolio.median.toFixed(3)} ms, p95 ${portfolio.p95.toFixed(3)} ms`);
    // What a write pays for the triggers: one bulk statement, and a single-row update.
    const bulk = await timeAsync(5, () => client.query(`UPDATE "DataFlow" SET "updatedAt" = now() WHERE "organisationId" = $1`, [medium.org]));
    const single = await timeAsync(RUNS, () => client.query(`UPDATE "Office" SET "updatedAt" = now() WHERE id = (SELECT id FROM "Office" WHERE "organisationId" = $1 LIMIT 1)`, [medium.org]));
    await client.query(`ALTER TABLE "DataFlow" DISABLE TRIGGER USER; ALTER TABLE "Office" DISABLE TRIGGER USER`);
    const bulkBare = await timeAsync(5, () => client.query(`UPDATE "DataFlow" SET "updatedAt" = now() WHERE "organisationId" = $1`, [medium.org]));
    const singleBare = await timeAsync(RUNS, () => client.query(`UPDATE "Office" SET "updatedAt" = now() WHERE id = (SELECT id FROM "Office" WHERE "organisationId" = $1 LIMIT 1)`, [medium.org]));
    await client.query(`ALTER TABLE "DataFlow" ENABLE TRIGGER USER; ALTER TABLE "Office" ENABLE TRIGGER USER`);
    console.log("\nWhat the triggers add to a write (median):");
    console.log(`  UPDATE of 20,000 data flows in one statement: ${bulk.median.toFixed(1)} ms with the trigger, ${bulkBare.median.toFixed(1)} ms without`);
    console.log(`  UPDATE of one office: ${single.median.toFixed(3)} ms with the trigger, ${singleBare.median.toFixed(3)} ms without`);
  } finally {
    await client.end().catch(() => undefined);
    await dropDatabase(name);
  }
}
