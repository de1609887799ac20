"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteVendorSchema, updateVendorSchema, vendorSchema, vendorSchemaFor } from "@/lib/vendors/schemas";
import { getVendor } from "@/lib/vendors/queries";
import { catalogueVendor } from "@/lib/catalogue/facts";
import { createVendor, deleteVendor, updateVendor } from "@/lib/vendors/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

const vendorsPath = (slug: string) => `/${slug}/inventory/vendors`;

export const createVendorAction = orgAction("inventory:write", vendorSchema, async (ctx, input) => {
  const vendor = await createVendor(ctx, input);
  revalidatePath(vendorsPath(ctx.organisationSlug));
  redirect(`${vendorsPath(ctx.organisationSlug)}/${vendor.id}`);
});

/** Saves and stays on the vendor's page, which re-renders with the new score; answers how the organisation's score moved. */
export const updateVendorAction = orgAction("inventory:write", updateVendorSchema, async (ctx, { id, version, ...parsed }) => {
  // The catalogue entry comes from the stored vendor, never from the form. Parsing a parsed
  // value again gives the same value, so this only adds the override rule.
  const stored = await getVendor(ctx, id);
  const catalogue = catalogueVendor(stored?.catalogueKey);
  const input = catalogue ? vendorSchemaFor({ catalogue, stored }).parse(parsed) : parsed;
  const { move } = await withScoreMove(ctx, () => updateVendor(ctx, id, version, input));
  revalidatePath(vendorsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Vendor saved.", data: move };
});

export const deleteVendorAction = orgAction("inventory:write", deleteVendorSchema, async (ctx, input) => {
  await deleteVendor(ctx, input.id, input.version);
  revalidatePath(vendorsPath(ctx.organisationSlug));
  redirect(vendorsPath(ctx.organisationSlug));
});
