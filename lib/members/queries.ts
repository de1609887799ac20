import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { hashToken } from "@/lib/members/tokens";

export async function listMembers(ctx: OrgContext) {
  assertCan(ctx, "members:read");
  return db().membership.findMany({
    where: { organisationId: ctx.organisationId },
    select: { id: true, role: true, breakGlass: true, version: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
}

/** Pending invitations (not accepted, revoked or expired). */
export async function listPendingInvitations(ctx: OrgContext) {
  assertCan(ctx, "members:manage");
  return db().invitation.findMany({
    where: { organisationId: ctx.organisationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, role: true, email: true, createdAt: true, expiresAt: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

/** What the invitation page shows to someone holding a link; null if it is not usable. */
export async function findUsableInvitation(token: string) {
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, role: true, email: true, expiresAt: true, acceptedAt: true, revokedAt: true, organisation: { select: { name: true, slug: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return invitation;
}
