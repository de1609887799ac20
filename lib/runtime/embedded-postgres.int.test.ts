// The zero-setup database: data survives a restart; a locked, foreign or corrupt folder gets a
// clear error and is left exactly as it was (never silently re-initialised).
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, startEmbeddedPostgres } from "./embedded-postgres";

const root = mkdtempSync(path.join(tmpdir(), "sovra-embedded-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let nextPort = 54500 + Math.floor(Math.random() * 400);
const port = () => nextPort++;

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  const dataDir = path.join(root, "pglite");

  it("keeps data across a restart", { timeout: 60_000 }, async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: port() });
    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives')");
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, port: port() });
    expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "survives" }]);
    await second.stop();
  });

  it("refuses a folder that another live process holds", async () => {
    writeFileSync(`${dataDir}.lock`, String(process.ppid)); // the test runner's parent: alive
    await expect(startEmbeddedPostgres({ dataDir, port: port() })).rejects.toThrow(/in use by process \d+/);
    rmSync(`${dataDir}.lock`);
  });

  it("takes over a lock left by a process that is gone", { timeout: 60_000 }, async () => {
    writeFileSync(`${dataDir}.lock`, "999999999");
    const db = await startEmbeddedPostgres({ dataDir, port: port() });
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    await db.stop();
  });

  it("refuses a non-empty folder that holds no database, and leaves it alone", async () => {
    const foreign = path.join(root, "not-a-database");
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, "notes.txt"), "mine");
    await expect(startEmbeddedPostgres({ dataDir: foreign, port: port() })).rejects.toThrow(/PG_VERSION is missing/);
    expect(readdirSync(foreign)).toEqual(["notes.txt"]);
  });

  it("reports a corrupt database clearly and does not re-initialise it", { timeout: 60_000 }, async () => {
    const control = path.join(dataDir, "global", "pg_control");
    const garbage = Buffer.alloc(readFileSync(control).length, 0x5a);
    writeFileSync(control, garbage);
    const error = await startEmbeddedPostgres({ dataDir, port: port() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedDatabaseError);
    expect((error as Error).message).toMatch(/could not be opened.*left untouched/);
    expect(readFileSync(control)).toEqual(garbage);
    expect(readdirSync(dataDir)).toContain("PG_VERSION");
  });
});
