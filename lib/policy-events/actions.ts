"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { deletePolicyEventSchema, policyEventInputSchema, updatePolicyEventSchema } from "@/lib/policy-events/schemas";
import { createPolicyEvent, deletePolicyEvent, updatePolicyEvent } from "@/lib/policy-events/mutations";

// The policy events screen stays open after a change, to show what it changed for the
// organisation; every page that shows a score is revalidated.
const revalidate = (slug: string) => revalidatePath(`/${slug}`, "layout");

export const createPolicyEventAction = orgAction("policy_events:manage", policyEventInputSchema, async (ctx, event) => {
  const saved = await createPolicyEvent(ctx, event);
  revalidate(ctx.organisationSlug);
  return { status: "success", message: `${event.kind === "lift" ? "Lift" : "Event"} "${event.title}" added.`, data: saved };
});

export const updatePolicyEventAction = orgAction("policy_events:manage", updatePolicyEventSchema, async (ctx, { id, version, event }) => {
  const saved = await updatePolicyEvent(ctx, id, version, event);
  revalidate(ctx.organisationSlug);
  return { status: "success", message: `"${event.title}" saved.`, data: saved };
});

export const deletePolicyEventAction = orgAction("policy_events:manage", deletePolicyEventSchema, async (ctx, { id, version }) => {
  const removed = await deletePolicyEvent(ctx, id, version);
  revalidate(ctx.organisationSlug);
  return { status: "success", message: `"${removed.event.title}" deleted.`, data: removed };
});
