import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import type { PracticeRole } from "@/lib/auth/practice-permissions";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { throttledLinkAcceptance } from "@/lib/auth/link-acceptance";
import { AppError, notFoundError } from "@/lib/errors";
import { INVITATION_FAILURE } from "@/lib/members/mutations";
import { hashToken, newToken } from "@/lib/members/tokens";
import { recordPracticeAudit } from "@/lib/practices/audit";
import { PRACTICE_INVITATION_TTL_DAYS } from "@/lib/practices/invitation-schemas";

// Invitation links to a practice (issue 15), built like an organisation's (lib/members/mutations.ts,
// decision 028) so that they are as safe: a partner makes a link for a role, optionally for one
// email address; only the SHA-256 of its 256-bit token is stored, and it works once, for a week.
// Accepting it is throttled per client address and per link, and every failure (unknown, used,
// expired or revoked link, another address than the one invited, an address that already has an
// account) gets the organisation's one INVITATION_FAILURE answer, so that nobody learns from it
// whether an address has a Sovra account. The link is claimed before anything else is written, so
// of two acceptances at once only one joins; someone already in the practice keeps their role and
// the link is used up. Making, revoking and accepting a link each land in the practice's audit
// trail in the same transaction as the change.

type Acceptance = { practiceSlug: string; role: PracticeRole };

const invitationFailure = () => new AppError("NOT_FOUND", INVITATION_FAILURE);

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** Makes an invitation link and returns its token once; only the hash is stored. */
export async function createPracticeInvitation(ctx: PracticeContext, input: { role: PracticeRole; email?: string }) {
  assertPracticeCan(ctx, "practice:manage");
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + PRACTICE_INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  const invitation = await db().$transaction(async (tx) => {
    const row = await tx.practiceInvitation.create({
      data: { practiceId: ctx.practiceId, tokenHash: hash, role: input.role, email: input.email ?? null, createdById: ctx.userId, expiresAt },
      select: { id: true, role: true, email: true, expiresAt: true },
    });
    await recordPracticeAudit(tx, ctx, { action: "invite", entityType: "practice_invitation", entityId: row.id, after: row });
    return row;
  });
  return { ...invitation, token };
}

/** Revokes one of the practice's pending invitations (NOT_FOUND for any other: accepted, revoked, expired, or another practice's). */
export async function revokePracticeInvitation(ctx: PracticeContext, invitationId: string) {
  assertPracticeCan(ctx, "practice:manage");
  await db().$transaction(async (tx) => {
    const now = new Date();
    const [revoked] = await tx.practiceInvitation.updateManyAndReturn({
      where: { id: invitationId, practiceId: ctx.practiceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
      select: { id: true, role: true, email: true, expiresAt: true },
    });
    if (!revoked) throw notFoundError("Invitation");
    await recordPracticeAudit(tx, ctx, { action: "revoke_invite", entityType: "practice_invitation", entityId: revoked.id, before: revoked });
  });
}

type UsableInvitation = { id: string; practiceId: string; role: PracticeRole; email: string | null; practice: { slug: string } };

/** The invitation a token names, if it can still be accepted; looked up by the token's hash, before anything else. */
async function usableInvitation(client: Prisma.TransactionClient | PrismaClient, tokenHash: string, now: Date): Promise<UsableInvitation | null> {
  const invitation = await client.practiceInvitation.findUnique({
    where: { tokenHash },
    select: { id: true, practiceId: true, role: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true, practice: { select: { slug: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return { id: invitation.id, practiceId: invitation.practiceId, role: invitation.role, email: invitation.email, practice: invitation.practice };
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function consumeInvitation(tx: Prisma.TransactionClient, invitation: UsableInvitation, user: { id: string; email: string }, now: Date): Promise<Acceptance> {
  // An invitation made out to an address is for that address only.
  if (invitation.email && !sameEmail(invitation.email, user.email)) throw invitationFailure();
  // Claim it first: of two concurrent acceptances only one updates the row.
  const { count } = await tx.practiceInvitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: user.id },
  });
  if (count === 0) throw invitationFailure();
  const audit = { practiceId: invitation.practiceId, userId: user.id };
  // ON CONFLICT DO NOTHING: someone made a member meanwhile (added by a partner, another link) keeps that membership.
  const [joined] = await tx.practiceMember.createManyAndReturn({
    data: [{ practiceId: invitation.practiceId, userId: user.id, role: invitation.role }],
    skipDuplicates: true,
    select: { id: true, role: true },
  });
  if (joined) {
    await recordPracticeAudit(tx, audit, { action: "join", entityType: "practice_member", entityId: joined.id, after: { role: joined.role, invitationId: invitation.id } });
    return { practiceSlug: invitation.practice.slug, role: joined.role };
  }
  const existing = await tx.practiceMember.findUniqueOrThrow({ where: { practiceId_userId: { practiceId: invitation.practiceId, userId: user.id } }, select: { id: true, role: true } });
  // Already a member: the link is used up and the role they have is kept; the trail says so.
  await recordPracticeAudit(tx, audit, {
    action: "join",
    entityType: "practice_member",
    entityId: existing.id,
    before: { role: existing.role },
    after: { role: existing.role, invitationId: invitation.id, invitedAs: invitation.role, alreadyMember: true },
  });
  return { practiceSlug: invitation.practice.slug, role: existing.role };
}

/** A signed-in user accepts a practice invitation. Already a member: the invitation is used up, the role kept. */
export async function acceptPracticeInvitation(userId: string, token: string, address: string): Promise<Acceptance> {
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
 * Someone without an account accepts a practice invitation by creating one. The token is checked
 * first, and every failure (an email that already has an account included) gets the same answer.
 */
export async function acceptPracticeInvitationWithNewAccount(token: string, account: { name: string; email: string; password: string }, address: string): Promise<Acceptance> {
  const tokenHash = hashToken(token);
  return throttledLinkAcceptance(tokenHash, address, async () => {
    // The token decides whether the details are looked at at all.
    if (!(await usableInvitation(db(), tokenHash, new Date()))) throw invitationFailure();
    // Judged before the email is looked up, so its answer cannot depend on whether the address has an account.
    assertAcceptablePassword(account.password, { email: account.email, name: account.name });
    const passwordHash = await hashPassword(account.password);
    try {
      return await db().$transaction(async (tx) => {
        const now = new Date();
        const invitation = await usableInvitation(tx, tokenHash, now);
        if (!invitation) throw invitationFailure();
        if (invitation.email && !sameEmail(invitation.email, account.email)) throw invitationFailure();
        if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) throw invitationFailure();
        const user = await tx.user.create({ data: { name: account.name, email: account.email, passwordHash }, select: { id: true, email: true } });
        return consumeInvitation(tx, invitation, user, now);
      });
    } catch (e) {
      // The same address registered at this very moment (by another link, or this one twice): the same one answer.
      if (isUniqueViolation(e)) throw invitationFailure();
      throw e;
    }
  });
}
