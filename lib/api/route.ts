import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/auth/org-context";
import type { PracticeContext } from "@/lib/auth/practice-context";
import { notFoundError } from "@/lib/errors";
import { apiHandler, jsonResponse, practiceApiHandler, readJsonBody, type RouteParams } from "@/lib/api/handler";
import type { AnyOperation, Operation, PracticeOperation } from "@/lib/api/operations";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Body<O extends AnyOperation> = O["rawBody"] extends true ? unknown : Parsed<O["body"]>;
/** What a handler returns: the response body before validation, or nothing for 204. */
type Result<O extends AnyOperation> = O["success"]["schema"] extends z.ZodType ? z.input<O["success"]["schema"]> : void;

export interface OperationInput<O extends AnyOperation, C = OrgContext> {
  ctx: C;
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
 * Runs an operation for a resolved caller: path parameters (malformed ids are NOT_FOUND), query
 * and body are validated with the operation's schemas (422 listing every field), and what `run`
 * returns is validated with the response schema before it leaves (as documenso does with `.output`).
 */
async function answer<O extends AnyOperation, C>(operation: O, ctx: C, request: Request, rawParams: RouteParams, run: (input: OperationInput<O, C>) => Promise<Result<O>>): Promise<Response> {
  const params = operation.params.safeParse(rawParams);
  if (!params.success) throw notFoundError(operation.notFound ?? "Resource");
  const query = operation.query?.parse(Object.fromEntries(new URL(request.url).searchParams));
  let body: unknown;
  if (operation.body) {
    const json = await readJsonBody(request, operation.maxBodyBytes);
    body = operation.rawBody ? json : operation.body.parse(json);
  }
  const responseHeaders = new Headers({ "cache-control": "no-store" });
  const data = await run({ ctx, request, params: params.data, query, body, responseHeaders } as OperationInput<O, C>);

  const { status, schema } = operation.success;
  if (!schema) return new Response(null, { status, headers: responseHeaders });
  const checked = schema.safeParse(data);
  if (!checked.success) throw new ResponseValidationError(`${operation.operationId} answered outside its schema:\n${z.prettifyError(checked.error)}`);
  return jsonResponse(checked.data, { status, headers: responseHeaders });
}

/** The route handler of an organisation's operation: the caller and permission are resolved first (apiHandler), then {@link answer}. */
export function apiRoute<O extends Operation>(operation: O, run: (input: OperationInput<O>) => Promise<Result<O>>) {
  return apiHandler(operation.permission, (ctx, request, rawParams) => answer(operation, ctx, request, rawParams, run));
}

/** The route handler of a practice's operation (decision 043): a practice token or member's session first (practiceApiHandler), then {@link answer}. */
export function practiceApiRoute<O extends PracticeOperation>(operation: O, run: (input: OperationInput<O, PracticeContext>) => Promise<Result<O>>) {
  return practiceApiHandler(operation.permission, (ctx, request, rawParams) => answer(operation, ctx, request, rawParams, run));
}
