import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { authenticateScim } from "@/lib/scim/auth";
import { ScimError } from "@/lib/scim/errors";
import { scimBaseUrl, scimResponse } from "@/lib/scim/http";

// The frame of every SCIM route handler: the caller is authenticated for the organisation in the
// URL before anything else is read, and whatever is thrown leaves in SCIM's error shape.

export interface ScimRequest {
  organisationId: string;
  /** The organisation's SCIM base URL (absolute), for meta.location. */
  base: string;
  request: Request;
  /** Path parameters other than the organisation (`id`). */
  id: string;
  search: URLSearchParams;
}

/** Route parameters as Next passes them (a Promise since Next 15). */
export interface ScimRouteContext {
  params: Promise<Record<string, string>>;
}

/** Maps a thrown error to a SCIM error response; unexpected ones are logged with a reference and answered 500. */
export function scimErrorResponse(e: unknown, request: Request): Response {
  if (e instanceof ScimError) {
    const response = scimResponse(e.body(), { status: e.status });
    if (e.status === 401) response.headers.set("www-authenticate", 'Bearer realm="sovra-scim"');
    return response;
  }
  const where = `${request.method} ${new URL(request.url).pathname}`;
  if (isDatabaseUnavailable(e)) {
    console.error(`[scim] ${where}: the database is unavailable`);
    const response = scimResponse(new ScimError(503, `${DATABASE_UNAVAILABLE_MESSAGE} Nothing was changed.`).body(), { status: 503 });
    response.headers.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
    return response;
  }
  const reference = randomUUID().slice(0, 8);
  console.error(`[scim] ${where}: unexpected error, reference ${reference}:`, e);
  return scimResponse(new ScimError(500, `Something went wrong on Sovra's side (reference ${reference}). Nothing was changed.`).body(), { status: 500 });
}

/**
 * A SCIM route handler under /api/scim/v2/[organisation]/…: authenticates the bearer token for
 * that organisation (401 for anything else), then runs `run`.
 */
export function scimRoute(run: (input: ScimRequest) => Promise<Response>) {
  return async (request: Request, context: ScimRouteContext): Promise<Response> => {
    try {
      const params = await context.params;
      const { organisationId } = await authenticateScim(db(), request.headers.get("authorization"), params.organisation ?? "");
      return await run({ organisationId, base: scimBaseUrl(request, organisationId), request, id: params.id ?? "", search: new URL(request.url).searchParams });
    } catch (e) {
      return scimErrorResponse(e, request);
    }
  };
}
