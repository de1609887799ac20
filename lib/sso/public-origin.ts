import type { Env } from "@/lib/env";
import { requestIsHttps } from "@/lib/security-headers";

// The address people reach Sovra at, for everything an identity provider must send them back to
// (OIDC redirect URIs, SAML ACS URLs, SP entity ids, SCIM locations; decision 049).
// SOVRA_PUBLIC_URL when set: behind a reverse proxy it is the only trustworthy answer. Otherwise
// the request's Host header, as the browser sent it. Not the request's URL: Sovra's web server
// runs Next with hostname "localhost", so route handlers see http://localhost:PORT whatever the
// browser used, and NextRequest rewrites 127.0.0.1 to localhost too; an IdP would then send people
// to an address whose cookies (state, PKCE, the session) their browser does not have.
// X-Forwarded-Host counts only with SOVRA_TRUSTED_PROXIES set, as for throttling (decision 028).

/**
 * @example publicOrigin(new Headers({ host: "127.0.0.1:3000" }), { SOVRA_PUBLIC_URL: undefined, SOVRA_TRUSTED_PROXIES: 0 }) // "http://127.0.0.1:3000"
 * @example publicOrigin(new Headers({ host: "10.0.0.5:3000" }), { SOVRA_PUBLIC_URL: "https://sovra.example.com/", SOVRA_TRUSTED_PROXIES: 1 }) // "https://sovra.example.com"
 */
export function publicOrigin(
  headers: Headers,
  e: Pick<Env, "SOVRA_PUBLIC_URL" | "SOVRA_TRUSTED_PROXIES">,
  /** The request's URL, for a request without a Host header (one built in code, not from the network). */
  requestUrl?: string,
): string {
  if (e.SOVRA_PUBLIC_URL) return new URL(e.SOVRA_PUBLIC_URL).origin;
  const forwarded = e.SOVRA_TRUSTED_PROXIES > 0 ? lastHops(headers.get("x-forwarded-host"), e.SOVRA_TRUSTED_PROXIES) : null;
  const host = forwarded || headers.get("host");
  if (!host && requestUrl) return new URL(requestUrl).origin;
  const protocol = requestIsHttps(headers, e.SOVRA_TRUSTED_PROXIES) ? "https" : "http";
  try {
    return new URL(`${protocol}://${host ?? "localhost"}`).origin;
  } catch {
    return `${protocol}://localhost`;
  }
}

/** The value the nearest trusted proxy wrote into a comma-separated forwarding header. */
function lastHops(value: string | null, trusted: number): string | null {
  if (!value) return null;
  const entries = value.split(",").map((s) => s.trim()).filter(Boolean);
  return entries[Math.max(0, entries.length - trusted)] ?? null;
}
