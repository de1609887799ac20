import "server-only";
import { db } from "@/lib/db";
import { formatWait, reserveAttempt, settleSuccess, THROTTLE, throttleKey, type ThrottledKey } from "@/lib/auth/throttle";
import { AppError, isAppError } from "@/lib/errors";

/**
 * Runs the acceptance of an invitation link (an organisation's or a practice's) under the link
 * throttle: per client address, and per link, so one leaked link cannot be tried address after
 * address (decision 028). Failures count; a success gives its attempt back to the address and
 * clears the link's count; a password the policy refuses (INVALID_INPUT) is no guess and counts
 * for neither.
 */
export async function throttledLinkAcceptance<T>(tokenHash: string, address: string, accept: () => Promise<T>): Promise<T> {
  const byAddress: ThrottledKey = { key: throttleKey.linkAddress(address), rule: THROTTLE.linkAddress };
  const byInvitation: ThrottledKey = { key: throttleKey.invitation(tokenHash), rule: THROTTLE.invitation };
  const reservation = await reserveAttempt(db(), [byAddress, byInvitation]);
  if (!reservation.allowed) throw new AppError("RATE_LIMITED", `Too many attempts. Try again in ${formatWait(reservation.waitMs)}.`);
  let result: T;
  try {
    result = await accept();
  } catch (e) {
    if (isAppError(e) && e.code === "INVALID_INPUT") await settleSuccess(db(), { refund: [byAddress, byInvitation] });
    throw e;
  }
  await settleSuccess(db(), { clear: [byInvitation.key], refund: [byAddress] });
  return result;
}
