// The container image's entry point (Dockerfile, compose.yaml, deploy/kubernetes/): one process
// that is `web`, `worker` or `migrate`, chosen by its first argument. `npm start` (start.ts) is for
// one machine: it may open an embedded database, builds the app on a first start and migrates
// before it serves. An image is built already, its database is a PostgreSQL server, and migrations
// run once per release as a step of their own (a Job, a one-shot compose service) rather than in
// every instance as it starts: so `migrate` applies them (prisma migrate deploy's equivalent,
// database.ts) and exits; `web` serves the app through npm start's web server (web-server.ts);
// `worker` is that same server with the board report worker on, for an instance that takes no
// user traffic: the worker prints a report from its own server's print route, so it needs one
// (docs/decisions/024). Web instances then set SOVRA_REPORT_WORKER=off. The Dockerfile bundles
// this file with esbuild, since Next's standalone output carries no TypeScript runner
// (docs/decisions/048).
import cluster from "node:cluster";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "../env";
import { readSandboxHost, reportChromiumPath, sandboxNotice } from "./chromium";

export const CONTAINER_MODES = ["web", "worker", "migrate"] as const;
type Mode = (typeof CONTAINER_MODES)[number];

// Cluster workers run this file again: only the primary speaks.
const log = (msg: string) => cluster.isPrimary && console.log(`sovra: ${msg}`);

function fail(message: string): never {
  console.error(`sovra: ${message}`);
  process.exit(1);
}

/**
 * Next's standalone output has no next.config.ts: its own server.js passes the build's config in
 * this variable, and so must any other server that runs the standalone output.
 */
function applyStandaloneConfig() {
  const manifest = path.join(".next", "required-server-files.json");
  if (process.env.__NEXT_PRIVATE_STANDALONE_CONFIG || !existsSync(manifest)) return;
  const { config } = JSON.parse(readFileSync(manifest, "utf8")) as { config?: { output?: string } };
  if (config?.output === "standalone") process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

async function main(mode: Mode) {
  let config;
  try {
    config = parseEnv();
  } catch (e) {
    fail((e as Error).message);
  }
  const url = config.DATABASE_URL;
  if (!url) fail("DATABASE_URL is not set: a container runs on a PostgreSQL server (postgresql://user:password@host:5432/sovra).");

  if (mode === "migrate") {
    // Imported here, not above: bundled with code splitting, the migration code lands in a file of
    // its own, whose import.meta.url is not this script's (prisma/engine/migrate-deploy.mjs runs
    // its own command line when the two are equal), and `web` never loads the WASM engine.
    const { applyMigrations, assertDatabaseReachable } = await import("./database");
    try {
      await assertDatabaseReachable(url);
      const applied = await applyMigrations(url);
      log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
      process.exit(0);
    } catch (e) {
      fail((e as Error).message);
    }
  }

  // Every instance signs and reads the same sessions and print tokens: a secret generated per
  // container (as npm start does for one machine) would sign everyone out at every restart.
  if (!config.AUTH_SECRET) fail("AUTH_SECRET is not set: every instance needs the same one (32+ characters, e.g. openssl rand -base64 32).");
  if (mode === "worker" && process.env.SOVRA_REPORT_WORKER === "off") fail("SOVRA_REPORT_WORKER=off, but this instance was started as the report worker.");
  if (process.env.SOVRA_REPORT_WORKER !== "off" && cluster.isPrimary) {
    const notice = sandboxNotice(config.SOVRA_CHROMIUM_SANDBOX, readSandboxHost(reportChromiumPath()));
    if (notice?.fatal) fail(notice.message);
    if (notice) log(notice.message);
  }
  // What npm start gives its web server (start.ts); NODE_ENV is read-only in Next's types.
  Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  process.env.AUTH_TRUST_HOST ??= "true";
  // A container's CPU limit is not the machine's core count: one web process unless told more,
  // and more replicas to scale (docs/decisions/048).
  process.env.SOVRA_WEB_WORKERS ??= "1";
  applyStandaloneConfig();
  log(`${mode}: ${process.env.SOVRA_WEB_WORKERS} web process(es) on port ${config.PORT}${process.env.SOVRA_REPORT_WORKER === "off" ? ", board report worker off" : ", board report worker on"}`);
  await import("./web-server");
}

const mode = process.argv[2] ?? "web";
if (!(CONTAINER_MODES as readonly string[]).includes(mode)) fail(`unknown command "${mode}": use ${CONTAINER_MODES.join(", ")}`);
await main(mode as Mode);
