import { apiRoute } from "@/lib/api/route";
import { deleteDataFlowOperation, getDataFlowOperation, updateDataFlowOperation } from "@/lib/api/data-flow-operations";
import { notFoundError } from "@/lib/errors";
import { getDataFlowFields } from "@/lib/data-flows/queries";
import { deleteDataFlow, updateDataFlow } from "@/lib/data-flows/mutations";
import { dataFlowSchema, toDataFlowInput, toDataFlowResource } from "@/lib/data-flows/schemas";

export const GET = apiRoute(getDataFlowOperation, async ({ ctx, params }) => {
  const flow = await getDataFlowFields(ctx, params.id);
  if (!flow) throw notFoundError("Data flow");
  return toDataFlowResource(flow);
});

export const PATCH = apiRoute(updateDataFlowOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values (a stored flow with both origins keeps its office,
  // docs/decisions/015); the merged flow is checked with the form's schema, one origin included.
  // If the flow changed since `version`, the guarded update refuses with the current row.
  const current = await getDataFlowFields(ctx, params.id);
  if (!current) throw notFoundError("Data flow");
  const input = dataFlowSchema.parse({ ...toDataFlowInput(current), ...definedOnly(changes) });
  return updateDataFlow(ctx, params.id, version, input);
});

export const DELETE = apiRoute(deleteDataFlowOperation, async ({ ctx, params, query }) => {
  await deleteDataFlow(ctx, params.id, query.version);
});

/** `{ a: undefined }` must not overwrite `a` when merged. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
