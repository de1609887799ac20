import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";

/** A fallback's own fields: the public API's resource, the mutations' answers and their audit snapshots. */
export const fallbackResourceSelect = {
  id: true,
  dependencyId: true,
  modelId: true,
  accessPath: true,
  cloudVendorId: true,
  hostingCountry: true,
  hostingRegion: true,
  lastTestedAt: true,
  switchTimeMinutes: true,
  qualityParityChecked: true,
  exitPlan: true,
  exitPlanUrl: true,
  version: true,
} as const;

/**
 * A page of the caller's fallbacks, oldest first, optionally of one dependency. Another
 * organisation's (or no) dependency answers NOT_FOUND, not an empty page.
 */
export async function listFallbacks(ctx: OrgContext, { dependencyId, page, size }: { dependencyId?: string; page: number; size: number }) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  if (dependencyId && !(await prisma.dependency.count({ where: { id: dependencyId, organisationId: ctx.organisationId } }))) throw notFoundError("Dependency");
  const where = { organisationId: ctx.organisationId, ...(dependencyId && { dependencyId }) };
  const [items, total] = await prisma.$transaction([
    prisma.fallback.findMany({ where, select: fallbackResourceSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: (page - 1) * size, take: size }),
    prisma.fallback.count({ where }),
  ]);
  return { items, total };
}

/** One of the caller's fallbacks, or null (also for another organisation's id). */
export async function getFallback(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  return db().fallback.findFirst({ where: { id, organisationId: ctx.organisationId }, select: fallbackResourceSelect });
}
