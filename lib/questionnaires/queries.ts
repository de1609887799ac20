import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { hashToken } from "@/lib/members/tokens";

// What the questionnaire page reads (docs/decisions/039): the links, who answered, what waits for
// review and what was decided. Every query names the organisation in its own where.

export type LinkState = "open" | "expired" | "revoked";

export function linkState(link: { expiresAt: Date; revokedAt: Date | null }, now = new Date()): LinkState {
  if (link.revokedAt) return "revoked";
  return link.expiresAt <= now ? "expired" : "open";
}

/** The links, newest first, with how many answered and how many of their items wait. */
export async function listQuestionnaires(ctx: OrgContext) {
  assertCan(ctx, "questionnaires:manage");
  const [links, pending] = await Promise.all([
    db().questionnaire.findMany({
      where: { organisationId: ctx.organisationId },
      orderBy: { createdAt: "desc" },
      select: { id: true, title: true, expiresAt: true, revokedAt: true, createdAt: true, version: true, createdBy: { select: { name: true } }, _count: { select: { responses: true } } },
      take: 100,
    }),
    db().questionnaireItem.groupBy({ by: ["responseId"], where: { organisationId: ctx.organisationId, status: "pending" }, _count: { _all: true } }),
  ]);
  const responses = pending.length
    ? await db().questionnaireResponse.findMany({ where: { organisationId: ctx.organisationId, id: { in: pending.map((p) => p.responseId) } }, select: { id: true, questionnaireId: true } })
    : [];
  const linkOf = new Map(responses.map((r) => [r.id, r.questionnaireId]));
  const pendingByLink = new Map<string, number>();
  for (const p of pending) {
    const link = linkOf.get(p.responseId);
    if (link) pendingByLink.set(link, (pendingByLink.get(link) ?? 0) + p._count._all);
  }
  const now = new Date();
  return links.map((l) => ({ ...l, state: linkState(l, now), answers: l._count.responses, pending: pendingByLink.get(l.id) ?? 0 }));
}

const answerSelect = {
  id: true,
  systemName: true,
  purpose: true,
  vendorName: true,
  modelName: true,
  dataNote: true,
  status: true,
  reviewNote: true,
  reviewedAt: true,
  version: true,
  reviewedBy: { select: { name: true } },
  aiSystem: { select: { id: true, name: true } },
  response: { select: { id: true, respondentName: true, respondentEmail: true, team: true, submittedAt: true, questionnaire: { select: { title: true } } } },
} as const;

/** Items waiting for review, oldest answer first (they have waited longest). */
export async function listPendingItems(ctx: OrgContext) {
  assertCan(ctx, "questionnaires:manage");
  return db().questionnaireItem.findMany({
    where: { organisationId: ctx.organisationId, status: "pending" },
    orderBy: [{ response: { submittedAt: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
    select: answerSelect,
    take: 300,
  });
}

/** The latest decisions, for a second look (and to reopen a rejection or a merge). */
export async function listReviewedItems(ctx: OrgContext, take = 50) {
  assertCan(ctx, "questionnaires:manage");
  return db().questionnaireItem.findMany({
    where: { organisationId: ctx.organisationId, status: { not: "pending" } },
    orderBy: [{ reviewedAt: "desc" }, { id: "asc" }],
    select: answerSelect,
    take,
  });
}

/** Who answered, newest first, with how many of their items wait and how many were decided. */
export async function listRespondents(ctx: OrgContext) {
  assertCan(ctx, "questionnaires:manage");
  const responses = await db().questionnaireResponse.findMany({
    where: { organisationId: ctx.organisationId },
    orderBy: { submittedAt: "desc" },
    select: { id: true, respondentName: true, respondentEmail: true, team: true, submittedAt: true, questionnaire: { select: { title: true } }, items: { where: { organisationId: ctx.organisationId }, select: { status: true } } },
    take: 200,
  });
  return responses.map(({ items, ...r }) => ({ ...r, items: items.length, pending: items.filter((i) => i.status === "pending").length }));
}

/** How many answered items wait, for the Workshops page. */
export async function countPendingItems(ctx: OrgContext) {
  assertCan(ctx, "questionnaires:manage");
  return db().questionnaireItem.count({ where: { organisationId: ctx.organisationId, status: "pending" } });
}

/** The AI systems an item can be merged into. */
export async function listSystemsToMergeInto(ctx: OrgContext) {
  assertCan(ctx, "questionnaires:manage");
  return db().aiSystem.findMany({ where: { organisationId: ctx.organisationId }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 2000 });
}

/**
 * A link someone without an account opened: usable (not revoked, not expired) or null, found by
 * its token's hash alone (the token is the permission, as for invitations).
 */
export async function findUsableQuestionnaire(token: string) {
  const link = await db().questionnaire.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { title: true, expiresAt: true, revokedAt: true, organisation: { select: { name: true } } },
  });
  if (!link || linkState(link) !== "open") return null;
  return { title: link.title, expiresAt: link.expiresAt, organisationName: link.organisation.name };
}
