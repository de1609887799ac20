// Several instances starting at once on one PostgreSQL (issue 18): their migrations must run
// once, never concurrently. The WASM engine takes Prisma's advisory lock on one connection
// (prisma/engine/wasm-engine.mjs); here three processes run the container's `migrate` at the same
// time on an empty database, and each migration is applied exactly once. Separate processes, as
// instances are: one process runs one migration at a time (the WASM engine's module is shared).
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";

/** Runs `lib/runtime/container.ts migrate` in a process of its own; answers its exit code and output. */
function migrateProcess(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/runtime/container.ts", "migrate"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The migration names a `migrate` run reports as applied (none when the schema was up to date). */
const appliedBy = (output: string) => /applied migrations: (.+)/.exec(output)?.[1]?.split(", ").map((s) => s.trim()) ?? [];

const MIGRATIONS = readdirSync(path.join(process.cwd(), "prisma/migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("migrations on several instances at once", () => {
  it("applies each migration exactly once when three instances migrate an empty database together", { timeout: 120_000 }, async () => {
    const { name, url } = await createDatabase("sovra_migrate_once");
    try {
      const results = await Promise.all([migrateProcess(url), migrateProcess(url), migrateProcess(url)]);
      expect(results.map((r) => r.code), results.map((r) => r.output).join("\n")).toEqual([0, 0, 0]);
      // Every migration applied by exactly one of them; the others found the schema up to date.
      expect(results.flatMap((r) => appliedBy(r.output)).sort()).toEqual(MIGRATIONS);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ migration_name: string; n: number }>(
          `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY migration_name ORDER BY migration_name`,
        );
        expect(rows.map((r) => [r.migration_name, r.n])).toEqual(MIGRATIONS.map((m) => [m, 1]));
      } finally {
        await client.end();
      }
      // A fourth instance later finds nothing to do.
      const later = await migrateProcess(url);
      expect([later.code, later.output]).toEqual([0, expect.stringContaining("database schema is up to date")]);
    } finally {
      await dropDatabase(name);
    }
  });
});
