import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { today } from "@/lib/scores/queries";
import { frozenAssessmentData, inputsHashOf } from "@/lib/assessments/freeze-data";
import type { FreezeAssessmentInput } from "@/lib/assessments/schemas";
import { parseInventoryDocument } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { Rating } from "@/scoring/ratings";
import { formatDay } from "@/lib/dates";

export { inputsHashOf };

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
  const result = scoreInventory(parsed.value, { asOf });
  const frozen = frozenAssessmentData(document, result, { skippedDataFlows, note: input.note ?? null });
  const inputsHash = frozen.inputsHash;

  return db().$transaction(async (tx) => {
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
    const { createdBy, ...row } = assessment;
    await recordAudit(tx, ctx, { action: "create", entityType: "assessment", entityId: assessment.id, after: { ...row, asOf, note: input.note ?? null } });
    // The same shape as listAssessments' rows.
    return { ...row, asOf, createdAt: row.createdAt.toISOString(), rating: row.rating as Rating, createdBy };
  });
}
