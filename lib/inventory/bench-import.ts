// Benchmark: a 5,000-row XLSX workbook imported into an empty organisation (budget: under 10 s
// and under 300 MB). Needs a PostgreSQL server (TEST_DATABASE_ADMIN_URL, as the integration
// tests); creates and drops its own database. Run:
//
//   NODE_OPTIONS="--conditions=react-server --expose-gc" npx tsx lib/inventory/bench-import.ts
//
// (`react-server` lets the server-only modules load outside Next.) Prints the figures. Memory is
// the process's resident set: the baseline (tsx, Prisma, the generator) and the peak above it
// while one import runs (each step starts after a garbage collection).
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import { applyMigrations } from "@/lib/runtime/database";
import { generateInventory } from "@/scoring/bench/generate";

const SIZES = { offices: 40, vendors: 60, models: 200, systems: 500, dependencies: 1500, dataFlows: 2000 };

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  peakRss = baseline;
  const started = performance.now();
  const result = await run();
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const ms = Math.round(performance.now() - started);
  console.log(`${label.padEnd(34)} ${String(ms).padStart(6)} ms   peak rss ${mb(peakRss)} (+${mb(peakRss - baseline)} over ${mb(baseline)})`);
  return result;
}

async function main() {
  const { name, url } = await createDatabase("sovra_bench");
  try {
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    const [{ db }, { buildOrganisationWithMembers }, { contextFor }, { documentToTables }, { writeXlsx, readXlsx }, { previewInventoryFile, importInventoryFile }] = await Promise.all([
      import("@/lib/db"),
      import("@/prisma/factories"),
      import("@/lib/testing/db"),
      import("./tabular"),
      import("./xlsx"),
      import("./import-file"),
    ]);
    const doc = generateInventory(SIZES, 7);
    const rows = [doc.offices, doc.vendors, doc.models, doc.aiSystems, doc.dependencies, doc.fallbacks, doc.dataFlows].reduce((n, l) => n + l.length, 0);
    const bytes = await writeXlsx(documentToTables(doc));
    const { organisation, users } = await buildOrganisationWithMembers(db());
    const ctx = contextFor(organisation, users.editor.id, "editor");
    const upload = { fileName: "bench.xlsx", bytes };
    console.log(`workbook: ${rows} rows, ${mb(bytes.byteLength)} (${bytes.byteLength} bytes); rss before: ${mb(process.memoryUsage().rss)}`);
    const started = performance.now();
    await timed("read workbook (exceljs + checks)", () => readXlsx(bytes, "bench.xlsx"));
    const preview = await timed("preview (read + plan)", () => previewInventoryFile(ctx, upload));
    if (preview.errorCount > 0) throw new Error(JSON.stringify(preview.problems.slice(0, 5)));
    const imported = await timed("import (read + plan + apply)", () => importInventoryFile(ctx, upload, preview.sha256));
    if (!imported.applied) throw new Error("not applied");
    const again = await timed("second import (changes nothing)", () => importInventoryFile(ctx, upload));
    console.log(`created ${imported.totals.create} rows; second import: ${again.totals.create} created, ${again.totals.update} updated`);
    console.log(`all steps ${Math.round(performance.now() - started)} ms; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
    await db().$disconnect();
  } finally {
    clearInterval(sampler);
    await dropDatabase(name);
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
