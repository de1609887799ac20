import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { clearThrottle, formatWait, reserveAttempt, settleSuccess, THROTTLE, throttleKey, type ThrottledKey } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record";
import { hashToken } from "@/lib/members/tokens";

// Changes to the signed-in person's own account, scoped by their user id (from the session), and
// the redemption of a reset link, scoped by its secret token (docs/decisions/028).

export const RESET_LINK_FAILURE = "This link is no longer valid: it may have expired or been used. Ask an owner of your organisation for a new one.";

function throttled(waitMs: number): AppError {
  return new AppError("RATE_LIMITED", `Too many attempts. Try again in ${formatWait(waitMs)}.`);
}

/**
 * A member sets a new password, proving it is them with the current one. Guesses of the current
 * password count against the same throttle as sign-in. Every other session of theirs ends; the
 * one that made the change stays open. Outstanding reset links stop working.
 */
export async function changePassword(
  who: { userId: string; sessionId: string | null; address: string },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const user = await db().user.findUnique({ where: { id: who.userId }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  assertAcceptablePassword(input.newPassword, { email: user.email, name: user.name }, "newPassword");

  const address: ThrottledKey = { key: throttleKey.address(who.address), rule: THROTTLE.address };
  const account = throttleKey.account(user.email);
  const reservation = await reserveAttempt(db(), [{ key: account, rule: THROTTLE.account }, address]);
  if (!reservation.allowed) throw throttled(reservation.waitMs);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("INVALID_INPUT", "Your current password is not correct.", { fieldErrors: { currentPassword: ["Your current password is not correct"] } });
  }
  await settleSuccess(db(), { clear: [account], refund: [address] });
  if (await verifyPassword(input.newPassword, user.passwordHash)) {
    throw new AppError("INVALID_INPUT", "Choose a password you have not been using.", { fieldErrors: { newPassword: ["Choose a password you have not been using"] } });
  }

  const passwordHash = await hashPassword(input.newPassword);
  return db().$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const endedSessions = await revokeUserSessions(tx, user.id, { except: who.sessionId ?? undefined }, now);
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    return { endedSessions };
  });
}

/** Ends every session of the signed-in person, this one included ("sign out everywhere"). */
export async function signOutEverywhere(userId: string): Promise<{ endedSessions: number }> {
  return { endedSessions: await revokeUserSessions(db(), userId) };
}

/**
 * Someone holding a one-time reset link sets a new password (the same checks as any new one).
 * Every session of that person ends, the account's sign-in throttle is cleared (the link proves
 * an owner vouched for them), and the link and any other outstanding one stop working. Every
 * unusable link gets one answer; attempts are throttled per client address.
 */
export async function resetPasswordWithLink(token: string, newPassword: string, address: string): Promise<void> {
  const linkAddress: ThrottledKey = { key: throttleKey.linkAddress(address), rule: THROTTLE.linkAddress };
  const reservation = await reserveAttempt(db(), [linkAddress]);
  if (!reservation.allowed) throw throttled(reservation.waitMs);
  const tokenHash = hashToken(token);
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash },
    select: { id: true, organisationId: true, expiresAt: true, usedAt: true, revokedAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!reset || reset.usedAt || reset.revokedAt || reset.expiresAt <= new Date()) throw new AppError("NOT_FOUND", RESET_LINK_FAILURE);
  await settleSuccess(db(), { refund: [linkAddress] });
  assertAcceptablePassword(newPassword, { email: reset.user.email, name: reset.user.name }, "newPassword");

  const passwordHash = await hashPassword(newPassword);
  await db().$transaction(async (tx) => {
    const now = new Date();
    // Claim the link first: of two concurrent uses only one updates the row.
    const { count } = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", RESET_LINK_FAILURE);
    await tx.user.update({ where: { id: reset.user.id }, data: { passwordHash } });
    await revokeUserSessions(tx, reset.user.id, {}, now);
    await tx.passwordReset.updateMany({ where: { userId: reset.user.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, { organisationId: reset.organisationId, userId: reset.user.id }, { action: "update", entityType: "password_reset", entityId: reset.id, after: { usedAt: now } });
  });
  await clearThrottle(db(), [throttleKey.account(reset.user.email)]);
}
