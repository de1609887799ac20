import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { CatalogueVendorFacts } from "@/lib/catalogue/facts";

/** Which of these catalogue vendors the organisation already has, and which of their models. */
export interface InventoryMatch {
  vendorId: string;
  vendorName: string;
  /** Catalogue keys and names (lower case) of the vendor's models in the inventory. */
  modelKeys: string[];
  modelNames: string[];
}

/**
 * The organisation's vendors that are these catalogue entries: same catalogue key, or the same
 * name (case-insensitive) for a vendor entered by hand. One query for all of them.
 */
export async function findCatalogueVendorsInInventory(ctx: OrgContext, entries: readonly Pick<CatalogueVendorFacts, "key" | "name">[]): Promise<Map<string, InventoryMatch>> {
  assertCan(ctx, "inventory:read");
  const found = new Map<string, InventoryMatch>();
  if (!entries.length) return found;
  const vendors = await db().vendor.findMany({
    where: {
      organisationId: ctx.organisationId,
      OR: [{ catalogueKey: { in: entries.map((e) => e.key) } }, ...entries.map((e) => ({ name: { equals: e.name, mode: "insensitive" as const } }))],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, catalogueKey: true, models: { select: { catalogueKey: true, name: true } } },
  });
  for (const e of entries) {
    const v = vendors.find((x) => x.catalogueKey === e.key) ?? vendors.find((x) => x.name.toLowerCase() === e.name.toLowerCase());
    if (!v) continue;
    found.set(e.key, {
      vendorId: v.id,
      vendorName: v.name,
      modelKeys: v.models.flatMap((m) => (m.catalogueKey ? [m.catalogueKey] : [])),
      modelNames: v.models.map((m) => m.name.toLowerCase()),
    });
  }
  return found;
}
