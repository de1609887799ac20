import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Role } from "@/lib/auth/permissions";
import { hashApiToken } from "@/lib/api-tokens/secret";
import type { ApiTokenPolicy } from "@/lib/api-tokens/schemas";

const listSelect = (organisationId: string) =>
  ({
    id: true,
    name: true,
    role: true,
    createdAt: true,
    expiresAt: true,
    lastUsedAt: true,
    revokedAt: true,
    // The creator's role in this organisation now (none: they left), so the list can say what the token may really do.
    createdBy: { select: { id: true, name: true, memberships: { where: { organisationId }, select: { role: true } } } },
  }) as const;

type ListedRow = { revokedAt: Date | null; expiresAt: Date; createdBy: { id: string; name: string; memberships: { role: Role }[] } };

/** Active tokens first (newest first), then expired and revoked ones; `creatorRole` is the creator's role now (null: they left). */
function presentList<R extends ListedRow>(rows: R[], now: Date) {
  const inactive = (t: R) => Number(t.revokedAt !== null || t.expiresAt <= now);
  return rows
    .sort((a, b) => inactive(a) - inactive(b))
    .map(({ createdBy: { memberships, ...createdBy }, ...t }) => ({ ...t, createdBy, creatorRole: memberships[0]?.role ?? null }));
}

/** Every API token of the organisation (owners), active ones first, newest first; never the secret or its hash. */
export async function listApiTokens(ctx: OrgContext, now = new Date()) {
  assertCan(ctx, "api_tokens:manage");
  const rows = await db().apiToken.findMany({
    where: { organisationId: ctx.organisationId },
    select: listSelect(ctx.organisationId),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return presentList(rows, now);
}

/** The API tokens the caller created in this organisation (every member sees their own). */
export async function listOwnApiTokens(ctx: OrgContext, now = new Date()) {
  assertCan(ctx, "api_tokens:own");
  const rows = await db().apiToken.findMany({
    where: { organisationId: ctx.organisationId, createdById: ctx.userId },
    select: listSelect(ctx.organisationId),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return presentList(rows, now);
}

/** The organisation's token lifetimes in days: the default offered and the longest allowed. */
export async function getApiTokenPolicy(ctx: OrgContext): Promise<ApiTokenPolicy> {
  assertCan(ctx, "api_tokens:own");
  const org = await db().organisation.findUniqueOrThrow({ where: { id: ctx.organisationId }, select: { apiTokenDefaultDays: true, apiTokenMaxDays: true } });
  return { defaultDays: org.apiTokenDefaultDays, maxDays: org.apiTokenMaxDays };
}

/** A token that may be used now, with what its context needs. */
export interface ActiveApiToken {
  id: string;
  role: Role;
  createdById: string;
  /** The creator's role in the token's organisation now; the token acts with the lesser of the two. */
  creatorRole: Role;
  lastUsedAt: Date | null;
  expiresAt: Date;
  organisation: { id: string; slug: string; name: string };
}

export type ApiTokenCheck = { ok: true; token: ActiveApiToken } | { ok: false; reason: "unknown" | "revoked" | "creator_not_member" } | { ok: false; reason: "expired"; expiredAt: Date };

/**
 * Checks the token with this secret: unknown, revoked, expired, or its creator no longer a member
 * of its organisation (someone who left must not keep access through a token: docs/decisions/006)
 * are refused, each with its reason. Scoped by the secret itself (its hash is unique), not by an
 * organisation: the caller compares the token's organisation with the one in the URL.
 */
export async function checkApiToken(secret: string, now = new Date()): Promise<ApiTokenCheck> {
  const prisma = db();
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(secret) },
    select: {
      id: true,
      role: true,
      createdById: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      organisation: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!token) return { ok: false, reason: "unknown" };
  if (token.revokedAt) return { ok: false, reason: "revoked" };
  if (token.expiresAt <= now) return { ok: false, reason: "expired", expiredAt: token.expiresAt };
  const creator = await prisma.membership.findUnique({
    where: { organisationId_userId: { organisationId: token.organisation.id, userId: token.createdById } },
    select: { role: true },
  });
  if (!creator) return { ok: false, reason: "creator_not_member" };
  const { revokedAt: _revokedAt, ...active } = token;
  return { ok: true, token: { ...active, creatorRole: creator.role } };
}

/** The token with this secret if it may be used now (see {@link checkApiToken}), else null. */
export async function findActiveApiToken(secret: string, now = new Date()): Promise<ActiveApiToken | null> {
  const check = await checkApiToken(secret, now);
  return check.ok ? check.token : null;
}
