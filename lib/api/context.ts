import "server-only";
import { getCurrentUser, resolveOrgContext } from "@/lib/auth/context";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { isRole, type Permission } from "@/lib/auth/permissions";
import { AppError, notFoundError } from "@/lib/errors";
import { findActiveApiToken } from "@/lib/api-tokens/queries";
import { recordApiTokenUse } from "@/lib/api-tokens/mutations";
import { isApiTokenFormat } from "@/lib/api-tokens/secret";

async function contextFromToken(header: string, orgSlug: string): Promise<OrgContext> {
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!secret || !isApiTokenFormat(secret)) {
    throw new AppError("UNAUTHENTICATED", "Send an organisation API token as 'Authorization: Bearer sovra_…'.");
  }
  const token = await findActiveApiToken(secret);
  if (!token || !isRole(token.role)) throw new AppError("UNAUTHENTICATED", "This API token is not valid: it is unknown or has been revoked.");
  // A token only ever opens its own organisation; any other looks like one that does not exist.
  if (token.organisation.slug !== orgSlug) throw notFoundError("Organisation");
  await recordApiTokenUse(token);
  return {
    organisationId: token.organisation.id,
    organisationSlug: token.organisation.slug,
    organisationName: token.organisation.name,
    // The token's creator is the actor in the audit trail; the role is the token's own.
    userId: token.createdById,
    role: token.role,
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
 * from the Auth.js session. No or bad credentials: UNAUTHENTICATED (401); an organisation the
 * caller cannot see: NOT_FOUND (404); a role without the permission: FORBIDDEN (403).
 */
export async function resolveApiContext(request: Request, orgSlug: string, permission: Permission): Promise<OrgContext> {
  const header = request.headers.get("authorization");
  const ctx = header !== null ? await contextFromToken(header, orgSlug) : await contextFromSession(orgSlug);
  assertCan(ctx, permission);
  return ctx;
}
