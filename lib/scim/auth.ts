import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { hashToken } from "@/lib/members/tokens";
import { unauthenticated } from "@/lib/scim/errors";

// Who may call an organisation's SCIM endpoint: the holder of one of its unrevoked SCIM tokens
// (created in Settings → Single sign-on; lib/scim/tokens.ts). The organisation is named by the
// URL; the token must belong to exactly that one. Every refusal is the same 401, so the answer
// tells nobody whether an organisation id exists or whose a token is.

type Db = PrismaClient | Prisma.TransactionClient;

/** `sovra_scim_` and 32 random bytes in base64url. */
const TOKEN = /^sovra_scim_[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** lastUsedAt is written at most this often, so that a sync of thousands of requests costs reads, not writes. */
export const SCIM_LAST_USED_RESOLUTION_MS = 60_000;

export interface ScimCaller {
  organisationId: string;
  tokenId: string;
}

/**
 * The caller of `organisationId`'s SCIM endpoint, from the request's Authorization header; throws
 * a 401 ScimError for a missing, malformed, unknown or revoked token and for another
 * organisation's token (which then touches nothing, not even its own lastUsedAt).
 * @example await authenticateScim(db(), "Bearer sovra_scim_…", org.id) // { organisationId, tokenId }
 */
export async function authenticateScim(prisma: Db, authorization: string | null, organisationId: string, now = new Date()): Promise<ScimCaller> {
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!secret || !TOKEN.test(secret) || !UUID.test(organisationId)) throw unauthenticated();
  const token = await prisma.scimToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: { id: true, organisationId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt !== null || token.organisationId !== organisationId.toLowerCase()) throw unauthenticated();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= SCIM_LAST_USED_RESOLUTION_MS) {
    // Conditional, so that concurrent requests write it once.
    await prisma.scimToken.updateMany({
      where: {
        id: token.id,
        organisationId: token.organisationId,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - SCIM_LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return { organisationId: token.organisationId, tokenId: token.id };
}
