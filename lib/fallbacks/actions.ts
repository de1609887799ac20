"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteFallbackSchema, fallbackSchema } from "@/lib/fallbacks/schemas";
import { createFallback, deleteFallback } from "@/lib/fallbacks/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

// Fallbacks are edited on their AI system's page, which re-renders with the new score.
const systemsPath = (slug: string) => `/${slug}/inventory/ai-systems`;

export const createFallbackAction = orgAction("inventory:write", fallbackSchema, async (ctx, input) => {
  const { move } = await withScoreMove(ctx, () => createFallback(ctx, input));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Fallback added.", data: move };
});

export const deleteFallbackAction = orgAction("inventory:write", deleteFallbackSchema, async (ctx, input) => {
  const { move } = await withScoreMove(ctx, () => deleteFallback(ctx, input.id, input.version));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Fallback removed.", data: move };
});
