// Freezing an assessment on a generated large tenant (decision 053, "Freezing at scale"): where
// the time and the bytes go. Times each step freezeAssessment takes (load the inventory, parse and
// score it, build the frozen record, serialise it), prints the size of each JSON column and of the
// biggest parts of `inputs` and `results`, then times freezeAssessment itself end to end (the row
// it writes is deleted afterwards, so the database can be measured again). Loopback only.
//
//   npm run bench:generate -- --profile large --scale 0.1 --database sovra_bench_freeze --keep
//   NODE_OPTIONS="--conditions=react-server" tsx lib/bench/bench-freeze.ts --database sovra_bench_freeze [--no-freeze | --freeze-only]
//
// --freeze-only skips the steps, so the peak memory printed is freezeAssessment's alone (the steps
// keep their own copy of the record alive while it runs).
import { parseArgs } from "node:util";
import { z } from "zod";
import { databaseUrlFor } from "./databases";
import { LARGE_ORG_SLUG } from "./large-tenant";

const { values } = parseArgs({ options: { database: { type: "string" }, "no-freeze": { type: "boolean", default: false }, "freeze-only": { type: "boolean", default: false } }, strict: true });
const opts = z.object({ database: z.string().regex(/^sovra_[a-z0-9_]+$/), "no-freeze": z.boolean(), "freeze-only": z.boolean() }).parse(values);

process.env.DATABASE_URL = databaseUrlFor(opts.database);
const { db, dbPool } = await import("@/lib/db");
const { loadInventoryDocument } = await import("@/lib/inventory/document");
const { parseInventoryDocument } = await import("@/scoring/parse");
const { scoreInventory } = await import("@/scoring/score-inventory");
const { frozenAssessmentData } = await import("@/lib/assessments/freeze-data");
const { unpackResults } = await import("@/lib/assessments/frozen-format");
const { getAssessment } = await import("@/lib/assessments/queries");
const { FREEZE_LIMITS, freezeAssessment } = await import("@/lib/assessments/mutations");

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const rss = () => mb(process.resourceUsage().maxRSS * 1024);
const say = (what: string, ms: number, note = "") => console.log(`bench-freeze: ${what.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${note}`);
async function timed<T>(run: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await run();
  return [out, performance.now() - t0];
}
/** Serialised length of each key of an object, largest first (UTF-16 units, close to bytes for this ASCII-heavy JSON). */
function sizesOf(label: string, o: Record<string, unknown>, top = 8) {
  const rows = Object.entries(o)
    .map(([k, v]) => [k, JSON.stringify(v)?.length ?? 0] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
  for (const [k, n] of rows) console.log(`bench-freeze:     ${label}.${k.padEnd(28)} ${mb(n).padStart(9)}`);
}

try {
  const org = await db().organisation.findUniqueOrThrow({ where: { slug: LARGE_ORG_SLUG }, select: { id: true, slug: true, name: true } });
  const owner = await db().membership.findFirstOrThrow({ where: { organisationId: org.id, role: "owner" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true } });
  const ctx = { organisationId: org.id, organisationSlug: org.slug, organisationName: org.name, userId: owner.userId, role: "owner" as const };

  if (!opts["freeze-only"]) await steps(ctx);
  if (!opts["no-freeze"]) await freezeAndRead(ctx);
} finally {
  await db().$disconnect();
  await dbPool().end();
}

type Ctx = import("@/lib/auth/org-context").OrgContext;

async function steps(ctx: Ctx) {
  const org = { id: ctx.organisationId };
  const [{ document, skippedDataFlows }, loadMs] = await timed(() => loadInventoryDocument(ctx));
  say("load the inventory (loadInventoryDocument)", loadMs);
  const [parsed, parseMs] = await timed(() => parseInventoryDocument(document));
  if (!parsed.ok) throw new Error("the inventory does not parse");
  say("parse", parseMs, `${parsed.value.dependencies.length} dependencies, ${parsed.value.dataFlows.length} data flows`);
  const asOf = new Date().toISOString().slice(0, 10);
  const [result, scoreMs] = await timed(() => scoreInventory(parsed.value, { asOf }));
  say("score (scoreInventory)", scoreMs);
  const [frozen, frozenMs] = await timed(() => frozenAssessmentData(document, result, { skippedDataFlows, note: "bench-freeze" }));
  say("build the record (frozenAssessmentData)", frozenMs, `peak RSS ${rss()}`);

  let total = 0;
  for (const column of ["inputs", "landscape", "results"] as const) {
    const [text, ms] = await timed(() => JSON.stringify(frozen[column]));
    total += text.length;
    say(`serialise ${column}`, ms, mb(text.length));
    const value = frozen[column];
    if (value && typeof value === "object" && !Array.isArray(value)) sizesOf(column, value as Record<string, unknown>);
  }
  console.log(`bench-freeze: JSON of the record: ${mb(total)}`);
  // For comparison, the results as they were stored before packing (not at sizes where that string alone would exhaust memory).
  if (total <= FREEZE_LIMITS.maxFrozenChars) console.log(`bench-freeze: results unpacked, as frozen before decision 053's packing: ${mb(JSON.stringify(unpackResults(frozen.results)).length)}`);
  // What one dependency's result is made of (the largest array of results).
  const dependencies = (frozen.results as { dependencies?: Record<string, unknown>[] }).dependencies ?? [];
  if (dependencies[0]) {
    const sum: Record<string, number> = {};
    for (const d of dependencies) for (const [k, v] of Object.entries(d)) sum[k] = (sum[k] ?? 0) + (JSON.stringify(v)?.length ?? 0);
    for (const [k, n] of Object.entries(sum).sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`bench-freeze:     results.dependencies[].${k.padEnd(16)} ${mb(n).padStart(9)}`);
  }

  // The INSERT alone, as Prisma sends it, outside a transaction (then deleted): only for a record
  // freezeAssessment would write (a larger one may be past PostgreSQL's limit for one value).
  if (total <= FREEZE_LIMITS.maxFrozenChars) {
    const [row, ms] = await timed(() => db().assessment.create({ data: { organisationId: org.id, ...frozen, createdById: ctx.userId }, select: { id: true } }));
    say("INSERT of the record alone (Prisma create)", ms);
    await db().assessment.deleteMany({ where: { id: row.id, organisationId: org.id } });
    // The same row sent as JSON text, parsed by PostgreSQL: what the driver's share of the write is.
    const [inputs, landscape, results] = [JSON.stringify(frozen.inputs), JSON.stringify(frozen.landscape), JSON.stringify(frozen.results)];
    const [, rawMs] = await timed(
      () => db().$executeRaw`INSERT INTO "Assessment" ("id", "organisationId", "asOf", "methodologyVersion", "inputsHash", "inputs", "landscape", "results", "score", "rating", "createdById")
        VALUES ('00000000-0000-7000-8000-00000000be0c', ${org.id}::uuid, ${frozen.asOf}, ${frozen.methodologyVersion}, ${frozen.inputsHash}, ${inputs}::jsonb, ${landscape}::jsonb, ${results}::jsonb, ${frozen.score}, ${frozen.rating}, ${ctx.userId}::uuid)`,
    );
    say("INSERT of the record alone (JSON text, raw SQL)", rawMs);
    await db().assessment.deleteMany({ where: { id: "00000000-0000-7000-8000-00000000be0c", organisationId: org.id } });
  }
}

async function freezeAndRead(ctx: Ctx) {
  const org = { id: ctx.organisationId };
  const before = await db().assessment.count({ where: { organisationId: org.id } });
  const t0 = performance.now();
  try {
    const made = await freezeAssessment(ctx, { note: `bench-freeze ${Date.now()}` });
    say("freezeAssessment, end to end", performance.now() - t0, `peak RSS ${rss()}`);
    // Reading it back as every page, export and report does (the results unpacked).
    const [read, readMs] = await timed(() => getAssessment(ctx, made.id));
    say("getAssessment of it (read back, unpacked)", readMs, `${read?.results.dependencies.length ?? 0} dependencies; peak RSS ${rss()}`);
    await db().assessment.deleteMany({ where: { id: made.id, organisationId: org.id } });
  } catch (error) {
    say("freezeAssessment, end to end: FAILED", performance.now() - t0, `${String(error).slice(0, 300)}; peak RSS ${rss()}`);
  }
  const after = await db().assessment.count({ where: { organisationId: org.id } });
  if (after !== before) console.log(`bench-freeze: WARNING: ${after - before} assessment row(s) left behind`);
}
