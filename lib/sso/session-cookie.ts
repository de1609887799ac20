import { encode } from "next-auth/jwt";
import { SESSION } from "@/lib/auth/sessions";

// SAML sign-ins do not pass through Auth.js (it has no SAML provider), but must end in the very
// same session cookie: Auth.js's sealed JWT (same name, salt and payload as lib/auth/auth.ts's
// jwt callback writes), read by lib/auth/session-token.ts like any other (decision 049).

export interface IssuedCookie {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge: number };
}

/** The session cookie for a server-side session; `secure` when users reach Sovra over HTTPS (its name then has the __Secure- prefix, as Auth.js's). */
export async function issueSessionCookie(input: { userId: string; sessionId: string; secure: boolean }, secret: string): Promise<IssuedCookie> {
  const name = input.secure ? "__Secure-authjs.session-token" : "authjs.session-token";
  const maxAge = SESSION.maxAgeMs / 1000;
  const value = await encode({ token: { sub: input.userId, sid: input.sessionId }, secret, salt: name, maxAge });
  return { name, value, options: { httpOnly: true, sameSite: "lax", secure: input.secure, path: "/", maxAge } };
}
