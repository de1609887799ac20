"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteOfficeSchema, officeSchema, updateOfficeSchema } from "@/lib/offices/schemas";
import { createOffice, deleteOffice, updateOffice } from "@/lib/offices/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

const officesPath = (slug: string) => `/${slug}/inventory/offices`;

export const createOfficeAction = orgAction("inventory:write", officeSchema, async (ctx, input) => {
  await createOffice(ctx, input);
  revalidatePath(officesPath(ctx.organisationSlug));
  redirect(officesPath(ctx.organisationSlug));
});

/** Saves and stays on the office's page, which re-renders with the scores of its AI systems; answers how the organisation's score moved. */
export const updateOfficeAction = orgAction("inventory:write", updateOfficeSchema, async (ctx, { id, version, ...input }) => {
  const { move } = await withScoreMove(ctx, () => updateOffice(ctx, id, version, input));
  revalidatePath(officesPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Office saved.", data: move };
});

export const deleteOfficeAction = orgAction("inventory:write", deleteOfficeSchema, async (ctx, input) => {
  await deleteOffice(ctx, input.id, input.version);
  revalidatePath(officesPath(ctx.organisationSlug));
  redirect(officesPath(ctx.organisationSlug));
});

/**
 * Adds an office from a workshop's first step (decision 038): the same validation and mutation as
 * the Offices page, but the facilitator stays on the workshop screen, which lists it at once.
 */
export const captureOfficeAction = orgAction("inventory:write", officeSchema, async (ctx, input) => {
  await createOffice(ctx, input);
  revalidatePath(officesPath(ctx.organisationSlug));
  revalidatePath(`/${ctx.organisationSlug}/workshops`, "layout");
  return { status: "success", message: `Added ${input.name} (${input.headcount.toLocaleString("en")} ${input.headcount === 1 ? "person" : "people"}).` };
});
