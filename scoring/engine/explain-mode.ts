/**
 * Whether factor functions build their sentences. Scoring thousands of dependencies only
 * needs the points; explanations are rebuilt on demand by re-running the (pure) evaluation
 * with explanations on. Synchronous use only: set, evaluate, restore.
 */
export const MODE = { explain: true };

/** Runs `fn` with sentence building switched off (restored afterwards, even on error). */
export function withoutExplanations<T>(fn: () => T): T {
  const prev = MODE.explain;
  MODE.explain = false;
  try {
    return fn();
  } finally {
    MODE.explain = prev;
  }
}
