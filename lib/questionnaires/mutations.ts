import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { hashToken, newToken } from "@/lib/members/tokens";
import { formatWait, reserveAttempt, settleSuccess, THROTTLE, throttleKey, type ThrottledKey } from "@/lib/auth/throttle";
import { explainCaptureConflict, recordCapturedSystem } from "@/lib/workshops/capture";
import { MAX_ANSWERS_PER_LINK, type AddItemInput, type AnswerInput } from "@/lib/questionnaires/schemas";
import type { QuestionnaireItemStatus } from "@/lib/generated/prisma/enums";

// The pre-workshop questionnaire (docs/decisions/039). Links are made and revoked by the client's
// owners and editors; anyone holding a usable link answers without an account; every answer is a
// draft until a reviewer adds it to the inventory, merges it with an AI system already there, or
// rejects it. Nothing an answer says enters the inventory unreviewed.

type Tx = Prisma.TransactionClient;

const linkRow = { id: true, title: true, expiresAt: true, revokedAt: true, version: true } as const;
const itemRow = { id: true, systemName: true, status: true, aiSystemId: true, reviewNote: true, reviewedAt: true, version: true } as const;

/** Makes a link; the token is returned once, only its hash is kept (like invitations). */
export async function createQuestionnaire(ctx: OrgContext, input: { title: string; days: number }) {
  assertCan(ctx, "questionnaires:manage");
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + input.days * 24 * 60 * 60 * 1000);
  return db().$transaction(async (tx) => {
    const questionnaire = await tx.questionnaire.create({
      data: { organisationId: ctx.organisationId, title: input.title, tokenHash: hash, createdById: ctx.userId, expiresAt },
      select: linkRow,
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "questionnaire", entityId: questionnaire.id, after: questionnaire });
    return { questionnaire, token };
  });
}

/** Revokes a link at once: answers already given stay for review, no new one is taken. */
export async function revokeQuestionnaire(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "questionnaires:manage");
  return db().$transaction(async (tx) => {
    const before = await tx.questionnaire.findFirst({ where: { id, organisationId: ctx.organisationId }, select: linkRow });
    if (before?.revokedAt) throw new AppError("CONFLICT", `The link "${before.title}" is revoked already.`, { current: before });
    const { count } = await tx.questionnaire.updateMany({ where: { id, organisationId: ctx.organisationId, version, revokedAt: null }, data: { revokedAt: new Date(), version: { increment: 1 } } });
    if (count === 0) throw staleOrMissing("Questionnaire link", before, version);
    const after = await tx.questionnaire.findFirstOrThrow({ where: { id, organisationId: ctx.organisationId }, select: linkRow });
    await recordAudit(tx, ctx, { action: "revoke", entityType: "questionnaire", entityId: id, before, after });
    return after;
  });
}

/** One message for every link that does not work, so a guess learns nothing about which links exist. */
export const UNUSABLE_LINK = "This questionnaire link does not work: it may have expired or been withdrawn. Ask whoever sent it to you for a new one.";

/**
 * An answer through a link, from someone without an account. Throttled per client address (a
 * link that does not work counts against it, as for invitations) and per link and address (every
 * answer counts, so a script cannot fill the review); one transaction writes the answer and all
 * its items, or nothing.
 */
export async function submitQuestionnaireAnswer(input: AnswerInput, address: string) {
  const tokenHash = hashToken(input.token);
  const byAddress: ThrottledKey = { key: throttleKey.linkAddress(address), rule: THROTTLE.linkAddress };
  const byLink: ThrottledKey = { key: throttleKey.questionnaire(tokenHash, address), rule: THROTTLE.questionnaire };
  const reservation = await reserveAttempt(db(), [byAddress, byLink]);
  if (!reservation.allowed) throw new AppError("RATE_LIMITED", `Too many answers from here in a short time. Try again in ${formatWait(reservation.waitMs)}; what you typed is kept.`);
  const result = await db().$transaction(async (tx) => {
    const link = await tx.questionnaire.findUnique({ where: { tokenHash }, select: { id: true, organisationId: true, expiresAt: true, revokedAt: true, organisation: { select: { name: true } } } });
    if (!link || link.revokedAt || link.expiresAt <= new Date()) throw new AppError("NOT_FOUND", UNUSABLE_LINK);
    // Counted under a lock on the link's row, so that parallel answers cannot overtake the limit.
    await tx.$queryRaw`SELECT 1 FROM "Questionnaire" WHERE "id" = ${link.id}::uuid FOR UPDATE`;
    const answers = await tx.questionnaireResponse.count({ where: { organisationId: link.organisationId, questionnaireId: link.id } });
    if (answers >= MAX_ANSWERS_PER_LINK) throw new AppError("CONFLICT", `This questionnaire has taken its ${MAX_ANSWERS_PER_LINK} answers. Tell whoever sent it to you: they can make a new link.`);
    const response = await tx.questionnaireResponse.create({
      data: { organisationId: link.organisationId, questionnaireId: link.id, respondentName: input.respondentName, respondentEmail: input.respondentEmail, team: input.team },
      select: { id: true, respondentName: true, team: true },
    });
    await tx.questionnaireItem.createMany({ data: input.items.map((item) => ({ organisationId: link.organisationId, responseId: response.id, ...item })) });
    await recordAudit(tx, { organisationId: link.organisationId, userId: null }, { action: "answer", entityType: "questionnaire_response", entityId: response.id, after: { ...response, items: input.items.map((i) => i.systemName) } });
    return { organisationName: link.organisation.name, items: input.items.length };
  });
  // A working link gives the address its attempt back; the per-link count stays.
  await settleSuccess(db(), { refund: [byAddress] });
  return result;
}

/** The item, pending, in this organisation; otherwise why not, in words. */
async function pendingItem(tx: Tx, ctx: OrgContext, id: string, version: number) {
  const item = await tx.questionnaireItem.findFirst({ where: { id, organisationId: ctx.organisationId }, select: itemRow });
  if (!item) throw notFoundError("Answer");
  if (item.status !== "pending") throw new AppError("CONFLICT", `"${item.systemName}" was reviewed already (${STATUS_WORDS[item.status]}).`, { current: item });
  if (item.version !== version) throw staleOrMissing("Answer", item, version);
  return item;
}

const STATUS_WORDS: Record<QuestionnaireItemStatus, string> = { pending: "waiting", added: "added to the inventory", merged: "merged with an AI system", rejected: "rejected" };

/** Marks a pending item reviewed, guarded by its version and status, and audits it. */
async function decide(tx: Tx, ctx: OrgContext, before: { id: string; version: number }, data: { status: QuestionnaireItemStatus; aiSystemId?: string | null; reviewNote?: string | null }) {
  const { count } = await tx.questionnaireItem.updateMany({
    where: { id: before.id, organisationId: ctx.organisationId, version: before.version, status: "pending" },
    data: { ...data, reviewedById: ctx.userId, reviewedAt: new Date(), version: { increment: 1 } },
  });
  if (count === 0) throw staleOrMissing("Answer", await tx.questionnaireItem.findFirst({ where: { id: before.id, organisationId: ctx.organisationId }, select: itemRow }), before.version);
  const after = await tx.questionnaireItem.findFirstOrThrow({ where: { id: before.id, organisationId: ctx.organisationId }, select: itemRow });
  await recordAudit(tx, ctx, { action: "review", entityType: "questionnaire_item", entityId: before.id, before, after });
  return after;
}

/**
 * Adds an answer's item to the inventory as a new AI system with its model and access path (the
 * workshop's capture), in one transaction with the review: either both happen or neither.
 */
export async function addItemToInventory(ctx: OrgContext, input: AddItemInput & { id: string; version: number }) {
  assertCan(ctx, "questionnaires:manage");
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const before = await pendingItem(tx, ctx, input.id, input.version);
      const captured = await recordCapturedSystem(tx, ctx, input);
      const item = await decide(tx, ctx, before, { status: "added", aiSystemId: captured.system.id });
      return { item, ...captured };
    })
    .catch((e: unknown) => explainCaptureConflict(e, input.name));
}

/** The item is an AI system already in the inventory: nothing new is written there. */
export async function mergeItem(ctx: OrgContext, input: { id: string; version: number; aiSystemId: string; note: string | null }) {
  assertCan(ctx, "questionnaires:manage");
  return db().$transaction(async (tx) => {
    const before = await pendingItem(tx, ctx, input.id, input.version);
    const system = await tx.aiSystem.findFirst({ where: { id: input.aiSystemId, organisationId: ctx.organisationId }, select: { id: true, name: true } });
    if (!system) throw new AppError("INVALID_INPUT", "Choose one of your AI systems.", { fieldErrors: { aiSystemId: ["Choose one of your AI systems"] } });
    const item = await decide(tx, ctx, before, { status: "merged", aiSystemId: system.id, reviewNote: input.note });
    return { item, system };
  });
}

export async function rejectItem(ctx: OrgContext, input: { id: string; version: number; note: string | null }) {
  assertCan(ctx, "questionnaires:manage");
  return db().$transaction(async (tx) => decide(tx, ctx, await pendingItem(tx, ctx, input.id, input.version), { status: "rejected", reviewNote: input.note }));
}

/**
 * Undoes a rejection or a merge: the item waits for review again. An item added to the inventory
 * is not reopened (its AI system exists; delete that in the inventory if it was a mistake).
 */
export async function reopenItem(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "questionnaires:manage");
  return db().$transaction(async (tx) => {
    const before = await tx.questionnaireItem.findFirst({ where: { id, organisationId: ctx.organisationId }, select: itemRow });
    if (before?.status === "pending") throw new AppError("CONFLICT", `"${before.systemName}" is waiting for review already.`, { current: before });
    if (before?.status === "added") throw new AppError("CONFLICT", `"${before.systemName}" is in the inventory: change or delete its AI system there.`, { current: before });
    const { count } = await tx.questionnaireItem.updateMany({
      where: { id, organisationId: ctx.organisationId, version, status: { in: ["merged", "rejected"] } },
      data: { status: "pending", aiSystemId: null, reviewNote: null, reviewedById: null, reviewedAt: null, version: { increment: 1 } },
    });
    if (count === 0) throw staleOrMissing("Answer", before, version);
    const after = await tx.questionnaireItem.findFirstOrThrow({ where: { id, organisationId: ctx.organisationId }, select: itemRow });
    await recordAudit(tx, ctx, { action: "reopen", entityType: "questionnaire_item", entityId: id, before, after });
    return after;
  });
}
