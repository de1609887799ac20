import "server-only";
import { cache } from "react";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies, headers as requestHeaders } from "next/headers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { readSessionToken } from "@/lib/auth/session-token";
import { signInSchema } from "@/lib/auth/schemas";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clientAddress } from "@/lib/auth/client-address";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { issueKnownDevice, KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_S, readKnownDevice } from "@/lib/auth/known-device";
import { revokeSession, SESSION, touchSession } from "@/lib/auth/sessions";
import { completeOidcSignIn, loadSignInConnections, oidcProviders } from "@/lib/sso/oidc";
import { ssoRouteKey } from "@/lib/sso/oidc-route";
import { noteAuthError } from "@/lib/sso/oidc-errors";
import { AUTH_ERROR_PAGE } from "@/lib/sso/oidc-route";
import { keyOfProviderId } from "@/lib/sso/config";

/** The password was right but an organisation requires single sign-on; `code` names it. */
export class SsoRequired extends CredentialsSignin {
  constructor(organisationName: string) {
    super();
    this.code = `sso_required:${organisationName}`;
  }
}

/** Wrong email or wrong password: one error, so a caller cannot tell which part was wrong. */
export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

/** Too many failures for this account or address; `code` carries the wait in ms. */
export class SignInThrottled extends CredentialsSignin {
  constructor(readonly waitMs: number) {
    super();
    this.code = `throttled:${waitMs}`;
  }
}

function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: start Sovra with `npm start`, which provides one");
  return secret;
}

/**
 * Auth.js's configuration for one of its requests (`request` is undefined for the server-side
 * signIn/signOut of Credentials sign-ins and sign-out). Built per request, lazily, because single
 * sign-on connections come and go with their organisations' settings: the one OIDC connection a
 * single sign-on route names, as a provider (lib/sso/oidc.ts). Only Auth.js's own routes and the sign-in/sign-out actions
 * build it; pages read the session without Auth.js (`auth` below), so this costs them nothing.
 */
async function authConfig(request: Request | undefined): Promise<NextAuthConfig> {
  const connections = await loadSignInConnections(db(), env(), authSecret(), request ? ssoRouteKey(new URL(request.url).pathname) : null);
  return {
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION.maxAgeMs / 1000 },
    // Auth.js's error page: a failed single sign-on is explained there in plain words instead (lib/sso/oidc-route.ts).
    pages: { signIn: "/sign-in", error: AUTH_ERROR_PAGE },
    logger: {
      // A failed sign-in is expected, not an error worth a stack trace.
      error(error) {
        noteAuthError(error);
        if (!(error instanceof CredentialsSignin) && error.name !== "CredentialsSignin") console.error("[auth]", error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new InvalidCredentials();
          const { email, password } = parsed.data;
          const secret = authSecret();
          const jar = await cookies();
          const knownDeviceId = readKnownDevice(jar.get(KNOWN_DEVICE_COOKIE)?.value, email, secret);
          const result = await attemptSignIn(db(), {
            email,
            password,
            address: clientAddress(request?.headers, env().SOVRA_TRUSTED_PROXIES),
            knownDeviceId,
            userAgent: request?.headers?.get("user-agent"),
          });
          if (!result.ok) {
            if (result.reason === "throttled") throw new SignInThrottled(result.waitMs);
            if (result.reason === "sso_required") throw new SsoRequired(result.organisationName);
            throw new InvalidCredentials();
          }
          // This browser now knows the account: its next sign-ins are throttled per browser (decision 028).
          const https = request?.headers?.get("x-forwarded-proto") === "https" || request?.url?.startsWith("https:");
          jar.set(KNOWN_DEVICE_COOKIE, issueKnownDevice(email, secret, knownDeviceId ?? undefined), {
            httpOnly: true,
            sameSite: "lax",
            secure: Boolean(https),
            path: "/",
            maxAge: KNOWN_DEVICE_MAX_AGE_S,
          });
          return { ...result.user, sessionId: result.sessionId };
        },
      }),
      ...oidcProviders(connections),
    ],
    callbacks: {
      // Single sign-on: provision the person and open their session, or send them to the error page.
      async signIn(params) {
        if (!params.account || keyOfProviderId(params.account.provider) === null) return true;
        // The callback request itself; `next/headers` only if Auth.js was called without one.
        const headers = request?.headers ?? (await requestHeaders());
        return completeOidcSignIn({ prisma: db(), env: env(), authSecret: authSecret(), headers }, params);
      },
      // Only ever a page of this site, and never a Location with a control character (decision 030).
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, { origin: baseUrl })}`;
      },
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sid = user.sessionId;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      // Auth.js's own sign-out route (POST /api/auth/signout) ends the server-side session too.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token?.sid && token.sub) await revokeSession(db(), token.sid, token.sub);
      },
    },
  };
}

const nextAuth = NextAuth(authConfig);

export const { handlers, signIn, signOut } = nextAuth;

export interface Session {
  user: { id: string };
  /** The server-side session (lib/auth/sessions.ts) this request belongs to. */
  sessionId: string;
}

/**
 * The session of the current request, or null: the session cookie, decrypted directly
 * (lib/auth/session-token.ts) rather than through NextAuth's `auth()`, which costs a few
 * milliseconds of CPU per request in work a page does not need (CSRF token, callbacks), and the
 * server-side session it names, which must be open: one query on its primary key, once per
 * request (React `cache`). A cookie from before sign-out, "sign out everywhere", a password
 * change or a removal from an organisation is refused here.
 */
export const auth = cache(async (): Promise<Session | null> => {
  const token = await readSessionToken((await cookies()).getAll(), authSecret());
  if (!token?.sessionId) return null;
  if (!(await touchSession(db(), token.sessionId, token.userId))) return null;
  return { user: { id: token.userId }, sessionId: token.sessionId };
});
