import { decode } from "next-auth/jwt";

// Reading the session on every request without Auth.js's whole request pipeline. `auth()` from
// NextAuth builds an internal request, checks and issues a CSRF token (a SHA-256 per call) and
// runs the callbacks before it decrypts the session cookie; pages and route handlers only need
// the user id inside that cookie. This decrypts the same cookie with Auth.js's own `decode`
// (JWE, A256CBC-HS512, key derived from AUTH_SECRET with the cookie name as salt; `exp` checked),
// so nothing about the token changes. Sign-in and sign-out still go through Auth.js. The token
// also names a server-side session, which auth() checks on every request (decision 028).

/** Auth.js's session cookie: `__Secure-` over HTTPS. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export interface CookieLike {
  name: string;
  value: string;
}

/** The cookie's value; Auth.js splits a token over 4 KB into `name.0`, `name.1`, ... */
function tokenOf(cookies: readonly CookieLike[], name: string): string | null {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .map((c) => ({ c, m: c.name.startsWith(`${name}.`) ? /^\d+$/.exec(c.name.slice(name.length + 1)) : null }))
    .filter((x) => x.m)
    .sort((a, b) => Number(a.m![0]) - Number(b.m![0]));
  return chunks.length ? chunks.map((x) => x.c.value).join("") : null;
}

// Decrypting costs an HKDF key derivation, a JWK thumbprint and AES-CBC + HMAC-SHA-512: about a
// twentieth of a list page's server CPU. A browser sends the same cookie with every request until
// Auth.js rolls it, so tokens that decrypted are remembered (by secret, cookie name and token:
// the token is authenticated ciphertext, so the same string always decrypts to the same payload)
// with their expiry, which is still checked on each use. Failures are not remembered.
const VERIFIED_MAX = 2_000;
const verified = new Map<string, SessionToken & { exp: number }>();
const CLOCK_TOLERANCE_S = 15; // as Auth.js's decode

function remember(key: string, entry: SessionToken & { exp: number }) {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!); // oldest first
  verified.set(key, entry);
}

/** What the session cookie says: the user, and the server-side session (lib/auth/sessions.ts) it belongs to. */
export interface SessionToken {
  userId: string;
  /** Null in a cookie issued before sessions were kept on the server: such a cookie is refused. */
  sessionId: string | null;
}

/**
 * The user and session ids from the request's cookies, or null when there is no valid session
 * cookie (none, a token encrypted with another secret, tampered with, or expired). Whether the
 * session is still open is the caller's question (lib/auth/auth.ts asks the database).
 * @example await readSessionToken(cookieStore.getAll(), process.env.AUTH_SECRET!) // { userId: "0193…", sessionId: "0193…" } or null
 */
export async function readSessionToken(cookies: readonly CookieLike[], secret: string, now = Date.now()): Promise<SessionToken | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = tokenOf(cookies, name);
    if (!token) continue;
    const key = `${secret}\u0000${name}\u0000${token}`;
    const known = verified.get(key);
    if (known) return known.exp + CLOCK_TOLERANCE_S > now / 1000 ? { userId: known.userId, sessionId: known.sessionId } : null;
    try {
      const payload = await decode({ token, secret, salt: name });
      const userId = typeof payload?.sub === "string" && payload.sub ? payload.sub : null;
      if (!userId) return null;
      const sessionId = typeof payload?.sid === "string" && payload.sid ? payload.sid : null;
      if (typeof payload?.exp === "number") remember(key, { userId, sessionId, exp: payload.exp });
      return { userId, sessionId };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The signed-in user's id from the request's cookies, or null (see readSessionToken).
 * @example await sessionUserId(cookieStore.getAll(), process.env.AUTH_SECRET!) // "0193…" or null
 */
export async function sessionUserId(cookies: readonly CookieLike[], secret: string, now = Date.now()): Promise<string | null> {
  return (await readSessionToken(cookies, secret, now))?.userId ?? null;
}
