import "server-only";
import { Gauge, Registry } from "prom-client";
import { dbPool } from "@/lib/db";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import { log } from "@/lib/log";

// The job queue's state, read from pg-boss's tables at scrape time (docs/decisions/050). It is the
// database's, not a process's: the process that answers a scrape reads it once through its own
// pool (never once per web process, which the cluster's sum would multiply). Every instance on
// one database reports the same values, so alerts take max() over instances. pg-boss's
// getQueueSize() counts one queue; this reads all of them in one query, on pg-boss's index of
// waiting jobs (job_i5: name, start_after where state < active). Nothing is started: a web
// instance with the report worker off has no pg-boss of its own.

/** A database that does not answer within this fails the job metrics, not the scrape. */
const QUERY_TIMEOUT_MS = 3_000;

export interface QueueState {
  queue: string;
  /** Jobs waiting to run: created, or failed and waiting for their retry. */
  waiting: number;
  /** Jobs a worker is running. */
  active: number;
  /** Seconds since the longest-waiting job could have started (0 when none is due). */
  oldestSeconds: number;
}

/**
 * Each pg-boss queue's waiting and running jobs, and how long the oldest due job has waited;
 * none before pg-boss has created its schema.
 * @example await readQueueStates() // [{ queue: "board-report", waiting: 1, active: 0, oldestSeconds: 4.2 }]
 */
export async function readQueueStates(): Promise<QueueState[]> {
  const pool = dbPool();
  const { rows: exists } = await pool.query<{ ready: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ready`, [`${JOB_SCHEMA}.job`]);
  if (!exists[0]?.ready) return [];
  // "Due": a retry waits out its delay (start_after) before it is late.
  const { rows } = await pool.query<{ queue: string; waiting: number; active: number; oldest: number }>(`
    SELECT q.name AS queue,
      count(j.id) FILTER (WHERE j.state < 'active')::int AS waiting,
      count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
      coalesce(extract(epoch FROM now() - min(j.start_after) FILTER (WHERE j.state < 'active' AND j.start_after <= now())), 0)::float8 AS oldest
    FROM ${JOB_SCHEMA}.queue q
    LEFT JOIN ${JOB_SCHEMA}.job j ON j.name = q.name AND j.state <= 'active'
    GROUP BY q.name
    ORDER BY q.name`);
  return rows.map((r) => ({ queue: r.queue, waiting: r.waiting, active: r.active, oldestSeconds: Math.max(0, r.oldest) }));
}

/**
 * The job queue's metrics as Prometheus text: per queue `sovra_jobs_queue_depth` (waiting),
 * `sovra_jobs_active` and `sovra_jobs_oldest_age_seconds`, and `sovra_jobs_metrics_up` (0 when the
 * database did not answer, and then no queue figures).
 * @example await jobMetricsText() // "# HELP sovra_jobs_queue_depth …\nsovra_jobs_queue_depth{queue=\"board-report\"} 1\n…"
 */
export async function jobMetricsText(): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ["queue"] as const, registers: [registry] });
  const depth = gauge("sovra_jobs_queue_depth", "Jobs waiting to run in each queue (created, or waiting for a retry).");
  const active = gauge("sovra_jobs_active", "Jobs being run in each queue.");
  const oldest = gauge("sovra_jobs_oldest_age_seconds", "Seconds the longest-waiting due job of each queue has waited (0: none).");
  const up = new Gauge({ name: "sovra_jobs_metrics_up", help: "1 when the job queue's figures could be read from the database, else 0.", registers: [registry] });
  let timer: NodeJS.Timeout | undefined;
  try {
    const states = await Promise.race([
      readQueueStates(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("the database did not answer in time")), QUERY_TIMEOUT_MS))),
    ]);
    for (const s of states) {
      depth.set({ queue: s.queue }, s.waiting);
      active.set({ queue: s.queue }, s.active);
      oldest.set({ queue: s.queue }, s.oldestSeconds);
    }
    up.set(1);
  } catch (e) {
    up.set(0);
    log.warn("job queue metrics unavailable", { error: (e as Error).message });
  } finally {
    clearTimeout(timer);
  }
  return registry.metrics();
}
