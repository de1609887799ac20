"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction, userAction } from "@/lib/actions";
import { organisationSchema, updateOrganisationSchema } from "@/lib/organisations/schemas";
import { createOrganisation, updateOrganisation } from "@/lib/organisations/mutations";

export const createOrganisationAction = userAction(organisationSchema, async (user, input) => {
  const organisation = await createOrganisation(user.id, input);
  redirect(`/${organisation.slug}`);
});

export const updateOrganisationAction = orgAction("organisation:update", updateOrganisationSchema, async (ctx, input) => {
  await updateOrganisation(ctx, input);
  revalidatePath(`/${ctx.organisationSlug}`, "layout");
  return { status: "success", message: "Organisation saved." };
});
