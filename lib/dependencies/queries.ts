import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";

/** The caller's models with their vendors, for a dependency's or fallback's model picker. */
export async function listModelChoices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  return db().model.findMany({
    where: { organisationId: ctx.organisationId },
    select: { id: true, name: true, weights: true, vendor: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** The caller's vendors that can host models (any vendor may be a cloud operator), for the cloud picker. */
export async function listCloudChoices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  return db().vendor.findMany({ where: { organisationId: ctx.organisationId }, select: { id: true, name: true, vendorType: true }, orderBy: { name: "asc" } });
}

/** How many data flows each of these dependencies carries (one query), for the remove dialogs. */
export async function countDataFlowsByDependency(ctx: OrgContext, dependencyIds: string[]) {
  assertCan(ctx, "inventory:read");
  if (!dependencyIds.length) return new Map<string, number>();
  const groups = await db().dataFlow.groupBy({
    by: ["dependencyId"],
    where: { organisationId: ctx.organisationId, dependencyId: { in: dependencyIds } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.dependencyId!, g._count._all]));
}
