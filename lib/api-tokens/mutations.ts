import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { newApiToken } from "@/lib/api-tokens/secret";
import type { ApiTokenPolicy, CreateApiTokenInput } from "@/lib/api-tokens/schemas";

/** `lastUsedAt` is written at most this often per token, so busy clients do not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const DAY_MS = 86_400_000;

/**
 * Creates an API token and returns its secret once; only the hash is stored. It expires after
 * `expiresInDays` (default: the organisation's default lifetime), which may not exceed the
 * organisation's maximum lifetime.
 */
export async function createApiToken(ctx: OrgContext, input: CreateApiTokenInput, now = new Date()) {
  assertCan(ctx, "api_tokens:manage");
  // A token acts with its creator's membership (checkApiToken); someone who reaches the
  // organisation through a practice has none, so their token would never work (decision 037).
  if (ctx.via) throw new AppError("FORBIDDEN", `API tokens are for the organisation's own members: you work here through ${ctx.via}. Ask an owner of the organisation for a token.`);
  const { token, hash } = newApiToken();
  const created = await db().$transaction(async (tx) => {
    const policy = await tx.organisation.findUniqueOrThrow({ where: { id: ctx.organisationId }, select: { apiTokenDefaultDays: true, apiTokenMaxDays: true } });
    const days = input.expiresInDays ?? policy.apiTokenDefaultDays;
    if (days > policy.apiTokenMaxDays) {
      throw new AppError("INVALID_INPUT", `A token may live at most ${policy.apiTokenMaxDays} days in this organisation.`, {
        fieldErrors: { expiresInDays: [`At most ${policy.apiTokenMaxDays} days (the organisation's maximum)`] },
      });
    }
    const row = await tx.apiToken.create({
      data: { organisationId: ctx.organisationId, name: input.name, role: input.role, tokenHash: hash, createdById: ctx.userId, createdAt: now, expiresAt: new Date(now.getTime() + days * DAY_MS) },
      select: { id: true, name: true, role: true, createdAt: true, expiresAt: true },
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "api_token", entityId: row.id, after: row });
    return row;
  });
  return { ...created, token };
}

/** Revokes a token at once, whoever created it (owners). Revoking twice, or another organisation's token: NOT_FOUND. */
export async function revokeApiToken(ctx: OrgContext, tokenId: string) {
  assertCan(ctx, "api_tokens:manage");
  await revoke(ctx, { id: tokenId, organisationId: ctx.organisationId, revokedAt: null });
}

/**
 * Revokes a token the caller created (any member: revoking only ever takes access away). Another
 * member's token, one revoked already, or another organisation's: NOT_FOUND.
 */
export async function revokeOwnApiToken(ctx: OrgContext, tokenId: string) {
  assertCan(ctx, "api_tokens:own");
  await revoke(ctx, { id: tokenId, organisationId: ctx.organisationId, createdById: ctx.userId, revokedAt: null });
}

async function revoke(ctx: OrgContext, where: { id: string; organisationId: string; createdById?: string; revokedAt: null }) {
  await db().$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({ where, data: { revokedAt } });
    if (count === 0) throw notFoundError("API token");
    await recordAudit(tx, ctx, { action: "revoke_api_token", entityType: "api_token", entityId: where.id, before: { revokedAt: null }, after: { revokedAt } });
  });
}

/**
 * Sets the organisation's token lifetimes. They apply to tokens created from now on; existing
 * tokens keep their expiry (owners revoke those they want to end sooner: docs/decisions/029).
 */
export async function updateApiTokenPolicy(ctx: OrgContext, policy: ApiTokenPolicy) {
  assertCan(ctx, "api_tokens:manage");
  await db().$transaction(async (tx) => {
    const select = { apiTokenDefaultDays: true, apiTokenMaxDays: true } as const;
    const before = await tx.organisation.findUniqueOrThrow({ where: { id: ctx.organisationId }, select });
    const after = await tx.organisation.update({ where: { id: ctx.organisationId }, data: { apiTokenDefaultDays: policy.defaultDays, apiTokenMaxDays: policy.maxDays }, select });
    await recordAudit(tx, ctx, { action: "update", entityType: "organisation", entityId: ctx.organisationId, before, after });
  });
}

/**
 * Notes that a token was just used, at most once per LAST_USED_RESOLUTION_MS. Called only with a
 * token that `checkApiToken` accepted for the request's secret.
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
