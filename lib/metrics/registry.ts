import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// This process's metrics (docs/decisions/050). Each web process keeps its own; Sovra's web server
// sums them across its processes when /api/metrics is scraped (lib/metrics/cluster.ts).
// One set per process, on globalThis: the web server (outside Next's bundle) and the app code in
// the bundle load this file as two modules, and prom-client as two copies; both must record into
// the same registry. No "server-only" for the same reason as lib/log.ts.

/** Request durations: fast pages and API calls in the first buckets, an import or export at the end. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** A board report prints in seconds to a few minutes (docs/decisions/024); an attempt ends by 300 s. */
const REPORT_BUCKETS = [1, 2.5, 5, 10, 20, 30, 60, 120, 180, 300];

/** The pool that lib/db.ts keeps per process, read where it is kept: importing db.ts here would load Prisma into the web server. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}
const appPool = () => (globalThis as unknown as { sovraPool?: { pool: PoolCounts } }).sovraPool?.pool;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "sovra_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by method, route template and status class.",
      labelNames: ["method", "route", "status_class"] as const,
      buckets: HTTP_BUCKETS,
      registers: [registry],
    }),
    dbPoolConnections: new Gauge({
      name: "sovra_db_pool_connections",
      help: "The database pool: connections open (total) and idle, and queries waiting for a connection (waiting).",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const pool = appPool();
        this.set({ state: "total" }, pool?.totalCount ?? 0);
        this.set({ state: "idle" }, pool?.idleCount ?? 0);
        this.set({ state: "waiting" }, pool?.waitingCount ?? 0);
      },
    }),
    dbPoolMax: new Gauge({
      name: "sovra_db_pool_max_connections",
      help: "Connections the database pools may open (DATABASE_POOL_MAX per process that has opened its pool).",
      registers: [registry],
      collect() {
        this.set(appPool()?.options.max ?? 0);
      },
    }),
    reportDuration: new Histogram({
      name: "sovra_report_duration_seconds",
      help: "Time one attempt at a report run spent printing, by kind (board, workshop_summary) and outcome (succeeded, failed).",
      labelNames: ["kind", "outcome"] as const,
      buckets: REPORT_BUCKETS,
      registers: [registry],
    }),
    reportFailures: new Counter({
      name: "sovra_report_failures_total",
      help: "Report failures by kind: an attempt the queue retries (outcome retried), a run that failed for good (outcome failed).",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
  };
}

export type SovraMetrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for("sovra.metrics");

/**
 * This process's metrics, created on first use.
 * @example metrics().reportFailures.inc({ kind: "board", outcome: "failed" })
 */
export function metrics(): SovraMetrics {
  const holder = globalThis as Record<symbol, SovraMetrics | undefined>;
  return (holder[KEY] ??= createMetrics());
}

/** A status code's class for the label: 2xx … 5xx. */
export const statusClass = (status: number) => (status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other");
