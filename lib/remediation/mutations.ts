import "server-only";
import { db } from "@/lib/db";
import { worksWith } from "@/lib/practices/works-with";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { scoreOrganisation } from "@/lib/scores/queries";
import { documentKey } from "@/lib/scores/entity-scores";
import { listRemediationSuggestions, remediationSelect } from "@/lib/remediation/queries";
import type { RemediationInput, RemediationUpdate, SuggestionInput } from "@/lib/remediation/schemas";
import type { AgreedActionInput } from "@/lib/workshops/schemas";

type Tx = Prisma.TransactionClient;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The organisation's live score now (null when the inventory cannot be scored). */
async function liveScore(ctx: OrgContext): Promise<number | null> {
  const live = await scoreOrganisation(ctx);
  return live.ok ? round2(live.result.organisation.score) : null;
}

/** An owner must be a member of this organisation: another organisation's user is refused like an unknown one. */
async function checkOwner(tx: Tx, ctx: OrgContext, ownerId: string | null) {
  if (!ownerId) return;
  const member = await tx.membership.findFirst({ where: { organisationId: ctx.organisationId, userId: ownerId }, select: { id: true } });
  if (member) return;
  // Or someone of a practice with a live engagement here (listOwnerChoices offers them too).
  const consultant = await tx.practiceMember.findFirst({ where: { userId: ownerId, practice: worksWith(ctx.organisationId) }, select: { id: true } });
  if (!consultant) throw new AppError("INVALID_INPUT", "The owner must be a member of this organisation, or of a consultancy working with it.", { fieldErrors: { ownerId: ["Choose a member of this organisation"] } });
}

/** Adds an action written by hand; its expected gain is the writer's estimate. */
export async function createRemediationAction(ctx: OrgContext, input: RemediationInput) {
  assertCan(ctx, "remediation:manage");
  return insertManualAction(ctx, input);
}

/**
 * An action the room agreed in a running workshop (decision 038), into the plan with its owner
 * and date: recorded by the facilitator, so `workshops:run` rather than `remediation:manage`.
 */
export async function addAgreedAction(ctx: OrgContext, input: AgreedActionInput) {
  assertCan(ctx, "workshops:run");
  const { workshopId, ...fields } = input;
  const workshop = await db().workshop.findFirst({ where: { id: workshopId, organisationId: ctx.organisationId }, select: { title: true, status: true } });
  if (!workshop) throw notFoundError("Workshop");
  if (workshop.status !== "running") throw new AppError("CONFLICT", `The workshop "${workshop.title}" has ended: add further actions in the remediation plan.`);
  return insertManualAction(ctx, { ...fields, description: `Agreed in the workshop "${workshop.title}".`, expectedGain: 0 });
}

async function insertManualAction(ctx: OrgContext, input: RemediationInput) {
  const scoreAtCreation = await liveScore(ctx);
  return db().$transaction(async (tx) => {
    await checkOwner(tx, ctx, input.ownerId);
    const action = await tx.remediationAction.create({
      data: { ...input, origin: "manual", scoreAtCreation, organisationId: ctx.organisationId },
      select: remediationSelect,
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "remediation_action", entityId: action.id, after: action });
    return action;
  });
}

/**
 * Adds one of the engine's current suggestions to the plan, with the engine's title, change and
 * expected organisation gain (never the client's). A suggestion already in the plan is not added
 * again: the existing action is answered with `created: false`.
 */
export async function addSuggestionToPlan(ctx: OrgContext, input: SuggestionInput) {
  assertCan(ctx, "remediation:manage");
  const existing = () => db().remediationAction.findFirst({ where: { organisationId: ctx.organisationId, findingKey: input.findingKey }, select: remediationSelect });
  const already = await existing();
  if (already) return { action: already, created: false };

  const found = await listRemediationSuggestions(ctx, 100);
  const suggestion = found.ok ? found.suggestions.find((s) => s.id === input.findingKey) : undefined;
  if (!found.ok || !suggestion) {
    throw new AppError("INVALID_INPUT", "The engine no longer suggests this (the inventory has changed). Reload the page to see the current suggestions.", { fieldErrors: { findingKey: ["No longer suggested"] } });
  }
  const systems = await db().aiSystem.findMany({ where: { organisationId: ctx.organisationId }, select: { id: true, name: true } });
  const system = systems.find((s) => documentKey(s.name) === suggestion.system);
  try {
    const action = await db().$transaction(async (tx) => {
      await checkOwner(tx, ctx, input.ownerId);
      const created = await tx.remediationAction.create({
        data: {
          organisationId: ctx.organisationId,
          title: suggestion.title.slice(0, 300),
          description: suggestion.change,
          origin: "engine",
          findingKey: suggestion.id,
          targetType: system ? "ai_system" : null,
          targetId: system?.id ?? null,
          ownerId: input.ownerId,
          dueDate: input.dueDate,
          priority: input.priority,
          expectedGain: round2(suggestion.expectedGain.organisation),
          scoreAtCreation: round2(found.score),
        },
        select: remediationSelect,
      });
      await recordAudit(tx, ctx, { action: "create", entityType: "remediation_action", entityId: created.id, after: created });
      return created;
    });
    return { action, created: true };
  } catch (e) {
    // Two people adding the same suggestion at once: the unique (organisation, finding) index keeps one.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const winner = await existing();
      if (winner) return { action: winner, created: false };
    }
    throw e;
  }
}

/**
 * Updates an action (version-checked). Moving it to done closes it: the live score is taken
 * again and the achieved gain is the organisation's score now minus its score when the action
 * entered the plan (docs/decisions/020). Reopening clears the close.
 */
export async function updateRemediationAction(ctx: OrgContext, id: string, version: number, input: Partial<RemediationUpdate>) {
  assertCan(ctx, "remediation:manage");
  const closing = input.status === "done";
  const scoreNow = closing ? await liveScore(ctx) : null;
  return db().$transaction(async (tx) => {
    const before = await tx.remediationAction.findFirst({ where: { id, organisationId: ctx.organisationId }, select: remediationSelect });
    if (!before) throw notFoundError("Remediation action");
    if (input.ownerId !== undefined) await checkOwner(tx, ctx, input.ownerId);
    const closeFields =
      input.status && input.status !== before.status
        ? closing
          ? { closedAt: new Date(), scoreAtClose: scoreNow, achievedGain: scoreNow !== null && before.scoreAtCreation !== null ? round2(scoreNow - before.scoreAtCreation) : null }
          : { closedAt: input.status === "wont_do" ? new Date() : null, scoreAtClose: null, achievedGain: null }
        : {};
    const { count } = await tx.remediationAction.updateMany({
      where: { id, organisationId: ctx.organisationId, version },
      data: { ...input, ...closeFields, version: { increment: 1 } },
    });
    if (count === 0) throw staleOrMissing("Remediation action", before, version);
    const after = await tx.remediationAction.findFirst({ where: { id, organisationId: ctx.organisationId }, select: remediationSelect });
    await recordAudit(tx, ctx, { action: "update", entityType: "remediation_action", entityId: id, before, after });
    return after!;
  });
}

/** Closes an action as done: re-scores the inventory and records the gain achieved since it entered the plan. */
export async function closeRemediationAction(ctx: OrgContext, id: string, version: number) {
  return updateRemediationAction(ctx, id, version, { status: "done" });
}

/** Deletes an action (nothing else goes with it). */
export async function deleteRemediationAction(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "remediation:manage");
  await db().$transaction(async (tx) => {
    const before = await tx.remediationAction.findFirst({ where: { id, organisationId: ctx.organisationId }, select: remediationSelect });
    if (!before) throw notFoundError("Remediation action");
    const { count } = await tx.remediationAction.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Remediation action", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "remediation_action", entityId: id, before });
  });
}
