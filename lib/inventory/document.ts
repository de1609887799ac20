import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { documentFromRows, INVENTORY_ORDER, type InventoryRowIds } from "@/lib/inventory/document-rows";

export { toDocumentValue } from "@/lib/inventory/document-rows";

/**
 * Reads the caller's organisation into an inventory document: one query per table, all scoped
 * by organisation. Data flows without an origin office or a dependency, which the engine
 * cannot place, are left out and counted in `skippedDataFlows`.
 */
export async function loadInventoryDocument(ctx: OrgContext): Promise<{ document: InventoryDocumentInput; skippedDataFlows: number; systemIds: Record<string, string>; rowIds: InventoryRowIds }> {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const prisma = db();
  const o = INVENTORY_ORDER;
  const [organisation, offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents] = await Promise.all([
    prisma.organisation.findUniqueOrThrow({ where: { id: ctx.organisationId } }),
    prisma.office.findMany({ where, orderBy: o.offices }),
    prisma.vendor.findMany({ where, orderBy: o.vendors }),
    prisma.model.findMany({ where, orderBy: [...o.models] }),
    prisma.aiSystem.findMany({ where, orderBy: o.aiSystems, include: { offices: { select: { officeId: true } } } }),
    prisma.dependency.findMany({ where, orderBy: [...o.dependencies] }),
    prisma.fallback.findMany({ where, orderBy: [...o.fallbacks] }),
    prisma.dataFlow.findMany({ where, orderBy: o.dataFlows }),
    prisma.policyEvent.findMany({ where, orderBy: [...o.policyEvents] }),
  ]);
  return documentFromRows({ organisation, offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents });
}

