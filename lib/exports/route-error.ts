import "server-only";
import { randomUUID } from "node:crypto";
import { isAppError } from "@/lib/errors";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";

/** An export download's error as JSON: expected ones with their message, others with a logged reference. */
export function exportRouteError(e: unknown): Response {
  if (isAppError(e)) return Response.json({ code: e.code, message: e.message }, { status: e.status });
  if (isDatabaseUnavailable(e)) {
    console.error(`[exports] the database is unavailable: ${e instanceof Error ? e.message.trim().split("\n").at(-1) : String(e)}`);
    return Response.json({ code: "UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) } });
  }
  const reference = randomUUID().slice(0, 8);
  console.error(`[exports] unexpected error, reference ${reference}:`, e);
  return Response.json({ code: "INTERNAL", message: `Something went wrong on our side (reference ${reference}). Try again; if it persists, give the reference to support.` }, { status: 500 });
}
