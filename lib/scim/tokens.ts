import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { hashToken } from "@/lib/members/tokens";

// The bearer tokens of an organisation's SCIM endpoint (decision 049), made by its owners in
// Settings → Single sign-on and pasted into the identity provider's provisioning settings. Only a
// hash is kept (lib/scim/auth.ts looks a caller up by it): the token is shown once.

/** What every SCIM token starts with, so that a leaked one is recognisable (secret scanners, logs). */
export const SCIM_TOKEN_PREFIX = "sovra_scim_";

/** Creates a SCIM token and returns it once: `sovra_scim_` and 43 base64url characters (256 bits). */
export async function createScimToken(ctx: OrgContext, input: { name: string }) {
  assertCan(ctx, "sso:manage");
  const token = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const created = await db().$transaction(async (tx) => {
    const row = await tx.scimToken.create({
      data: { organisationId: ctx.organisationId, name: input.name, tokenHash: hashToken(token), createdById: ctx.userId },
      select: { id: true, name: true, createdAt: true },
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "scim_token", entityId: row.id, after: row });
    return row;
  });
  return { ...created, token };
}

/** Revokes a token at once. Revoking twice, or another organisation's token: NOT_FOUND. */
export async function revokeScimToken(ctx: OrgContext, tokenId: string) {
  assertCan(ctx, "sso:manage");
  await db().$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.scimToken.updateMany({ where: { id: tokenId, organisationId: ctx.organisationId, revokedAt: null }, data: { revokedAt } });
    if (count === 0) throw notFoundError("SCIM token");
    await recordAudit(tx, ctx, { action: "revoke", entityType: "scim_token", entityId: tokenId, before: { revokedAt: null }, after: { revokedAt } });
  });
}

/** The organisation's SCIM tokens, active ones first, newest first; never the token or its hash. */
export async function listScimTokens(ctx: OrgContext) {
  assertCan(ctx, "sso:manage");
  const rows = await db().scimToken.findMany({
    where: { organisationId: ctx.organisationId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}
