"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { dataFlowSchema, deleteDataFlowSchema, updateDataFlowSchema } from "@/lib/data-flows/schemas";
import { createDataFlow, deleteDataFlow, updateDataFlow } from "@/lib/data-flows/mutations";
import { withScoreMove } from "@/lib/scores/score-move";

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
