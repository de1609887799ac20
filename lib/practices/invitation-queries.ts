import "server-only";
import { db } from "@/lib/db";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import { hashToken } from "@/lib/members/tokens";

/** The practice's pending invitations (not accepted, revoked or expired), newest first: for its partners. */
export async function listPendingPracticeInvitations(ctx: PracticeContext) {
  assertPracticeCan(ctx, "practice:manage");
  return db().practiceInvitation.findMany({
    where: { practiceId: ctx.practiceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, role: true, email: true, createdAt: true, expiresAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** What the invitation page shows to someone holding a link: the practice, the role and the address it is for; null if it is not usable. */
export async function findUsablePracticeInvitation(token: string) {
  const invitation = await db().practiceInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { role: true, email: true, expiresAt: true, acceptedAt: true, revokedAt: true, practice: { select: { name: true, slug: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return { role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt, practice: invitation.practice };
}
