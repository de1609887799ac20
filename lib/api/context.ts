import "server-only";
import { getCurrentUser, resolveOrgContext } from "@/lib/auth/context";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Permission } from "@/lib/auth/permissions";
import { AppError, notFoundError } from "@/lib/errors";
import { checkApiToken, type ApiTokenCheck } from "@/lib/api-tokens/queries";
import { recordApiTokenUse } from "@/lib/api-tokens/mutations";
import { effectiveTokenRole } from "@/lib/api-tokens/effective-role";
import { isApiTokenFormat, isPracticeApiTokenFormat } from "@/lib/api-tokens/secret";
import { formatDateTime } from "@/lib/dates";

/** Why a token is refused, in words the caller can act on (only its holder learns it: the secret has 256 random bits). */
function refusal(check: Exclude<ApiTokenCheck, { ok: true }>): string {
  switch (check.reason) {
    case "unknown":
      return "This API token is not valid: it is unknown.";
    case "revoked":
      return "This API token has been revoked. Ask an owner of the organisation for a new one.";
    case "expired":
      return `This API token expired on ${formatDateTime(check.expiredAt)}. Ask an owner of the organisation for a new one.`;
    case "creator_not_member":
      return "This API token no longer works: the member who created it has left the organisation. Ask an owner for a new token.";
  }
}

async function contextFromToken(header: string, orgSlug: string): Promise<OrgContext> {
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (secret && isPracticeApiTokenFormat(secret)) {
    throw new AppError("UNAUTHENTICATED", "This is a practice's API token: it reads only /api/v1/practices/…. Send an organisation API token ('sovra_…', made by an owner under Settings → API tokens).");
  }
  if (!secret || !isApiTokenFormat(secret)) {
    throw new AppError("UNAUTHENTICATED", "Send an organisation API token as 'Authorization: Bearer sovra_…'.");
  }
  const check = await checkApiToken(secret);
  if (!check.ok) throw new AppError("UNAUTHENTICATED", refusal(check));
  const { token } = check;
  // Per request, the lesser of the token's role and its creator's role now (docs/decisions/029):
  // a token never does more than the member who made it may do today.
  const role = effectiveTokenRole(token.role, token.creatorRole);
  if (!role) throw new AppError("UNAUTHENTICATED", "This API token cannot be used: its role or its creator's role is not one this version of Sovra knows.");
  // A token only ever opens its own organisation; any other looks like one that does not exist.
  if (token.organisation.slug !== orgSlug) throw notFoundError("Organisation");
  await recordApiTokenUse(token);
  return {
    organisationId: token.organisation.id,
    organisationSlug: token.organisation.slug,
    organisationName: token.organisation.name,
    // The token's creator is the actor in the audit trail.
    userId: token.createdById,
    role,
  };
}

async function contextFromSession(orgSlug: string): Promise<OrgContext> {
  if (!(await getCurrentUser())) throw new AppError("UNAUTHENTICATED", "Sign in, or send an organisation API token as 'Authorization: Bearer sovra_…'.");
  const ctx = await resolveOrgContext(orgSlug);
  if (!ctx) throw notFoundError("Organisation");
  return ctx;
}

/**
 * Who is calling, in which organisation, with which role: from an `Authorization: Bearer` API
 * token if the request has an Authorization header (never falling back to the cookie then), else
 * from the Auth.js session. A token acts with the lesser of its role and its creator's current
 * role. No, bad, revoked or expired credentials, or a token whose creator left: UNAUTHENTICATED
 * (401); an organisation the caller cannot see: NOT_FOUND (404); a role without the permission:
 * FORBIDDEN (403).
 */
export async function resolveApiContext(request: Request, orgSlug: string, permission: Permission): Promise<OrgContext> {
  const header = request.headers.get("authorization");
  const ctx = header !== null ? await contextFromToken(header, orgSlug) : await contextFromSession(orgSlug);
  assertCan(ctx, permission);
  return ctx;
}
