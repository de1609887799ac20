import { apiRoute } from "@/lib/api/route";
import { createDependencyOperation, listDependenciesOperation } from "@/lib/api/ai-system-operations";
import { presentDependency } from "@/lib/api/ai-system-schemas";
import { assertOwnBodyIds } from "@/lib/api/body-ids";
import { listDependencies } from "@/lib/dependencies/queries";
import { createDependency } from "@/lib/dependencies/mutations";

export const GET = apiRoute(listDependenciesOperation, async ({ ctx, query }) => {
  const { items, total } = await listDependencies(ctx, query);
  return { items: items.map(presentDependency), page: query.page, size: query.size, total };
});

export const POST = apiRoute(createDependencyOperation, async ({ ctx, body, responseHeaders }) => {
  await assertOwnBodyIds(ctx, { aiSystemId: body.aiSystemId, modelId: body.modelId, cloudVendorId: body.cloudVendorId });
  const dependency = await createDependency(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/dependencies/${dependency.id}`);
  return presentDependency(dependency);
});
