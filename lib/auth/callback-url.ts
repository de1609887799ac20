// Where a person goes after signing in (`callbackUrl`): a page of this site, never another one
// (docs/decisions/030-headers-and-input-hygiene.md). It arrives from the sign-in page's address,
// the sign-in form, and Auth.js's own routes (query, form body, cookie); each of them goes through
// safeCallbackPath. No imports: the sign-in page, the action, Auth.js's callbacks and its route use it.

/** Control characters (browsers strip a tab or newline, so `/\t/evil.example` becomes `//evil.example`; a newline in a Location header is a 500), backslashes (read as `/`), lone surrogates. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\\]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PLACEHOLDER_ORIGIN = "http://sovra.invalid";

/**
 * A same-site path (with its query and fragment) to send someone to, or `fallback` ("/") when
 * `raw` is anything else: another host (`//evil.example`, `https://evil.example`), another scheme
 * (`javascript:`), a control character or backslash anywhere, or not a string. An absolute URL is
 * accepted when it is on `origin` (Auth.js passes its callbacks absolute URLs).
 * @example safeCallbackPath("/mainfeld/scores?asOf=2026-03-02") // "/mainfeld/scores?asOf=2026-03-02"
 * @example safeCallbackPath("javascript:alert(1)") // "/"
 * @example safeCallbackPath("https://sovra.example/mainfeld", { origin: "https://sovra.example" }) // "/mainfeld"
 */
export function safeCallbackPath(raw: unknown, options: { origin?: string; fallback?: string } = {}): string {
  const fallback = options.fallback ?? "/";
  if (typeof raw !== "string" || raw === "" || raw.length > 2048 || UNSAFE.test(raw)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(options.origin ?? PLACEHOLDER_ORIGIN);
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  const relative = raw.startsWith("/") && !raw.startsWith("//");
  if (!relative && !(options.origin && /^https?:\/\//i.test(raw))) return fallback;
  if (url.origin !== base.origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Whether Auth.js can take `raw` as a callbackUrl without failing: a same-site path, or an http(s)
 * URL (another site's is then sent home by the `redirect` callback, lib/auth/auth.ts), with no
 * control character or backslash. Anything else (`javascript:`, a newline) Auth.js answers with a
 * 500 "server configuration" error, so its route refuses it first (app/api/auth/[...nextauth]).
 * @example isAcceptedByAuthJs("https://elsewhere.example/") // true (redirected home later)
 * @example isAcceptedByAuthJs("javascript:alert(1)") // false
 */
export function isAcceptedByAuthJs(raw: string): boolean {
  if (raw === "" || raw.length > 2048 || UNSAFE.test(raw)) return false;
  if (raw.startsWith("/")) return !raw.startsWith("//");
  try {
    return /^https?:$/.test(new URL(raw).protocol);
  } catch {
    return false;
  }
}
