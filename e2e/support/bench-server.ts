// What the benchmarks share: start the production server detached (its own process group, so a
// server that ignores SIGTERM can be ended with its children), wait for it, stop it, and sign
// in as the demo owner with Chromium for a session cookie. Loopback addresses only.
// A bench session sends the server's stdout (start.ts's lines and one JSON line per request,
// docs/decisions/050) to a file, so that the bench's stdout is its figures; the server's stderr
// (its warnings and errors) stays on the bench's.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions, chromiumPath } from "../../lib/runtime/chromium";
import { createDatabase, databaseUrlFor, dropDatabase } from "../../lib/testing/global-setup";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed-data";

export const BENCH_AUTH_SECRET = "bench-secret-bench-secret-bench-secret-bench";

/**
 * `npm start`'s runner on `databaseUrl` and `port`, with extra environment (e.g. one web process).
 * Its stdout is appended to `stdoutFile` when given, else shares the caller's; its stderr always does.
 */
export function startServer(databaseUrl: string, port: number, env: Record<string, string> = {}, stdoutFile?: string): ChildProcess {
  const stdout = stdoutFile === undefined ? "inherit" : openSync(stdoutFile, "a");
  try {
    return spawn(process.execPath, ["--import", "tsx", "lib/runtime/start.ts"], {
      stdio: ["ignore", stdout, "inherit"],
      detached: true,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), AUTH_SECRET: BENCH_AUTH_SECRET, ...env },
    });
  } finally {
    if (typeof stdout === "number") closeSync(stdout); // the child has its own copy
  }
}

export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

export async function waitForHealth(child: ChildProcess, base: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    if (await answers(`${base}/api/health`)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${base}/api/health within ${timeoutMs / 1000} s`);
}

/** SIGTERM (start.ts stops the web server and waits for it), then SIGKILL to the group after `graceMs`. */
export async function stopServer(child: ChildProcess, log: (msg: string) => void, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    log(`server ${child.pid} did not stop within ${graceMs / 1000} s: SIGKILL to its process group`);
    process.kill(-child.pid, "SIGKILL");
    await exited;
  }
}

/** Signs in as the demo owner through the sign-in page and answers the cookie header. */
export async function sessionCookie(base: string): Promise<string> {
  const browser = await chromium.launch(chromiumLaunchOptions(chromiumPath()));
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(DEMO_USERS[0]!.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

/**
 * A benchmark's database and server, cleaned up whatever happens: refuses to run without a
 * production build or with something already on `base`; creates a fresh database named
 * `prefix_...` (or reuses one the same script kept: `--database`), and on `cleanup()` (called
 * also on SIGINT/SIGTERM) stops the server it was given and drops the database unless kept.
 * The server's stdout goes to server.log in a new folder of the system's temp folder (kept
 * afterwards; its path is said once).
 */
export async function benchSession(prefix: string, base: string, opts: { database?: string; keepDb: boolean }, log: (msg: string) => void) {
  if (!existsSync(path.join(".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` (npm run build) first");
  if (await answers(`${base}/api/health`)) throw new Error(`something already answers on ${base}: choose another --port`);
  const reused = opts.database !== undefined;
  if (reused && !new RegExp(`^${prefix}_[a-z0-9_]+$`).test(opts.database!)) throw new Error(`--database: only a database this script created (${prefix}_...)`);
  const { name, url } = reused ? { name: opts.database!, url: databaseUrlFor(opts.database!) } : await createDatabase(prefix);
  log(`database ${name}${reused ? " (reused)" : ""}`);
  const serverLog = path.join(mkdtempSync(path.join(tmpdir(), `${prefix}-`)), "server.log");
  log(`server stdout (start.ts and the request log) in ${serverLog}; its warnings and errors stay on stderr`);
  let server: ChildProcess | undefined;
  let stopping = false;
  const cleanup = async () => {
    if (stopping) return;
    stopping = true;
    if (server) await stopServer(server, log).catch((e) => console.error(`${prefix}: could not stop the server:`, e));
    if (opts.keepDb || reused) log(`kept database ${name}`);
    else await dropDatabase(name).catch((e) => console.error(`${prefix}: could not drop ${name}:`, e));
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    name,
    url,
    reused,
    /** Starts the server on the session's database (stopped by cleanup), its stdout to `serverLog`. */
    start(port: number, env: Record<string, string> = {}) {
      server = startServer(url, port, env, serverLog);
      return server;
    },
    cleanup,
  };
}
