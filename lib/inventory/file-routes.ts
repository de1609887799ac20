import "server-only";
import { randomUUID } from "node:crypto";
import { isAppError } from "@/lib/errors";

// Shared by the inventory file route handlers (downloads and the upload with progress). They
// resolve the session and role themselves, like every action; errors answer as JSON.

/** An error as a JSON response: expected ones with their message, others with a reference. */
export function fileRouteError(e: unknown): Response {
  if (isAppError(e)) return Response.json({ code: e.code, message: e.message }, { status: e.status });
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
