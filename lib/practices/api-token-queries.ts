import "server-only";
import { db } from "@/lib/db";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import type { PracticeRole } from "@/lib/auth/practice-permissions";
import { hashApiToken } from "@/lib/api-tokens/secret";

/**
 * The practice's API tokens (partners), usable ones first, newest first, each with its creator and
 * whether the creator is still in the practice (a token stops when its creator leaves); never the
 * secret or its hash.
 */
export async function listPracticeApiTokens(ctx: PracticeContext, now = new Date()) {
  assertPracticeCan(ctx, "practice:manage");
  const rows = await db().practiceApiToken.findMany({
    where: { practiceId: ctx.practiceId },
    select: {
      id: true,
      name: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { id: true, name: true, practiceMemberships: { where: { practiceId: ctx.practiceId }, select: { role: true } } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const present = rows.map(({ createdBy: { practiceMemberships, ...createdBy }, ...t }) => ({ ...t, createdBy, creatorRole: practiceMemberships[0]?.role ?? null }));
  const usable = (t: (typeof present)[number]) => t.revokedAt === null && t.expiresAt > now && t.creatorRole !== null;
  return present.sort((a, b) => Number(usable(b)) - Number(usable(a)));
}

/** A practice token that may be used now, with what the practice API's context needs. */
export interface ActivePracticeApiToken {
  id: string;
  createdById: string;
  /** The creator's practice role now: the token reads with it. */
  creatorRole: PracticeRole;
  lastUsedAt: Date | null;
  practice: { id: string; slug: string; name: string };
}

export type PracticeApiTokenCheck =
  | { ok: true; token: ActivePracticeApiToken }
  | { ok: false; reason: "unknown" | "revoked" | "creator_not_member" }
  | { ok: false; reason: "expired"; expiredAt: Date };

/**
 * Checks the practice token with this secret: unknown, revoked, expired, or made by someone no
 * longer in the practice are refused, each with its reason. Looked up by the secret's hash; the
 * caller compares the token's practice with the one in the URL.
 */
export async function checkPracticeApiToken(secret: string, now = new Date()): Promise<PracticeApiTokenCheck> {
  const token = await db().practiceApiToken.findUnique({
    where: { tokenHash: hashApiToken(secret) },
    select: { id: true, createdById: true, lastUsedAt: true, expiresAt: true, revokedAt: true, practice: { select: { id: true, slug: true, name: true } } },
  });
  if (!token) return { ok: false, reason: "unknown" };
  if (token.revokedAt) return { ok: false, reason: "revoked" };
  if (token.expiresAt <= now) return { ok: false, reason: "expired", expiredAt: token.expiresAt };
  const creator = await db().practiceMember.findUnique({ where: { practiceId_userId: { practiceId: token.practice.id, userId: token.createdById } }, select: { role: true } });
  if (!creator) return { ok: false, reason: "creator_not_member" };
  return { ok: true, token: { id: token.id, createdById: token.createdById, creatorRole: creator.role, lastUsedAt: token.lastUsedAt, practice: token.practice } };
}
