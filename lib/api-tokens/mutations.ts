import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { newApiToken } from "@/lib/api-tokens/secret";
import type { CreateApiTokenInput } from "@/lib/api-tokens/schemas";

/** `lastUsedAt` is written at most this often per token, so busy clients do not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates an API token and returns its secret once; only the hash is stored. */
export async function createApiToken(ctx: OrgContext, input: CreateApiTokenInput) {
  assertCan(ctx, "api_tokens:manage");
  const { token, hash } = newApiToken();
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { organisationId: ctx.organisationId, name: input.name, role: input.role, tokenHash: hash, createdById: ctx.userId },
      select: { id: true, name: true, role: true, createdAt: true },
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "api_token", entityId: row.id, after: row });
    return row;
  });
  return { ...created, token };
}

/** Revokes a token at once. Revoking twice, or another organisation's token: NOT_FOUND. */
export async function revokeApiToken(ctx: OrgContext, tokenId: string) {
  assertCan(ctx, "api_tokens:manage");
  await db().$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, organisationId: ctx.organisationId, revokedAt: null },
      data: { revokedAt },
    });
    if (count === 0) throw notFoundError("API token");
    await recordAudit(tx, ctx, { action: "revoke_api_token", entityType: "api_token", entityId: tokenId, before: { revokedAt: null }, after: { revokedAt } });
  });
}

/**
 * Notes that a token was just used, at most once per LAST_USED_RESOLUTION_MS. Called only with a
 * token that `findActiveApiToken` returned for the request's secret.
 */
export async function recordApiTokenUse(token: { id: string; organisation: { id: string }; lastUsedAt: Date | null }, now = new Date()) {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  await db().apiToken.updateMany({
    where: {
      id: token.id,
      organisationId: token.organisation.id,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
    },
    data: { lastUsedAt: now },
  });
}
