"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { aiSystemSchema, deleteAiSystemSchema, updateAiSystemSchema } from "@/lib/ai-systems/schemas";
import { createAiSystem, deleteAiSystem, updateAiSystem } from "@/lib/ai-systems/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

const systemsPath = (slug: string) => `/${slug}/inventory/ai-systems`;

export const createAiSystemAction = orgAction("inventory:write", aiSystemSchema, async (ctx, input) => {
  const system = await createAiSystem(ctx, input);
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  redirect(`${systemsPath(ctx.organisationSlug)}/${system.id}`);
});

/** Saves and stays on the system's page (re-rendered with the new score); answers how the organisation's score moved. */
export const updateAiSystemAction = orgAction("inventory:write", updateAiSystemSchema, async (ctx, { id, version, ...input }) => {
  const { move } = await withScoreMove(ctx, () => updateAiSystem(ctx, id, version, input));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "AI system saved.", data: move };
});

export const deleteAiSystemAction = orgAction("inventory:write", deleteAiSystemSchema, async (ctx, input) => {
  await deleteAiSystem(ctx, input.id, input.version);
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  redirect(systemsPath(ctx.organisationSlug));
});
