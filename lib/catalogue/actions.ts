"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { requireOrg } from "@/lib/auth/context";
import { isAppError } from "@/lib/errors";
import { countryName } from "@/lib/countries";
import { searchCatalogue, type CatalogueHit } from "@/lib/catalogue/search";
import { findCatalogueVendorsInInventory } from "@/lib/catalogue/queries";
import { addVendorFromCatalogue, type AddedFromCatalogue } from "@/lib/catalogue/mutations";
import { addFromCatalogueSchema, catalogueSearchSchema } from "@/lib/catalogue/schemas";

/** A search hit as the picker shows it: country names resolved, and what the organisation already has. */
export type CatalogueSearchHit = CatalogueHit & {
  hqCountryName: string;
  parentCountryName: string;
  inInventory: { vendorId: string; vendorName: string; modelKeys: string[] } | null;
};

export type CatalogueSearchResult = { ok: true; hits: CatalogueSearchHit[] } | { ok: false; message: string };

/**
 * The catalogue search behind the vendor picker. It resolves the session and checks
 * `inventory:read` itself: the page that renders the picker is no guard.
 */
export async function searchCatalogueAction(org: string, query: string): Promise<CatalogueSearchResult> {
  try {
    const input = catalogueSearchSchema.parse({ org, query });
    const ctx = await requireOrg(input.org, "inventory:read");
    const hits = searchCatalogue(input.query);
    const inInventory = await findCatalogueVendorsInInventory(ctx, hits.map((h) => h.vendor));
    return {
      ok: true,
      hits: hits.map((h) => {
        const match = inInventory.get(h.vendor.key);
        // A model counts as there when a model of the vendor has its catalogue key or its name.
        const modelKeys = match ? h.models.filter((m) => match.modelKeys.includes(m.key) || match.modelNames.includes(m.name.toLowerCase())).map((m) => m.key) : [];
        return {
          ...h,
          hqCountryName: countryName(h.vendor.hqCountry),
          parentCountryName: countryName(h.vendor.parentCountry),
          inInventory: match ? { vendorId: match.vendorId, vendorName: match.vendorName, modelKeys } : null,
        };
      }),
    };
  } catch (e) {
    if (isAppError(e)) return { ok: false, message: e.message };
    console.error("[catalogue search] unexpected error:", e);
    return { ok: false, message: "The catalogue search failed. Try again." };
  }
}

/** Adds the chosen catalogue vendor and models; answers what was added and what was already there. */
export const addFromCatalogueAction = orgAction("inventory:write", addFromCatalogueSchema, async (ctx, input) => {
  const added: AddedFromCatalogue = await addVendorFromCatalogue(ctx, input);
  revalidatePath(`/${ctx.organisationSlug}/inventory`, "layout");
  const models = added.addedModels.length;
  const count = `${models} model${models === 1 ? "" : "s"}`;
  const message = added.vendorCreated
    ? `Added ${added.vendor.name}${models ? ` with ${count}` : ""}.`
    : `${added.vendor.name} was already in your inventory: ${models ? `added ${count}` : "no new models"}.`;
  return { status: "success", message, data: added };
});
