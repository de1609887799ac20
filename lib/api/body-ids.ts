import "server-only";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";

/**
 * The ids a request body names must be the caller's organisation's own. The public API answers
 * another organisation's id like an unknown one (404), before anything is written; the mutations
 * check again inside their transactions (the forms show field errors instead).
 */
export async function assertOwnBodyIds(
  ctx: OrgContext,
  ids: { officeIds?: string[]; aiSystemId?: string; dependencyId?: string; modelId?: string; cloudVendorId?: string | null },
) {
  const organisationId = ctx.organisationId;
  const prisma = db();
  const checks: [boolean, string, () => Promise<boolean>][] = [
    [Boolean(ids.officeIds?.length), "Office", async () => (await prisma.office.count({ where: { organisationId, id: { in: ids.officeIds } } })) === new Set(ids.officeIds).size],
    [Boolean(ids.aiSystemId), "AI system", async () => (await prisma.aiSystem.count({ where: { organisationId, id: ids.aiSystemId } })) === 1],
    [Boolean(ids.dependencyId), "Dependency", async () => (await prisma.dependency.count({ where: { organisationId, id: ids.dependencyId } })) === 1],
    [Boolean(ids.modelId), "Model", async () => (await prisma.model.count({ where: { organisationId, id: ids.modelId } })) === 1],
    [Boolean(ids.cloudVendorId), "Cloud vendor", async () => (await prisma.vendor.count({ where: { organisationId, id: ids.cloudVendorId! } })) === 1],
  ];
  for (const [given, what, found] of checks) if (given && !(await found())) throw notFoundError(what);
}

/** `{ a: undefined }` must not overwrite `a` when merged into the stored row. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
