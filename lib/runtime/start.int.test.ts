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

describe("npm start and the board report's Chromium sandbox (docs/decisions/032)", () => {
  const UNREACHABLE = { DATABASE_URL: "postgresql://sovra:secret@127.0.0.1:1/sovra", PORT: "3999" };
  const start = (env: Record<string, string>) => spawnSync(TSX, ["lib/runtime/start.ts"], { env: { ...process.env, ...UNREACHABLE, ...env }, encoding: "utf8", timeout: 50_000 });
  const asRoot = process.getuid?.() === 0;

  it("says once, on stdout, that the report's Chromium runs without its sandbox, and why", { timeout: 120_000 }, () => {
    const off = start({ SOVRA_CHROMIUM_SANDBOX: "off" });
    expect(off.stdout.match(/^sovra: the board report's Chromium runs without its sandbox: SOVRA_CHROMIUM_SANDBOX=off\. Run Sovra as an unprivileged user/gm)).toHaveLength(1);
    expect(off.stderr.trim().split("\n")).toHaveLength(1); // still only the database's line
    if (asRoot) {
      const auto = start({ SOVRA_CHROMIUM_SANDBOX: "auto" });
      expect(auto.stdout.match(/^sovra: the board report's Chromium runs without its sandbox: Sovra runs as root, and Chromium refuses its sandbox to root\./gm)).toHaveLength(1);
    }
    const workerOff = start({ SOVRA_CHROMIUM_SANDBOX: "off", SOVRA_REPORT_WORKER: "off" });
    expect(workerOff.stdout).not.toContain("sandbox"); // this instance renders no reports
  });

  it.skipIf(!asRoot)("refuses SOVRA_CHROMIUM_SANDBOX=on as root, where Chromium would never start", { timeout: 60_000 }, () => {
    const run = start({ SOVRA_CHROMIUM_SANDBOX: "on" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^sovra: SOVRA_CHROMIUM_SANDBOX=on, but Sovra runs as root, and Chromium refuses its sandbox to root\. Run Sovra as an unprivileged user .* Or set SOVRA_CHROMIUM_SANDBOX=auto\.$/);
  });

  it("refuses a SOVRA_CHROMIUM_SANDBOX that is not auto, on or off", { timeout: 60_000 }, () => {
    const run = start({ SOVRA_CHROMIUM_SANDBOX: "yes" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^sovra: Invalid environment: SOVRA_CHROMIUM_SANDBOX: /);
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
