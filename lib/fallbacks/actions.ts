"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteFallbackSchema, fallbackSchema, updateFallbackSchema } from "@/lib/fallbacks/schemas";
import { createFallback, deleteFallback, updateFallback } from "@/lib/fallbacks/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

// Fallbacks are edited on their AI system's page, which re-renders with the new score.
const systemsPath = (slug: string) => `/${slug}/inventory/ai-systems`;

export const createFallbackAction = orgAction("inventory:write", fallbackSchema, async (ctx, input) => {
  const { move } = await withScoreMove(ctx, () => createFallback(ctx, input));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Fallback added.", data: move };
});

export const updateFallbackAction = orgAction("inventory:write", updateFallbackSchema, async (ctx, { id, version, ...input }) => {
  const { move } = await withScoreMove(ctx, () => updateFallback(ctx, id, version, input));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Fallback saved.", data: move };
});

export const deleteFallbackAction = orgAction("inventory:write", deleteFallbackSchema, async (ctx, input) => {
  const { move } = await withScoreMove(ctx, () => deleteFallback(ctx, input.id, input.version));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Fallback removed.", data: move };
});
