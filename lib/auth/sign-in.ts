import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDummyHash, verifyPassword } from "@/lib/auth/password";
import { createSession, pruneSessions } from "@/lib/auth/sessions";
import { pruneThrottle, reserveAttempt, settleSuccess, THROTTLE, throttleKey, type ThrottledKey } from "@/lib/auth/throttle";

// The sign-in check behind Auth.js's Credentials provider (lib/auth/auth.ts), kept apart from
// Auth.js so that tests run it as it runs in production (docs/decisions/028).

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; sessionId: string }
  | { ok: false; reason: "invalid" }
  /** The password was right, but an organisation of this person requires single sign-on (decision 049). */
  | { ok: false; reason: "sso_required"; organisationName: string }
  | { ok: false; reason: "throttled"; waitMs: number };

export interface SignInAttempt {
  email: string;
  password: string;
  /** lib/auth/client-address.ts */
  address: string;
  /** The browser's id from a genuine known-device cookie for this email (lib/auth/known-device.ts), else null. */
  knownDeviceId: string | null;
  userAgent?: string | null;
}

/**
 * Checks an email and password under throttling. A browser that signed in to this account before
 * is throttled per browser rather than per account, so guesses from elsewhere cannot lock the
 * owner out; the address is throttled either way. Counted before the password is checked (see
 * throttle.ts), so parallel guesses never exceed the allowance. On success opens a session.
 */
export async function attemptSignIn(prisma: PrismaClient, attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const address: ThrottledKey = { key: throttleKey.address(attempt.address), rule: THROTTLE.address };
  const principal: ThrottledKey = attempt.knownDeviceId
    ? { key: throttleKey.device(attempt.knownDeviceId), rule: THROTTLE.device }
    : { key: throttleKey.account(email), rule: THROTTLE.account };
  const reservation = await reserveAttempt(prisma, [principal, address], now);
  if (!reservation.allowed) return { ok: false, reason: "throttled", waitMs: reservation.waitMs };

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  // Spend the same time whether or not the account exists.
  const ok = await verifyPassword(attempt.password, user?.passwordHash ?? (await getDummyHash()));
  if (!ok || !user) return { ok: false, reason: "invalid" };

  await settleSuccess(prisma, { clear: [throttleKey.account(email), principal.key], refund: [address] });
  // Told only to someone who knew the password, so it reveals nothing to a guesser.
  const required = await prisma.membership.findFirst({
    where: { userId: user.id, breakGlass: false, organisation: { ssoRequired: true } },
    select: { organisation: { select: { name: true } } },
  });
  if (required) return { ok: false, reason: "sso_required", organisationName: required.organisation.name };
  const sessionId = await createSession(prisma, { userId: user.id, userAgent: attempt.userAgent, address: attempt.address }, now);
  // Housekeeping without a job: about one sign-in in fifty deletes long-dead rows (indexed, small).
  if (Math.random() < 0.02) await Promise.all([pruneThrottle(prisma, now), pruneSessions(prisma, now)]).catch(() => undefined);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, sessionId };
}
