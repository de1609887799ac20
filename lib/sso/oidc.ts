import "server-only";
import type { OIDCConfig } from "next-auth/providers";
import type { Account, Profile, User } from "next-auth";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Env } from "@/lib/env";
import { clientAddress } from "@/lib/auth/client-address";
import { loadConnection, keyOfProviderId, providerId, type SsoConnectionConfig } from "@/lib/sso/config";
import { groupsFromClaim } from "@/lib/sso/roles";
import { completeSsoSignIn } from "@/lib/sso/provision";
import { recordSsoError, SsoError, ssoErrorPath } from "@/lib/sso/errors";

// OpenID Connect single sign-on through Auth.js (decision 049): an Auth.js provider for the
// connection a single sign-on route names (the instance's, from the environment, or an
// organisation's), built per Auth.js request by lib/auth/auth.ts; and what its `signIn` callback does once the IdP has
// vouched for someone: provision them (lib/sso/provision.ts) and hand Auth.js the server-side
// session, or send them to the error page with a reference.

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * What Sovra asks every IdP for. Groups come from the claim the connection names
 * (`groupsAttribute`), which IdPs release without a scope of their own once configured: Entra ID
 * ("groupMembershipClaims" in the app manifest), Keycloak (a "groups" mapper on the client's
 * dedicated scope), Okta (a groups claim on the authorization server); an IdP that needs a
 * "groups" scope for it (some Okta and Authentik set-ups) is not supported yet.
 */
export const OIDC_SCOPE = "openid email profile";

/** Auth.js's route prefix, as lib/auth/auth.ts uses it (next-auth's default). */
export const AUTH_BASE_PATH = "/api/auth";

/**
 * The redirect URI to register at the IdP for a connection: Auth.js's callback route under Sovra's
 * public address (SOVRA_PUBLIC_URL, else the address the request came to).
 * @example oidcRedirectUri("0193a…", "https://sovra.example.com/") // "https://sovra.example.com/api/auth/callback/sso-0193a…"
 */
export function oidcRedirectUri(key: string, publicUrl: string): string {
  return `${new URL(publicUrl).origin}${AUTH_BASE_PATH}/callback/${providerId(key)}`;
}

/** The ID token's claims as Auth.js hands them over. */
export interface OidcClaims extends Record<string, unknown> {
  sub: string;
  email?: unknown;
  name?: unknown;
}

/**
 * The Auth.js provider of one OIDC connection, or null when it cannot sign anyone in (not OIDC,
 * incomplete, or a client secret sealed under another AUTH_SECRET).
 * @example oidcProvider(connection)?.id // "sso-instance"
 */
export function oidcProvider(connection: SsoConnectionConfig): OIDCConfig<OidcClaims> | null {
  const oidc = connection.oidc;
  if (connection.protocol !== "oidc" || !oidc?.issuer || !oidc.clientId || !oidc.clientSecret) return null;
  return {
    id: providerId(connection.key),
    name: connection.name,
    type: "oidc",
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    // Authorization code with PKCE, state and nonce: each a check of its own at the callback.
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: OIDC_SCOPE } },
    profile(claims) {
      return {
        id: claims.sub,
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}

/** Auth.js's providers for these connections, those that cannot sign in left out. */
export function oidcProviders(connections: readonly SsoConnectionConfig[]): OIDCConfig<OidcClaims>[] {
  return connections.flatMap((c) => oidcProvider(c) ?? []);
}

/**
 * The OIDC connection an Auth.js request is about (its path names it: /api/auth/signin|callback/sso-{key},
 * lib/sso/oidc-route.ts), when it is OIDC and switched on; none for every other Auth.js request
 * (password sign-in, CSRF, sign-out), which then costs no query and no secret to open. Loading
 * every organisation's connection for each of them grew with the number of organisations.
 */
export async function loadSignInConnections(prisma: Db, e: Env, authSecret: string, key: string | null): Promise<SsoConnectionConfig[]> {
  if (key === null) return [];
  const connection = await loadConnection(prisma, key, e, authSecret);
  return connection?.protocol === "oidc" && connection.enabled ? [connection] : [];
}

export interface OidcSignInContext {
  prisma: PrismaClient;
  env: Env;
  authSecret: string;
  /** The callback request's headers: the browser and its address for the session list. */
  headers: Headers | undefined;
}

/**
 * Auth.js's `signIn` callback for a single sign-on provider: provisions the person the IdP vouched
 * for and puts the user and the new server-side session on Auth.js's `user` (the same object
 * reaches the `jwt` callback, there being no adapter), so the session cookie names them. Returns
 * true, or the error page's path (Auth.js redirects there) after recording why. Other providers
 * (Credentials) are not its business: true.
 */
export async function completeOidcSignIn(
  ctx: OidcSignInContext,
  params: { user: User; account?: Account | null; profile?: Profile },
): Promise<true | string> {
  const key = params.account ? keyOfProviderId(params.account.provider) : null;
  if (key === null) return true;
  let connection: SsoConnectionConfig | null = null;
  try {
    connection = await loadConnection(ctx.prisma, key, ctx.env, ctx.authSecret);
    if (!connection) throw new SsoError("connection_disabled", `no single sign-on connection ${key}`);
    const claims: Record<string, unknown> = params.profile ?? {};
    const email = typeof claims.email === "string" ? claims.email : null;
    const name = typeof claims.name === "string" ? claims.name : null;
    const groups = groupsFromClaim(claims[connection.groupsAttribute]);
    const signedIn = await completeSsoSignIn(
      ctx.prisma,
      connection,
      { email, name, groups },
      { method: "oidc", userAgent: ctx.headers?.get("user-agent"), address: clientAddress(ctx.headers, ctx.env.SOVRA_TRUSTED_PROXIES) },
    );
    params.user.id = signedIn.userId;
    params.user.sessionId = signedIn.sessionId;
    return true;
  } catch (e) {
    const error = e instanceof SsoError ? e : new SsoError("configuration", `sign-in through ${key} failed: ${(e as Error)?.message ?? String(e)}`, connection?.organisationId ?? null);
    const reference = await recordSsoError(ctx.prisma, error);
    return ssoErrorPath(error.code, reference);
  }
}
