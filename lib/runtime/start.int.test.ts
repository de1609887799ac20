// `npm start` against a database it cannot reach: one clear line naming DATABASE_URL, exit 1.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "./database";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import pg from "pg";

const TSX = path.resolve("node_modules/.bin/tsx");

describe("npm start", () => {
  it("exits 1 with one line naming DATABASE_URL when PostgreSQL is unreachable", { timeout: 60_000 }, () => {
    const run = spawnSync(TSX, ["lib/runtime/start.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://sovra:secret@127.0.0.1:1/sovra", PORT: "3999" },
      encoding: "utf8",
      timeout: 50_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sovra: Cannot connect to the database at DATABASE_URL=postgresql:\/\/sovra:\*\*\*@127\.0\.0\.1:1\/sovra .*ECONNREFUSED/);
    expect(run.stderr).not.toContain("secret");
  });

  it("refuses an invalid environment before touching anything", { timeout: 60_000 }, () => {
    const run = spawnSync(TSX, ["lib/runtime/start.ts"], { env: { ...process.env, DATABASE_URL: "mysql://x", PORT: "0" }, encoding: "utf8", timeout: 50_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^sovra: Invalid environment: DATABASE_URL: must be a postgresql:\/\/ URL; PORT: /);
  });
});

describe("migrations", () => {
  it("apply from an empty database, then find nothing more to apply", { timeout: 60_000 }, async () => {
    const { name, url } = await createDatabase("sovra_migrate");
    try {
      const applied = await applyMigrations(url);
      expect(applied.length).toBeGreaterThan(0);
      expect(await applyMigrations(url)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      await client.end();
      expect(rows.map((r) => r.tablename)).toEqual(
        expect.arrayContaining(["Organisation", "Membership", "Office", "Vendor", "Model", "AiSystem", "Dependency", "Fallback", "DataFlow", "PolicyEvent", "Scenario", "Assessment", "RemediationAction", "AuditEvent"]),
      );
    } finally {
      await dropDatabase(name);
    }
  });
});
