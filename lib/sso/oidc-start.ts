import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import type { Env } from "@/lib/env";
import { publicOrigin } from "@/lib/sso/public-origin";
import { providerId } from "@/lib/sso/config";
import { AUTH_BASE_PATH } from "@/lib/sso/oidc";
import { handleAuthRequest } from "@/lib/sso/oidc-route";

// Starting an OIDC sign-in from the sign-in page's server action (lib/sso/start.ts). Auth.js's
// own `signIn()` for server actions takes its origin from the Host/X-Forwarded-* headers (or the
// global AUTH_URL), so behind a reverse proxy it could start at an address the callback does not
// come back to. Instead the action makes the very request a browser would, through the same route
// code: a CSRF token, then POST /api/auth/signin/sso-…, at Sovra's public address
// (lib/sso/public-origin.ts); the state, PKCE and nonce cookies it sets go to the browser. Plain
// Requests, not NextRequests: NextRequest rewrites 127.0.0.1 to localhost, and Auth.js takes the
// redirect URI from the request's URL.

type ResponseCookie = ReturnType<NextResponse["cookies"]["getAll"]>[number];

export interface OidcStart {
  /** The IdP's authorization URL, or Sovra's error page when the sign-in could not start. */
  location: string;
  /** For the browser: Auth.js's state, PKCE, nonce and callback-url cookies. */
  cookies: ResponseCookie[];
}

/**
 * Starts a sign-in through connection `key`'s IdP for a browser whose request carried `incoming`
 * headers; after it, the browser goes to `callbackPath` (a same-site path).
 * @example const { location, cookies } = await beginOidcSignIn("instance", "/mainfeld", await headers(), env())
 */
export async function beginOidcSignIn(
  key: string,
  callbackPath: string,
  incoming: Headers,
  e: Pick<Env, "SOVRA_PUBLIC_URL" | "SOVRA_TRUSTED_PROXIES">,
): Promise<OidcStart> {
  const origin = publicOrigin(incoming, e);
  const base = new Headers(incoming);
  base.delete("cookie");
  base.delete("content-type");
  base.delete("content-length");
  base.delete("next-action");

  const csrf = await handlers.GET(new Request(`${origin}${AUTH_BASE_PATH}/csrf`, { headers: base }) as NextRequest);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = new NextResponse(null, { headers: csrf.headers }).cookies.getAll();

  const headers = new Headers(base);
  headers.set("content-type", "application/x-www-form-urlencoded");
  headers.set("cookie", csrfCookies.map((c) => `${c.name}=${c.value}`).join("; "));
  const body = new URLSearchParams({ csrfToken, callbackUrl: `${origin}${callbackPath}` });
  const request = new Request(`${origin}${AUTH_BASE_PATH}/signin/${providerId(key)}`, { method: "POST", headers, body });
  const response = await handleAuthRequest(request, handlers.POST, e);
  const location = response.headers.get("location");
  if (!location) throw new Error(`Auth.js answered the sign-in start with ${response.status} and no redirect`);
  const cookies = new NextResponse(null, { headers: response.headers }).cookies.getAll();
  return { location, cookies };
}
