import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { catalogueModelsOf, catalogueVendor } from "@/lib/catalogue/facts";
import { ensureCatalogueModel, ensureCatalogueVendor } from "@/lib/catalogue/ensure";

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

  return db()
    .$transaction(async (tx) => {
      const { vendor, created } = await ensureCatalogueVendor(tx, ctx, entry);
      const addedModels: AddedFromCatalogue["addedModels"] = [];
      const skippedModels: string[] = [];
      for (const m of chosen) {
        const found = await ensureCatalogueModel(tx, ctx, vendor.id, m);
        if (found.created) addedModels.push(found.model);
        else skippedModels.push(m.name);
      }
      return { vendor, vendorCreated: created, addedModels, skippedModels };
    })
    .catch((e: unknown) => {
      // Someone added the same vendor or model at the same moment: the unique name caught it.
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        throw new AppError("CONFLICT", `${entry.name} was added meanwhile. Search again to see what is already in your inventory.`);
      }
      throw e;
    });
}
