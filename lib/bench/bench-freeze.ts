// Freezing an assessment on a generated large tenant (decision 053, "Freezing at scale" and
// "Freezing at 1.0 (compressed storage)"): where the time, the bytes and the memory go. Loopback only.
//
//   npm run bench:generate -- --profile large --scale 0.1 --database sovra_bench_freeze --keep
//   NODE_OPTIONS="--conditions=react-server --expose-gc" tsx lib/bench/bench-freeze.ts --database sovra_bench_freeze [--steps | --freeze | --read ID] [--keep]
//
// --no-limits lifts FREEZE_LIMITS, so that a run under --max-old-space-size finds the heap a freeze
// needs. Three modes, each best run in a process of its own so that its peak RSS is its own:
// --steps   times each step freezeAssessment takes (load, parse, score, compress the inventory,
//           pack and compress the results), the size of each part, the live heap after each
//           (with --expose-gc), the INSERT alone (deleted afterwards) and reading it back;
// --freeze  (default) freezeAssessment end to end (dated --as-of, default today), its peak RSS and
//           the longest the event loop was held; the row is deleted afterwards unless --keep (its
//           id is printed: a second kept one, of another day, makes the board report compare two);
// --read ID getAssessment of a kept assessment, then the readers built on it (board report and its
//           inventory, DORA B_05.01 and the AI Act CSV), each with the peak RSS so far and the
//           longest event-loop block; deletes it afterwards unless --keep.
// --changes the overview's "What changed" card on the organisation's two latest assessments (keep
//           two first: --freeze --keep, then --freeze --keep --as-of another day): the full
//           comparison once, then the card's digest twice (computed, then kept). Deletes nothing.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { z } from "zod";
import { databaseUrlFor } from "./databases";
import { LARGE_ORG_SLUG } from "./large-tenant";

const { values } = parseArgs({
  options: { database: { type: "string" }, steps: { type: "boolean", default: false }, changes: { type: "boolean", default: false }, freeze: { type: "boolean", default: false }, read: { type: "string" }, keep: { type: "boolean", default: false }, "no-limits": { type: "boolean", default: false }, "as-of": { type: "string" } },
  strict: true,
});
const opts = z
  .object({ database: z.string().regex(/^sovra_[a-z0-9_]+$/), steps: z.boolean(), changes: z.boolean(), freeze: z.boolean(), read: z.uuid().optional(), keep: z.boolean(), "no-limits": z.boolean(), "as-of": z.iso.date().optional() })
  .parse(values);

process.env.DATABASE_URL = databaseUrlFor(opts.database);
const { db, dbPool } = await import("@/lib/db");
const { loadInventoryDocument } = await import("@/lib/inventory/document");
const { parseInventoryDocument } = await import("@/scoring/parse");
const { scoreInventory } = await import("@/scoring/score-inventory");
const { assessmentColumns, frozenLandscape, frozenResults } = await import("@/lib/assessments/freeze-data");
const { readFrozen, storeInputs, storeResults } = await import("@/lib/assessments/frozen-storage");
const { assessmentChanges, compareAssessments, getAssessment, listAssessments } = await import("@/lib/assessments/queries");
const { FREEZE_LIMITS, freezeAssessment } = await import("@/lib/assessments/mutations");
const { getBoardReport, getReportInventory } = await import("@/lib/reports/queries");
const { exportAiActCsv, exportDoraCsv } = await import("@/lib/exports/queries");

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const rss = () => mb(process.resourceUsage().maxRSS * 1024);
/** The live heap (after a full collection, when run with --expose-gc). */
const live = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return `live heap ${mb(process.memoryUsage().heapUsed)}`;
};
const say = (what: string, ms: number, note = "") => console.log(`bench-freeze: ${what.padEnd(50)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${note}`);
/** Runs `run`, answering its result, its time and the longest the event loop was held meanwhile. */
async function timed<T>(run: () => T | Promise<T>): Promise<[T, number, string]> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // Its first sample only starts the clock: take it before the work.
  await new Promise((resolve) => setTimeout(resolve, 25));
  const t0 = performance.now();
  const out = await run();
  const ms = performance.now() - t0;
  // The histogram records a block when its next timer fires late: give it that turn.
  await new Promise((resolve) => setTimeout(resolve, 25));
  loop.disable();
  return [out, ms, `longest event-loop block ${(loop.max / 1e9).toFixed(2)} s`];
}

try {
  const org = await db().organisation.findUniqueOrThrow({ where: { slug: LARGE_ORG_SLUG }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: org.id, role: "owner" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true } });
  const ctx = { organisationId: org.id, organisationSlug: org.slug, organisationName: org.name, userId: owner.userId, role: "owner" as const };
  // To find the heap a freeze needs (run with --max-old-space-size), without the limits refusing it first.
  if (opts["no-limits"]) Object.assign(FREEZE_LIMITS, { maxFrozenChars: Number.POSITIVE_INFINITY, maxCompressedBytes: Number.POSITIVE_INFINITY });
  console.log(`bench-freeze: ${opts.database}, limits ${mb(FREEZE_LIMITS.maxFrozenChars)} of JSON, ${mb(FREEZE_LIMITS.maxCompressedBytes)} compressed; load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (opts.changes) await changes(ctx);
  else if (opts.steps) await steps(ctx);
  else if (opts.read) await read(ctx, opts.read);
  else await freeze(ctx);
} finally {
  await db().$disconnect();
  await dbPool().end();
}

type Ctx = import("@/lib/auth/org-context").OrgContext;

async function steps(ctx: Ctx) {
  const org = { id: ctx.organisationId };
  const [{ document, skippedDataFlows }, loadMs, loadLoop] = await timed(() => loadInventoryDocument(ctx));
  say("load the inventory (loadInventoryDocument)", loadMs, `${loadLoop}; peak RSS ${rss()}; ${live()}`);
  const [parsed, parseMs, parseLoop] = await timed(() => parseInventoryDocument(document));
  if (!parsed.ok) throw new Error("the inventory does not parse");
  say("parse", parseMs, `${parsed.value.dependencies.length} dependencies, ${parsed.value.dataFlows.length} data flows; ${parseLoop}`);
  const [inputs, inputsMs, inputsLoop] = await timed(() => storeInputs(document));
  say("canonical JSON + sha256 + brotli of the inventory", inputsMs, `${mb(inputs.chars)} -> ${mb(inputs.compressed.byteLength)} (${(inputs.chars / inputs.compressed.byteLength).toFixed(1)}x); ${inputsLoop}; ${live()}`);
  const asOf = new Date().toISOString().slice(0, 10);
  const [result, scoreMs, scoreLoop] = await timed(() => scoreInventory(parsed.value, { asOf }));
  say("score (scoreInventory)", scoreMs, `${scoreLoop}; ${live()}`);
  const [results, resultsMs, resultsLoop] = await timed(() => storeResults(frozenResults(result, { skippedDataFlows, note: "bench-freeze" })));
  say("pack (explanations built) + brotli of the results", resultsMs, `${mb(results.chars)} -> ${mb(results.compressed.byteLength)} compressed + ${mb(results.summaryChars)} jsonb summary; ${resultsLoop}; peak RSS ${rss()}; ${live()}`);
  for (const [k, v] of Object.entries(results.summary).map(([k, v]) => [k, JSON.stringify(v)?.length ?? 0] as const).sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`bench-freeze:     results.${k.padEnd(28)} ${mb(v).padStart(9)} (jsonb)`);
  const data = assessmentColumns(document, result, frozenLandscape(result), inputs, results);

  const [row, insertMs] = await timed(() => db().assessment.create({ data: { organisationId: org.id, ...data, createdById: ctx.userId }, select: { id: true } }));
  say("INSERT of the record alone (Prisma create)", insertMs, `${mb(inputs.compressed.byteLength + results.compressed.byteLength)} bytea + ${mb(results.summaryChars)} jsonb`);
  try {
    const stored = await db().assessment.findFirstOrThrow({ where: { id: row.id, organisationId: org.id }, select: { frozenFormat: true, inputs: true, inputsCompressed: true, results: true, resultsCompressed: true } });
    const [back, readMs, readLoop] = await timed(() => readFrozen(stored));
    say("inflate + parse + unpack (readFrozen)", readMs, `${back.results.dependencies.length} dependencies; ${readLoop}; peak RSS ${rss()}; ${live()}`);
  } finally {
    await db().assessment.deleteMany({ where: { id: row.id, organisationId: org.id } });
  }
}

async function freeze(ctx: Ctx) {
  const org = { id: ctx.organisationId };
  const before = await db().assessment.count({ where: { organisationId: org.id } });
  const [made, ms, loop] = await timed(() => freezeAssessment(ctx, { note: `bench-freeze ${Date.now()}`, asOf: opts["as-of"] }).catch((e: unknown) => e as Error));
  if (made instanceof Error) say("freezeAssessment, end to end: FAILED", ms, `${String(made).slice(0, 400)}; ${loop}; peak RSS ${rss()}`);
  else {
    const [{ bytes } = { bytes: 0 }] = await db().$queryRaw<{ bytes: number }[]>`
      SELECT (octet_length("inputsCompressed") + octet_length("resultsCompressed") + octet_length("results"::text))::int AS "bytes" FROM "Assessment" WHERE "id" = ${made.id}::uuid AND "organisationId" = ${org.id}::uuid`;
    say("freezeAssessment, end to end", ms, `${mb(bytes)} stored; ${loop}; peak RSS ${rss()}`);
    if (opts.keep) console.log(`bench-freeze: kept assessment ${made.id} (read it with --read ${made.id})`);
    else await db().assessment.deleteMany({ where: { id: made.id, organisationId: org.id } });
  }
  const after = await db().assessment.count({ where: { organisationId: org.id } });
  if (after !== before + (opts.keep && !(made instanceof Error) ? 1 : 0)) console.log(`bench-freeze: WARNING: ${after - before} assessment row(s) left behind`);
}

async function read(ctx: Ctx, id: string) {
  try {
    const [assessment, ms, loop] = await timed(() => getAssessment(ctx, id));
    if (!assessment) throw new Error(`no assessment ${id} in ${ctx.organisationSlug}`);
    say("getAssessment (read back, inflated, unpacked)", ms, `${assessment.results.dependencies.length} dependencies, ${assessment.inputs.dataFlows?.length ?? 0} data flows; ${loop}; peak RSS ${rss()}; ${live()}`);
    const readers: [string, () => Promise<unknown>][] = [
      ["getBoardReport (board report's data)", () => getBoardReport(ctx, id)],
      ["getReportInventory (its Appendix B)", () => getReportInventory(ctx, id)],
      ["exportDoraCsv B_05.01", () => exportDoraCsv(ctx, "b_05.01", id)],
      ["exportAiActCsv", () => exportAiActCsv(ctx, id)],
    ];
    for (const [what, run] of readers) {
      const [, readerMs, readerLoop] = await timed(run);
      say(what, readerMs, `${readerLoop}; peak RSS ${rss()}`);
    }
  } finally {
    if (!opts.keep) await db().assessment.deleteMany({ where: { id, organisationId: ctx.organisationId } });
  }
}

async function changes(ctx: Ctx) {
  const [latest, previous] = await listAssessments(ctx);
  if (!latest || !previous) throw new Error(`${ctx.organisationSlug} has fewer than two assessments: keep two with --freeze --keep (and --as-of for the second)`);
  const [full, fullMs, fullLoop] = await timed(() => compareAssessments(ctx, previous.id, latest.id));
  say("compareAssessments (the full comparison page)", fullMs, `${full.inputs.length} inventory changes; ${fullLoop}; peak RSS ${rss()}`);
  const [, firstMs, firstLoop] = await timed(() => assessmentChanges(ctx, previous, latest));
  say("assessmentChanges, first (the overview's card)", firstMs, `${firstLoop}; peak RSS ${rss()}`);
  const [, keptMs, keptLoop] = await timed(() => assessmentChanges(ctx, previous, latest));
  say("assessmentChanges, kept (every later overview)", keptMs, keptLoop);
}
