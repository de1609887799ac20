import "server-only";
import { constants as bufferConstants } from "node:buffer";
import { getHeapStatistics } from "node:v8";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { today } from "@/lib/scores/queries";
import { assessmentColumns, frozenLandscape, frozenResults, inputsHashOf } from "@/lib/assessments/freeze-data";
import { FREEZE_HEAP_PER_ROW, FrozenTooLarge, HEAP_PER_FROZEN_CHAR, minimumInputsChars, storeInputs, storeResults } from "@/lib/assessments/frozen-storage";
import type { FreezeAssessmentInput } from "@/lib/assessments/schemas";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { Rating } from "@/scoring/ratings";
import { formatDay } from "@/lib/dates";
import { Prisma } from "@/lib/generated/prisma/client";

export { inputsHashOf };

const MB = 1024 * 1024;

/**
 * The most an assessment may hold (decision 053, "Freezing at 1.0 (compressed storage)"):
 * - `maxFrozenChars`: characters of JSON over its documents (inventory, landscape, results), as
 *   every reader holds them at once once inflated. Each is parsed from one string, so never more
 *   than V8's longest string; and parsed they take several times their size in memory, so no
 *   more than the heap allows (HEAP_PER_FROZEN_CHAR, measured).
 * - `maxCompressedBytes`: what the row stores, so that the write finishes within its timeout.
 * - `heapBytes`: this process's heap, which the rows loaded must fit (FREEZE_HEAP_PER_ROW).
 * Tests lower them to show the refusal without a huge inventory (and restore them), as they do
 * REPORT_PARTS; they set `transactionTimeoutMs` to show a write that runs out of time (unset:
 * sized for the record).
 */
export const FREEZE_LIMITS: { maxFrozenChars: number; maxCompressedBytes: number; heapBytes: number; transactionTimeoutMs?: number } = {
  maxFrozenChars: Math.min(bufferConstants.MAX_STRING_LENGTH, Math.floor(getHeapStatistics().heap_size_limit / HEAP_PER_FROZEN_CHAR)),
  maxCompressedBytes: 256 * MB,
  heapBytes: getHeapStatistics().heap_size_limit,
};

/** A size in words: "840 KB", "7.7 MB", "118 MB", "4.0 GB". */
function size(n: number): string {
  const mb = n / MB;
  if (mb < 1) return `${Math.max(1, Math.round(n / 1024))} KB`;
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GB`;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function byPath(issues: readonly { path: string; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) (out[i.path] ??= []).push(i.message);
  return out;
}

/**
 * Freezes the organisation's inventory as it stands into an immutable, dated assessment: the
 * canonical inventory document (inputs, with its sha256), the policy landscape it was scored
 * against (the catalogue's events, so it can be re-scored without today's catalogue), the
 * methodology version, and the engine's full result.
 *
 * Refused with INVALID_INPUT when the engine cannot read the inventory (the problems are in
 * `details.issues`), and with CONFLICT when the latest assessment already records exactly this
 * state (same day, same inputs, same methodology): a second copy would only add noise to the trend.
 * Refused with INVALID_INPUT, before anything is written, when the inventory is too large to be
 * frozen as one record (more JSON or compressed bytes than {@link FREEZE_LIMITS} allow, or more
 * rows than the heap can load; `details.tooLarge` says which).
 */
export async function freezeAssessment(ctx: OrgContext, input: FreezeAssessmentInput = {}) {
  assertCan(ctx, "assessments:write");
  return freeze(ctx, input);
}

/**
 * The assessment that ending a workshop freezes, labelled with it (decision 038): the
 * facilitator's act, so `workshops:run` rather than `assessments:write`. The same record, the
 * same refusals as {@link freezeAssessment}.
 */
export async function freezeWorkshopAssessment(ctx: OrgContext, input: { note: string }) {
  assertCan(ctx, "workshops:run");
  return freeze(ctx, input);
}

interface FrozenCounts {
  dependencies: number;
  /** As recorded: the data flows the engine could not place count too. */
  dataFlows: number;
}

/**
 * INVALID_INPUT, in words: the record is at least `amount` characters of JSON, or compressed
 * bytes, over the limit, or freezing it needs more than `amount` bytes of heap.
 * `details.tooLarge` says so to the API and to ending a workshop.
 */
function tooLarge(counts: FrozenCounts, unit: "chars" | "bytes" | "heap", amount: number): AppError {
  const limit = unit === "chars" ? FREEZE_LIMITS.maxFrozenChars : unit === "bytes" ? FREEZE_LIMITS.maxCompressedBytes : FREEZE_LIMITS.heapBytes;
  const what = {
    chars: `make a record of at least ${size(amount)}, and an assessment can hold at most ${size(limit)}`,
    bytes: `make a record of at least ${size(amount)} even compressed, and an assessment can store at most ${size(limit)} compressed`,
    heap: `need more than ${size(amount)} of memory to freeze, and this server has ${size(limit)}`,
  }[unit];
  return new AppError(
    "INVALID_INPUT",
    `This inventory is too large to freeze as an assessment yet: its ${count(counts.dependencies, "dependency", "dependencies")} and ${count(counts.dataFlows, "data flow", "data flows")} ${what}. Nothing was saved. The live scores still reflect the inventory; to freeze it, record data flows more coarsely (one per office, dependency and kind of data rather than one per process), or ask your administrator about larger assessments.`,
    { tooLarge: { ...counts, [{ chars: "characters", bytes: "bytes", heap: "memory" }[unit]]: amount, limit } },
  );
}

/** Runs one step of writing the record; a document over its limit becomes the refusal, counting what was written before it. */
async function withinLimits<T>(counts: FrozenCounts, before: { chars: number; bytes: number }, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof FrozenTooLarge) throw tooLarge(counts, e.unit, before[e.unit] + e.size);
    throw e;
  }
}

/**
 * Refuses, before the inventory is loaded, one that cannot fit: its rows alone are sure to make a
 * document over the limit (each row takes at least minimumInputsChars' characters: one-letter
 * names, the shortest values, so this never refuses what would fit), or loading and scoring them
 * needs more heap than the process has (FREEZE_HEAP_PER_ROW, a measured bound from below), where
 * the load itself would end the process before the record could be measured. At 500,000 data
 * flows loading took 22 s and gigabytes before the old limit refused it (decision 053).
 */
async function refuseByRowCounts(ctx: OrgContext): Promise<void> {
  const where = { organisationId: ctx.organisationId };
  const p = db();
  // The rows readInventoryRows loads, and the data flows it places in the document.
  const [offices, vendors, models, aiSystems, systemOffices, dependencies, fallbacks, policyEvents, allFlows, placedFlows] = await Promise.all([
    p.office.count({ where }),
    p.vendor.count({ where }),
    p.model.count({ where }),
    p.aiSystem.count({ where }),
    p.aiSystemOffice.count({ where }),
    p.dependency.count({ where }),
    p.fallback.count({ where }),
    p.policyEvent.count({ where }),
    p.dataFlow.count({ where }),
    p.dataFlow.count({ where: { ...where, originOfficeId: { not: null }, dependencyId: { not: null }, dataCategories: { isEmpty: false } } }),
  ]);
  const counts = { dependencies, dataFlows: allFlows };
  const chars = minimumInputsChars({ aiSystems, dependencies, dataFlows: placedFlows });
  if (chars > FREEZE_LIMITS.maxFrozenChars) throw tooLarge(counts, "chars", chars);
  const heap = (offices + vendors + models + aiSystems + systemOffices + dependencies + fallbacks + policyEvents + allFlows) * FREEZE_HEAP_PER_ROW;
  if (heap > FREEZE_LIMITS.heapBytes) throw tooLarge(counts, "heap", heap);
}

async function freeze(ctx: OrgContext, input: FreezeAssessmentInput) {
  const asOf = input.asOf ?? today();
  await refuseByRowCounts(ctx);
  const { document, skippedDataFlows } = await loadInventoryDocument(ctx);
  const parsed = parseInventoryDocument(document);
  if (!parsed.ok) {
    throw new AppError(
      "INVALID_INPUT",
      `The inventory cannot be scored yet (${parsed.issues.length} problem${parsed.issues.length === 1 ? "" : "s"}), so there is nothing to freeze. The Scores page lists what to fix.`,
      // By JSON path, so the public API lists them as fields like any invalid input.
      { issues: parsed.issues, fieldErrors: byPath(parsed.issues) },
    );
  }
  const counts = { dependencies: document.dependencies?.length ?? 0, dataFlows: (document.dataFlows?.length ?? 0) + skippedDataFlows };
  const { maxFrozenChars, maxCompressedBytes } = FREEZE_LIMITS;
  // The record is built, compressed and measured before the transaction, so that one too large to
  // store or to read back is refused with a reason rather than failing halfway through the write.
  // The inventory document first: over the limit, it is refused before scoring and packing cost a
  // large tenant a minute and gigabytes.
  const inputs = await withinLimits(counts, { chars: 0, bytes: 0 }, () => storeInputs(document, { maxChars: maxFrozenChars, maxBytes: maxCompressedBytes }));
  const result = scoreInventory(parsed.value, { asOf });
  const landscape = frozenLandscape(result);
  const before = { chars: inputs.chars + JSON.stringify(landscape).length, bytes: inputs.compressed.byteLength };
  const results = await withinLimits(counts, before, () =>
    storeResults(frozenResults(result, { skippedDataFlows, note: input.note ?? null }), { maxChars: maxFrozenChars - before.chars, maxBytes: maxCompressedBytes - before.bytes }),
  );
  const data = assessmentColumns(document, result, landscape, inputs, results);
  const inputsHash = data.inputsHash;
  const bytes = before.bytes + results.compressed.byteLength + results.summaryChars;
  // The write itself: compressed, a few MB at 500,000 data flows (decision 053). 30 s plus a
  // second per MB leaves room for a loaded server and a slow disk.
  const timeout = FREEZE_LIMITS.transactionTimeoutMs ?? Math.min(10 * 60_000, 30_000 + Math.ceil(bytes / MB) * 1_000);

  try {
    return await db().$transaction(
      async (tx) => {
        // Two simultaneous freezes of the same state take turns, so the second sees the first.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:assessments:" + ctx.organisationId}))`;
        const latest = await tx.assessment.findFirst({
          where: { organisationId: ctx.organisationId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true, asOf: true, createdAt: true, inputsHash: true, methodologyVersion: true },
        });
        if (latest && latest.inputsHash === inputsHash && latest.methodologyVersion === result.methodologyVersion && latest.asOf.toISOString().slice(0, 10) === asOf) {
          throw new AppError(
            "CONFLICT",
            `Nothing has changed since the assessment of ${formatDay(asOf)} frozen at ${latest.createdAt.toISOString().slice(11, 16)} UTC: it already records this inventory, landscape and methodology.`,
            { assessmentId: latest.id, current: { id: latest.id, asOf, createdAt: latest.createdAt.toISOString() } },
          );
        }
        const assessment = await tx.assessment.create({
          data: { organisationId: ctx.organisationId, ...data, createdById: ctx.userId },
          select: { id: true, createdAt: true, score: true, rating: true, methodologyVersion: true, inputsHash: true, createdBy: { select: { name: true, email: true } } },
        });
        // A transaction that expired under the write has been seen to answer null here rather than
        // throw: that is a failure, never "an assessment without a row".
        if (!assessment) throw new Error(`freezeAssessment: the assessment was not written (the transaction ended during the write of ${size(bytes)})`);
        const { createdBy, ...row } = assessment;
        await recordAudit(tx, ctx, { action: "create", entityType: "assessment", entityId: assessment.id, after: { ...row, asOf, note: input.note ?? null } });
        // The same shape as listAssessments' rows.
        return { ...row, asOf, createdAt: row.createdAt.toISOString(), rating: row.rating as Rating, createdBy };
      },
      { timeout, maxWait: 10_000 },
    );
  } catch (e) {
    // P2028: the transaction expired or could not start; say which write it was, for the log.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2028") {
      throw new Error(`freezeAssessment: the transaction for a record of ${size(bytes)} did not complete within ${timeout / 1000} s`, { cause: e });
    }
    throw e;
  }
}
