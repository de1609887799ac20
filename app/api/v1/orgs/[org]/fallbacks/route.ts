import { apiRoute } from "@/lib/api/route";
import { createFallbackOperation, listFallbacksOperation } from "@/lib/api/ai-system-operations";
import { presentFallback } from "@/lib/api/ai-system-schemas";
import { assertOwnBodyIds } from "@/lib/api/body-ids";
import { listFallbacks } from "@/lib/fallbacks/queries";
import { createFallback } from "@/lib/fallbacks/mutations";

export const GET = apiRoute(listFallbacksOperation, async ({ ctx, query }) => {
  const { items, total } = await listFallbacks(ctx, query);
  return { items: items.map(presentFallback), page: query.page, size: query.size, total };
});

export const POST = apiRoute(createFallbackOperation, async ({ ctx, body, responseHeaders }) => {
  await assertOwnBodyIds(ctx, { dependencyId: body.dependencyId, modelId: body.modelId, cloudVendorId: body.cloudVendorId });
  const fallback = await createFallback(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/fallbacks/${fallback.id}`);
  return presentFallback(fallback);
});
