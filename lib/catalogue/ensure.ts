import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/auth/org-context";
import { recordAudit } from "@/lib/audit/record";
import { vendorSelect } from "@/lib/vendors/queries";
import { catalogueDate, type CatalogueModelFacts, type CatalogueVendorFacts } from "@/lib/catalogue/facts";

// Find-or-create of catalogue entries inside the caller's transaction, for adding a vendor from
// the catalogue and for the workshop's one-step capture. The caller has checked the role; every
// read and write is scoped to ctx.organisationId.

type Tx = Prisma.TransactionClient;

export const catalogueModelSelect = { id: true, name: true, family: true, catalogueKey: true, weights: true, licence: true, trainingCompute: true, offeredAccessPaths: true, source: true, sourceAsOf: true, version: true } as const;

/**
 * The organisation's vendor for a catalogue entry: the one linked to it, else a namesake entered
 * by hand, else a new row with the catalogue's facts (audited). `created` says which.
 */
export async function ensureCatalogueVendor(tx: Tx, ctx: Pick<OrgContext, "organisationId" | "userId">, entry: CatalogueVendorFacts) {
  const organisationId = ctx.organisationId;
  const existing = await tx.vendor.findFirst({
    where: { organisationId, OR: [{ catalogueKey: entry.key }, { name: { equals: entry.name, mode: "insensitive" } }] },
    // Prefer the vendor linked to the catalogue entry over a namesake entered by hand.
    orderBy: [{ catalogueKey: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: { id: true, name: true },
  });
  if (existing) return { vendor: existing, created: false };
  const created = await tx.vendor.create({
    data: {
      organisationId,
      name: entry.name,
      catalogueKey: entry.key,
      vendorType: entry.vendorType,
      hqCountry: entry.hqCountry,
      parentName: entry.parentName,
      parentCountry: entry.parentCountry,
      source: entry.source,
      sourceAsOf: catalogueDate(entry.asOf),
    },
    select: vendorSelect,
  });
  await recordAudit(tx, ctx, { action: "create", entityType: "vendor", entityId: created.id, after: created });
  return { vendor: { id: created.id, name: created.name }, created: true };
}

/** The vendor's model for a catalogue entry (same catalogue key or name), else a new one with the catalogue's facts (audited). */
export async function ensureCatalogueModel(tx: Tx, ctx: Pick<OrgContext, "organisationId" | "userId">, vendorId: string, m: CatalogueModelFacts) {
  const organisationId = ctx.organisationId;
  const existing = await tx.model.findFirst({
    where: { organisationId, vendorId, OR: [{ catalogueKey: m.key }, { name: { equals: m.name, mode: "insensitive" } }] },
    orderBy: [{ catalogueKey: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: { id: true, name: true },
  });
  if (existing) return { model: existing, created: false };
  const model = await tx.model.create({
    data: {
      organisationId,
      vendorId,
      name: m.name,
      family: m.family,
      catalogueKey: m.key,
      weights: m.weights,
      licence: m.licence,
      trainingCompute: m.trainingCompute,
      offeredAccessPaths: m.offeredAccessPaths as unknown as Prisma.InputJsonValue,
      source: m.source,
      sourceAsOf: catalogueDate(m.asOf),
    },
    select: catalogueModelSelect,
  });
  await recordAudit(tx, ctx, { action: "create", entityType: "model", entityId: model.id, after: model });
  return { model: { id: model.id, name: model.name }, created: true };
}
