"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { dataFlowSchema, deleteDataFlowSchema, updateDataFlowSchema } from "@/lib/data-flows/schemas";
import { createDataFlow, deleteDataFlow, updateDataFlow } from "@/lib/data-flows/mutations";
import { withScoreMove } from "@/lib/scores/score-move";
import { countryName } from "@/lib/countries";

const dataFlowsPath = (slug: string) => `/${slug}/inventory/data-flows`;

export const createDataFlowAction = orgAction("inventory:write", dataFlowSchema, async (ctx, input) => {
  const flow = await createDataFlow(ctx, input);
  revalidatePath(dataFlowsPath(ctx.organisationSlug), "layout");
  redirect(`${dataFlowsPath(ctx.organisationSlug)}/${flow.id}`);
});

/** Saves and stays on the flow's page, which re-renders with the new scores; answers how the organisation's score moved. */
export const updateDataFlowAction = orgAction("inventory:write", updateDataFlowSchema, async (ctx, { id, version, ...input }) => {
  const { move } = await withScoreMove(ctx, () => updateDataFlow(ctx, id, version, input));
  revalidatePath(dataFlowsPath(ctx.organisationSlug), "layout");
  return { status: "success", message: "Data flow saved.", data: move };
});

export const deleteDataFlowAction = orgAction("inventory:write", deleteDataFlowSchema, async (ctx, input) => {
  await deleteDataFlow(ctx, input.id, input.version);
  revalidatePath(dataFlowsPath(ctx.organisationSlug), "layout");
  redirect(dataFlowsPath(ctx.organisationSlug));
});

/**
 * Adds a data flow from a workshop's data-flow step (decision 038): the same validation and
 * mutation as the Data flows page, but the facilitator stays on the workshop screen, which lists
 * it at once, and the answer names what was added.
 */
export const captureDataFlowAction = orgAction("inventory:write", dataFlowSchema, async (ctx, input) => {
  const flow = await createDataFlow(ctx, input);
  revalidatePath(dataFlowsPath(ctx.organisationSlug), "layout");
  revalidatePath(`/${ctx.organisationSlug}/workshops`, "layout");
  return { status: "success", message: `Added ${flow.name}, processed in ${countryName(flow.processingCountry)}.` };
});
