import { decode } from "next-auth/jwt";

// Reading the session on every request without Auth.js's whole request pipeline. `auth()` from
// NextAuth builds an internal request, checks and issues a CSRF token (a SHA-256 per call) and
// runs the callbacks before it decrypts the session cookie; pages and route handlers only need
// the user id inside that cookie. This decrypts the same cookie with Auth.js's own `decode`
// (JWE, A256CBC-HS512, key derived from AUTH_SECRET with the cookie name as salt; `exp` checked),
// so nothing about the token changes. Sign-in and sign-out still go through Auth.js.

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

/**
 * The signed-in user's id from the request's cookies, or null when there is no valid session
 * (no cookie, a token encrypted with another secret, tampered with, or expired).
 * @example await sessionUserId(cookieStore.getAll(), process.env.AUTH_SECRET!) // "0193…" or null
 */
export async function sessionUserId(cookies: readonly CookieLike[], secret: string): Promise<string | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = tokenOf(cookies, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret, salt: name });
      return typeof payload?.sub === "string" && payload.sub ? payload.sub : null;
    } catch {
      return null;
    }
  }
  return null;
}
