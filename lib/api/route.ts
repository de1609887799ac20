import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { apiHandler, jsonResponse, readJsonBody } from "@/lib/api/handler";
import type { Operation } from "@/lib/api/operations";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Body<O extends Operation> = O["rawBody"] extends true ? unknown : Parsed<O["body"]>;
/** What a handler returns: the response body before validation, or nothing for 204. */
type Result<O extends Operation> = O["success"]["schema"] extends z.ZodType ? z.input<O["success"]["schema"]> : void;

export interface OperationInput<O extends Operation> {
  ctx: OrgContext;
  request: Request;
  params: z.output<O["params"]>;
  query: Parsed<O["query"]>;
  body: Body<O>;
  /** Headers to send with a successful response (Location, Content-Disposition, ...). */
  responseHeaders: Headers;
}

/** A response body failed its own schema: a bug on our side, never the caller's (500, not 422). */
class ResponseValidationError extends Error {
  override name = "ResponseValidationError";
}

/**
 * The route handler of an operation: the caller and permission are resolved first (apiHandler),
 * then path parameters (malformed ids are NOT_FOUND), query and body are validated with the
 * operation's schemas (422 listing every field), and what `run` returns is validated with the
 * response schema before it leaves (as documenso does with `.output`).
 */
export function apiRoute<O extends Operation>(
  operation: O,
  run: (input: OperationInput<O>) => Promise<Result<O>>,
) {
  return apiHandler(operation.permission, async (ctx, request, rawParams) => {
    const params = operation.params.safeParse(rawParams);
    if (!params.success) throw notFoundError(operation.notFound ?? "Resource");
    const query = operation.query?.parse(Object.fromEntries(new URL(request.url).searchParams));
    let body: unknown;
    if (operation.body) {
      const json = await readJsonBody(request, operation.maxBodyBytes);
      body = operation.rawBody ? json : operation.body.parse(json);
    }
    const responseHeaders = new Headers({ "cache-control": "no-store" });
    const data = await run({ ctx, request, params: params.data, query, body, responseHeaders } as OperationInput<O>);

    const { status, schema } = operation.success;
    if (!schema) return new Response(null, { status, headers: responseHeaders });
    const checked = schema.safeParse(data);
    if (!checked.success) throw new ResponseValidationError(`${operation.operationId} answered outside its schema:\n${z.prettifyError(checked.error)}`);
    return jsonResponse(checked.data, { status, headers: responseHeaders });
  });
}
