// Zero-setup PostgreSQL: PGlite (PostgreSQL 17 compiled to WASM) kept in a project folder and
// served over TCP by pglite-socket, so the app, the Prisma CLI and psql all use an ordinary
// postgresql:// URL (docs/decisions/001-embedded-postgres.md). Only for the zero-setup start:
// with DATABASE_URL set, Sovra runs on a real PostgreSQL server instead.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A failure the user can act on; the message says what to do. The data folder is left as it was. */
export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's lock file, or explains who holds it. A lock left by a dead process is taken over. */
function acquireLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number(readFileSync(lockFile, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedDatabaseError(
          `The embedded database in ${path.dirname(lockFile)} is in use by process ${holder} (another \`npm start\`?). Stop it first, or set SOVRA_DATA_DIR to use another folder.`,
        );
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new EmbeddedDatabaseError(`Could not lock ${lockFile}`);
}

/**
 * Opens (or on first use creates) the embedded database in `dataDir` and serves it on
 * 127.0.0.1:`port`. Refuses a folder that holds something other than a database, and never
 * re-initialises one it cannot open.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = acquireLock(`${dataDir}.lock`);
  try {
    const exists = existsSync(dataDir) && readdirSync(dataDir).length > 0;
    if (exists && !existsSync(path.join(dataDir, "PG_VERSION"))) {
      throw new EmbeddedDatabaseError(
        `${dataDir} is not empty but holds no PostgreSQL data (PG_VERSION is missing). Sovra will not overwrite it: move it away, or set SOVRA_DATA_DIR to another folder.`,
      );
    }
    let db: PGlite;
    try {
      // pg_trgm: the data flows' search indexes (a migration creates the extension).
      db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
      await db.query("select 1");
    } catch (e) {
      throw new EmbeddedDatabaseError(
        `The embedded database in ${dataDir} could not be opened (${e instanceof Error ? e.message : String(e)}). It was left untouched: restore it from a backup, or move it away to start with a fresh one.`,
      );
    }
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: opts.port, maxConnections: 32 });
    try {
      await server.start();
    } catch (e) {
      await db.close();
      const inUse = (e as NodeJS.ErrnoException).code === "EADDRINUSE";
      throw new EmbeddedDatabaseError(
        inUse
          ? `Port ${opts.port} for the embedded database is taken: set EMBEDDED_DB_PORT to a free port.`
          : `The embedded database server could not start: ${(e as Error).message}`,
      );
    }
    let stopped = false;
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${opts.port}/postgres?sslmode=disable`,
      dataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close(); // flushes to disk; skipping it risks the data
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

// `npm run db:embedded`: serve the embedded database alone (for psql or the Prisma CLI).
if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = path.join(process.env.SOVRA_DATA_DIR ?? ".data", "pglite");
  const port = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
  const pg = await startEmbeddedPostgres({ dataDir, port }).catch((e: Error) => {
    console.error(`sovra: ${e.message}`);
    process.exit(1);
  });
  console.log(`DATABASE_URL=${pg.url}`);
  const stop = async () => {
    await pg.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
