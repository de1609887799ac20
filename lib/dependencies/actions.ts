"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteDependencySchema, dependencySchema, updateDependencySchema } from "@/lib/dependencies/schemas";
import { createDependency, deleteDependency, updateDependency } from "@/lib/dependencies/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

// Dependencies are edited on their AI system's page, which re-renders with the new score.
const systemsPath = (slug: string) => `/${slug}/inventory/ai-systems`;

export const createDependencyAction = orgAction("inventory:write", dependencySchema, async (ctx, input) => {
  const { move } = await withScoreMove(ctx, () => createDependency(ctx, input));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Dependency added.", data: move };
});

export const updateDependencyAction = orgAction("inventory:write", updateDependencySchema, async (ctx, { id, version, ...input }) => {
  const { move } = await withScoreMove(ctx, () => updateDependency(ctx, id, version, input));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Dependency saved.", data: move };
});

export const deleteDependencyAction = orgAction("inventory:write", deleteDependencySchema, async (ctx, input) => {
  const { move } = await withScoreMove(ctx, () => deleteDependency(ctx, input.id, input.version));
  revalidatePath(systemsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Dependency removed.", data: move };
});
