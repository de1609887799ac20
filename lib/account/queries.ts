import "server-only";
import { db } from "@/lib/db";
import { listOpenSessions } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/members/tokens";

// The signed-in person's own account: scoped by their user id (from the session), or by a secret
// reset token. Nothing here belongs to an organisation.

/** The user's open sessions, for the account page. */
export async function listMySessions(userId: string) {
  return listOpenSessions(db(), userId);
}

/** What the reset page shows to someone holding a link; null if it is not usable (one answer for every reason). */
export async function findUsablePasswordReset(token: string) {
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, usedAt: true, revokedAt: true, user: { select: { email: true, name: true } } },
  });
  if (!reset || reset.usedAt || reset.revokedAt || reset.expiresAt <= new Date()) return null;
  return { expiresAt: reset.expiresAt, user: reset.user };
}
