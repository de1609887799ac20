import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/org-context";
import type { Permission } from "@/lib/auth/permissions";
import { AppError, isAppError, notFoundError } from "@/lib/errors";
import { resolveApiContext } from "@/lib/api/context";
import { resolvePracticeApiContext } from "@/lib/api/practice-context";
import type { PracticeContext } from "@/lib/auth/practice-context";
import type { PracticePermission } from "@/lib/auth/practice-permissions";
import { API_ERROR_CODES, ApiRequestError, fieldErrorsFromIssues, fieldErrorsFromZod, fieldPath, type ApiErrorBody, type ApiErrorCode } from "@/lib/api/errors";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { withApiSecurityHeaders } from "@/lib/security-headers";
import { findUnsafeText, textProblem } from "@/lib/text";
import { readBodyBytes } from "@/lib/request-body";
import { log } from "@/lib/log";

/** Route parameters as Next passes them to a route handler (a Promise since Next 15). */
export type RouteParams = Record<string, string>;
export interface RouteContext {
  params: Promise<RouteParams>;
}

/** JSON bodies larger than this are refused with 413 unless an operation allows more. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const NO_STORE = { "cache-control": "no-store" } as const;

/** A JSON response that no cache keeps (answers depend on the caller), with the API's security headers. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(NO_STORE)) if (!headers.has(k)) headers.set(k, v);
  return Response.json(body, { status: init.status ?? 200, headers: withApiSecurityHeaders(headers) });
}

function errorJson(status: number, error: ApiErrorBody["error"], headers?: HeadersInit): Response {
  return jsonResponse({ error } satisfies ApiErrorBody, { status, headers });
}

/**
 * Maps anything a handler throws to the API's error shape: AppError and ApiRequestError with
 * their code and status, zod errors as 422 listing every field, an unreachable database as 503
 * with Retry-After (as /api/health answers then), anything else as 500 with a reference that is
 * logged with the error (the message could leak internals, so it is not sent).
 */
export function errorResponse(e: unknown, request?: Request): Response {
  if (e instanceof z.ZodError) {
    return errorJson(422, { code: "INVALID_INPUT", message: "The request is not valid: see fields for every problem.", fields: fieldErrorsFromZod(e) });
  }
  if (isAppError(e)) {
    const fields = e.details?.fieldErrors as Record<string, string[]> | undefined;
    const current = e.details?.current as Record<string, unknown> | undefined;
    const headers = e.code === "UNAUTHENTICATED" ? { "www-authenticate": 'Bearer realm="sovra"' } : undefined;
    return errorJson(e.status, { code: e.code, message: e.message, ...(fields && { fields }), ...(current && { current }) }, headers);
  }
  if (e instanceof ApiRequestError) return errorJson(e.status, { code: e.code, message: e.message });
  const where = request ? `${request.method} ${new URL(request.url).pathname}` : "api";
  if (isDatabaseUnavailable(e)) {
    log.error("api: the database is unavailable", { where, error: e instanceof Error ? e.message.trim().split("\n").at(-1) : String(e) });
    return errorJson(API_ERROR_CODES.UNAVAILABLE, { code: "UNAVAILABLE", message: `${DATABASE_UNAVAILABLE_MESSAGE} Nothing was changed.` }, { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  const reference = randomUUID().slice(0, 8);
  log.error("api: unexpected error", { where, reference, error: e });
  const code: ApiErrorCode = "INTERNAL";
  return errorJson(API_ERROR_CODES[code], { code, message: `Something went wrong on our side (reference ${reference}). Nothing was changed unless the response said so.`, reference });
}

/**
 * Reads a JSON request body: `application/json` only (a cross-site form cannot send it without a
 * CORS preflight, which this API does not answer), at most `maxBytes` (counted while streaming,
 * so a missing or false Content-Length does not help), and well-formed.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type.trim())) {
    throw new ApiRequestError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with 'Content-Type: application/json'.");
  }
  const tooLarge = () => new ApiRequestError("PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  const text = new TextDecoder().decode(await readBodyBytes(request, maxBytes, tooLarge));
  if (text.trim() === "") throw new ApiRequestError("MALFORMED_JSON", "The request body is empty: send a JSON object.");
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApiRequestError("MALFORMED_JSON", `The request body is not valid JSON (${(e as Error).message}).`);
  }
  // The net under every operation's field schemas: text no field may hold (NUL, control
  // characters, lone surrogates), wherever it is, even in a document passed through as it is.
  const unsafe = findUnsafeText(json);
  if (unsafe.length > 0) {
    throw new AppError("INVALID_INPUT", "The request has text that cannot be stored: see fields.", { fieldErrors: fieldErrorsFromIssues(unsafe.map((i) => ({ path: fieldPath(i.path), message: i.message }))) });
  }
  return json;
}

/** Resolves the caller and runs the handler, turning whatever either throws into the API's JSON error shape. */
function guardedHandler<C>(resolve: (request: Request, params: RouteParams) => Promise<C>, run: (ctx: C, request: Request, params: RouteParams) => Promise<Response>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let response: Response;
    try {
      const params = await context.params;
      const ctx = await resolve(request, params);
      response = await run(ctx, request, params);
    } catch (e) {
      response = errorResponse(e, request);
    }
    try {
      withApiSecurityHeaders(response.headers);
    } catch {
      // Immutable headers (a Response.redirect or a fetched one): proxy.ts sets them in front.
    }
    return response;
  };
}

/**
 * A route handler inside an organisation (`/api/v1/orgs/[org]/…`). It resolves the caller (API
 * token or session) and checks the permission before `run` sees the request, and turns whatever
 * `run` throws into the API's JSON error shape.
 */
export function apiHandler(permission: Permission, run: (ctx: OrgContext, request: Request, params: RouteParams) => Promise<Response>) {
  return guardedHandler(async (request, params) => {
    // No organisation's slug has a control character; one in the address must not reach the database.
    if (textProblem(params.org ?? "", "single-line")) throw notFoundError("Organisation");
    return resolveApiContext(request, params.org ?? "", permission);
  }, run);
}

/**
 * A route handler of a practice (`/api/v1/practices/[practice]/…`, decision 043): the caller is a
 * practice API token or the session of a member of the practice, checked against the practice
 * permission before `run` sees the request.
 */
export function practiceApiHandler(permission: PracticePermission, run: (ctx: PracticeContext, request: Request, params: RouteParams) => Promise<Response>) {
  return guardedHandler(async (request, params) => {
    if (textProblem(params.practice ?? "", "single-line")) throw notFoundError("Practice");
    return resolvePracticeApiContext(request, params.practice ?? "", permission);
  }, run);
}
