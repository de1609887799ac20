import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// "Device cookies" (OWASP's answer to account lockout): a browser that signed in to an account
// gets a signed cookie naming that account. Later sign-ins of that account from that browser are
// throttled per browser instead of per account, so an attacker guessing one account's password
// elsewhere cannot lock its owner out (docs/decisions/028). The cookie proves only "this browser
// signed in as this account before"; the password is always checked.

export const KNOWN_DEVICE_COOKIE = "sovra-known-device";
export const KNOWN_DEVICE_MAX_AGE_S = 180 * 24 * 60 * 60;

const VERSION = "v1";

function signingKey(secret: string): Buffer {
  // A key of its own, so that this signature can never be confused with another use of AUTH_SECRET.
  return createHmac("sha256", secret).update("sovra:known-device:v1").digest();
}

/** The account as the cookie names it: a hash, so the cookie does not carry the email in clear. */
function accountTag(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 22);
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", signingKey(secret)).update(payload).digest("base64url");
}

/**
 * A new cookie value for `email` on a browser (keeps the browser's id when it had one).
 * @example issueKnownDevice("dana@example.com", secret) // "v1.<device id>.<account tag>.<issued>.<signature>"
 */
export function issueKnownDevice(email: string, secret: string, deviceId = randomBytes(16).toString("base64url"), now = Date.now()): string {
  const payload = [VERSION, deviceId, accountTag(email), Math.floor(now / 1000)].join(".");
  return `${payload}.${sign(payload, secret)}`;
}

/**
 * The browser's id when the cookie is genuine, unexpired and names `email`; null otherwise.
 * @example readKnownDevice(cookieValue, "dana@example.com", secret) // "Jx3…" or null
 */
export function readKnownDevice(value: string | undefined, email: string, secret: string, now = Date.now()): string | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [, deviceId, tag, issued, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(parts.slice(0, 4).join("."), secret));
  const actual = Buffer.from(signature);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  if (!/^[\w-]{22}$/.test(deviceId) || tag !== accountTag(email)) return null;
  const issuedS = Number(issued);
  if (!Number.isInteger(issuedS) || issuedS * 1000 > now + 60_000 || (issuedS + KNOWN_DEVICE_MAX_AGE_S) * 1000 <= now) return null;
  return deviceId;
}
