// One database's measurements for `npm run bench:large` (lib/bench/bench-large.ts starts this in
// its own process per database, so each figure of peak memory is that database's alone). Calls
// the functions the pages call, in-process and without HTTP (as lib/practices/bench-portfolio.ts
// does), and prints one line "RESULT {json}" at the end.
//
//   NODE_OPTIONS="--conditions=react-server" tsx lib/bench/bench-large-worker.ts --database NAME --kind large|many [--runs 20]
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrlFor } from "./databases";
import { BENCH_OWNER_EMAIL, LARGE_ORG_SLUG, PRACTICE_SLUG } from "./large-tenant";

const { values } = parseArgs({ options: { database: { type: "string" }, kind: { type: "string" }, runs: { type: "string", default: "20" } }, strict: true });
const opts = z.object({ database: z.string().regex(/^sovra_[a-z0-9_]+$/), kind: z.enum(["large", "many"]), runs: z.coerce.number().int().min(3).max(200) }).parse(values);

/** What one operation cost: one time, or p50/p95 over runs; and, from one more run with a logging client, its SQL. */
export interface Measure {
  op: string;
  ms: number;
  p95?: number;
  runs?: number;
  queries?: number;
  dbMs?: number;
  slowest?: string;
  note?: string;
  /** It threw: `ms` is how long it took to fail. */
  failed?: boolean;
}

const url = databaseUrlFor(opts.database);
process.env.DATABASE_URL = url;
const { db, dbPool } = await import("@/lib/db");
const { parseListParams } = await import("@/lib/list-params");
const { scoreOrganisation } = await import("@/lib/scores/queries");
const { loadInventoryDocument } = await import("@/lib/inventory/document");
const { parseInventoryDocument } = await import("@/scoring/parse");
const { scoreInventory } = await import("@/scoring/score-inventory");
const { aiSystemListSpec, listAiSystemsPage } = await import("@/lib/ai-systems/queries");
const { dataFlowListSpec, listDataFlowsPage } = await import("@/lib/data-flows/queries");
const { modelListSpec, listModelsPage } = await import("@/lib/models/queries");
const { officeListSpec, listOfficesTablePage } = await import("@/lib/offices/queries");
const { vendorListSpec, listVendorsPage } = await import("@/lib/vendors/queries");

type Ctx = import("@/lib/auth/org-context").OrgContext;

// Each measure is printed as it is made ("MEASURE {json}"): a crash later (out of memory, at the
// largest scale) keeps what was measured before it.
const measures = {
  push(m: Measure) {
    console.log(`MEASURE ${JSON.stringify(m)}`);
  },
};
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await run();
  return [out, performance.now() - t0];
}

// The logging client: swapped in for db() during one extra run, as lib/testing/query-counter.ts does.
const holder = globalThis as unknown as { sovraPrisma?: PrismaClient };
const logging = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), log: [{ emit: "event", level: "query" }] });
let seen: { query: string; ms: number }[] | null = null;
logging.$on("query", (e) => seen?.push({ query: e.query, ms: Number(e.duration) }));
async function sql<T>(run: () => Promise<T>): Promise<Pick<Measure, "queries" | "dbMs" | "slowest">> {
  const previous = holder.sovraPrisma;
  seen = [];
  holder.sovraPrisma = logging;
  try {
    await run();
    const s = seen;
    const top = [...s].sort((a, b) => b.ms - a.ms)[0];
    return { queries: s.length, dbMs: Math.round(s.reduce((n, q) => n + q.ms, 0)), slowest: top ? `${Math.round(top.ms)} ms: ${top.query.replace(/\s+/g, " ").slice(0, 400)}` : undefined };
  } finally {
    holder.sovraPrisma = previous;
    seen = null;
  }
}

/** One warm-up, `runs` timed runs (p50, p95), one instrumented run. */
async function repeated(op: string, run: () => Promise<unknown>, runs = opts.runs) {
  // A call slower than a second gets 5 runs, so a slow list cannot hold the bench for minutes.
  if ((await timed(run))[1] > 1000) runs = Math.min(runs, 5);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(run))[1]);
  times.sort((a, b) => a - b);
  measures.push({ op, ms: pct(times, 50), p95: pct(times, 95), runs, ...(await sql(run)) });
}
/** One timed run: what a first call costs. */
async function once(op: string, run: () => Promise<unknown>, extra: Partial<Measure> = {}) {
  const t0 = performance.now();
  try {
    await run();
    measures.push({ op, ms: performance.now() - t0, ...extra });
  } catch (error) {
    measures.push({ op, ms: performance.now() - t0, note: `FAILED: ${String(error).slice(0, 160)}`, failed: true });
  }
}

// The inventory lists as bench-lists loads them: each in its default view and a heavier one.
const LISTS = [
  "offices",
  "offices?sort=aiSystems.desc&size=100",
  "vendors",
  "vendors?sort=models.desc&size=100",
  "models",
  "models?sort=dependencies.desc&size=100",
  "ai-systems",
  "ai-systems?sort=dependencies.desc&page=10&size=100",
  "ai-systems?f.accessPath=cloud_marketplace&sort=criticality.desc&page=3&size=100",
  "ai-systems?sort=score.asc&page=3&size=100",
  "data-flows",
  "data-flows?sort=aiSystem.asc&page=10&size=100",
  "data-flows?f.vendor=bench&sort=vendor.desc&page=10&size=100",
  "data-flows?q=flow%200123",
];
/** The page function a list URL's page calls, with its parameters parsed as the page parses them. */
function listCall(ctx: Ctx, path: string): () => Promise<unknown> {
  const [list, query = ""] = path.split("?") as [string, string?];
  const params = Object.fromEntries(new URLSearchParams(query));
  switch (list) {
    case "offices":
      return () => listOfficesTablePage(ctx, parseListParams(officeListSpec, params).state);
    case "vendors":
      return () => listVendorsPage(ctx, parseListParams(vendorListSpec, params).state);
    case "models":
      return () => listModelsPage(ctx, parseListParams(modelListSpec, params).state);
    case "ai-systems":
      return () => listAiSystemsPage(ctx, parseListParams(aiSystemListSpec, params).state);
    case "data-flows":
      return () => listDataFlowsPage(ctx, parseListParams(dataFlowListSpec, params).state);
    default:
      throw new Error(`unknown list ${list}`);
  }
}

async function orgContext(slug: string): Promise<Ctx> {
  const org = await db().organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: org.id, role: "owner" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true } });
  return { organisationId: org.id, organisationSlug: org.slug, organisationName: org.name, userId: owner.userId, role: "owner" };
}

async function scores(ctx: Ctx) {
  const rss0 = rssMb();
  const [cold, coldMs] = await timed(() => scoreOrganisation(ctx));
  if (!cold.ok) throw new Error(`the generated inventory does not score: ${cold.issues.slice(0, 3).map((i) => `${i.path} ${i.message}`).join("; ")}`);
  measures.push({ op: "scoreOrganisation, first call (load + score)", ms: coldMs, note: `peak RSS ${rssMb()} MB (${rss0} MB before)` });
  await repeated("scoreOrganisation, unchanged (cache check)", () => scoreOrganisation(ctx), 10);
  // Its two halves apart: reading the inventory, and the engine on it.
  const [loaded, loadMs] = await timed(() => loadInventoryDocument(ctx));
  measures.push({ op: "  of which: loadInventoryDocument", ms: loadMs, ...(await sql(() => loadInventoryDocument(ctx))) });
  const parsed = parseInventoryDocument(loaded.document);
  if (!parsed.ok) throw new Error("the inventory does not parse");
  const [, scoreMs] = await timed(async () => scoreInventory(parsed.value, { asOf: new Date().toISOString().slice(0, 10) }));
  measures.push({ op: "  of which: scoring engine", ms: scoreMs, note: `${parsed.value.dependencies.length} dependencies, ${parsed.value.dataFlows.length} placed data flows` });
}

async function large() {
  const ctx = await orgContext(LARGE_ORG_SLUG);
  await scores(ctx);
  // Lists after the score is cached, as in a running server (the AI systems list shows each system's live score).
  for (const path of LISTS) await repeated(`list ${path}`, listCall(ctx, path));

  const { freezeAssessment } = await import("@/lib/assessments/mutations");
  const t0 = performance.now();
  let assessmentId: string | null = null;
  try {
    assessmentId = (await freezeAssessment(ctx, { note: "large-tenant bench" })).id;
    measures.push({ op: "freezeAssessment", ms: performance.now() - t0, note: `peak RSS ${rssMb()} MB` });
  } catch (error) {
    measures.push({ op: "freezeAssessment", ms: performance.now() - t0, note: `FAILED: ${String(error).slice(0, 160)}; peak RSS ${rssMb()} MB`, failed: true });
    // The exports need an assessment: the same row freezeAssessment makes, written without its
    // transaction and size limit (a freeze refused as too large, or one that times out), so that
    // they can be measured at all.
    try {
      const { frozenAssessmentData } = await import("@/lib/assessments/freeze-data");
      const { document, skippedDataFlows } = await loadInventoryDocument(ctx);
      const parsed = parseInventoryDocument(document);
      if (!parsed.ok) throw new Error("the inventory does not parse");
      const frozen = await frozenAssessmentData(document, scoreInventory(parsed.value, { asOf: new Date().toISOString().slice(0, 10) }), { skippedDataFlows, note: "large-tenant bench (outside a transaction)" });
      const t1 = performance.now();
      assessmentId = (await db().assessment.create({ data: { organisationId: ctx.organisationId, ...frozen, createdById: ctx.userId }, select: { id: true } })).id;
      measures.push({ op: "  assessment row written outside a transaction", ms: performance.now() - t1, note: "bench-only, so the exports can be measured" });
    } catch (again) {
      measures.push({ op: "  assessment row written outside a transaction", ms: 0, note: `FAILED too: ${String(again).slice(0, 160)}`, failed: true });
    }
  }
  if (!assessmentId) {
    measures.push({ op: "exports and board report", ms: 0, note: "not measured: no assessment could be frozen", failed: true });
    measures.push({ op: "peak RSS of the process", ms: rssMb(), note: "MB, not ms" });
    return;
  }

  const { exportAssessmentXlsx, exportDoraCsv, exportAiActCsv, exportCycloneDx } = await import("@/lib/exports/queries");
  const { DORA_TEMPLATE_IDS } = await import("@/lib/exports/dora/templates");
  const { getDoraPackageChecks } = await import("@/lib/exports/dora-package-queries");
  const { doraPackageQuerySchema } = await import("@/lib/exports/dora/package-options");
  const size = (f: { body: Uint8Array }) => `${(f.body.byteLength / 1024 / 1024).toFixed(1)} MiB`;
  const exp = async (op: string, run: () => Promise<{ body: Uint8Array }>) => {
    const t0 = performance.now();
    try {
      const file = await run();
      measures.push({ op, ms: performance.now() - t0, note: size(file) });
    } catch (error) {
      measures.push({ op, ms: performance.now() - t0, note: `FAILED: ${String(error).slice(0, 160)}`, failed: true });
    }
  };
  await exp("export: assessment workbook (XLSX)", () => exportAssessmentXlsx(ctx, assessmentId));
  for (const id of DORA_TEMPLATE_IDS) await exp(`export: DORA ${id} (CSV)`, () => exportDoraCsv(ctx, id, assessmentId));
  await exp("export: DORA gaps (CSV)", () => exportDoraCsv(ctx, "gaps", assessmentId));
  await exp("export: EU AI Act inventory (CSV)", () => exportAiActCsv(ctx, assessmentId));
  await once("export: DORA package (built and checked, not zipped)", () => getDoraPackageChecks(ctx, doraPackageQuerySchema.parse({ assessmentId })));
  await exp("export: CycloneDX AI-BOM (live inventory)", () => exportCycloneDx(ctx));

  const { getBoardReport, getReportInventory } = await import("@/lib/reports/queries");
  await once("board report: its data (getBoardReport)", () => getBoardReport(ctx, assessmentId), { note: "the HTML's data, not the Chromium PDF" });
  await once("board report: Appendix B data (getReportInventory)", () => getReportInventory(ctx, assessmentId));
  measures.push({ op: "peak RSS of the process", ms: rssMb(), note: "MB, not ms" });
}

async function many() {
  const { identityOf } = await import("@/lib/auth/identity");
  const owner = await db().user.findUniqueOrThrow({ where: { email: BENCH_OWNER_EMAIL }, select: { id: true } });
  const identity = await identityOf(owner.id);
  await repeated(`org switcher: identityOf (${identity?.organisations.length ?? 0} organisations)`, () => identityOf(owner.id));

  const practice = await db().practice.findUniqueOrThrow({ where: { slug: PRACTICE_SLUG }, select: { id: true, slug: true, name: true } });
  const partner = await db().practiceMember.findFirstOrThrow({ where: { practiceId: practice.id, role: "partner" }, select: { userId: true } });
  const { listPortfolio } = await import("@/lib/practices/queries");
  const pctx = { practiceId: practice.id, practiceSlug: practice.slug, practiceName: practice.name, userId: partner.userId, role: "partner" as const };
  const [clients, coldMs] = await timed(() => listPortfolio(pctx));
  measures.push({ op: `portfolio: first read (${clients.length} clients, none cached)`, ms: coldMs });
  // As bench-portfolio: rounds of 10 concurrent reads.
  const reads: number[] = [];
  for (let r = 0; r < 10; r++) reads.push(...(await Promise.all(Array.from({ length: 10 }, async () => (await timed(() => listPortfolio(pctx)))[1]))));
  reads.sort((a, b) => a - b);
  measures.push({ op: `portfolio: 10 concurrent readers (${clients.length} clients)`, ms: pct(reads, 50), p95: pct(reads, 95), runs: reads.length, ...(await sql(() => listPortfolio(pctx))) });

  const ctx = await orgContext(LARGE_ORG_SLUG);
  await scores(ctx);
  for (const path of LISTS) await repeated(`list ${path}`, listCall(ctx, path));
}

try {
  if (opts.kind === "large") await large();
  else await many();
  console.log("DONE");
} finally {
  await logging.$disconnect();
  await db().$disconnect();
  await dbPool().end();
}
