import "server-only";
import { db } from "@/lib/db";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import { notFoundError } from "@/lib/errors";
import { newPracticeApiToken } from "@/lib/api-tokens/secret";
import { LAST_USED_RESOLUTION_MS } from "@/lib/api-tokens/mutations";
import { recordPracticeAudit } from "@/lib/practices/audit";
import type { CreatePracticeApiTokenInput } from "@/lib/practices/api-token-schemas";

// A practice's read-only API tokens (decision 043). A partner makes one for a script that reads the
// portfolio, the clients and the benchmark under /api/v1/practices/{practice}; it opens nothing
// inside a client (the organisation's own tokens do that). Only its hash is stored.

const DAY_MS = 86_400_000;

/** Makes a practice API token and returns its secret once. */
export async function createPracticeApiToken(ctx: PracticeContext, input: CreatePracticeApiTokenInput, now = new Date()) {
  assertPracticeCan(ctx, "practice:manage");
  const { token, hash } = newPracticeApiToken();
  const created = await db().$transaction(async (tx) => {
    const row = await tx.practiceApiToken.create({
      data: { practiceId: ctx.practiceId, name: input.name, tokenHash: hash, createdById: ctx.userId, createdAt: now, expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS) },
      select: { id: true, name: true, createdAt: true, expiresAt: true },
    });
    await recordPracticeAudit(tx, ctx, { action: "create_api_token", entityType: "practice_api_token", entityId: row.id, after: { name: row.name, expiresAt: row.expiresAt } });
    return row;
  });
  return { ...created, token };
}

/** Revokes one of the practice's tokens at once, whoever made it (partners). Revoked already, or another practice's: NOT_FOUND. */
export async function revokePracticeApiToken(ctx: PracticeContext, tokenId: string) {
  assertPracticeCan(ctx, "practice:manage");
  await db().$transaction(async (tx) => {
    const revokedAt = new Date();
    const row = await tx.practiceApiToken.findFirst({ where: { id: tokenId, practiceId: ctx.practiceId, revokedAt: null }, select: { name: true } });
    const { count } = await tx.practiceApiToken.updateMany({ where: { id: tokenId, practiceId: ctx.practiceId, revokedAt: null }, data: { revokedAt } });
    if (count === 0 || !row) throw notFoundError("API token");
    await recordPracticeAudit(tx, ctx, { action: "revoke_api_token", entityType: "practice_api_token", entityId: tokenId, before: { name: row.name, revokedAt: null }, after: { name: row.name, revokedAt } });
  });
}

/** Notes that a practice token was just used, at most once a minute; only for a token checkPracticeApiToken accepted. */
export async function recordPracticeApiTokenUse(token: { id: string; practice: { id: string }; lastUsedAt: Date | null }, now = new Date()) {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  await db().practiceApiToken.updateMany({
    where: { id: token.id, practiceId: token.practice.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
    data: { lastUsedAt: now },
  });
}
