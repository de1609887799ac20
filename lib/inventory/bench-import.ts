// Benchmark of the inventory import, in-process (no server). Needs a PostgreSQL server
// (TEST_DATABASE_ADMIN_URL, as the integration tests); creates and drops its own database. Run:
//
//   npm run bench:import                 # or, with the larger workbook inside every limit:
//   npm run bench:import -- --large
//
// (`NODE_OPTIONS="--conditions=react-server --expose-gc"`, set by the npm script, lets the
// server-only modules load outside Next and lets each step start after a garbage collection.)
// Memory is the process's resident set: the baseline (tsx, Prisma, the generator) and the peak
// above it while a step runs, sampled every 10 ms.
//
// 2. Issue 7's workbook, 47,000 rows x 64 numbers (ADR 031): under 300 MB extra and a clear
//    answer in under 10 s. First, while the process is small.
// 3. Six of them at once: the stand-in for /api/health (the query it runs, every 100 ms) and the
//    event loop answer within 1 s.
// 1. A 5,000-row workbook imported into an empty organisation (ADR 008: under 10 s and 300 MB).
// 4. With --large: a workbook of ~47,000 inventory rows inside every limit, previewed and imported.
// The same through a running server (uploads, body limits, /api/health): e2e/support/bench-import-server.ts.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import { applyMigrations } from "@/lib/runtime/database";
import { numbersWorkbook } from "@/lib/testing/xlsx-files";
import { generateInventory, type Sizes } from "@/scoring/bench/generate";

const SIZES: Sizes = { offices: 40, vendors: 60, models: 200, systems: 500, dependencies: 1500, dataFlows: 2000 };
const LARGE: Sizes = { offices: 100, vendors: 200, models: 1000, systems: 3000, dependencies: 10_000, dataFlows: 30_000 };
const large = process.argv.includes("--large");

// Resident set (what the operating system sees) and the JS heap with buffers (what this step
// allocates, whatever earlier steps left the process holding).
let peakRss = 0;
let peakHeap = 0;
const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, heapOf(m));
};
const sampler = setInterval(sample, 10);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const verdicts: string[] = [];
const budget = (what: string, ok: boolean) => verdicts.push(`${ok ? "PASS" : "FAIL"}  ${what}`);

/** Runs a step after a garbage collection; `extra` is the larger of its RSS and heap growth. */
async function timed<T>(label: string, run: () => Promise<T>): Promise<{ result: T; ms: number; extra: number }> {
  global.gc?.();
  const start = process.memoryUsage();
  [peakRss, peakHeap] = [start.rss, heapOf(start)];
  const started = performance.now();
  const result = await run();
  sample();
  const ms = Math.round(performance.now() - started);
  const [rss, heap] = [peakRss - start.rss, peakHeap - heapOf(start)];
  console.log(`${label.padEnd(44)} ${String(ms).padStart(6)} ms   rss +${mb(rss)} (peak ${mb(peakRss)})   heap+buffers +${mb(heap)}`);
  return { result, ms, extra: Math.max(rss, heap) };
}

/** The generator can repeat a dependency or fallback route at this size; an import refuses that, so keep the first. */
function uniqueRoutes(doc: ReturnType<typeof generateInventory>) {
  const seen = new Set<string>();
  const first = (id: string) => !seen.has(id) && Boolean(seen.add(id));
  const dependencies = doc.dependencies.filter((d) => first(`d ${d.system} ${d.model} ${d.accessPath}`));
  const kept = new Set(dependencies.map((d) => d.key));
  const fallbacks = doc.fallbacks.filter((f) => kept.has(f.dependency) && first(`f ${f.dependency} ${f.model} ${f.accessPath}`));
  return { ...doc, dependencies, fallbacks, dataFlows: doc.dataFlows.filter((f) => kept.has(f.dependency)) };
}

async function main() {
  const { name, url } = await createDatabase("sovra_bench");
  try {
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    const [{ db, dbPool }, { buildOrganisationWithMembers }, { contextFor }, { documentToTables }, { writeXlsx, readXlsx }, { previewInventoryFile, importInventoryFile }, { env }] = await Promise.all([
      import("@/lib/db"),
      import("@/prisma/factories"),
      import("@/lib/testing/db"),
      import("./tabular"),
      import("./xlsx"),
      import("./import-file"),
      import("@/lib/env"),
    ]);
    const newEditor = async () => {
      const { organisation, users } = await buildOrganisationWithMembers(db());
      return contextFor(organisation, users.editor.id, "editor");
    };

    // ---- 2. issue 7's workbook: 47,000 rows x 64 numbers
    const headers = ["Name", "Country", "Headcount", "Teams"];
    const wide = numbersWorkbook({ sheet: "Offices", rows: 47_000, columns: 64, headers });
    const wideUpload = { fileName: "wide.xlsx", bytes: wide };
    const ctx = await newEditor();
    console.log(`\n2. workbook of 47,000 rows x 64 numbers: ${mb(wide.byteLength)} (${wide.byteLength} bytes)`);
    await timed("read (stream, stops at the first limit)", () => readXlsx(wide, "wide.xlsx"));
    const { result: refused, ms, extra } = await timed("import (refused)", () => importInventoryFile(ctx, wideUpload));
    console.log(`answer: ${refused.problems.map((p) => `[${p.sheet} row ${p.row}] ${p.message}`).join(" | ")}`);
    budget(`47,000 x 64: answered in ${ms} ms (< 10,000) with +${mb(extra)} (< 300 MB)`, ms < 10_000 && extra < 300 * 1024 * 1024 && refused.errorCount === 1 && !refused.applied);
    const other = numbersWorkbook({ sheet: "Sheet1", rows: 47_000, columns: 64 });
    const { result: ignored, ms: ignoredMs, extra: ignoredExtra } = await timed("the same in a sheet that is not a table", () => importInventoryFile(ctx, { fileName: "sheet1.xlsx", bytes: other }));
    console.log(`answer: ${ignored.problems.map((p) => p.message.slice(0, 90)).join(" | ")}`);
    budget(`47,000 x 64 in "Sheet1": answered in ${ignoredMs} ms (< 10,000) with +${mb(ignoredExtra)} (< 300 MB)`, ignoredMs < 10_000 && ignoredExtra < 300 * 1024 * 1024);

    // ---- 3. six at once
    {
      console.log(`\n3. six imports of the 47,000 x 64 workbook at once (SOVRA_IMPORT_CONCURRENCY=${env().SOVRA_IMPORT_CONCURRENCY})`);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      let healthMax = 0;
      let healthChecks = 0;
      let stop = false;
      const health = (async () => {
        while (!stop) {
          const started = performance.now();
          await db().$queryRaw`SELECT 1`;
          healthMax = Math.max(healthMax, performance.now() - started);
          healthChecks++;
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const { result: outcomes, ms: allMs, extra: allExtra } = await timed("six at once", () => Promise.allSettled(Array.from({ length: 6 }, () => importInventoryFile(ctx, wideUpload))));
      stop = true;
      await health;
      loop.disable();
      const answered = outcomes.filter((o) => o.status === "fulfilled").length;
      const busy = outcomes.filter((o) => o.status === "rejected" && (o.reason as { code?: string }).code === "RATE_LIMITED").length;
      console.log(`answers: ${answered} refused at the cell limit, ${busy} "busy, try again" (429); health query max ${Math.round(healthMax)} ms over ${healthChecks} checks; event loop delay max ${Math.round(loop.max / 1e6)} ms, p99 ${Math.round(loop.percentile(99) / 1e6)} ms`);
      budget(`six at once: /api/health's query answered within ${Math.round(healthMax)} ms (< 1,000); event loop max delay ${Math.round(loop.max / 1e6)} ms`, healthMax < 1_000 && loop.max / 1e6 < 1_000);
      budget(`six at once: all answered in ${allMs} ms with +${mb(allExtra)}, ${busy} told to try again`, answered + busy === 6);
    }

    // ---- 1. a 5,000-row workbook
    {
      const doc = generateInventory(SIZES, 7);
      const rows = [doc.offices, doc.vendors, doc.models, doc.aiSystems, doc.dependencies, doc.fallbacks, doc.dataFlows].reduce((n, l) => n + l.length, 0);
      const bytes = await writeXlsx(documentToTables(doc));
      const ctx = await newEditor();
      const upload = { fileName: "bench.xlsx", bytes };
      console.log(`\n1. workbook: ${rows} rows, ${mb(bytes.byteLength)} (${bytes.byteLength} bytes); rss before: ${mb(process.memoryUsage().rss)}`);
      const started = performance.now();
      await timed("read workbook (stream + checks)", () => readXlsx(bytes, "bench.xlsx"));
      const { result: preview } = await timed("preview (read + plan)", () => previewInventoryFile(ctx, upload));
      if (preview.errorCount > 0) throw new Error(JSON.stringify(preview.problems.slice(0, 5)));
      const { result: imported, ms, extra } = await timed("import (read + plan + apply)", () => importInventoryFile(ctx, upload, preview.sha256));
      if (!imported.applied) throw new Error("not applied");
      const { result: again } = await timed("second import (changes nothing)", () => importInventoryFile(ctx, upload));
      console.log(`created ${imported.totals.create} rows; second import: ${again.totals.create} created, ${again.totals.update} updated`);
      console.log(`all steps ${Math.round(performance.now() - started)} ms`);
      budget(`5,000-row workbook imported in ${ms} ms (< 10,000) with +${mb(extra)} (< 300 MB)`, ms < 10_000 && extra < 300 * 1024 * 1024);
      budget("5,000-row workbook: a second import changes nothing", again.totals.create + again.totals.update === 0);
    }

    // ---- 4. a workbook inside every limit
    if (large) {
      const doc = uniqueRoutes(generateInventory(LARGE, 11));
      const rows = [doc.offices, doc.vendors, doc.models, doc.aiSystems, doc.dependencies, doc.fallbacks, doc.dataFlows].reduce((n, l) => n + l.length, 0);
      const bytes = await writeXlsx(documentToTables(doc));
      const target = await newEditor();
      const upload = { fileName: "large.xlsx", bytes };
      console.log(`\n4. workbook inside every limit: ${rows} rows, ${mb(bytes.byteLength)}`);
      await timed("read workbook (stream + checks)", () => readXlsx(bytes, "large.xlsx"));
      const { result: preview } = await timed("preview (read + plan)", () => previewInventoryFile(target, upload));
      if (preview.errorCount > 0) throw new Error(JSON.stringify(preview.problems.slice(0, 5)));
      const { result: imported } = await timed("import (read + plan + apply)", () => importInventoryFile(target, upload));
      const { result: again } = await timed("second import (changes nothing)", () => importInventoryFile(target, upload));
      console.log(`created ${imported.totals.create}; second import ${again.totals.create} created, ${again.totals.update} updated`);
    }

    console.log(`\nprocess maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}\n${verdicts.join("\n")}`);
    if (verdicts.some((v) => v.startsWith("FAIL"))) process.exitCode = 1;
    await db().$disconnect();
    await dbPool().end();
  } finally {
    clearInterval(sampler);
    await dropDatabase(name);
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
