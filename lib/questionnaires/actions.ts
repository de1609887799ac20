"use server";
import { revalidatePath } from "next/cache";
import { orgAction, publicAction } from "@/lib/actions";
import { requestAddress } from "@/lib/auth/request-address";
import { addItemSchema, answerSchema, createQuestionnaireSchema, mergeItemSchema, rejectItemSchema, reopenItemSchema, revokeQuestionnaireSchema } from "@/lib/questionnaires/schemas";
import { addItemToInventory, createQuestionnaire, mergeItem, rejectItem, reopenItem, revokeQuestionnaire, submitQuestionnaireAnswer } from "@/lib/questionnaires/mutations";

/** The questionnaire page and the Workshops page (which counts what waits for review). */
const refresh = (slug: string) => revalidatePath(`/${slug}/workshops`, "layout");

export const createQuestionnaireAction = orgAction("questionnaires:manage", createQuestionnaireSchema, async (ctx, input) => {
  const { questionnaire, token } = await createQuestionnaire(ctx, input);
  refresh(ctx.organisationSlug);
  return { status: "success", message: "Link made. Copy it now: it is shown only once.", data: { token, expiresAt: questionnaire.expiresAt.toISOString() } };
});

export const revokeQuestionnaireAction = orgAction("questionnaires:manage", revokeQuestionnaireSchema, async (ctx, { id, version }) => {
  const link = await revokeQuestionnaire(ctx, id, version);
  refresh(ctx.organisationSlug);
  return { status: "success", message: `"${link.title}" no longer takes answers.` };
});

/** Someone without an account answers through a link. */
export const answerQuestionnaireAction = publicAction(answerSchema, async (input) => {
  const { organisationName, items } = await submitQuestionnaireAnswer(input, await requestAddress());
  return { status: "success", message: `Thank you. ${items === 1 ? "Your answer goes" : `Your ${items} answers go`} to ${organisationName} for review.` };
});

export const addItemAction = orgAction("questionnaires:manage", addItemSchema, async (ctx, input) => {
  const { system } = await addItemToInventory(ctx, input);
  refresh(ctx.organisationSlug);
  return { status: "success", message: `${system.name} is in the inventory.` };
});

export const mergeItemAction = orgAction("questionnaires:manage", mergeItemSchema, async (ctx, input) => {
  const { item, system } = await mergeItem(ctx, input);
  refresh(ctx.organisationSlug);
  return { status: "success", message: `"${item.systemName}" is recorded as ${system.name}.` };
});

export const rejectItemAction = orgAction("questionnaires:manage", rejectItemSchema, async (ctx, input) => {
  const item = await rejectItem(ctx, input);
  refresh(ctx.organisationSlug);
  return { status: "success", message: `"${item.systemName}" rejected.` };
});

export const reopenItemAction = orgAction("questionnaires:manage", reopenItemSchema, async (ctx, { id, version }) => {
  const item = await reopenItem(ctx, id, version);
  refresh(ctx.organisationSlug);
  return { status: "success", message: `"${item.systemName}" waits for review again.` };
});
