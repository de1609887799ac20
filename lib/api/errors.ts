import { z } from "zod";
import { APP_ERROR_CODES, type AppErrorCode } from "@/lib/errors";

// The public API's error shape: `{ error: { code, message, fields?, current?, reference? } }`.
// AppError covers what data code can refuse; the HTTP layer adds what only a request can get wrong.

export const API_ERROR_CODES = {
  ...APP_ERROR_CODES,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** A refusal that only the HTTP layer can make (body not JSON, too large, wrong media type). */
export class ApiRequestError extends Error {
  override name = "ApiRequestError";
  constructor(
    readonly code: Exclude<ApiErrorCode, AppErrorCode | "INTERNAL" | "UNAVAILABLE">,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return API_ERROR_CODES[this.code];
  }
}

export const fieldErrorsSchema = z
  .record(z.string(), z.array(z.string()))
  .meta({ description: 'Every problem, by field: dotted paths into the body or query ("teams.2"), "$" for the body as a whole; JSON paths ("$.offices[0].country") for inventory documents.' });

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(API_ERROR_CODES) as [ApiErrorCode, ...ApiErrorCode[]]),
    message: z.string().meta({ description: "Safe to show to a person" }),
    fields: fieldErrorsSchema.optional(),
    current: z.record(z.string(), z.unknown()).optional().meta({ description: "CONFLICT: the row as it stands now, with its current version" }),
    reference: z.string().optional().meta({ description: "INTERNAL: quote it when reporting the problem; the server log has the details" }),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

type ZodIssue = z.core.$ZodIssue;

/** `["teams", 2]` -> `"teams.2"`; the body itself -> `"$"`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "$" : path.map(String).join(".");
}

function collect(issues: readonly ZodIssue[], prefix: readonly PropertyKey[], out: Record<string, string[]>) {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // A union's branches each fail; report the branch that got furthest into the value (the
      // deepest path; then the fewest problems), not "Invalid input".
      const depth = (branch: readonly ZodIssue[]) => Math.max(0, ...branch.map((i) => i.path.length));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0]!;
      if (best.length > 0) {
        collect(best, path, out);
        continue;
      }
    }
    (out[fieldPath(path)] ??= []).push(issue.message);
  }
}

/**
 * Every zod issue by field, so a client can show all problems at once.
 * @example fieldErrorsFromZod(schema.safeParse({ name: "" }).error) // { name: ["Enter a name"], country: ["..."] }
 */
export function fieldErrorsFromZod(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  collect(error.issues, [], out);
  return out;
}

/** Issues with JSON paths (the inventory document's validation) grouped by path. */
export function fieldErrorsFromIssues(issues: readonly { path: string; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { path, message } of issues) (out[path] ??= []).push(message);
  return out;
}
