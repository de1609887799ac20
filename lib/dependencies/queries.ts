import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";

/** The caller's models with their vendors, for a dependency's or fallback's model picker. */
export async function listModelChoices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  return db().model.findMany({
    where: { organisationId: ctx.organisationId },
    select: { id: true, name: true, weights: true, vendor: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/**
 * The caller's vendors that host models, for the cloud picker: hyperscalers, cloud providers,
 * resellers and vendors of another kind, and any vendor already recorded as hosting a route (so
 * editing it keeps its value). Labs and open-weight publishers are not offered as clouds.
 */
export async function listCloudChoices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  return db().vendor.findMany({
    where: {
      organisationId: ctx.organisationId,
      OR: [{ vendorType: { in: ["hyperscaler", "cloud_provider", "reseller", "other"] } }, { hostedDependencies: { some: {} } }, { hostedFallbacks: { some: {} } }],
    },
    select: { id: true, name: true, vendorType: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
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

/** A dependency as the public API shows it. */
export const dependencyResourceSelect = {
  id: true,
  aiSystemId: true,
  modelId: true,
  accessPath: true,
  cloudVendorId: true,
  hostingCountry: true,
  hostingRegion: true,
  dataSent: true,
  exitPlanDocumented: true,
  exitPlanLastReviewed: true,
  contractDataResidency: true,
  contractExitTerms: true,
  notes: true,
  version: true,
} as const;

/**
 * A page of the caller's dependencies, oldest first, optionally of one AI system. Another
 * organisation's (or no) AI system answers NOT_FOUND, not an empty page.
 */
export async function listDependencies(ctx: OrgContext, { aiSystemId, page, size }: { aiSystemId?: string; page: number; size: number }) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  if (aiSystemId && !(await prisma.aiSystem.count({ where: { id: aiSystemId, organisationId: ctx.organisationId } }))) throw notFoundError("AI system");
  const where = { organisationId: ctx.organisationId, ...(aiSystemId && { aiSystemId }) };
  const [items, total] = await prisma.$transaction([
    prisma.dependency.findMany({ where, select: dependencyResourceSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: (page - 1) * size, take: size }),
    prisma.dependency.count({ where }),
  ]);
  return { items, total };
}

/** One of the caller's dependencies, or null (also for another organisation's id). */
export async function getDependency(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  return db().dependency.findFirst({ where: { id, organisationId: ctx.organisationId }, select: dependencyResourceSelect });
}
