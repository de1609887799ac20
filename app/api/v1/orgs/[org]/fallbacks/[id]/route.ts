import { apiRoute } from "@/lib/api/route";
import { deleteFallbackOperation, getFallbackOperation, updateFallbackOperation } from "@/lib/api/ai-system-operations";
import { presentFallback, routeRuleSchema } from "@/lib/api/ai-system-schemas";
import { assertOwnBodyIds, definedOnly } from "@/lib/api/body-ids";
import { notFoundError } from "@/lib/errors";
import { getFallback } from "@/lib/fallbacks/queries";
import { deleteFallback, updateFallback } from "@/lib/fallbacks/mutations";

export const GET = apiRoute(getFallbackOperation, async ({ ctx, params }) => {
  const fallback = await getFallback(ctx, params.id);
  if (!fallback) throw notFoundError("Fallback");
  return presentFallback(fallback);
});

export const PATCH = apiRoute(updateFallbackOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values; the merged row must still name a cloud exactly for cloud paths.
  const current = await getFallback(ctx, params.id);
  if (!current) throw notFoundError("Fallback");
  const { id: _id, dependencyId: _dependency, version: _version, ...stored } = current;
  const merged = { ...stored, ...definedOnly(changes) };
  routeRuleSchema.parse(merged);
  await assertOwnBodyIds(ctx, { modelId: changes.modelId, cloudVendorId: changes.cloudVendorId });
  return presentFallback(await updateFallback(ctx, params.id, version, merged));
});

export const DELETE = apiRoute(deleteFallbackOperation, async ({ ctx, params, query }) => {
  await deleteFallback(ctx, params.id, query.version);
});
