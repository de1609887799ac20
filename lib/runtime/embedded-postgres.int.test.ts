// The zero-setup database: data survives a restart; a locked, foreign or corrupt folder gets a
// clear error and is left exactly as it was (never silently re-initialised).
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, startEmbeddedPostgres } from "./embedded-postgres";

const root = mkdtempSync(path.join(tmpdir(), "sovra-embedded-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let nextPort = 54500 + Math.floor(Math.random() * 400);
const port = () => nextPort++;

/** A plain TCP server on 127.0.0.1:`port`: "another program" holding the port. */
async function occupy(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  return server;
}

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
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(`${process.pid}\n${db.port}\n`);
    await db.stop();
  });

  it("names the process holding the folder and the port it serves the database on", async () => {
    writeFileSync(`${dataDir}.lock`, `${process.ppid}\n54444\n`);
    await expect(startEmbeddedPostgres({ dataDir, port: port(), portIsDefault: true })).rejects.toThrow(
      `is in use by process ${process.ppid}, which serves it on 127.0.0.1:54444 (another \`npm start\` or \`npm run db:embedded\`?)`,
    );
    rmSync(`${dataDir}.lock`);
  });

  it("listens on another port, and says which, when its default port is taken by another program", { timeout: 60_000 }, async () => {
    const taken = port();
    const other = await occupy(taken);
    const said: string[] = [];
    const started = Date.now();
    try {
      const db = await startEmbeddedPostgres({ dataDir, port: taken, portIsDefault: true, log: (m) => said.push(m) });
      try {
        expect(db.port).not.toBe(taken);
        expect(db.url).toContain(`127.0.0.1:${db.port}/`);
        expect(said).toEqual([`port ${taken} (the embedded database's default) is taken by another program: the embedded PostgreSQL listens on ${db.port} instead (set EMBEDDED_DB_PORT to choose the port)`]);
        expect(await query(db.url, "SELECT note FROM kept")).toEqual([{ note: "survives" }]);
      } finally {
        await db.stop();
      }
    } finally {
      other.close();
    }
    expect(Date.now() - started).toBeLessThan(45_000);
  });

  it("refuses a chosen port taken by another program at once, naming it and the fix, before opening anything", async () => {
    const taken = port();
    const other = await occupy(taken);
    const fresh = path.join(root, "fresh", "pglite");
    const started = Date.now();
    try {
      const error = await startEmbeddedPostgres({ dataDir: fresh, port: taken, portIsDefault: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedDatabaseError);
      expect((error as Error).message).toBe(
        `Port ${taken} of the embedded database (EMBEDDED_DB_PORT=${taken}) is taken by another program on 127.0.0.1. Stop that program, set EMBEDDED_DB_PORT to a free port, or unset it and Sovra picks a free one itself.`,
      );
    } finally {
      other.close();
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(existsSync(fresh)).toBe(false); // no database created for nothing
    expect(existsSync(`${fresh}.lock`)).toBe(false);
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
