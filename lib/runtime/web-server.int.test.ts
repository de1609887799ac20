// The production web server (lib/runtime/web-server.ts) as npm start runs it, on a free loopback
// port: a worker that dies is replaced and the port stays served; stopping restarts nothing; a
// server whose workers cannot start still stops with an error. The workers serve the production
// build in .next, which `npm run build` makes (`npm test` builds after the integration tests, so a
// fresh clone skips the tests that need it, saying so; the lead's machines keep one built).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, inject, type TestContext } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { db, twoOrganisations } from "@/lib/testing/db";

const WEB_SERVER = path.resolve("lib/runtime/web-server.ts");
const TSX = path.resolve("node_modules/tsx/dist/loader.mjs");
const NO_BUILD = "no production build in .next: run `npm run build` first, then these tests run";

interface WebServer {
  child: ChildProcess;
  port: number;
  output: () => string;
}

const started: WebServer[] = [];

afterEach(() => {
  // A server a failed test left running: its whole process group (spawned detached, so it leads one).
  for (const server of started.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null && server.child.pid) {
      try {
        process.kill(-server.child.pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
  }
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startWebServer(workers: number, cwd = process.cwd(), extraEnv: Record<string, string> = {}): Promise<WebServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", TSX, WEB_SERVER], {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      SOVRA_WEB_WORKERS: String(workers),
      DATABASE_URL: inject("databaseUrl"),
      AUTH_SECRET: "web-server-test-secret-web-server-test-secret",
      SOVRA_REPORT_WORKER: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      ...extraEnv,
    },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const server = { child, port, output: () => output };
  started.push(server);
  return server;
}

/** The web workers the primary forked: its children that run web-server.ts (not tsx's esbuild). */
function workerPids(primary: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === primary && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("web-server.ts")) pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids.sort((a, b) => a - b);
}

async function healthy(port: number, timeoutMs = 5_000): Promise<boolean> {
  return (await healthProbe(port, timeoutMs)) === "ok";
}

/** "ok", or why not: the status, or the error (a refused or reset connection, a timeout). */
async function healthProbe(port: number, timeoutMs: number): Promise<string> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? "ok" : `status ${res.status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return `${(e as Error).name}${cause ? ` (${cause})` : ""}: ${(e as Error).message}`;
  }
}

async function waitFor<T>(what: string, server: WebServer, probe: () => T | Promise<T>, timeoutMs = 90_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    const { exitCode, signalCode } = server.child;
    if (exitCode !== null || signalCode !== null) throw new Error(`the server exited (${signalCode ?? exitCode}) while waiting for ${what}; it said:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the server said:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

function requireBuild(ctx: TestContext) {
  if (existsSync(path.join(".next", "BUILD_ID"))) return;
  console.warn(`web-server.int.test.ts: ${NO_BUILD}`);
  ctx.skip(NO_BUILD);
}

/** Starts a server of `workers` workers and waits until it answers and all of them run. */
async function upAndRunning(workers: number, extraEnv: Record<string, string> = {}): Promise<{ server: WebServer; primary: number; pids: number[] }> {
  const server = await startWebServer(workers, process.cwd(), extraEnv);
  const primary = server.child.pid!;
  await waitFor("the health check", server, () => healthy(server.port));
  const pids = await waitFor(`${workers} workers`, server, () => {
    const now = workerPids(primary);
    return now.length === workers ? now : null;
  });
  return { server, primary, pids };
}

describe("the web server", () => {
  it("replaces a worker that is killed, says why, and keeps answering meanwhile", { timeout: 180_000 }, async (ctx) => {
    requireBuild(ctx);
    const { server, primary, pids } = await upAndRunning(2);
    const [victim, survivor] = pids as [number, number];

    process.kill(victim, "SIGKILL");
    await waitFor("the log line about the dead worker", server, () => server.output().includes(`sovra: web worker ${victim} died (SIGKILL); starting another`));
    // The other worker serves while the replacement starts. (A connection that arrives in the
    // instant before the primary has dropped the dead worker from its round robin can be stranded,
    // a limit of node:cluster recorded in docs/decisions/032: the probes start just after that.)
    expect(workerPids(primary)).toContain(survivor);
    await new Promise((r) => setTimeout(r, 100));
    // Each probe may wait for an answer (a replacement that has just started listening renders its
    // first request cold, seconds on a busy 2-core machine), but none may fail.
    for (let i = 0; i < 5; i++) expect(await healthProbe(server.port, 30_000), server.output()).toBe("ok");

    const replaced = await waitFor("a replacement worker", server, () => {
      const now = workerPids(primary);
      return now.length === 2 && !now.includes(victim) && now.includes(survivor) ? now : null;
    });
    expect(replaced).toHaveLength(2);
    await waitFor("the replacement to serve", server, async () => (await Promise.all([1, 2, 3, 4].map(() => healthy(server.port)))).every(Boolean));
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toContain("crashes in a row"); // one crash is replaced at once
  });

  it("supervises a single worker too, and backs off when its replacements keep dying", { timeout: 240_000 }, async (ctx) => {
    requireBuild(ctx);
    const { server, primary, pids } = await upAndRunning(1);
    let victim = pids[0]!;
    const replacementOf = (dead: number) =>
      waitFor(`a replacement for worker ${dead}`, server, () => {
        const now = workerPids(primary);
        return now.length === 1 && now[0] !== dead ? now[0] : null;
      });

    process.kill(victim, "SIGKILL");
    await waitFor("the log line about the dead worker", server, () => server.output().includes(`sovra: web worker ${victim} died (SIGKILL); starting another`));
    victim = await replacementOf(victim);
    await waitFor("the health check after the restart", server, () => healthy(server.port));

    // Crashes 2 and 3 of the row are replaced at once; the 4th waits 1 s.
    for (let crash = 2; crash <= 3; crash++) {
      process.kill(victim, "SIGKILL");
      victim = await replacementOf(victim);
    }
    expect(server.output()).not.toContain("crashes in a row");
    const killedAt = Date.now();
    process.kill(victim, "SIGKILL");
    await waitFor("the back-off line", server, () => server.output().includes("sovra: 4 web worker crashes in a row, each within 60 s of the last: the next worker starts in 1 s"));
    await replacementOf(victim);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(1_000);
    await waitFor("the health check after backing off", server, () => healthy(server.port));
    expect(server.child.exitCode).toBeNull();
  });

  it("refuses TRACE with 405: nothing of the request echoed back, and the worker keeps serving", { timeout: 120_000 }, async (ctx) => {
    requireBuild(ctx);
    const { server } = await upAndRunning(1);
    const trace = (path: string) =>
      new Promise<{ status: number; body: string; allow?: string }>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port: server.port, path, method: "TRACE", headers: { "x-probe": "echo-me", cookie: "authjs.session-token=SECRET-COOKIE" } }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, allow: res.headers.allow }));
        });
        req.on("error", reject);
        req.end();
      });
    for (const path of ["/", "/sign-in", "/api/health", "/api/v1/orgs/x/offices"]) {
      const res = await trace(path);
      expect(res.status, path).toBe(405);
      expect(res.allow, path).not.toMatch(/TRACE/);
      expect(res.body, path).not.toMatch(/echo-me|SECRET-COOKIE/);
    }
    expect(await healthy(server.port)).toBe(true);
  });

  it("stops on SIGTERM with its workers, and starts none again", { timeout: 180_000 }, async (ctx) => {
    requireBuild(ctx);
    const { server, primary, pids } = await upAndRunning(2);

    server.child.kill("SIGTERM");
    expect(await exited(server.child)).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toContain("starting another");
    expect(workerPids(primary)).toEqual([]);
    for (const pid of pids) expect(existsSync(`/proc/${pid}`), `worker ${pid} outlived the server`).toBe(false);
  });

  it("leaves no worker behind when the primary itself is killed: they stop when it is gone", { timeout: 180_000 }, async (ctx) => {
    requireBuild(ctx);
    const { server, pids } = await upAndRunning(2);

    // SIGKILL cannot be caught: the primary cannot stop its workers, they must notice it is gone.
    server.child.kill("SIGKILL");
    await exited(server.child);
    const deadline = Date.now() + 15_000;
    while (pids.some((pid) => existsSync(`/proc/${pid}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const pid of pids) expect(existsSync(`/proc/${pid}`), `worker ${pid} outlived its killed primary`).toBe(false);
  });

  it("stops with an error when its workers cannot start, rather than restarting them for ever", { timeout: 120_000 }, async () => {
    // A folder without a build: every worker fails in next's prepare(), before serving.
    const empty = mkdtempSync(path.join(tmpdir(), "sovra-no-build-"));
    try {
      const server = await startWebServer(2, empty);
      const { code } = await exited(server.child);
      expect(code, server.output()).not.toBe(0);
      expect(server.output()).toMatch(/sovra: web worker \d+ exited before the server was up \(exit code 1\); stopping/);
      expect(server.output()).not.toContain("starting another");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

const OLD_BUILD = "the production build in .next predates the metrics and request ids (it has no /api/metrics route): run `npm run build` again, then this test runs";

/**
 * A build with the observability code (docs/decisions/050) in Next's bundle: its /api/metrics route,
 * and the report job that puts the request id into its data. The web server's own part (request ids,
 * log lines) runs from source and needs only some build.
 */
function requireObservabilityBuild(ctx: TestContext) {
  requireBuild(ctx);
  const manifest = path.join(".next", "app-path-routes-manifest.json");
  if (existsSync(manifest) && Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>).includes("/api/metrics")) return;
  console.warn(`web-server.int.test.ts: ${OLD_BUILD}`);
  ctx.skip(OLD_BUILD);
}

/** A request on a connection of its own (so that the cluster's round robin spreads them), with its answer's status, headers and body. */
function getOnce(port: number, pathname: string, headers: Record<string, string> = {}, method = "GET", body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: pathname, method, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

/** The web server's JSON log lines for requests. */
const requestLines = (output: string) =>
  output
    .split("\n")
    .filter((l) => l.startsWith('{"level":') && l.includes('"msg":"request"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the web server's request ids, logs and metrics (docs/decisions/050)", () => {
  it("gives every request an id, echoes it, and logs one JSON line per request under its route template, without the query", { timeout: 120_000 }, async (ctx) => {
    requireBuild(ctx);
    const { server } = await upAndRunning(1, { SOVRA_TRUSTED_PROXIES: "1" });
    const traced = await getOnce(server.port, "/api/health?token=private-token", { "x-request-id": "lb-trace-7f3a9c" });
    expect(traced.status).toBe(200);
    expect(traced.headers["x-request-id"]).toBe("lb-trace-7f3a9c");
    // No session: the proxy sends the visitor to sign in; the id is a new one (a malformed one is not taken).
    const page = await getOnce(server.port, "/mainfeld-bank/inventory/vendors/0193a1b2-0000-7000-8000-000000000001?q=private-search", { "x-request-id": "bad id with spaces" });
    expect(page.status).toBe(307);
    expect(page.headers["x-request-id"]).toMatch(UUID);

    const lines = await waitFor("the request log lines", server, () => {
      const found = requestLines(server.output());
      return found.some((l) => l.requestId === page.headers["x-request-id"]) ? found : null;
    });
    expect(lines.find((l) => l.requestId === "lb-trace-7f3a9c")).toEqual({ level: "info", time: expect.any(String), msg: "request", requestId: "lb-trace-7f3a9c", method: "GET", route: "/api/health", status: 200, durationMs: expect.any(Number) });
    expect(lines.find((l) => l.requestId === page.headers["x-request-id"])).toMatchObject({ method: "GET", route: "/[org]/inventory/vendors/[id]", status: 307 });
    expect(server.output()).not.toMatch(/private-token|private-search|mainfeld-bank|0193a1b2/);
  });

  it("carries the id of the request that queues a board report (here through the API) into the report's job", { timeout: 120_000 }, async (ctx) => {
    requireObservabilityBuild(ctx);
    const { a, ctx: contextOf } = await twoOrganisations();
    const owner = contextOf(a, "owner");
    const { id: assessmentId } = await freezeAssessment(owner, { note: "request id" });
    const { token } = await createApiToken(owner, { name: "request id", role: "owner" });
    const { server } = await upAndRunning(1, { SOVRA_TRUSTED_PROXIES: "1" });
    const res = await getOnce(
      server.port,
      `/api/v1/orgs/${a.organisation.slug}/reports`,
      { authorization: `Bearer ${token}`, "content-type": "application/json", "x-request-id": "lb-report-5e6f7a" },
      "POST",
      JSON.stringify({ assessmentId, paper: "a4" }),
    );
    expect(res.status, res.body).toBe(202);
    expect(res.headers["x-request-id"]).toBe("lb-report-5e6f7a");
    const { id: runId } = JSON.parse(res.body) as { id: string };
    const run = await db().reportRun.findFirstOrThrow({ where: { id: runId, organisationId: owner.organisationId }, select: { jobId: true, status: true } });
    expect(run.status, "Chromium must be installed for the run to be queued").toBe("queued");
    const [job] = await db().$queryRawUnsafe<{ data: Record<string, unknown> }[]>(`SELECT data FROM pgboss.job WHERE id = $1::uuid`, run.jobId);
    expect(job?.data).toMatchObject({ runId, requestId: "lb-report-5e6f7a" });
    await db().reportRun.delete({ where: { id: runId } }); // nothing prints it here (the report worker is off)
  });

  it("answers GET /api/metrics for the whole instance: both processes' requests, each counted once under its template", { timeout: 180_000 }, async (ctx) => {
    requireObservabilityBuild(ctx);
    const token = "web-server-metrics-token-0123456789";
    const { server } = await upAndRunning(2, { SOVRA_METRICS_TOKEN: token });
    const scrape = async () => {
      const res = await getOnce(server.port, "/api/metrics", { authorization: `Bearer ${token}` });
      expect(res.status, res.body).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.body;
    };
    const value = (text: string, series: string) => Number(text.split("\n").find((l) => l.startsWith(`${series} `))?.split(" ")[1] ?? 0);
    const health = 'sovra_http_request_duration_seconds_count{method="GET",route="/api/health",status_class="2xx"}';

    expect((await getOnce(server.port, "/api/metrics")).status).toBe(401);
    expect((await getOnce(server.port, "/api/metrics", { authorization: "Bearer wrong-token-wrong-token" })).status).toBe(401);
    // Every process has served (and opened its pool) before counting starts.
    for (let i = 0; i < 6; i++) expect((await getOnce(server.port, "/api/health")).status).toBe(200);
    const before = value(await scrape(), health);
    for (let i = 0; i < 10; i++) expect((await getOnce(server.port, "/api/health")).status).toBe(200);
    const after = await scrape();
    expect(value(after, health)).toBe(before + 10);
    // Two processes' pools, DATABASE_POOL_MAX (10) each: the scrape summed both.
    expect(value(after, "sovra_db_pool_max_connections")).toBe(20);
    expect(value(after, "sovra_jobs_metrics_up")).toBe(1);
  });
});
