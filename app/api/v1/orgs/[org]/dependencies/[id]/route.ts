import { apiRoute } from "@/lib/api/route";
import { deleteDependencyOperation, getDependencyOperation, updateDependencyOperation } from "@/lib/api/ai-system-operations";
import { presentDependency, routeRuleSchema } from "@/lib/api/ai-system-schemas";
import { assertOwnBodyIds, definedOnly } from "@/lib/api/body-ids";
import { notFoundError } from "@/lib/errors";
import { getDependency } from "@/lib/dependencies/queries";
import { deleteDependency, updateDependency } from "@/lib/dependencies/mutations";

export const GET = apiRoute(getDependencyOperation, async ({ ctx, params }) => {
  const dependency = await getDependency(ctx, params.id);
  if (!dependency) throw notFoundError("Dependency");
  return presentDependency(dependency);
});

export const PATCH = apiRoute(updateDependencyOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values; the merged row must still name a cloud exactly for cloud paths.
  const current = await getDependency(ctx, params.id);
  if (!current) throw notFoundError("Dependency");
  const { id: _id, aiSystemId: _system, version: _version, ...stored } = current;
  const merged = { ...stored, ...definedOnly(changes) };
  routeRuleSchema.parse(merged);
  await assertOwnBodyIds(ctx, { modelId: changes.modelId, cloudVendorId: changes.cloudVendorId });
  return presentDependency(await updateDependency(ctx, params.id, version, merged));
});

export const DELETE = apiRoute(deleteDependencyOperation, async ({ ctx, params, query }) => {
  await deleteDependency(ctx, params.id, query.version);
});
