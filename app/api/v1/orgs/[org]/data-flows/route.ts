import { apiRoute } from "@/lib/api/route";
import { createDataFlowOperation, listDataFlowsOperation } from "@/lib/api/data-flow-operations";
import { listDataFlowsByName } from "@/lib/data-flows/queries";
import { createDataFlow } from "@/lib/data-flows/mutations";
import { toDataFlowResource } from "@/lib/data-flows/schemas";

export const GET = apiRoute(listDataFlowsOperation, async ({ ctx, query }) => {
  const { items, total } = await listDataFlowsByName(ctx, query);
  return { items: items.map(toDataFlowResource), page: query.page, size: query.size, total };
});

export const POST = apiRoute(createDataFlowOperation, async ({ ctx, body, responseHeaders }) => {
  const flow = await createDataFlow(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/data-flows/${flow.id}`);
  return flow;
});
