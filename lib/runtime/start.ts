// `npm start`: the zero-setup entry point.
// - no DATABASE_URL: an embedded PostgreSQL in $SOVRA_DATA_DIR/pglite, seeded once with demo data;
// - DATABASE_URL set: that server, migrations applied, demo data only with --seed.
// Then the production build is served (built first if there is none); `--dev` runs `next dev`.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { parseEnv } from "../env";
import { applyMigrations, assertDatabaseReachable } from "./database";
import { readSandboxHost, reportChromiumPath, sandboxNotice } from "./chromium";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { buildSummary, buildWarnings } from "./build-output";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed-data";
import { seedDemo } from "../../prisma/seed";

const log = (msg: string) => console.log(`sovra: ${msg}`);
const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

function fail(message: string): never {
  console.error(`sovra: ${message}`);
  process.exit(1);
}

/** AUTH_SECRET from the environment, else one generated once and kept in the data folder. */
function authSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  log(`generated AUTH_SECRET in ${file} (set AUTH_SECRET to use your own)`);
  return secret;
}

/**
 * Runs `next build` with its output held back: a build that succeeds is one line (and Next's
 * warnings), one that fails shows all of it (lib/runtime/build-output.ts).
 */
function build(env: NodeJS.ProcessEnv, started: (child: ChildProcess) => void): Promise<boolean> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, "build"], { stdio: ["ignore", "pipe", "pipe"], env });
    started(child);
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stderr.on("data", (d: Buffer) => chunks.push(d));
    child.on("error", (e) => {
      chunks.push(Buffer.from(`${e.message}\n`));
    });
    child.on("close", (code) => {
      const output = Buffer.concat(chunks).toString("utf8");
      if (code === 0) {
        for (const warning of buildWarnings(output)) log(warning);
        log(buildSummary(Date.now() - t0, output));
        resolve(true);
      } else {
        process.stderr.write(output);
        resolve(false);
      }
    });
  });
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function main() {
  const t0 = Date.now();
  const { values: flags } = parseArgs({
    options: { dev: { type: "boolean", default: false }, seed: { type: "boolean", default: false } },
    strict: true,
  });
  if (existsSync(".env")) process.loadEnvFile(".env"); // optional; see .env.example
  let config;
  try {
    config = parseEnv();
  } catch (e) {
    fail((e as Error).message);
  }
  // Said once here, not by every web process that may launch a Chromium (docs/decisions/032).
  if (process.env.SOVRA_REPORT_WORKER !== "off") {
    const notice = sandboxNotice(config.SOVRA_CHROMIUM_SANDBOX, readSandboxHost(reportChromiumPath()));
    if (notice?.fatal) fail(notice.message);
    if (notice) log(notice.message);
  }

  // What this process runs besides itself: the embedded database and one child at a time (`next
  // build`, then the web server). A signal can come at any step, and shutdown() stops whatever runs
  // then; main() starts no child once it has begun. (A SIGTERM during the migrations once let main()
  // go on to spawn the web server after shutdown() had looked for it: start.ts exited and left that
  // server running with no parent and no database, issue 18.)
  const running: { embedded?: Promise<EmbeddedPostgres | undefined>; child?: ChildProcess } = {};
  let stopping = false;
  let stopped: Promise<never> | undefined;
  /** Stops the child and the database, then exits with `code`. Called again, it waits for the first call to exit. */
  const shutdown = (code: number): Promise<never> =>
    (stopped ??= (async () => {
      stopping = true;
      const child = running.child;
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        // The web server ends its workers within 10 s; never leave it running behind us.
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      // A database still opening is let finish, then closed: PGlite flushes its files on close.
      const embedded = await running.embedded?.catch(() => undefined);
      await embedded?.stop();
      process.exit(code);
    })());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    log(`opening the embedded PostgreSQL in ${path.join(config.SOVRA_DATA_DIR, "pglite")} (the first start creates it)...`);
    const opening = startEmbeddedPostgres({
      dataDir: path.join(config.SOVRA_DATA_DIR, "pglite"),
      port: config.EMBEDDED_DB_PORT,
      // Unset (here or in .env), the port is only a default: another free one will do (docs/decisions/033).
      portIsDefault: !process.env.EMBEDDED_DB_PORT?.trim(),
      log,
    });
    running.embedded = opening;
    embedded = await opening.catch((e: Error) => fail(e.message));
    url = embedded.url;
    log(`embedded PostgreSQL (data in ${embedded.dataDir}) ready in ${Date.now() - t0} ms`);
  }

  try {
    await assertDatabaseReachable(url);
    const applied = await applyMigrations(url);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    const shouldSeed = embedded !== undefined || flags.seed;
    if (shouldSeed) {
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
      try {
        const { created } = await seedDemo(prisma);
        log(created ? "demo data seeded" : "demo data already present");
      } finally {
        await prisma.$disconnect();
      }
    }
  } catch (e) {
    if (stopping) await shutdown(0); // its connection closed by the stop, not a failure to report
    console.error(`sovra: ${(e as Error).message}`);
    await shutdown(1);
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: authSecret(config.SOVRA_DATA_DIR, config.AUTH_SECRET),
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    NEXT_TELEMETRY_DISABLED: "1",
    // pglite-socket serialises whole socket reads, not protocol cycles: two connections'
    // extended-protocol messages can interleave (seen: "bind message supplies 1 parameters, but
    // prepared statement requires 3"). PGlite runs one query at a time anyway, so the app uses
    // one connection to it (docs/decisions/001).
    ...(embedded ? { DATABASE_POOL_MAX: "1" } : {}),
  };

  if (!flags.dev && !existsSync(path.join(".next", "BUILD_ID"))) {
    log("no production build found: building it once now (about a minute on 2 cores)...");
    // Before each child: a signal that came meanwhile is let end the process, not start another.
    if (stopping) await shutdown(0);
    if (!(await build({ ...env, NODE_ENV: "production" }, (child) => (running.child = child)))) {
      if (stopping) await shutdown(0); // stopped, not failed
      console.error("sovra: the build failed (see above)");
      await shutdown(1);
    }
  }

  const port = config.PORT;
  // One web process per core (docs/decisions/014); one on the embedded database, which serves one
  // connection at a time anyway.
  const workers = config.SOVRA_WEB_WORKERS ?? (embedded ? 1 : Math.min(4, availableParallelism()));
  if (stopping) await shutdown(0);
  const child = flags.dev
    ? spawn(process.execPath, [NEXT_BIN, "dev", "-p", String(port)], { stdio: ["ignore", "inherit", "inherit"], env: { ...env, NODE_ENV: "development" } })
    : spawn(process.execPath, [...profilerArgs(config.SOVRA_CPU_PROFILE_DIR), "--import", "tsx", path.join("lib", "runtime", "web-server.ts")], {
        // The IPC channel carries nothing: it closes when this process ends however it ends (a
        // SIGKILL included, which no handler here sees), and the web server stops when it does.
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        env: { ...env, NODE_ENV: "production", PORT: String(port), SOVRA_WEB_WORKERS: String(workers) },
      });
  running.child = child;
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`sovra: the web server exited (${code ?? "signal"})`);
      void shutdown(code ?? 1);
    }
  });

  if (await waitForHealth(port, child)) {
    log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at http://localhost:${port}${flags.dev ? " (development)" : `, ${workers} web process${workers > 1 ? "es" : ""}`}`);
    if (embedded || flags.seed) {
      const demo = DEMO_USERS[0]!;
      log(`demo sign-in: ${demo.email} / ${DEMO_PASSWORD}`);
      // The other accounts a visitor may try (the consultancy's partner and consultant among them), one line each.
      log("other demo accounts, same password:");
      for (const u of DEMO_USERS.slice(1)) if (u.about) log(`  ${u.email} (${u.about})`);
    }
  }
}

await main();

/** V8's CPU profiler for the web processes (a .cpuprofile each at exit; bench:lists --profile). Node refuses --cpu-prof in NODE_OPTIONS. */
function profilerArgs(dir: string | undefined): string[] {
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}
