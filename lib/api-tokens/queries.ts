import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { hashApiToken } from "@/lib/api-tokens/secret";

/** The organisation's API tokens, active ones first, newest first; never the secret or its hash. */
export async function listApiTokens(ctx: OrgContext) {
  assertCan(ctx, "api_tokens:manage");
  const rows = await db().apiToken.findMany({
    where: { organisationId: ctx.organisationId },
    select: { id: true, name: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/**
 * The unrevoked token with this secret, with its organisation, or null. Scoped by the secret
 * itself (its hash is unique), not by an organisation: the caller compares the organisation with
 * the one in the URL. A token whose creator is no longer a member of its organisation is not
 * active: someone who left must not keep access through a token (docs/decisions/006).
 */
export async function findActiveApiToken(secret: string) {
  const prisma = db();
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(secret) },
    select: {
      id: true,
      role: true,
      createdById: true,
      lastUsedAt: true,
      revokedAt: true,
      organisation: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!token || token.revokedAt) return null;
  const creator = await prisma.membership.findUnique({
    where: { organisationId_userId: { organisationId: token.organisation.id, userId: token.createdById } },
    select: { id: true },
  });
  return creator ? token : null;
}
