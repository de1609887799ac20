"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteOfficeSchema, officeSchema, updateOfficeSchema } from "@/lib/offices/schemas";
import { createOffice, deleteOffice, updateOffice } from "@/lib/offices/mutations";

const officesPath = (slug: string) => `/${slug}/inventory/offices`;

export const createOfficeAction = orgAction("inventory:write", officeSchema, async (ctx, input) => {
  await createOffice(ctx, input);
  revalidatePath(officesPath(ctx.organisationSlug));
  redirect(officesPath(ctx.organisationSlug));
});

export const updateOfficeAction = orgAction("inventory:write", updateOfficeSchema, async (ctx, { id, version, ...input }) => {
  await updateOffice(ctx, id, version, input);
  revalidatePath(officesPath(ctx.organisationSlug));
  redirect(officesPath(ctx.organisationSlug));
});

export const deleteOfficeAction = orgAction("inventory:write", deleteOfficeSchema, async (ctx, input) => {
  await deleteOffice(ctx, input.id, input.version);
  revalidatePath(officesPath(ctx.organisationSlug));
  redirect(officesPath(ctx.organisationSlug));
});
