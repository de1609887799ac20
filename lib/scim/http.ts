import "server-only";
import { z } from "zod";
import { env, type Env } from "@/lib/env";
import { readBodyBytes } from "@/lib/request-body";
import { withApiSecurityHeaders } from "@/lib/security-headers";
import { findUnsafeText } from "@/lib/text";
import { publicOrigin } from "@/lib/sso/public-origin";
import { ScimError, versionMismatch } from "@/lib/scim/errors";

// The HTTP side of the SCIM endpoint: its media type, bodies, addresses and ETags.

export const SCIM_MEDIA_TYPE = "application/scim+json";

/** Request bodies larger than this are refused (413): a group of several thousand members fits. */
export const SCIM_MAX_BODY_BYTES = 1024 * 1024;

/** A SCIM response: application/scim+json, never cached, with the API's security headers. */
export function scimResponse(body: unknown, init: { status?: number; etag?: string; location?: string } = {}): Response {
  const headers = new Headers({ "content-type": SCIM_MEDIA_TYPE, "cache-control": "no-store" });
  if (init.etag) headers.set("etag", init.etag);
  if (init.location) headers.set("location", init.location);
  withApiSecurityHeaders(headers);
  if (body === null) return new Response(null, { status: init.status ?? 204, headers });
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

/**
 * The request's JSON body. Identity providers send `application/scim+json` (Entra ID, Okta) or
 * `application/json`; the content type is not insisted on, as the bearer token (never sent by a
 * browser on its own) already rules out cross-site requests. Malformed JSON: 400 invalidSyntax.
 */
export async function readScimBody(request: Request): Promise<unknown> {
  const tooLarge = () => new ScimError(413, `The request body is larger than ${SCIM_MAX_BODY_BYTES / 1024} KiB.`);
  const text = new TextDecoder().decode(await readBodyBytes(request, SCIM_MAX_BODY_BYTES, tooLarge));
  if (text.trim() === "") throw new ScimError(400, "The request body is empty: send a JSON object.", "invalidSyntax");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScimError(400, `The request body is not valid JSON (${(e as Error).message}).`, "invalidSyntax");
  }
  const unsafe = findUnsafeText(json, 1)[0];
  if (unsafe) throw new ScimError(400, `${unsafe.path.join(".") || "The body"}: ${unsafe.message}`, "invalidValue");
  return json;
}

/** Parses a body with a zod schema; the first problem becomes a 400 invalidValue naming the attribute. */
export function parseScimBody<S extends z.ZodType>(schema: S, json: unknown): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  throw new ScimError(400, `${where}${issue.message}`, issue.code === "invalid_type" && issue.path.length === 0 ? "invalidSyntax" : "invalidValue");
}

/**
 * The endpoint's absolute base URL for `meta.location`: at Sovra's public address
 * (lib/sso/public-origin.ts: SOVRA_PUBLIC_URL, else the Host the client sent).
 * @example scimBaseUrl(new Request("http://localhost/x", { headers: { host: "sovra.local:3000" } }), "0193…") // "http://sovra.local:3000/api/scim/v2/0193…"
 */
export function scimBaseUrl(request: Request, organisationId: string, e: Pick<Env, "SOVRA_PUBLIC_URL" | "SOVRA_TRUSTED_PROXIES"> = env()): string {
  return `${publicOrigin(request.headers, e, request.url)}/api/scim/v2/${organisationId}`;
}

/** A resource's ETag and meta.version: weak, from its optimistic-locking version. */
export const etagOf = (version: number) => `W/"${version}"`;

/**
 * Refuses with 412 when the request's If-Match names none of the resource's current ETag (weak or
 * strong spelling alike: the versions are exact either way). No header, or `*`: no condition.
 * @example assertIfMatch(new Request("http://x", { headers: { "if-match": 'W/"3"' } }), 4) // throws 412
 */
export function assertIfMatch(request: Request, version: number): void {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "" || header.trim() === "*") return;
  const wanted = String(version);
  const tags = header.split(",").map((t) => t.trim().replace(/^W\//i, "").replace(/^"(.*)"$/, "$1"));
  if (!tags.includes(wanted)) throw versionMismatch();
}

/** `startIndex` and `count` of a list request (RFC 7644 §3.4.2.4): 1-based, count capped. */
export function pageOf(search: URLSearchParams, maxResults: number): { startIndex: number; count: number } {
  const int = (name: string, fallback: number) => {
    const raw = search.get(name);
    if (raw === null || raw.trim() === "") return fallback;
    if (!/^-?\d{1,9}$/.test(raw.trim())) throw new ScimError(400, `${name} must be a whole number (got "${raw.slice(0, 40)}").`, "invalidValue");
    return Number(raw);
  };
  // Out-of-range values are read as the nearest allowed one, as the RFC asks (startIndex < 1 is 1, count < 0 is 0).
  const startIndex = Math.max(1, int("startIndex", 1));
  const count = Math.min(maxResults, Math.max(0, int("count", 100)));
  return { startIndex, count };
}
