import { AsyncLocalStorage } from "node:async_hooks";
import type { SsoErrorCode } from "@/lib/sso/errors";

// Auth.js answers every failed OIDC sign-in with a redirect to its error page and one coarse word
// ("Configuration", "OAuthCallbackError"); what actually went wrong (the IdP said access_denied,
// the ID token expired before it arrived, the client secret is wrong) only reaches its logger.
// Each Auth.js request of a single sign-on runs inside `captureAuthErrors`, the logger hands its
// errors to `noteAuthError`, and the route classifies them into an SsoErrorCode the error page
// explains in plain words (lib/sso/oidc-route.ts).

const captured = new AsyncLocalStorage<unknown[]>();

/** Runs `run` collecting what Auth.js logs as errors meanwhile. */
export async function captureAuthErrors<T>(run: () => Promise<T>): Promise<{ result: T; errors: unknown[] }> {
  const errors: unknown[] = [];
  const result = await captured.run(errors, run);
  return { result, errors };
}

/** Called by Auth.js's `logger.error` (lib/auth/auth.ts): keeps the error for the request it belongs to, if any is collecting. */
export function noteAuthError(error: unknown): void {
  captured.getStore()?.push(error);
}

interface Fact {
  name?: string;
  message?: string;
  code?: string;
  /** An OAuth error code: from the IdP's redirect (`?error=`) or its token endpoint. */
  error?: string;
  error_description?: string;
}

/**
 * Every error in a chain of causes (Error.cause, Auth.js's `{ err, ...details }` causes), flattened.
 * Plain objects count too: the IdP's `{ error, error_description }` from the callback's query.
 */
function facts(value: unknown, out: Fact[] = [], depth = 0): Fact[] {
  if (depth > 6 || value === null || typeof value !== "object") return out;
  // WWW-Authenticate challenges (a token endpoint refusing the client): [{ scheme, parameters: { error, … } }].
  if (Array.isArray(value)) {
    for (const item of value) facts(item, out, depth + 1);
    return out;
  }
  const v = value as Record<string, unknown>;
  if (v.parameters) facts(v.parameters, out, depth + 1);
  const str = (x: unknown) => (typeof x === "string" && x !== "" ? x : undefined);
  out.push({ name: str(v.name), message: str(v.message), code: str(v.code), error: str(v.error), error_description: str(v.error_description) });
  if (v.err) facts(v.err, out, depth + 1);
  if (v.cause) facts(v.cause, out, depth + 1);
  return out;
}

/** oauth4webapi's code for an `exp`/`nbf`/`iat` check that failed (the clocks disagree). */
const TIMESTAMP_CHECK = "OAUTH_JWT_TIMESTAMP_CHECK_FAILED";

const REDIRECT_URI = /redirect[_ ]?uri/i;

/**
 * What Auth.js's logged errors mean for the person signing in: an SsoErrorCode and the detail kept
 * for their IT (the IdP's own words when it gave some).
 * @example classifyOidcErrors([oauthCallbackError]) // { code: "idp_error", detail: "access_denied: The person cancelled …" }
 */
export function classifyOidcErrors(errors: readonly unknown[]): { code: SsoErrorCode; detail: string } {
  const all = errors.flatMap((e) => facts(e));
  const said = (f: Fact) => [f.error, f.error_description].filter(Boolean).join(": ");
  const messages = all
    .map((f) => [f.name, f.message].filter(Boolean).join(": "))
    .filter(Boolean)
    .filter((m, i, list) => list.indexOf(m) === i)
    .join(" ← ");

  const skew = all.find((f) => f.code === TIMESTAMP_CHECK);
  if (skew) return { code: "clock_skew", detail: `the ID token's times do not fit this server's clock: ${skew.message ?? ""}` };

  // An OAuth error: the IdP's answer, in its redirect back or from its token endpoint.
  const oauth = all.find((f) => f.error);
  if (oauth) {
    if (oauth.error === "invalid_redirect_uri" || REDIRECT_URI.test(oauth.error_description ?? "")) {
      return { code: "redirect_uri", detail: `the identity provider refused the redirect URI: ${said(oauth)}` };
    }
    if (oauth.error === "invalid_client" || oauth.error === "unauthorized_client") {
      return { code: "configuration", detail: `the identity provider refused the client id or secret: ${said(oauth)}` };
    }
    // From the token endpoint (a ResponseBodyError) rather than the browser's redirect: still the IdP's refusal.
    return { code: "idp_error", detail: `the identity provider answered with an error: ${said(oauth)}` };
  }
  return { code: "configuration", detail: messages || "Auth.js reported an error without details" };
}
