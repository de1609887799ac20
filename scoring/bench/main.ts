import { buildContext } from "../engine/context";
import { requireOptions, scoreContext, scoreInventory } from "../score-inventory";
import { parseInventoryDocument } from "../parse";
import { simulateOnState } from "../scenario";
import { remediationsOnState } from "../remediation";
import type { Scenario } from "../schema/scenario";
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { BASE_SIZES, generateInventory, scaled } from "./generate";

const AS_OF = "2026-11-01";
const EU = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"];
const scenario: Scenario = {
  schemaVersion: "1.0",
  key: "bench",
  name: "US closed models blocked in the EU",
  shocks: [{ type: "closed-models-unavailable", vendorCountries: ["US"], region: { only: EU } }],
};

let peakHeap = 0;
const sample = () => {
  const h = process.memoryUsage().heapUsed;
  if (h > peakHeap) peakHeap = h;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * A full garbage collection between phases, so that a phase does not pay for the garbage of
 * the one before (e.g. generating the 10x input). `global.gc` when run with --expose-gc,
 * otherwise enabled for this process the same way (only the benchmark does this).
 */
const collect: () => void =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  })();

/**
 * Median wall time of `runs` calls. The previous call's result is dropped before the next call
 * (the app and the CLI hold one result at a time), and the heap is collected once before the
 * first call; the timed region is the whole call, including the collections it causes.
 */
function time<T>(runs: number, fn: () => T): { ms: number; all: number[]; last: T } {
  const all: number[] = [];
  let last: T | undefined;
  collect();
  for (let i = 0; i < runs; i++) {
    last = undefined;
    const t0 = performance.now();
    last = fn();
    all.push(performance.now() - t0);
    sample();
  }
  return { ms: median(all), all, last: last! };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const f = (ms: number) => `${ms.toFixed(1)} ms`;
const runsOf = (t: { all: number[] }) => `[${t.all.map((x) => x.toFixed(0)).join(", ")}]`;
/** Runs timed for the score figure, the same count at both sizes (the ratio compares like with like). */
const SCORE_RUNS = 5;

function baseRun() {
const doc = generateInventory(BASE_SIZES, 42);
const s = BASE_SIZES;
console.log(`Sovra scoring benchmark (Node ${process.version}, single thread)`);
console.log(`Input: ${s.offices} offices, ${s.vendors} vendors, ${s.models} models, ${s.systems} AI systems, ${s.dependencies} dependencies, ${s.dataFlows} data flows, ${doc.fallbacks.length} fallbacks`);

// Warm-up (JIT), not counted.
for (let i = 0; i < 2; i++) scoreInventory(doc, { asOf: AS_OF });

const parse = time(3, () => parseInventoryDocument(doc));
if (!parse.last.ok) throw new Error("generated inventory is invalid");
const score = time(SCORE_RUNS, () => scoreInventory(doc, { asOf: AS_OF }));
const { state, result } = scoreContext(buildContext(doc, requireOptions({ asOf: AS_OF })));
const scen = time(7, () => simulateOnState(state, scenario, AS_OF, result.organisation.score));
const rem = time(3, () => remediationsOnState(state, 20));
const rssBase = process.resourceUsage().maxRSS * 1024;
const heapBase = peakHeap;

console.log("");
console.log(`validate (zod + references), median of 3: ${f(parse.ms)}`);
console.log(`score,                       median of ${SCORE_RUNS}: ${f(score.ms)}   budget 250 ms  ${score.ms < 250 ? "OK" : "OVER"}   ${runsOf(score)}`);
console.log(`scenario (baseline reused),  median of 7: ${f(scen.ms)}   budget 100 ms  ${scen.ms < 100 ? "OK" : "OVER"}   (${scen.last.counts.systemsAffected} systems affected) ${runsOf(scen)}`);
console.log(`remediation (all candidates re-scored, top 20), median of 3: ${f(rem.ms)}`);
console.log(`organisation: ${result.organisation.score} (${result.organisation.rating})`);
console.log(`peak RSS ${mb(rssBase)}, peak heap used ${mb(heapBase)}   budget 500 MB  ${rssBase < 500 * 1024 * 1024 ? "OK" : "OVER"}`);

return score.ms;
}

// The base run's data goes out of scope before the 10x run, so the 10x figures measure the 10x input only.
const baseMs = baseRun();

// 10x input: no quadratic step. The input is built (and its garbage collected) before timing.
const big = generateInventory(scaled(BASE_SIZES, 10), 42);
collect();
scoreInventory(big, { asOf: AS_OF }); // warm-up at size
const score10 = time(SCORE_RUNS, () => scoreInventory(big, { asOf: AS_OF }));
const ratio = score10.ms / baseMs;
console.log("");
console.log(`10x input (${big.dependencies.length} dependencies, ${big.dataFlows.length} data flows): score median of ${SCORE_RUNS}: ${f(score10.ms)}   ${runsOf(score10)}`);
console.log(`10x ratio: ${ratio.toFixed(2)} (limit 12)  ${ratio <= 12 ? "OK" : "OVER"}`);
console.log(`peak RSS including the 10x run ${mb(process.resourceUsage().maxRSS * 1024)}, peak heap used ${mb(peakHeap)}`);
console.log(`load average: ${loadavg().map((x) => x.toFixed(2)).join(" ")} (2 cores: figures above ~1 are inflated by other work)`);
