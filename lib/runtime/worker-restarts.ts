// When the web server's primary starts a replacement for a worker that died (lib/runtime/web-server.ts):
// at once for a crash now and then, later and later when crashes follow each other, so that a
// worker that dies on start (a broken build, a database that refuses it) is not forked in a tight
// loop. Pure, so that the schedule is tested without processes (docs/decisions/032).

export interface RestartPolicy {
  /** Crashes in a row that are replaced at once. */
  immediate: number;
  /** A crash less than this long after the previous one continues the row; a longer quiet ends it. */
  windowMs: number;
  /** The first delay once the immediate restarts are used up; each further crash in the row doubles it. */
  firstDelayMs: number;
  /** The longest delay. Less than `windowMs`, so that a worker that keeps dying stays backed off. */
  maxDelayMs: number;
}

export const WORKER_RESTART_POLICY: RestartPolicy = { immediate: 3, windowMs: 60_000, firstDelayMs: 1_000, maxDelayMs: 30_000 };

/** The crashes in a row so far: how many, and when the last one was. */
export interface CrashRow {
  count: number;
  lastAt: number;
}

/**
 * The row after a crash at `now`, and how long to wait before starting the replacement.
 *
 * @example
 * // the 5th crash, 2 s after the 4th: 2 s (the 4th waited 1 s)
 * scheduleRestart({ count: 4, lastAt: 10_000 }, 12_000) // { row: { count: 5, lastAt: 12_000 }, delayMs: 2_000 }
 */
export function scheduleRestart(previous: CrashRow | undefined, now: number, policy: RestartPolicy = WORKER_RESTART_POLICY): { row: CrashRow; delayMs: number } {
  const continues = previous !== undefined && now - previous.lastAt < policy.windowMs;
  const row = { count: continues ? previous.count + 1 : 1, lastAt: now };
  const beyond = row.count - policy.immediate;
  const delayMs = beyond <= 0 ? 0 : Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (beyond - 1));
  return { row, delayMs };
}
