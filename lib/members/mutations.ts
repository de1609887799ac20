import "server-only";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { throttledLinkAcceptance } from "@/lib/auth/link-acceptance";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { INVITATION_TTL_DAYS, PASSWORD_RESET_TTL_HOURS } from "@/lib/members/schemas";
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

/**
 * Refuses to take away the last break-glass owner of an organisation that requires single sign-on
 * (decision 049): if its identity provider failed, nobody could sign in to turn the requirement off.
 */
async function assertNotLastBreakGlass(tx: Prisma.TransactionClient, organisationId: string, membership: { breakGlass: boolean }, doing: string) {
  if (!membership.breakGlass) return;
  const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { ssoRequired: true } });
  if (!org.ssoRequired) return;
  const others = await tx.membership.count({ where: { organisationId, role: "owner", breakGlass: true } });
  if (others <= 1) {
    throw new AppError("CONFLICT", `This is the only break-glass owner, and the organisation requires single sign-on: mark another owner as break-glass before you ${doing}.`);
  }
}

/** Changes a member's role. The last owner cannot be demoted: someone must be able to manage the organisation. */
export async function changeMemberRole(ctx: OrgContext, input: { membershipId: string; role: Role; version: number }) {
  assertCan(ctx, "members:manage");
  return db().$transaction(async (tx) => {
    // Serialise role changes per organisation so two owners demoting each other cannot leave none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + ctx.organisationId}))`;
    const before = await tx.membership.findFirst({
      where: { id: input.membershipId, organisationId: ctx.organisationId },
      select: { id: true, role: true, version: true, userId: true, breakGlass: true },
    });
    if (!before) throw notFoundError("Member");
    if (before.role === "owner" && input.role !== "owner" && (await ownerCount(tx, ctx.organisationId)) <= 1) {
      throw new AppError("CONFLICT", "An organisation needs at least one owner: make someone else an owner first.");
    }
    if (input.role !== "owner") await assertNotLastBreakGlass(tx, ctx.organisationId, before, "change this role");
    const { count } = await tx.membership.updateMany({
      where: { id: input.membershipId, organisationId: ctx.organisationId, version: input.version },
      // Only owners are break-glass accounts: the mark goes with the owner role.
      data: { role: input.role, ...(input.role !== "owner" ? { breakGlass: false } : {}), version: { increment: 1 } },
    });
    if (count === 0) throw staleOrMissing("Member", before, input.version);
    await recordAudit(tx, ctx, { action: "role_change", entityType: "membership", entityId: before.id, before: { role: before.role }, after: { role: input.role } });
    return { id: before.id, role: input.role, version: input.version + 1 };
  });
}

/**
 * Marks an owner as a break-glass account, who keeps signing in with a password when the
 * organisation requires single sign-on (decision 049), or unmarks them. Only owners can be one;
 * the last one cannot be unmarked while single sign-on is required.
 */
export async function setBreakGlass(ctx: OrgContext, input: { membershipId: string; breakGlass: boolean; version: number }) {
  assertCan(ctx, "sso:manage");
  return db().$transaction(async (tx) => {
    // The same lock as role changes and setSsoRequired: the "at least one break-glass owner" rule holds under concurrency.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + ctx.organisationId}))`;
    const before = await tx.membership.findFirst({
      where: { id: input.membershipId, organisationId: ctx.organisationId },
      select: { id: true, role: true, breakGlass: true, version: true, user: { select: { name: true } } },
    });
    if (!before) throw notFoundError("Member");
    if (input.breakGlass && before.role !== "owner") throw new AppError("CONFLICT", `Only owners can be break-glass accounts: make ${before.user.name} an owner first.`);
    if (!input.breakGlass) await assertNotLastBreakGlass(tx, ctx.organisationId, before, "unmark this one");
    const { count } = await tx.membership.updateMany({
      where: { id: input.membershipId, organisationId: ctx.organisationId, version: input.version },
      data: { breakGlass: input.breakGlass, version: { increment: 1 } },
    });
    if (count === 0) throw staleOrMissing("Member", before, input.version);
    await recordAudit(tx, ctx, { action: "update", entityType: "membership", entityId: before.id, before: { breakGlass: before.breakGlass }, after: { breakGlass: input.breakGlass } });
    return { id: before.id, breakGlass: input.breakGlass, version: input.version + 1 };
  });
}

export async function removeMember(ctx: OrgContext, membershipId: string) {
  assertCan(ctx, "members:manage");
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + ctx.organisationId}))`;
    const before = await tx.membership.findFirst({
      where: { id: membershipId, organisationId: ctx.organisationId },
      select: { id: true, role: true, userId: true, breakGlass: true, user: { select: { email: true } } },
    });
    if (!before) throw notFoundError("Member");
    if (before.role === "owner" && (await ownerCount(tx, ctx.organisationId)) <= 1) {
      throw new AppError("CONFLICT", "An organisation needs at least one owner: make someone else an owner first.");
    }
    await assertNotLastBreakGlass(tx, ctx.organisationId, before, "remove them");
    await tx.membership.deleteMany({ where: { id: membershipId, organisationId: ctx.organisationId } });
    // The membership check of every request already shuts them out of this organisation; their
    // sessions end too, so a browser someone else may hold is signed out at once (decision 028).
    // Leaving an organisation oneself signs nobody out.
    if (before.userId !== ctx.userId) await revokeUserSessions(tx, before.userId);
    const { userId: _userId, breakGlass: _breakGlass, ...removed } = before;
    await recordAudit(tx, ctx, { action: "remove_member", entityType: "membership", entityId: before.id, before: removed });
  });
}

/**
 * An owner issues a one-time link with which a member of this organisation sets a new password
 * (shown once, like an invitation link; mailed too where SMTP is configured). Refused for
 * oneself (use the account page) and for a member who also belongs to an organisation where the
 * caller is not an owner: the link opens the whole account, so one organisation's owner must not
 * be able to take over someone's access to another (decision 028). Earlier links for the member
 * stop working.
 */
export async function createPasswordReset(ctx: OrgContext, input: { membershipId: string }) {
  assertCan(ctx, "members:manage");
  const { token, hash } = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_HOURS * 3600 * 1000);
  const reset = await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { id: input.membershipId, organisationId: ctx.organisationId },
      select: { userId: true, user: { select: { email: true, name: true } } },
    });
    if (!member) throw notFoundError("Member");
    if (member.userId === ctx.userId) throw new AppError("CONFLICT", "To change your own password, use your account page.");
    const elsewhere = await tx.membership.count({
      where: { userId: member.userId, organisationId: { not: ctx.organisationId }, organisation: { memberships: { none: { userId: ctx.userId, role: "owner" } } } },
    });
    if (elsewhere > 0) {
      throw new AppError("CONFLICT", `${member.user.name} also belongs to an organisation you do not own, so only they can change their password (on their account page).`);
    }
    await tx.passwordReset.updateMany({ where: { userId: member.userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const row = await tx.passwordReset.create({
      data: { organisationId: ctx.organisationId, userId: member.userId, tokenHash: hash, createdById: ctx.userId, createdAt: now, expiresAt },
      select: { id: true, userId: true, expiresAt: true },
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "password_reset", entityId: row.id, after: row });
    return { ...row, email: member.user.email, name: member.user.name };
  });
  return { ...reset, token };
}

type Acceptance = { organisationSlug: string; role: Role };

/**
 * The one answer to every failed acceptance (unknown, expired, used or revoked link, another
 * email than the invitation names, an email that already has an account): which of them it was
 * would tell a stranger whether an address has an account (decision 028).
 */
export const INVITATION_FAILURE =
  "This invitation cannot be used with these details. If you already have a Sovra account, sign in first and open the link again; otherwise ask the person who invited you for a new link.";

const invitationFailure = () => new AppError("NOT_FOUND", INVITATION_FAILURE);

type UsableInvitation = { id: string; organisationId: string; role: Role; email: string | null; organisation: { slug: string } };

/** The invitation a token names, if it can still be accepted; looked up by the token's hash, before anything else. */
async function usableInvitation(client: Prisma.TransactionClient | PrismaClient, tokenHash: string, now: Date): Promise<UsableInvitation | null> {
  const invitation = await client.invitation.findUnique({
    where: { tokenHash },
    select: { id: true, organisationId: true, role: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true, organisation: { select: { slug: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return invitation;
}

async function consumeInvitation(tx: Prisma.TransactionClient, invitation: UsableInvitation, user: { id: string; email: string }, now: Date): Promise<Acceptance> {
  // An invitation made out to an address is for that address only.
  if (invitation.email && invitation.email.toLowerCase() !== user.email.toLowerCase()) throw invitationFailure();
  const userId = user.id;
  // Claim it first: of two concurrent acceptances only one updates the row.
  const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: now, acceptedById: userId } });
  if (count === 0) throw invitationFailure();
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
export async function acceptInvitation(userId: string, token: string, address: string): Promise<Acceptance> {
  const tokenHash = hashToken(token);
  return throttledLinkAcceptance(tokenHash, address, () =>
    db().$transaction(async (tx) => {
      const now = new Date();
      const invitation = await usableInvitation(tx, tokenHash, now);
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
      if (!invitation || !user) throw invitationFailure();
      return consumeInvitation(tx, invitation, user, now);
    }),
  );
}

/**
 * Someone without an account accepts an invitation by creating one. The token is checked first,
 * and every failure (including an email that already has an account) gets the same answer.
 */
export async function acceptInvitationWithNewAccount(token: string, account: { name: string; email: string; password: string }, address: string) {
  const tokenHash = hashToken(token);
  return throttledLinkAcceptance(tokenHash, address, async () => {
    // The token decides whether the details are looked at at all.
    if (!(await usableInvitation(db(), tokenHash, new Date()))) throw invitationFailure();
    // Judged before the email is looked up, so its answer cannot depend on whether the address has an account.
    assertAcceptablePassword(account.password, { email: account.email, name: account.name });
    const passwordHash = await hashPassword(account.password);
    return db().$transaction(async (tx) => {
      const now = new Date();
      const invitation = await usableInvitation(tx, tokenHash, now);
      if (!invitation) throw invitationFailure();
      if (invitation.email && invitation.email.toLowerCase() !== account.email.toLowerCase()) throw invitationFailure();
      if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) throw invitationFailure();
      const user = await tx.user.create({ data: { name: account.name, email: account.email, passwordHash }, select: { id: true, email: true } });
      return consumeInvitation(tx, invitation, user, now);
    });
  });
}
