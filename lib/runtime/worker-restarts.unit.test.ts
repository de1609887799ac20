import { describe, expect, it } from "vitest";
import { scheduleRestart, WORKER_RESTART_POLICY, type CrashRow } from "./worker-restarts";

/** The delays for crashes at these times (ms), in order. */
function delaysFor(times: number[]): number[] {
  let row: CrashRow | undefined;
  return times.map((now) => {
    const next = scheduleRestart(row, now);
    row = next.row;
    return next.delayMs;
  });
}

describe("restarting a web worker that died", () => {
  it("replaces the first three crashes in a row at once", () => {
    expect(delaysFor([0, 1_000, 2_000])).toEqual([0, 0, 0]);
  });

  it("then waits 1 s, doubling with every further crash in the row, and never more than 30 s", () => {
    // A worker that dies 2 s after it is started, each time.
    const times: number[] = [];
    let now = 0;
    for (const wait of [0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]) {
      times.push(now);
      now += wait + 2_000;
    }
    expect(delaysFor(times)).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("starts a new row after a minute without a crash", () => {
    expect(delaysFor([0, 1, 2, 3, 4, 64_004, 64_005])).toEqual([0, 0, 0, 1_000, 2_000, 0, 0]);
    expect(delaysFor([0, 1, 2, 3, 60_002])).toEqual([0, 0, 0, 1_000, 2_000]); // 59.999 s later: the row goes on
  });

  it("keeps a worker that dies on every start backed off: the longest delay is shorter than the row's window", () => {
    expect(WORKER_RESTART_POLICY.maxDelayMs).toBeLessThan(WORKER_RESTART_POLICY.windowMs);
    expect(scheduleRestart({ count: 1_000, lastAt: 0 }, 1).delayMs).toBe(WORKER_RESTART_POLICY.maxDelayMs);
  });

  it("records the crash it was told of", () => {
    expect(scheduleRestart({ count: 4, lastAt: 10_000 }, 12_000)).toEqual({ row: { count: 5, lastAt: 12_000 }, delayMs: 2_000 });
    expect(scheduleRestart(undefined, 5)).toEqual({ row: { count: 1, lastAt: 5 }, delayMs: 0 });
  });
});
