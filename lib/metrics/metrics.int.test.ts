// The metrics endpoint and what it counts (docs/decisions/050), against this run's database:
// GET /api/metrics's route handler with and without its token; a request observed as Sovra's web
// server observes it, scraped under its route template; a job on a pg-boss queue in the queue's
// figures; a board report that fails, through the real queue and worker, in the failure counter,
// with the id of the request that queued it in its job's data and log lines. The web server's
// own cluster (the sum over its processes) is tested in lib/metrics/cluster.unit.test.ts and,
// with a production build, lib/runtime/web-server.int.test.ts.
import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, twoOrganisations } from "@/lib/testing/db";
import type { OrgContext } from "@/lib/auth/org-context";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { startReportRun } from "@/lib/reports/run-mutations";
import { getReportRun } from "@/lib/reports/run-queries";
import { REPORT_QUEUE, startReportWorker, stopReportWorker } from "@/lib/reports/report-job";
import { closeBrowser } from "@/lib/reports/renderer";
import { jobQueue, stopJobQueue } from "@/lib/jobs/boss";
import { withRequestId } from "@/lib/log";
import { observeRequests } from "@/lib/metrics/http";
import { createRouteMatcher } from "@/lib/metrics/routes";

const TOKEN = "metrics-test-token-3f9a1c7e5b";
const SECRET = "metrics-test-secret-metrics-test-secret-0001";

/** GET /api/metrics from a fresh module graph, so that env() reads SOVRA_METRICS_TOKEN anew. */
async function scrape(token: string | undefined, authorization?: string): Promise<Response> {
  const previous = process.env.SOVRA_METRICS_TOKEN;
  if (token === undefined) delete process.env.SOVRA_METRICS_TOKEN;
  else process.env.SOVRA_METRICS_TOKEN = token;
  try {
    vi.resetModules();
    const { GET } = await import("@/app/api/metrics/route");
    return await GET(new Request("http://sovra.test/api/metrics", { headers: authorization ? { authorization } : {} }));
  } finally {
    if (previous === undefined) delete process.env.SOVRA_METRICS_TOKEN;
    else process.env.SOVRA_METRICS_TOKEN = previous;
  }
}

/** The scraped text, with the right token. */
async function scrapeText(): Promise<string> {
  const res = await scrape(TOKEN, `Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** Every sample of a metric whose labels include `labels`, from Prometheus's text format. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  const values: number[] = [];
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) values.push(Number(m[3]));
  }
  return values;
}
const sample = (text: string, name: string, labels: Record<string, string> = {}) => samples(text, name, labels)[0] ?? 0;

/** Log lines written from now until stop(), parsed and kept out of the test's output (SOVRA_LOG_FORMAT=json). */
function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const saved = process.env.SOVRA_LOG_FORMAT;
  process.env.SOVRA_LOG_FORMAT = "json";
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation((chunk, ...rest) => {
      const text = String(chunk);
      if (!text.startsWith('{"level":')) return write(chunk as string, ...(rest as []));
      lines.push(JSON.parse(text) as Record<string, unknown>);
      return true;
    });
  }
  return {
    lines,
    stop() {
      vi.restoreAllMocks();
      if (saved === undefined) delete process.env.SOVRA_LOG_FORMAT;
      else process.env.SOVRA_LOG_FORMAT = saved;
    },
  };
}

describe("GET /api/metrics", () => {
  it("does not exist while SOVRA_METRICS_TOKEN is unset", async () => {
    const res = await scrape(undefined, `Bearer ${TOKEN}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("sovra_");
  });

  it("refuses a missing, wrong or malformed token with 401 and says how to authenticate", async () => {
    for (const authorization of [undefined, `Bearer wrong-${TOKEN}`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${btoa(`x:${TOKEN}`)}`, `Bearer ${TOKEN} extra`]) {
      const res = await scrape(TOKEN, authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await res.text()).not.toContain("sovra_");
    }
  });

  it("answers the right token with the process's, the pool's and the job queue's metrics in Prometheus's text format, uncached", async () => {
    await db().$queryRaw`SELECT 1`; // the pool has opened a connection
    const res = await scrape(TOKEN, `bearer  ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    for (const name of ["process_cpu_user_seconds_total", "nodejs_eventloop_lag_seconds", "process_resident_memory_bytes"]) expect(samples(text, name), name).toHaveLength(1);
    expect(sample(text, "sovra_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    expect(samples(text, "sovra_db_pool_connections", { state: "waiting" })).toHaveLength(1);
    expect(sample(text, "sovra_db_pool_max_connections")).toBe(10);
    expect(sample(text, "sovra_jobs_metrics_up")).toBe(1);
    expect(text).toContain("# TYPE sovra_http_request_duration_seconds histogram");
    expect(text).toContain("# TYPE sovra_report_failures_total counter");
  });
});

describe("what the metrics count", () => {
  let owner: OrgContext;
  let assessmentId: string;

  beforeAll(async () => {
    const { a, ctx } = await twoOrganisations();
    owner = ctx(a, "owner");
    assessmentId = (await freezeAssessment(owner, { note: "metrics" })).id;
  });

  afterEach(() => {
    delete process.env.CHROMIUM_PATH;
  });

  afterAll(async () => {
    await stopReportWorker();
    await stopJobQueue();
    await closeBrowser();
  });

  it("counts a request under its route template and status class, never under its organisation, id or query", async () => {
    const routeOf = createRouteMatcher(["/[org]/inventory/vendors/[id]", "/[org]/inventory/vendors/new"]);
    const observe = observeRequests({ routeOf, trustedProxies: 0 });
    const server: Server = createServer((req, res) => observe(req, res, () => res.end("ok")));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const logs = captureLogs();
    try {
      const labels = { method: "GET", route: "/[org]/inventory/vendors/[id]", status_class: "2xx" };
      const before = sample(await scrapeText(), "sovra_http_request_duration_seconds_count", labels);
      const { port } = server.address() as { port: number };
      for (const id of ["0193a1b2-0000-7000-8000-000000000001", "0193a1b2-0000-7000-8000-000000000002"]) {
        expect((await fetch(`http://127.0.0.1:${port}/mainfeld-bank/inventory/vendors/${id}?q=private-search`)).status).toBe(200);
      }
      await vi.waitFor(() => expect(logs.lines.filter((l) => l.msg === "request")).toHaveLength(2));
      const text = await scrapeText();
      expect(sample(text, "sovra_http_request_duration_seconds_count", labels)).toBe(before + 2);
      expect(sample(text, "sovra_http_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(before + 2);
      expect(text).not.toMatch(/mainfeld-bank|0193a1b2|private-search/);
    } finally {
      logs.stop();
      await new Promise((r) => server.close(r));
    }
  });

  it("shows a queued job in its queue's depth, and how long the oldest due one has waited", async () => {
    const boss = await jobQueue();
    const queue = `metrics-test-${Date.now().toString(36)}`;
    await boss.createQueue(queue);
    let text = await scrapeText();
    expect(sample(text, "sovra_jobs_queue_depth", { queue })).toBe(0);
    expect(sample(text, "sovra_jobs_oldest_age_seconds", { queue })).toBe(0);

    // Due 90 s ago, and one not due for an hour: both wait, only the first is late.
    await boss.send(queue, { n: 1 }, { startAfter: new Date(Date.now() - 90_000) });
    await boss.send(queue, { n: 2 }, { startAfter: 3600 });
    text = await scrapeText();
    expect(sample(text, "sovra_jobs_queue_depth", { queue })).toBe(2);
    expect(sample(text, "sovra_jobs_active", { queue })).toBe(0);
    const age = sample(text, "sovra_jobs_oldest_age_seconds", { queue });
    expect(age).toBeGreaterThanOrEqual(89);
    expect(age).toBeLessThan(150);

    // A worker takes the due job: it runs, and the one left is not due yet.
    expect(await boss.fetch(queue)).toHaveLength(1);
    text = await scrapeText();
    expect(sample(text, "sovra_jobs_queue_depth", { queue })).toBe(1);
    expect(sample(text, "sovra_jobs_active", { queue })).toBe(1);
    expect(sample(text, "sovra_jobs_oldest_age_seconds", { queue })).toBe(0);
  });

  it("carries the id of the request that queued a report into its job's data and the job's log lines, and counts the run's failure", async () => {
    const failedBefore = sample(await scrapeText(), "sovra_report_failures_total", { kind: "board", outcome: "failed" });
    const requestId = `req-metrics-${Date.now().toString(36)}`;
    await stopReportWorker();
    const started = await withRequestId(requestId, () => startReportRun(owner, { assessmentId, paper: "a4" }));
    const { jobId } = await db().reportRun.findUniqueOrThrow({ where: { id: started.id }, select: { jobId: true } });
    const job = await (await jobQueue()).getJobById(REPORT_QUEUE, jobId!);
    expect(job?.data).toMatchObject({ runId: started.id, organisationId: owner.organisationId, requestId });

    // Chromium goes missing after queueing: the job fails the run for good.
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const logs = captureLogs();
    try {
      await startReportWorker({ baseUrl: "http://127.0.0.1:9", secret: SECRET }, 0.5);
      await settle(owner, started.id);
      const mine = logs.lines.filter((l) => l.runId === started.id);
      expect(mine.map((l) => l.msg)).toEqual(["report run started", "report run failed"]);
      for (const line of mine) expect(line).toMatchObject({ requestId, jobId, kind: "board", attempt: 1 });
      expect(mine[1]).toMatchObject({ level: "error", error: expect.stringContaining("apt-get install -y chromium") });
    } finally {
      logs.stop();
    }
    expect(sample(await scrapeText(), "sovra_report_failures_total", { kind: "board", outcome: "failed" })).toBe(failedBefore + 1);

    // Missing before queueing: failed at once, and counted too.
    const now = await startReportRun(owner, { assessmentId, paper: "a4" });
    expect(now.status).toBe("failed");
    expect(sample(await scrapeText(), "sovra_report_failures_total", { kind: "board", outcome: "failed" })).toBe(failedBefore + 2);
  }, 60_000);

  it("times every attempt of a report whose print route cannot be reached, counts the two retried and the run failed", async () => {
    const labels = { kind: "board", outcome: "failed" };
    const before = await scrapeText();
    await stopReportWorker();
    await startReportWorker({ baseUrl: "http://127.0.0.1:9", secret: SECRET }, 0.5); // nothing listens on port 9
    const started = await startReportRun(owner, { assessmentId, paper: "a4" });
    const run = await settle(owner, started.id, 90_000);
    expect(run).toMatchObject({ status: "failed", attempts: 3 });
    const after = await scrapeText();
    expect(sample(after, "sovra_report_failures_total", { kind: "board", outcome: "retried" })).toBe(sample(before, "sovra_report_failures_total", { kind: "board", outcome: "retried" }) + 2);
    expect(sample(after, "sovra_report_failures_total", labels)).toBe(sample(before, "sovra_report_failures_total", labels) + 1);
    expect(sample(after, "sovra_report_duration_seconds_count", labels)).toBe(sample(before, "sovra_report_duration_seconds_count", labels) + 3);
    expect(sample(after, "sovra_report_duration_seconds_sum", labels)).toBeGreaterThan(sample(before, "sovra_report_duration_seconds_sum", labels));
  }, 120_000);
});

/** Polls the run until it is no longer queued or running. */
async function settle(ctx: OrgContext, runId: string, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getReportRun(ctx, runId);
    if (!run) throw new Error("run vanished");
    if (run.status === "succeeded" || run.status === "failed") return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.status} (${run.stage}) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
