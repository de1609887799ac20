import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, isAppError } from "@/lib/errors";
import { formatBytes, IMPORT_LIMITS, tooLargeMessage } from "@/lib/inventory/file-limits";
import { readBodyBytes } from "@/lib/request-body";

// Shared by the inventory file route handlers (downloads and the upload with progress). They
// resolve the session and role themselves, like every action; errors answer as JSON.

/** A request body larger than an import may be: answered 413 (ADR 031), never read further. */
export class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
}

/**
 * An error as a JSON response: expected ones with their message (and Retry-After when the server
 * says when to try again), others with a reference.
 */
export function fileRouteError(e: unknown): Response {
  if (e instanceof PayloadTooLargeError) return Response.json({ code: "PAYLOAD_TOO_LARGE", message: e.message }, { status: 413 });
  if (isAppError(e)) {
    const retryAfter = e.details?.retryAfterSeconds;
    return Response.json({ code: e.code, message: e.message }, { status: e.status, headers: typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : undefined });
  }
  const reference = randomUUID().slice(0, 8);
  console.error(`[inventory files] unexpected error, reference ${reference}:`, e);
  return Response.json({ code: "INTERNAL", message: `Something went wrong on our side (reference ${reference}). Nothing was imported.` }, { status: 500 });
}

/**
 * Refuses a cross-site request: an upload changes data, and unlike server actions a route
 * handler gets no origin check from Next. (The session cookie is SameSite=Lax as well.)
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A file download that the browser saves under `fileName`, never renders, and does not cache. */
export function downloadResponse(file: { fileName: string; contentType: string; body: Uint8Array }): Response {
  return new Response(file.body as BodyInit, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * Reads an upload form of at most the import limit (the file) plus the form around it. The size
 * is counted while the body streams in, so a missing or false Content-Length does not help, and
 * a body over the limit is refused as too large (413), not parsed as a form cut short.
 */
export async function readUploadForm(request: Request): Promise<FormData> {
  const max = IMPORT_LIMITS.maxUploadBytes + IMPORT_LIMITS.maxFormOverheadBytes;
  const body = await readBodyBytes(request, max, (declared) =>
    declared === undefined
      ? new PayloadTooLargeError(`The upload is larger than ${formatBytes(IMPORT_LIMITS.maxUploadBytes)}, the most that can be imported at once. Nothing was imported.`)
      : new PayloadTooLargeError(`${capitalise(tooLargeMessage(declared, "the upload"))}. Nothing was imported.`),
  );
  try {
    return await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("INVALID_INPUT", "The upload was not a form with a file.");
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
