import "server-only";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { env, type Env } from "@/lib/env";
import { publicOrigin } from "@/lib/sso/public-origin";
import { INSTANCE_KEY, keyOfProviderId, loadConnection } from "@/lib/sso/config";
import { recordSsoError, SsoError, ssoErrorPath } from "@/lib/sso/errors";
import { captureAuthErrors, classifyOidcErrors } from "@/lib/sso/oidc-errors";
import { AUTH_BASE_PATH } from "@/lib/sso/oidc";

// Auth.js's routes for a single sign-on (sign-in start and callback of an `sso-…` provider): run
// at Sovra's public address, and a failure explained on Sovra's own error page (decision 049).
// Every other Auth.js request (Credentials, session, CSRF, sign-out) passes through untouched.

/** Where Auth.js sends its failures (lib/auth/auth.ts `pages.error`): recognisable, and a fine page should one get through. */
export const AUTH_ERROR_PAGE = "/sign-in/sso-error";
const AUTH_SIGN_IN_PAGE = "/sign-in";

const SSO_ROUTE = new RegExp(`^${AUTH_BASE_PATH}/(signin|callback)/(sso-[A-Za-z0-9-]{1,64})$`);

/** The connection key of a single sign-on route of Auth.js's, or null. */
export function ssoRouteKey(pathname: string): string | null {
  const match = SSO_ROUTE.exec(pathname);
  return match ? keyOfProviderId(match[2]!) : null;
}

/**
 * The request as it arrived at Sovra's public address (lib/sso/public-origin.ts): Auth.js derives
 * the redirect URI (which must be exactly the one registered at the IdP) and its cookies' Secure
 * flag from the request's URL, and a route handler's URL is Next's own view (http://localhost:PORT
 * behind Sovra's web server, or a proxy's internal address). A plain Request: NextRequest would
 * rewrite 127.0.0.1 to localhost again.
 */
export function atPublicOrigin(request: Request, e: Pick<Env, "SOVRA_PUBLIC_URL" | "SOVRA_TRUSTED_PROXIES">): Request {
  const origin = publicOrigin(request.headers, e, request.url);
  const url = new URL(request.url);
  if (url.origin === origin) return request;
  const moved = new URL(`${url.pathname}${url.search}`, origin);
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers, body: request.body, duplex: "half", redirect: "manual" };
  return new Request(moved, init);
}

/** A redirect to Auth.js's error page (or to the sign-in page with `?error=`, where it sends sign-in errors). */
function isAuthJsErrorRedirect(response: Response): URL | null {
  const location = response.headers.get("location");
  if (!location || response.status < 300 || response.status >= 400) return null;
  const url = new URL(location, "http://sovra.invalid");
  const page = url.pathname === AUTH_ERROR_PAGE || url.pathname === AUTH_SIGN_IN_PAGE;
  return page && url.searchParams.has("error") ? url : null;
}

/**
 * Runs one of Auth.js's handlers. For a single sign-on route: at the public address, collecting
 * what Auth.js logs; when it answers with its error page, the cause is classified, recorded with a
 * reference, and the person sent to /sign-in/sso-error?code=…&ref=… instead (cookies Auth.js set
 * or cleared are kept).
 */
export async function handleAuthRequest(
  request: Request,
  handler: (request: NextRequest) => Promise<Response>,
  /** Where the public address comes from: the environment (a caller that already chose it passes the same). */
  e: Pick<Env, "SOVRA_PUBLIC_URL" | "SOVRA_TRUSTED_PROXIES"> = env(),
): Promise<Response> {
  const incoming = new URL(request.url);
  const key = ssoRouteKey(incoming.pathname);
  if (key === null) return handler(request as NextRequest);
  const atPublic = atPublicOrigin(request, e);
  const { result: response, errors } = await captureAuthErrors(() => handler(atPublic as NextRequest));
  const errorPage = isAuthJsErrorRedirect(response);
  if (!errorPage) return response;

  const connection = await loadConnection(db(), key, env(), env().AUTH_SECRET ?? "").catch(() => null);
  // The IdP's own error comes back in the callback's query (RFC 6749 4.1.2.1); Auth.js logs only that there was one.
  const query = incoming.searchParams;
  const idpAnswer = query.get("error") ? { error: query.get("error"), error_description: query.get("error_description") ?? undefined } : null;
  let { code, detail } = classifyOidcErrors(idpAnswer ? [idpAnswer, ...errors] : errors);
  if (!connection) ({ code, detail } = { code: "connection_disabled", detail: `no single sign-on connection ${key === INSTANCE_KEY ? "for the instance" : key}` });
  else if (!connection.enabled && code === "configuration") ({ code, detail } = { code: "connection_disabled", detail: `connection ${key} is switched off` });
  else if (connection.oidc && connection.oidc.clientSecret === null && code === "configuration") {
    detail = "the client secret cannot be read (it was saved under another AUTH_SECRET): enter it again in Settings → Single sign-on";
  }
  const reference = await recordSsoError(db(), new SsoError(code, `${detail} [Auth.js: ${errorPage.searchParams.get("error")}]`, connection?.organisationId ?? null));
  const headers = new Headers(response.headers);
  headers.set("location", new URL(ssoErrorPath(code, reference), errorPage.origin === "http://sovra.invalid" ? new URL(atPublic.url).origin : errorPage.origin).toString());
  return new Response(null, { status: 302, headers });
}
