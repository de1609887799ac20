import "server-only";
import PgBoss from "pg-boss";
import { dbPool } from "@/lib/db";
import { log } from "@/lib/log";

// One pg-boss per server process, in the "pgboss" schema of the app's own database. Its SQL runs
// through the app's pg pool (lib/db.ts), never a pool of its own: the embedded database takes one
// connection only, and a second connection's messages would interleave with the app's and
// corrupt queries (decisions 001 and 024). Several app instances on one database share the queue.

/** pg-boss's schema in the app's database (also read by the queue metrics, lib/metrics/jobs.ts). */
export const JOB_SCHEMA = "pgboss";

const globalForBoss = globalThis as unknown as { sovraBoss?: Promise<PgBoss> };

/** The process's started pg-boss (schema created or migrated on first start). */
export function jobQueue(): Promise<PgBoss> {
  globalForBoss.sovraBoss ??= start().catch((e: unknown) => {
    globalForBoss.sovraBoss = undefined; // the next call tries again
    throw e;
  });
  return globalForBoss.sovraBoss;
}

async function start(): Promise<PgBoss> {
  const pool = dbPool();
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
    schema: JOB_SCHEMA,
    migrate: true,
    // Maintenance expires jobs whose worker died (expireIn) so that they are retried or failed.
    supervise: true,
    maintenanceIntervalSeconds: 30,
    // No cron schedules here: nothing to keep a clock for.
    schedule: false,
  });
  boss.on("error", (e: unknown) => log.error("pg-boss error", { error: e }));
  await boss.start();
  return boss;
}

/** Stops this process's queue (workers finish or fail their jobs), e.g. at the end of a test. */
export async function stopJobQueue(): Promise<void> {
  const started = globalForBoss.sovraBoss;
  globalForBoss.sovraBoss = undefined;
  if (!started) return;
  const boss = await started.catch(() => null);
  await boss?.stop({ graceful: true, timeout: 5_000, close: false });
}
