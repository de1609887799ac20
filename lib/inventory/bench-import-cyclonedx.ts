// Benchmark of the CycloneDX import (decision 047), in-process (no server), against a real
// PostgreSQL (TEST_DATABASE_ADMIN_URL, as the integration tests): creates and drops its own
// database. Issue 16's budget: a BOM of 5,000 components imported in under 10 s. Run:
//
//   npm run bench:import-cyclonedx
//
// Two BOMs of 5,000 components each, each imported into an empty organisation, then again:
// 1. Sovra's own export of a generated inventory (500 models, 1,000 AI systems, 3,500 data flows as
//    components; 1,500 dependencies and their fallbacks as services): every row round-trips.
// 2. Another tool's BOM: 1,000 models (suppliers from the catalogue, others placed by address,
//    some unknown), 2,000 applications reaching them directly or through 1,000 services, and
//    2,000 libraries; what does not map is listed.
// Each step is timed from the JSON text, as the API and the import page receive it: parse,
// translate, plan and apply in one transaction. Memory as in ./bench-import.ts (the larger of the
// resident set's and heap-plus-buffers' growth at its peak, after a garbage collection).
import { randomUUID } from "node:crypto";
import { createDatabase, dropDatabase } from "@/lib/testing/global-setup";
import { applyMigrations } from "@/lib/runtime/database";
import { buildCycloneDxBom, serializeCycloneDxBom } from "@/lib/exports/cyclonedx";
import { scoreInventory } from "@/scoring";
import { generateInventory, mulberry32 } from "@/scoring/bench/generate";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { translateCycloneDxBom } from "./cyclonedx-import";

const BUDGET_MS = 10_000;
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

async function timed<T>(label: string, run: () => Promise<T> | T): Promise<{ result: T; ms: number; extra: number }> {
  global.gc?.();
  const start = process.memoryUsage();
  [peakRss, peakHeap] = [start.rss, heapOf(start)];
  const started = performance.now();
  const result = await run();
  sample();
  const ms = Math.round(performance.now() - started);
  const extra = Math.max(peakRss - start.rss, peakHeap - heapOf(start));
  console.log(`${label.padEnd(48)} ${String(ms).padStart(6)} ms   +${mb(extra)}`);
  return { result, ms, extra };
}

/** The generator can repeat a route; an inventory cannot hold that, so keep the first (as ./bench-import.ts does). */
function uniqueRoutes(doc: InventoryDocument): InventoryDocument {
  const seen = new Set<string>();
  const first = (id: string) => !seen.has(id) && Boolean(seen.add(id));
  const dependencies = doc.dependencies.filter((d) => first(`d ${d.system} ${d.model} ${d.accessPath}`));
  const kept = new Set(dependencies.map((d) => d.key));
  const fallbacks = doc.fallbacks.filter((f) => kept.has(f.dependency) && first(`f ${f.dependency} ${f.model} ${f.accessPath}`));
  return { ...doc, dependencies, fallbacks, dataFlows: doc.dataFlows.filter((f) => kept.has(f.dependency)) };
}

/** Sovra's BOM of a generated inventory with 5,000 components (models + AI systems + data flows). */
function sovraBom(): { text: string; components: number; services: number } {
  const doc = uniqueRoutes(generateInventory({ offices: 40, vendors: 60, models: 500, systems: 1000, dependencies: 1600, dataFlows: 3800 }, 16));
  const flows = doc.dataFlows.slice(0, 5_000 - doc.models.length - doc.aiSystems.length);
  const inventory = { ...doc, dataFlows: flows };
  const bom = buildCycloneDxBom({
    specVersion: "1.6",
    serialNumber: randomUUID(),
    timestamp: new Date().toISOString(),
    tool: { name: "Sovra", version: "bench" },
    organisationId: randomUUID(),
    document: inventory,
    result: scoreInventory(inventory, { asOf: "2026-12-01" }),
  });
  return { text: new TextDecoder().decode(serializeCycloneDxBom(bom)), components: bom.components.length, services: bom.services.length };
}

/** Another tool's BOM of 5,000 components: models, applications and libraries, and services between them. */
function foreignBom(): { text: string; components: number; services: number } {
  const rnd = mulberry32(47);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const suppliers = [{ name: "OpenAI, Inc." }, { name: "Anthropic PBC" }, { name: "meta-llama" }, { name: "mistralai" }, { name: "Google LLC" }, { name: "Qwen" }, { name: "Nordic Models AB", address: { country: "SE" } }, { name: "Unknown Lab" }];
  const licences = [{ license: { id: "Apache-2.0" } }, { license: { id: "MIT" } }, { license: { name: "Proprietary" } }];
  const models = Array.from({ length: 1000 }, (_, i) => ({ type: "machine-learning-model", "bom-ref": `model-${i}`, name: `model-${i}`, supplier: pick(suppliers), ...(rnd() < 0.6 ? { licenses: [pick(licences)] } : {}) }));
  const services = Array.from({ length: 1000 }, (_, i) => ({ "bom-ref": `service-${i}`, name: `Endpoint ${i}`, ...(rnd() < 0.3 ? { "x-trust-boundary": false } : { provider: pick([{ name: "Amazon Web Services" }, { name: "OVHcloud" }, { name: "OpenAI" }]) }), data: [{ flow: "outbound", classification: pick(["personal", "internal", "PII", "secret"]) }] }));
  const applications = Array.from({ length: 2000 }, (_, i) => ({ type: "application", "bom-ref": `app-${i}`, name: `Application ${i}` }));
  const libraries = Array.from({ length: 2000 }, (_, i) => ({ type: "library", "bom-ref": `lib-${i}`, name: `library-${i}`, version: "1.0.0" }));
  const dependencies = [
    ...applications.map((a, i) => ({ ref: a["bom-ref"], dependsOn: [i % 2 === 0 ? `service-${i % 1000}` : `model-${i % 1000}`, `lib-${i}`] })),
    ...services.map((s, i) => ({ ref: s["bom-ref"], dependsOn: [`model-${(i * 7) % 1000}`] })),
  ];
  const bom = { bomFormat: "CycloneDX", specVersion: "1.6", version: 1, components: [...models, ...applications, ...libraries], services, dependencies };
  return { text: JSON.stringify(bom), components: bom.components.length, services: services.length };
}

async function main() {
  const { name, url } = await createDatabase("sovra_bench_bom");
  try {
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    const [{ db, dbPool }, { buildOrganisationWithMembers }, { contextFor }, { applyCycloneDxImport, planCycloneDxImport }] = await Promise.all([
      import("@/lib/db"),
      import("@/prisma/factories"),
      import("@/lib/testing/db"),
      import("./import-cyclonedx"),
    ]);
    const newEditor = async () => {
      const { organisation, users } = await buildOrganisationWithMembers(db());
      return contextFor(organisation, users.editor.id, "editor");
    };
    const organisation = { key: "bench", name: "Bench", hqCountry: "DE" };

    for (const [title, make] of [["1. Sovra's own BOM", sovraBom], ["2. another tool's BOM", foreignBom]] as const) {
      const bom = make();
      console.log(`\n${title}: ${bom.components} components, ${bom.services} services, ${mb(bom.text.length)} of JSON`);
      const { result: translated } = await timed("parse + translate (pure)", () => translateCycloneDxBom(JSON.parse(bom.text), { organisation, vendors: [] }));
      if (!translated.ok) throw new Error(JSON.stringify(translated.issues.slice(0, 5)));
      const t = translated.translation;
      const rows = Object.values(t.document).reduce<number>((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
      console.log(`  ${rows} inventory rows; ${t.notMapped.length} not mapped, ${t.assumed.length} assumed`);
      const ctx = await newEditor();
      const { result: planned } = await timed("preview: parse + translate + plan", () => planCycloneDxImport(ctx, JSON.parse(bom.text)));
      if (!planned.ok) throw new Error(JSON.stringify(planned.issues.slice(0, 5)));
      const { result: applied, ms, extra } = await timed("import: parse + translate + plan + apply", () => applyCycloneDxImport(ctx, JSON.parse(bom.text)));
      if (!applied.ok) throw new Error(JSON.stringify(applied.issues.slice(0, 5)));
      const { result: again, ms: againMs } = await timed("second import (changes nothing)", () => applyCycloneDxImport(ctx, JSON.parse(bom.text)));
      if (!again.ok) throw new Error("second import refused");
      console.log(`  created ${applied.plan.totals.create} rows; second import: ${again.plan.totals.create} created, ${again.plan.totals.update} updated, ${again.plan.totals.unchanged} unchanged`);
      budget(`${title}, ${bom.components} components: imported in ${ms} ms (< ${BUDGET_MS.toLocaleString("en")}) with +${mb(extra)}`, ms < BUDGET_MS);
      budget(`${title}: second import in ${againMs} ms changes nothing`, again.plan.totals.create + again.plan.totals.update === 0 && againMs < BUDGET_MS);
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
