"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { closeRemediationSchema, deleteRemediationSchema, remediationSchema, suggestionSchema, updateRemediationSchema } from "@/lib/remediation/schemas";
import { formatGain } from "@/lib/remediation/plan";
import { addSuggestionToPlan, closeRemediationAction, createRemediationAction, deleteRemediationAction, updateRemediationAction } from "@/lib/remediation/mutations";

const planPath = (slug: string) => `/${slug}/remediation`;

export const createRemediationActionAction = orgAction("remediation:manage", remediationSchema, async (ctx, input) => {
  await createRemediationAction(ctx, input);
  revalidatePath(planPath(ctx.organisationSlug));
  return { status: "success", message: "Action added to the plan." };
});

export const addSuggestionAction = orgAction("remediation:manage", suggestionSchema, async (ctx, input) => {
  const { created } = await addSuggestionToPlan(ctx, input);
  revalidatePath(planPath(ctx.organisationSlug));
  return { status: "success", message: created ? "Suggestion added to the plan." : "This suggestion is already in the plan." };
});

export const updateRemediationActionAction = orgAction("remediation:manage", updateRemediationSchema, async (ctx, { id, version, ...input }) => {
  const after = await updateRemediationAction(ctx, id, version, input);
  revalidatePath(planPath(ctx.organisationSlug));
  return { status: "success", message: after.status === "done" ? closedMessage(after.achievedGain) : "Action saved.", data: closeResult(after) };
});

/** Closes as done and answers the gain achieved and how the organisation's score moved since the action entered the plan. */
export const closeRemediationActionAction = orgAction("remediation:manage", closeRemediationSchema, async (ctx, { id, version }) => {
  const after = await closeRemediationAction(ctx, id, version);
  revalidatePath(planPath(ctx.organisationSlug));
  return { status: "success", message: closedMessage(after.achievedGain), data: closeResult(after) };
});

export const deleteRemediationActionAction = orgAction("remediation:manage", deleteRemediationSchema, async (ctx, { id, version }) => {
  await deleteRemediationAction(ctx, id, version);
  revalidatePath(planPath(ctx.organisationSlug));
  return { status: "success", message: "Action deleted." };
});

function closeResult(a: { status: string; achievedGain: number | null; scoreAtCreation: number | null; scoreAtClose: number | null }) {
  return a.status === "done" ? { achievedGain: a.achievedGain, before: a.scoreAtCreation, after: a.scoreAtClose } : undefined;
}

function closedMessage(achievedGain: number | null) {
  return achievedGain === null
    ? "Action closed. No gain can be measured: the inventory could not be scored when the action entered the plan or now."
    : `Action closed. Gain achieved since it entered the plan: ${formatGain(achievedGain)} points.`;
}
