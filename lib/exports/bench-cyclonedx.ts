// Benchmark: the CycloneDX ML-BOM of a synthetic inventory of 10,000 dependencies (the scoring
// benchmark's: 2,000 AI systems, 2,000 models, ~5,000 fallbacks, 50,000 data flows), built in
// memory. Times the pure builder plus the serialisation (what the export does besides reading
// the database, whose live score is cached) over several runs and prints p50/p95 and memory.
// Issue 16's budget: under 5 s and 300 MB. Memory as in lib/inventory/bench-import.ts: each run
// starts after a garbage collection, and its "extra" is the larger of the resident set's and the
// heap-plus-buffers' growth at its peak. Prints figures and PASS/FAIL; exits 0 either way.
import { randomUUID } from "node:crypto";
import { scoreInventory } from "@/scoring";
import { BASE_SIZES, generateInventory } from "@/scoring/bench/generate";
import type { InventoryRowIds } from "@/lib/inventory/document-rows";
import { buildCycloneDxBom, serializeCycloneDxBom } from "./cyclonedx";

const RUNS = Number(process.env.RUNS ?? 7);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn("Run with node --expose-gc (npm run bench:cyclonedx does) for memory figures that start from a collected heap.");

const doc = generateInventory(BASE_SIZES, 42);
const result = scoreInventory(doc, { asOf: "2026-11-01" });
// Row ids as the database gives them (UUIDs), so bom-refs are as long as in production.
const idsOf = (rows: readonly { key: string }[]) => Object.fromEntries(rows.map((r) => [r.key, randomUUID()]));
const rowIds: InventoryRowIds = {
  offices: idsOf(doc.offices),
  vendors: idsOf(doc.vendors),
  models: idsOf(doc.models),
  aiSystems: idsOf(doc.aiSystems),
  dependencies: idsOf(doc.dependencies),
  fallbacks: idsOf(doc.fallbacks),
  dataFlows: idsOf(doc.dataFlows),
};
const dataFlowNames = Object.fromEntries(doc.dataFlows.map((f, i) => [f.key, `Data flow ${i} to its processor`]));
const organisationId = randomUUID();

// `external` includes the array buffers (the encoded BOM).
const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
console.log(`inventory: ${doc.aiSystems.length} AI systems, ${doc.models.length} models, ${doc.dependencies.length} dependencies, ${doc.fallbacks.length} fallbacks, ${doc.dataFlows.length} data flows`);
console.log(`in memory before the runs (inventory and its scores): rss ${mb(process.memoryUsage().rss)}`);

const times: number[] = [];
const extras: number[] = [];
let bytes = 0;
for (let run = 0; run < RUNS; run++) {
  gc?.();
  const start = process.memoryUsage();
  let [peakRss, peakHeap] = [start.rss, heapOf(start)];
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, heapOf(m));
  };
  const t0 = performance.now();
  const bom = buildCycloneDxBom({ specVersion: "1.6", serialNumber: randomUUID(), timestamp: new Date().toISOString(), tool: { name: "Sovra", version: "bench" }, organisationId, document: doc, result, rowIds, dataFlowNames });
  const t1 = performance.now();
  sample();
  const body = serializeCycloneDxBom(bom);
  const ms = performance.now() - t0;
  sample();
  const extra = Math.max(peakRss - start.rss, peakHeap - heapOf(start));
  times.push(ms);
  extras.push(extra);
  bytes = body.byteLength;
  console.log(`run ${run + 1}: ${ms.toFixed(0)} ms (build ${(t1 - t0).toFixed(0)} ms, serialise ${(ms - (t1 - t0)).toFixed(0)} ms), +${mb(extra)}; ${bom.components.length} components, ${bom.services.length} services, ${(bytes / 1024 / 1024).toFixed(1)} MB of JSON`);
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const p95 = pct(times, 95);
const maxExtra = Math.max(...extras);
console.log(`build + serialise over ${RUNS} runs: p50 ${pct(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms; extra memory p50 +${mb(pct(extras, 50))}, max +${mb(maxExtra)}; peak rss of the process ${mb(process.resourceUsage().maxRSS * 1024)}`);
console.log(`${p95 < 5_000 && maxExtra < 300 * 1024 * 1024 ? "PASS" : "FAIL"}  10,000 dependencies: p95 ${p95.toFixed(0)} ms (< 5,000), max +${mb(maxExtra)} (< 300 MB)`);
