"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteScenarioSchema, runScenarioSchema, scenarioSchema, updateScenarioSchema } from "@/lib/scenarios/schemas";
import { createScenario, deleteScenario, runScenario, updateScenario } from "@/lib/scenarios/mutations";

const scenariosPath = (slug: string) => `/${slug}/scenarios`;

/** Saves a new scenario, runs it, and opens its blast radius. */
export const createScenarioAction = orgAction("scenarios:run", scenarioSchema, async (ctx, input) => {
  const scenario = await createScenario(ctx, input);
  await runScenario(ctx, scenario.id);
  revalidatePath(scenariosPath(ctx.organisationSlug));
  redirect(`${scenariosPath(ctx.organisationSlug)}/${scenario.id}`);
});

/** Saves the edited scenario, runs it again, and opens its blast radius. */
export const updateScenarioAction = orgAction("scenarios:run", updateScenarioSchema, async (ctx, { id, version, ...input }) => {
  await updateScenario(ctx, id, version, input);
  await runScenario(ctx, id);
  revalidatePath(scenariosPath(ctx.organisationSlug));
  redirect(`${scenariosPath(ctx.organisationSlug)}/${id}`);
});

export const deleteScenarioAction = orgAction("scenarios:run", deleteScenarioSchema, async (ctx, input) => {
  await deleteScenario(ctx, input.id, input.version);
  revalidatePath(scenariosPath(ctx.organisationSlug));
  redirect(scenariosPath(ctx.organisationSlug));
});

/** Runs a saved scenario again on today's inventory. */
export const runScenarioAction = orgAction("scenarios:run", runScenarioSchema, async (ctx, input) => {
  await runScenario(ctx, input.id);
  revalidatePath(scenariosPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Scenario run on the current inventory." };
});
