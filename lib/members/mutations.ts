import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { INVITATION_TTL_DAYS } from "@/lib/members/schemas";
import { hashToken, newToken } from "@/lib/members/tokens";

/** Creates an invitation and returns its token once; only the hash is stored. */
export async function createInvitation(ctx: OrgContext, input: { role: Role; email?: string }) {
  assertCan(ctx, "members:manage");
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  const invitation = await db().$transaction(async (tx) => {
    const row = await tx.invitation.create({
      data: { organisationId: ctx.organisationId, tokenHash: hash, role: input.role, email: input.email ?? null, createdById: ctx.userId, expiresAt },
      select: { id: true, role: true, email: true, expiresAt: true },
    });
    await recordAudit(tx, ctx, { action: "invite", entityType: "invitation", entityId: row.id, after: row });
    return row;
  });
  return { ...invitation, token };
}

export async function revokeInvitation(ctx: OrgContext, invitationId: string) {
  assertCan(ctx, "members:manage");
  await db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, organisationId: ctx.organisationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFoundError("Invitation");
    await recordAudit(tx, ctx, { action: "revoke_invite", entityType: "invitation", entityId: invitationId });
  });
}

async function ownerCount(tx: Prisma.TransactionClient, organisationId: string): Promise<number> {
  return tx.membership.count({ where: { organisationId, role: "owner" } });
}

/** Changes a member's role. The last owner cannot be demoted: someone must be able to manage the organisation. */
export async function changeMemberRole(ctx: OrgContext, input: { membershipId: string; role: Role; version: number }) {
  assertCan(ctx, "members:manage");
  return db().$transaction(async (tx) => {
    // Serialise role changes per organisation so two owners demoting each other cannot leave none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + ctx.organisationId}))`;
    const before = await tx.membership.findFirst({
      where: { id: input.membershipId, organisationId: ctx.organisationId },
      select: { id: true, role: true, version: true, userId: true },
    });
    if (!before) throw notFoundError("Member");
    if (before.role === "owner" && input.role !== "owner" && (await ownerCount(tx, ctx.organisationId)) <= 1) {
      throw new AppError("CONFLICT", "An organisation needs at least one owner: make someone else an owner first.");
    }
    const { count } = await tx.membership.updateMany({
      where: { id: input.membershipId, organisationId: ctx.organisationId, version: input.version },
      data: { role: input.role, version: { increment: 1 } },
    });
    if (count === 0) throw staleOrMissing("Member", before, input.version);
    await recordAudit(tx, ctx, { action: "role_change", entityType: "membership", entityId: before.id, before: { role: before.role }, after: { role: input.role } });
    return { id: before.id, role: input.role, version: input.version + 1 };
  });
}

export async function removeMember(ctx: OrgContext, membershipId: string) {
  assertCan(ctx, "members:manage");
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + ctx.organisationId}))`;
    const before = await tx.membership.findFirst({
      where: { id: membershipId, organisationId: ctx.organisationId },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!before) throw notFoundError("Member");
    if (before.role === "owner" && (await ownerCount(tx, ctx.organisationId)) <= 1) {
      throw new AppError("CONFLICT", "An organisation needs at least one owner: make someone else an owner first.");
    }
    await tx.membership.deleteMany({ where: { id: membershipId, organisationId: ctx.organisationId } });
    await recordAudit(tx, ctx, { action: "remove_member", entityType: "membership", entityId: before.id, before });
  });
}

type Acceptance = { organisationSlug: string; role: Role };

async function consumeInvitation(tx: Prisma.TransactionClient, token: string, userId: string): Promise<Acceptance> {
  const now = new Date();
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, organisationId: true, role: true, acceptedAt: true, revokedAt: true, expiresAt: true, organisation: { select: { slug: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) {
    throw new AppError("NOT_FOUND", "This invitation link is no longer valid. Ask the owner for a new one.");
  }
  // Claim it first: of two concurrent acceptances only one updates the row.
  const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now, acceptedById: userId } });
  if (count === 0) throw new AppError("NOT_FOUND", "This invitation link has already been used.");
  const existing = await tx.membership.findUnique({
    where: { organisationId_userId: { organisationId: invitation.organisationId, userId } },
    select: { role: true },
  });
  if (existing) return { organisationSlug: invitation.organisation.slug, role: existing.role };
  await tx.membership.create({ data: { organisationId: invitation.organisationId, userId, role: invitation.role } });
  await recordAudit(tx, { organisationId: invitation.organisationId, userId }, { action: "join", entityType: "membership", entityId: userId, after: { role: invitation.role } });
  return { organisationSlug: invitation.organisation.slug, role: invitation.role };
}

/** A signed-in user accepts an invitation. Already a member: the invitation is used up, the role kept. */
export async function acceptInvitation(userId: string, token: string): Promise<Acceptance> {
  return db().$transaction((tx) => consumeInvitation(tx, token, userId));
}

/** Someone without an account accepts an invitation by creating one. */
export async function acceptInvitationWithNewAccount(token: string, account: { name: string; email: string; password: string }) {
  const passwordHash = await hashPassword(account.password);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", "An account with this email already exists: sign in first, then open the invitation link again.", {
        fieldErrors: { email: ["An account with this email already exists: sign in first"] },
      });
    }
    const user = await tx.user.create({ data: { name: account.name, email: account.email, passwordHash }, select: { id: true } });
    return consumeInvitation(tx, token, user.id);
  });
}
