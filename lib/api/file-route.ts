import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { apiHandler } from "@/lib/api/handler";
import type { Operation } from "@/lib/api/operations";

// The route handler of an operation that answers a file (`success.mediaType`) rather than JSON:
// the caller and permission first (apiHandler), path parameters (malformed: NOT_FOUND), the query
// validated (422 listing every field), errors in the API's JSON shape like every other operation.

export interface ApiFile {
  fileName: string;
  contentType: string;
  body: Uint8Array;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export function apiFileRoute<O extends Operation>(operation: O, run: (input: { ctx: OrgContext; params: z.output<O["params"]>; query: Parsed<O["query"]> }) => Promise<ApiFile>) {
  return apiHandler(operation.permission, async (ctx, request, rawParams) => {
    const params = operation.params.safeParse(rawParams);
    if (!params.success) throw notFoundError(operation.notFound ?? "Resource");
    const query = operation.query?.parse(Object.fromEntries(new URL(request.url).searchParams));
    const file = await run({ ctx, params: params.data as z.output<O["params"]>, query: query as Parsed<O["query"]> });
    return new Response(file.body as BodyInit, {
      status: operation.success.status,
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
