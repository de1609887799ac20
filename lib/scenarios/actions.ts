"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deleteScenarioSchema, runScenarioSchema, runWorkshopShockSchema, scenarioSchema, updateScenarioSchema } from "@/lib/scenarios/schemas";
import { createScenario, deleteScenario, runScenario, runWorkshopShock, updateScenario } from "@/lib/scenarios/mutations";
import { isAppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/auth/org-context";

const scenariosPath = (slug: string) => `/${slug}/scenarios`;

/**
 * Runs a scenario just saved. The save stands even if the inventory cannot be scored yet: the
 * scenario's page then says it has not run, and "Run again" gives the reason.
 */
async function runAfterSave(ctx: OrgContext, id: string) {
  try {
    await runScenario(ctx, id);
  } catch (e) {
    if (!(isAppError(e) && e.code === "INVALID_INPUT")) throw e;
  }
}

/** Saves a new scenario, runs it, and opens its blast radius. */
export const createScenarioAction = orgAction("scenarios:run", scenarioSchema, async (ctx, input) => {
  const scenario = await createScenario(ctx, input);
  await runAfterSave(ctx, scenario.id);
  revalidatePath(scenariosPath(ctx.organisationSlug));
  redirect(`${scenariosPath(ctx.organisationSlug)}/${scenario.id}`);
});

/** Saves the edited scenario, runs it again, and opens its blast radius. */
export const updateScenarioAction = orgAction("scenarios:run", updateScenarioSchema, async (ctx, { id, version, ...input }) => {
  await updateScenario(ctx, id, version, input);
  await runAfterSave(ctx, id);
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

/** Runs a saved scenario live in a running workshop (the facilitator's step "run shocks together"). */
export const runWorkshopShockAction = orgAction("workshops:run", runWorkshopShockSchema, async (ctx, input) => {
  const { result } = await runWorkshopShock(ctx, input);
  revalidatePath(`/${ctx.organisationSlug}/workshops/${input.workshopId}`);
  return { status: "success", message: `Run on the current inventory: ${result.summary}` };
});
