"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { createModelSchema, deleteModelSchema, modelSchemaFor, storedModelValues, updateModelSchema } from "@/lib/models/schemas";
import { getModel } from "@/lib/models/queries";
import { catalogueModel } from "@/lib/catalogue/facts";
import { createModel, deleteModel, updateModel } from "@/lib/models/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

const inventoryPath = (slug: string) => `/${slug}/inventory`;
const modelsPath = (slug: string) => `/${slug}/inventory/models`;

export const createModelAction = orgAction("inventory:write", createModelSchema, async (ctx, input) => {
  const model = await createModel(ctx, input);
  revalidatePath(inventoryPath(ctx.organisationSlug), "layout");
  redirect(`${modelsPath(ctx.organisationSlug)}/${model.id}`);
});

/** Saves and stays on the model's page, which re-renders with the new score; answers how the organisation's score moved. */
export const updateModelAction = orgAction("inventory:write", updateModelSchema, async (ctx, { id, version, ...parsed }) => {
  // The catalogue entry comes from the stored model, never from the form (docs/decisions/009).
  const stored = await getModel(ctx, id);
  const catalogue = catalogueModel(stored?.catalogueKey);
  const input = catalogue ? modelSchemaFor({ catalogue, stored: stored && storedModelValues(stored) }).parse(parsed) : parsed;
  const { move } = await withScoreMove(ctx, () => updateModel(ctx, id, version, input));
  revalidatePath(inventoryPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Model saved.", data: move };
});

export const deleteModelAction = orgAction("inventory:write", deleteModelSchema, async (ctx, input) => {
  await deleteModel(ctx, input.id, input.version);
  revalidatePath(inventoryPath(ctx.organisationSlug), "layout");
  redirect(modelsPath(ctx.organisationSlug));
});
