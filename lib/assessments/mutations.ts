import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { today } from "@/lib/scores/queries";
import { frozenAssessmentData, inputsHashOf } from "@/lib/assessments/freeze-data";
import type { FreezeAssessmentInput } from "@/lib/assessments/schemas";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { Rating } from "@/scoring/ratings";
import { formatDay } from "@/lib/dates";
import { Prisma } from "@/lib/generated/prisma/client";

export { inputsHashOf };

/**
 * The most JSON one assessment may hold, in characters (about bytes) over its three documents.
 * PostgreSQL refuses a jsonb value over 255 MB, and long before that the process that writes the
 * row, and every export and report that reads it back, holds several copies of it in memory: 128 MB
 * is about what a tenant of 10,000 dependencies and 50,000 data flows froze before its results were
 * packed (decision 053), the largest that has been written and read back. Tests lower it to show
 * the refusal without a huge inventory (and restore it), as they do REPORT_PARTS; they set
 * `transactionTimeoutMs` to show a write that runs out of time (unset: sized for the record).
 */
export const FREEZE_LIMITS: { maxFrozenChars: number; transactionTimeoutMs?: number } = { maxFrozenChars: 128 * 1024 * 1024 };

/** A size in words: "840 KB", "7.7 MB", "118 MB". */
function size(chars: number): string {
  const mb = chars / 1024 / 1024;
  if (mb < 1) return `${Math.max(1, Math.round(chars / 1024))} KB`;
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
 * frozen as one record (more JSON than {@link FREEZE_LIMITS} allows).
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

/** INVALID_INPUT, in words, when a record of `chars` characters of JSON is over the limit. */
function refuseIfTooLarge(chars: number, approximately: "about" | "at least", document: InventoryDocumentInput, skippedDataFlows: number) {
  const limit = FREEZE_LIMITS.maxFrozenChars;
  if (chars <= limit) return;
  // As recorded: the data flows the engine could not place count too.
  const dependencies = document.dependencies?.length ?? 0;
  const dataFlows = (document.dataFlows?.length ?? 0) + skippedDataFlows;
  throw new AppError(
    "INVALID_INPUT",
    `This inventory is too large to freeze as an assessment yet: its ${count(dependencies, "dependency", "dependencies")} and ${count(dataFlows, "data flow", "data flows")} make a record of ${approximately} ${size(chars)}, and an assessment can hold at most ${size(limit)}. Nothing was saved. The live scores still reflect the inventory; to freeze it, record data flows more coarsely (one per office, dependency and kind of data rather than one per process), or ask your administrator about larger assessments.`,
    { tooLarge: { dependencies, dataFlows, characters: chars, limit } },
  );
}

async function freeze(ctx: OrgContext, input: FreezeAssessmentInput) {
  const asOf = input.asOf ?? today();
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
  // The inventory document is part of the record: when it alone is over the limit, refuse now,
  // before scoring and building the record cost a large tenant a minute and gigabytes (decision 053).
  refuseIfTooLarge(JSON.stringify(document).length, "at least", document, skippedDataFlows);
  const result = scoreInventory(parsed.value, { asOf });
  const frozen = frozenAssessmentData(document, result, { skippedDataFlows, note: input.note ?? null });
  const inputsHash = frozen.inputsHash;

  // Measured before the transaction, so that a record too large to store or to read back is
  // refused with a reason rather than failing halfway through the write.
  const chars = JSON.stringify(frozen.inputs).length + JSON.stringify(frozen.landscape).length + JSON.stringify(frozen.results).length;
  refuseIfTooLarge(chars, "about", document, skippedDataFlows);
  // The write itself: 20 MB took 2.6-3.2 s here (about 7 MB/s, decision 053) and several times
  // that when the machine was busy, far past the interactive transaction's default of 5 s, which
  // rolled the write back under it. 30 s plus a second per MB leaves room for a loaded server.
  const timeout = FREEZE_LIMITS.transactionTimeoutMs ?? Math.min(10 * 60_000, 30_000 + Math.ceil(chars / (1024 * 1024)) * 1_000);

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
          data: { organisationId: ctx.organisationId, ...frozen, createdById: ctx.userId },
          select: { id: true, createdAt: true, score: true, rating: true, methodologyVersion: true, inputsHash: true, createdBy: { select: { name: true, email: true } } },
        });
        // A transaction that expired under the write has been seen to answer null here rather than
        // throw: that is a failure, never "an assessment without a row".
        if (!assessment) throw new Error(`freezeAssessment: the assessment was not written (the transaction ended during the write of ${size(chars)})`);
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
      throw new Error(`freezeAssessment: the transaction for a record of ${size(chars)} did not complete within ${timeout / 1000} s`, { cause: e });
    }
    throw e;
  }
}
