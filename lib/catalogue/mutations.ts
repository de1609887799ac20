import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { vendorSelect } from "@/lib/vendors/queries";
import { catalogueDate, catalogueModelsOf, catalogueVendor } from "@/lib/catalogue/facts";

const modelSelect = { id: true, name: true, family: true, catalogueKey: true, weights: true, licence: true, trainingCompute: true, offeredAccessPaths: true, source: true, sourceAsOf: true, version: true } as const;

export interface AddedFromCatalogue {
  vendor: { id: string; name: string };
  /** False when the organisation already had the vendor (same catalogue key or name). */
  vendorCreated: boolean;
  addedModels: { id: string; name: string }[];
  /** Chosen models the vendor already had (same catalogue key or name): left as they are. */
  skippedModels: string[];
}

/**
 * Adds a catalogue vendor and the chosen models of it to the organisation's inventory, with
 * the catalogue's facts, source and date, in one transaction with an audit event per row.
 * A vendor the organisation already has (same catalogue key, or same name) is kept as it is
 * (its facts may be the organisation's own); only the models it lacks are added.
 */
export async function addVendorFromCatalogue(ctx: OrgContext, input: { catalogueKey: string; modelKeys?: readonly string[] }): Promise<AddedFromCatalogue> {
  assertCan(ctx, "inventory:write");
  const entry = catalogueVendor(input.catalogueKey);
  if (!entry) throw new AppError("INVALID_INPUT", "This vendor is not in the catalogue", { fieldErrors: { catalogueKey: ["Choose a vendor from the catalogue"] } });
  const offered = catalogueModelsOf(entry.key);
  const wanted = [...new Set(input.modelKeys ?? [])];
  const unknown = wanted.filter((k) => !offered.some((m) => m.key === k));
  if (unknown.length) throw new AppError("INVALID_INPUT", `Not a model of ${entry.name} in the catalogue: ${unknown.join(", ")}`, { fieldErrors: { modelKeys: ["Choose models of this vendor"] } });
  const chosen = offered.filter((m) => wanted.includes(m.key));
  const organisationId = ctx.organisationId;

  return db()
    .$transaction(async (tx) => {
      const existing = await tx.vendor.findFirst({
        where: { organisationId, OR: [{ catalogueKey: entry.key }, { name: { equals: entry.name, mode: "insensitive" } }] },
        // Prefer the vendor linked to the catalogue entry over a namesake entered by hand.
        orderBy: [{ catalogueKey: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
        select: { id: true, name: true, models: { select: { catalogueKey: true, name: true } } },
      });
      let vendor = existing && { id: existing.id, name: existing.name };
      if (!vendor) {
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
        vendor = { id: created.id, name: created.name };
      }
      const has = existing?.models ?? [];
      const isThere = (m: (typeof chosen)[number]) => has.some((h) => h.catalogueKey === m.key || h.name.toLowerCase() === m.name.toLowerCase());
      const addedModels: AddedFromCatalogue["addedModels"] = [];
      for (const m of chosen.filter((c) => !isThere(c))) {
        const model = await tx.model.create({
          data: {
            organisationId,
            vendorId: vendor.id,
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
          select: modelSelect,
        });
        await recordAudit(tx, ctx, { action: "create", entityType: "model", entityId: model.id, after: model });
        addedModels.push({ id: model.id, name: model.name });
      }
      return { vendor, vendorCreated: !existing, addedModels, skippedModels: chosen.filter(isThere).map((m) => m.name) };
    })
    .catch((e: unknown) => {
      // Someone added the same vendor or model at the same moment: the unique name caught it.
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        throw new AppError("CONFLICT", `${entry.name} was added meanwhile. Search again to see what is already in your inventory.`);
      }
      throw e;
    });
}
