// Zero-setup PostgreSQL: PGlite (PostgreSQL 17 compiled to WASM) kept in a project folder and
// served over TCP by pglite-socket, so the app, the Prisma CLI and psql all use an ordinary
// postgresql:// URL (docs/decisions/001-embedded-postgres.md). Only for the zero-setup start:
// with DATABASE_URL set, Sovra runs on a real PostgreSQL server instead.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  /** The port it listens on: the one asked for, or, when that was taken and could be changed, another. */
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /**
   * Whether another port will do when `port` is taken: true when the port is only the default
   * (EMBEDDED_DB_PORT unset), false when someone chose it. Default false.
   */
  portIsDefault?: boolean;
  /** Told when the database listens on another port than `port` (default: nowhere). */
  log?: (message: string) => void;
}

/** Ports tried after a taken default, before asking the system for any free one. */
const NEARBY_PORTS = 20;
/** The most a listen may take; pglite-socket never answers a listen that failed (see `serve`). */
const LISTEN_TIMEOUT_MS = 10_000;

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
      // The holder's PID, and once it listens, its port (see `startEmbeddedPostgres`).
      const [pidLine = "", portLine = ""] = readFileSync(lockFile, "utf8").split("\n");
      const holder = Number(pidLine.trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        const port = Number(portLine.trim());
        const serving = Number.isInteger(port) && port > 0 ? `, which serves it on 127.0.0.1:${port}` : "";
        throw new EmbeddedDatabaseError(
          `The embedded database in ${path.dirname(lockFile)} is in use by process ${holder}${serving} (another \`npm start\` or \`npm run db:embedded\`?). Stop it first, or set SOVRA_DATA_DIR to use another folder.`,
        );
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new EmbeddedDatabaseError(`Could not lock ${lockFile}`);
}

/** Whether nothing listens on 127.0.0.1:`port`: a listen there succeeds. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) => (e.code === "EADDRINUSE" ? resolve(false) : reject(e)));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

const takenMessage = (port: number) =>
  `Port ${port} of the embedded database (EMBEDDED_DB_PORT=${port}) is taken by another program on 127.0.0.1. Stop that program, set EMBEDDED_DB_PORT to a free port, or unset it and Sovra picks a free one itself.`;

/**
 * The port to listen on: `port` when it is free; when it is taken, the next free one of the 20
 * after it if `port` is only the default, else an error naming the port and what to do. Checked
 * before the database is opened, which takes a while on the first start.
 */
async function choosePort(port: number, portIsDefault: boolean): Promise<number> {
  try {
    if (await isPortFree(port)) return port;
    if (!portIsDefault) throw new EmbeddedDatabaseError(takenMessage(port));
    for (let p = port + 1; p <= Math.min(65535, port + NEARBY_PORTS); p++) if (await isPortFree(p)) return p;
    return 0; // the system picks a free one when the server listens
  } catch (e) {
    if (e instanceof EmbeddedDatabaseError) throw e;
    throw new EmbeddedDatabaseError(`The embedded database cannot use port ${port} on 127.0.0.1 (${(e as Error).message}). Set EMBEDDED_DB_PORT to another port.`);
  }
}

/**
 * Serves `db` on 127.0.0.1:`port`. pglite-socket 0.1.3's `start()` never settles when the listen
 * fails (it marks itself active before listening, then only rejects errors while inactive), which
 * left `npm start` waiting forever on a taken port, or ending silently when nothing else kept
 * Node's event loop alive: its "error" event is watched instead, with a timeout as a last resort.
 */
async function serve(db: PGlite, port: number): Promise<{ server: PGLiteSocketServer; port: number }> {
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 32 });
  const done = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      server.start(),
      new Promise<never>((_, reject) => {
        server.addEventListener("error", (e) => reject((e as CustomEvent<Error>).detail), { signal: done.signal });
        timer = setTimeout(() => reject(new Error(`no answer within ${LISTEN_TIMEOUT_MS / 1000} s`)), LISTEN_TIMEOUT_MS);
      }),
    ]);
    // "127.0.0.1:54329": the port it listens on, the system's pick when asked for 0.
    return { server, port: Number(server.getServerConn().split(":").at(-1)) };
  } catch (e) {
    await server.stop().catch(() => {});
    throw e;
  } finally {
    done.abort();
    clearTimeout(timer);
  }
}

/**
 * Opens (or on first use creates) the embedded database in `dataDir` and serves it on
 * 127.0.0.1:`port`. Refuses a folder that holds something other than a database, and never
 * re-initialises one it cannot open. A folder in use by another process is refused first, so a
 * Sovra already running is named as such; only then is the port checked: taken by another
 * program, a default port is swapped for a free one (said through `log`), a chosen one is refused
 * at once.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.lock`;
  const release = acquireLock(lockFile);
  try {
    const exists = existsSync(dataDir) && readdirSync(dataDir).length > 0;
    if (exists && !existsSync(path.join(dataDir, "PG_VERSION"))) {
      throw new EmbeddedDatabaseError(
        `${dataDir} is not empty but holds no PostgreSQL data (PG_VERSION is missing). Sovra will not overwrite it: move it away, or set SOVRA_DATA_DIR to another folder.`,
      );
    }
    const portIsDefault = opts.portIsDefault ?? false;
    let port = await choosePort(opts.port, portIsDefault);
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
    let served: Awaited<ReturnType<typeof serve>> | undefined;
    // The chosen port can be taken between the check and the listen: a default port then gets
    // one more try on a port the system picks.
    for (let attempt = 0; !served; attempt++) {
      try {
        served = await serve(db, port);
      } catch (e) {
        const inUse = (e as NodeJS.ErrnoException).code === "EADDRINUSE";
        if (inUse && portIsDefault && attempt === 0) {
          port = 0;
          continue;
        }
        await db.close();
        throw new EmbeddedDatabaseError(inUse ? takenMessage(port) : `The embedded database server could not listen on 127.0.0.1:${port}: ${(e as Error).message}`);
      }
    }
    const { server, port: listening } = served;
    if (listening !== opts.port) {
      opts.log?.(`port ${opts.port} (the embedded database's default) is taken by another program: the embedded PostgreSQL listens on ${listening} instead (set EMBEDDED_DB_PORT to choose the port)`);
    }
    writeFileSync(lockFile, `${process.pid}\n${listening}\n`); // for the message another process gets (acquireLock)
    let stopped = false;
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${listening}/postgres?sslmode=disable`,
      dataDir,
      port: listening,
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
  const portIsDefault = !process.env.EMBEDDED_DB_PORT?.trim();
  const port = portIsDefault ? 54329 : Number(process.env.EMBEDDED_DB_PORT);
  const log = (message: string) => console.error(`sovra: ${message}`); // stdout is the URL alone
  const pg = await startEmbeddedPostgres({ dataDir, port, portIsDefault, log }).catch((e: Error) => {
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
