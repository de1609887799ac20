import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { documentFromRows, INVENTORY_ORDER, INVENTORY_SELECT, type InventoryRowIds, type InventoryRows } from "@/lib/inventory/document-rows";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export { toDocumentValue } from "@/lib/inventory/document-rows";

/**
 * Reads the caller's organisation into an inventory document: one query per table, all scoped
 * by organisation. Data flows without an origin office or a dependency, which the engine
 * cannot place, are left out and counted in `skippedDataFlows`.
 */
export async function loadInventoryDocument(ctx: OrgContext): Promise<{ document: InventoryDocumentInput; skippedDataFlows: number; systemIds: Record<string, string>; rowIds: InventoryRowIds }> {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  return documentFromRows(await readInventoryRows(prisma, await prisma.organisation.findUniqueOrThrow({ where: { id: ctx.organisationId } })));
}

/**
 * The rows of one organisation's inventory, in the document's order, through the client given
 * (the app's, or a test's or bench's own on another database): one query per table, each scoped
 * by the organisation, each reading only the columns the document uses.
 */
export async function readInventoryRows(prisma: PrismaClient, organisation: InventoryRows["organisation"]): Promise<InventoryRows> {
  const where = { organisationId: organisation.id };
  const o = INVENTORY_ORDER;
  const c = INVENTORY_SELECT;
  const [offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents] = await Promise.all([
    prisma.office.findMany({ where, orderBy: o.offices, select: c.offices }),
    prisma.vendor.findMany({ where, orderBy: o.vendors, select: c.vendors }),
    prisma.model.findMany({ where, orderBy: [...o.models], select: c.models }),
    prisma.aiSystem.findMany({ where, orderBy: o.aiSystems, select: c.aiSystems }),
    prisma.dependency.findMany({ where, orderBy: [...o.dependencies], select: c.dependencies }),
    prisma.fallback.findMany({ where, orderBy: [...o.fallbacks], select: c.fallbacks }),
    prisma.dataFlow.findMany({ where, orderBy: o.dataFlows, select: c.dataFlows }),
    prisma.policyEvent.findMany({ where, orderBy: [...o.policyEvents] }),
  ]);
  return { organisation, offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents };
}

