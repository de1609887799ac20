// Benchmark: how long each export takes to build from a frozen assessment of the scoring
// benchmark's synthetic inventory (10,000 dependencies, 50,000 data flows). Prints figures;
// asserts nothing (timings belong here, not in tests).
import { scoreInventory } from "@/scoring";
import { BASE_SIZES, generateInventory } from "@/scoring/bench/generate";
import { buildAiActInventory } from "./ai-act";
import { writeAssessmentXlsx } from "./assessment-xlsx";
import { writeCsv, writeDoraCsv, writeGapsCsv } from "./csv";
import { DORA_BUILDERS, doraGaps } from "./dora/build";
import { buildDoraPackage, zipDoraPackage } from "./dora/package";
import { DORA_TAXONOMY_ENTRY_POINT } from "./dora/taxonomy";
import { checkDoraPackage } from "./dora/validate";
import type { ExportSource } from "./source";

const doc = generateInventory(BASE_SIZES, 42);
const results = scoreInventory(doc, { asOf: "2026-11-01" });
const source: ExportSource = {
  id: "bench",
  asOf: "2026-11-01",
  createdAt: "2026-11-01T00:00:00.000Z",
  score: results.organisation.score,
  rating: results.organisation.rating,
  methodologyVersion: results.methodologyVersion,
  inputsHash: "",
  createdBy: null,
  inputs: doc,
  landscape: { catalogueEvents: [], active: results.landscape.active },
  results,
};

async function time(label: string, run: () => Promise<string | Uint8Array> | string | Uint8Array) {
  const start = performance.now();
  const out = await run();
  const ms = performance.now() - start;
  const bytes = typeof out === "string" ? Buffer.byteLength(out) : out.byteLength;
  console.log(`${label.padEnd(28)} ${ms.toFixed(0).padStart(7)} ms  ${(bytes / 1024 / 1024).toFixed(2).padStart(7)} MiB`);
}

console.log(`inventory: ${doc.aiSystems.length} AI systems, ${doc.dependencies.length} dependencies, ${doc.fallbacks.length} fallbacks, ${doc.dataFlows.length} data flows`);
for (const [id, build] of Object.entries(DORA_BUILDERS)) await time(`DORA ${id}`, () => writeDoraCsv(build(source)));
await time("DORA gaps", () => writeGapsCsv(doraGaps(source)));
await time("EU AI Act inventory", () => writeCsv(buildAiActInventory(source)));
await time("assessment workbook (XLSX)", () => writeAssessmentXlsx(source));

// The DORA report package (decision 045; budget: under 5 s at 10,000 dependencies): built, checked
// rule by rule as the download does, and zipped.
const entity = { lei: "529900T8BM49AURSDO55", name: "Bench AG", country: "DE", reportingDate: "2026-11-01" };
await time("DORA package (zip, checked)", () => {
  const createdAt = new Date();
  const pkg = buildDoraPackage(source, entity, { refDate: "2025-12-31", consolidation: "CON", currency: "EUR" }, { entryPoint: DORA_TAXONOMY_ENTRY_POINT, createdAt });
  const failed = checkDoraPackage(pkg).filter((c) => c.blocksDownload && !c.passed);
  if (failed.length > 0) throw new Error(`the bench package fails ${failed.map((c) => c.id).join(", ")}`);
  return zipDoraPackage(pkg, createdAt);
});
