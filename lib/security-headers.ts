// The security headers of every response (docs/decisions/030-headers-and-input-hygiene.md).
// proxy.ts sets them on every request it sees, with a fresh CSP nonce for each page; route
// handlers whose answers matter without the proxy in front (the public API, downloads: tests
// call them directly, and CVE-2025-29927 showed a proxy can be skipped) set the static ones too.
// No imports: proxy.ts and route handlers use it alike.

/** Headers that are the same on every response, HTML or not. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  // Same-origin requests keep the full referrer (and, unlike no-referrer, a same-origin POST keeps
  // its Origin header, which Next's server action check needs); other sites get nothing, not even
  // the host name of an internal deployment (ASVS 5.0 3.4.5).
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  // frame-ancestors 'none' says the same to browsers that read CSP; this is for those that do not.
  "x-frame-options": "DENY",
};

/** HSTS for a year, subdomains included (ASVS 5.0 3.4.1); sent only on requests that came over HTTPS. */
export const HSTS = "max-age=31536000; includeSubDomains";

/** For JSON and files: nothing in them may load or run anything, or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A fresh, unguessable nonce (128 random bits, base64). */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The Content-Security-Policy of a page. Scripts run only with this request's nonce (Next puts it
 * on its own scripts, reading it from this header on the request) or when such a script loads
 * them ('strict-dynamic'); never inline or eval'd, except eval in development, where React needs
 * it for its error overlay. Styles allow 'unsafe-inline': React's `style` props, Recharts and
 * the print route's `<style>` are inline, and a nonce in style-src would make browsers ignore it.
 * `upgrade-insecure-requests` only over HTTPS: the report renderer opens pages over plain HTTP on
 * 127.0.0.1, where it would break every request for a script or a font.
 * @example pageCsp({ nonce: "abc", https: true, dev: false }) // "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; ..."
 */
export function pageCsp({ nonce, https, dev }: { nonce: string; https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Whether the request came to us over HTTPS. Sovra itself serves plain HTTP; TLS ends at a
 * reverse proxy, which says so in X-Forwarded-Proto. That header is believed only with
 * SOVRA_TRUSTED_PROXIES set (any client can send it): the entry the outermost trusted proxy wrote,
 * counting `trustedProxies` from the right when proxies append to it.
 * @example requestIsHttps(new Headers({ "x-forwarded-proto": "https" }), 1) // true
 * @example requestIsHttps(new Headers({ "x-forwarded-proto": "https" }), 0) // false: nobody vouches for it
 */
export function requestIsHttps(headers: Headers, trustedProxies: number): boolean {
  if (trustedProxies < 1) return false;
  const entries = (headers.get("x-forwarded-proto") ?? "").split(",").map((s) => s.trim().toLowerCase());
  return entries[Math.max(0, entries.length - trustedProxies)] === "https";
}

/** Every security header for a response: the page CSP with `nonce`, or the API's without; HSTS over HTTPS. */
export function securityHeaders(options: { nonce?: string; https: boolean; dev: boolean }): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    "content-security-policy": options.nonce ? pageCsp({ nonce: options.nonce, https: options.https, dev: options.dev }) : API_CSP,
    ...(options.https ? { "strict-transport-security": HSTS } : {}),
  };
}

/** The static headers and the API's CSP, where `headers` does not set them yet: for JSON and file responses. */
export function withApiSecurityHeaders(headers: Headers): Headers {
  for (const [k, v] of Object.entries({ ...STATIC_SECURITY_HEADERS, "content-security-policy": API_CSP })) if (!headers.has(k)) headers.set(k, v);
  return headers;
}
