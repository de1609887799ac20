"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orgAction } from "@/lib/actions";
import { addAgreedAction } from "@/lib/remediation/mutations";
import { startWorkshopSummaryRun } from "@/lib/reports/run-mutations";
import { isAppError } from "@/lib/errors";
import { agreedActionSchema, captureSchema, confirmVerifySchema, endWorkshopSchema, startWorkshopSchema, verifyFormSchema, workshopAttendeesSchema, workshopStepSchema } from "@/lib/workshops/schemas";
import { captureSystem, confirmVerifyItem, endWorkshop, flagToVerify, setWorkshopStep, startWorkshop, updateWorkshopAttendees } from "@/lib/workshops/mutations";

const workshopPath = (slug: string, id: string) => `/${slug}/workshops/${id}`;

export const startWorkshopAction = orgAction("workshops:run", startWorkshopSchema, async (ctx, input) => {
  const w = await startWorkshop(ctx, input);
  revalidatePath(`/${ctx.organisationSlug}/workshops`);
  redirect(workshopPath(ctx.organisationSlug, w.id));
});

export const workshopStepAction = orgAction("workshops:run", workshopStepSchema, async (ctx, { id, version, step }) => {
  const w = await setWorkshopStep(ctx, id, version, step);
  revalidatePath(workshopPath(ctx.organisationSlug, id));
  return { status: "success", data: { version: w.version, step: w.step } };
});

export const workshopAttendeesAction = orgAction("workshops:run", workshopAttendeesSchema, async (ctx, { id, version, attendees }) => {
  await updateWorkshopAttendees(ctx, id, version, attendees);
  revalidatePath(workshopPath(ctx.organisationSlug, id));
  return { status: "success", message: "Attendees saved." };
});

export const captureSystemAction = orgAction("inventory:write", captureSchema, async (ctx, input) => {
  const { system, fallback, verify } = await captureSystem(ctx, input);
  revalidatePath(workshopPath(ctx.organisationSlug, input.workshopId));
  const parts = [`${system.name} captured`, fallback ? "with its fallback" : "without a fallback", verify ? "and flagged to verify" : ""].filter(Boolean);
  return { status: "success", message: `${parts.join(" ")}.` };
});

export const flagToVerifyAction = orgAction("workshops:run", verifyFormSchema, async (ctx, input) => {
  await flagToVerify(ctx, input);
  if (input.workshopId) revalidatePath(workshopPath(ctx.organisationSlug, input.workshopId));
  return { status: "success", message: "Flagged to verify." };
});

export const confirmVerifyAction = orgAction("workshops:run", confirmVerifySchema, async (ctx, { id, version }) => {
  await confirmVerifyItem(ctx, id, version);
  revalidatePath(`/${ctx.organisationSlug}`, "layout");
  return { status: "success", message: "Confirmed." };
});

export const agreedActionAction = orgAction("workshops:run", agreedActionSchema, async (ctx, input) => {
  const action = await addAgreedAction(ctx, input);
  revalidatePath(workshopPath(ctx.organisationSlug, input.workshopId));
  revalidatePath(`/${ctx.organisationSlug}/remediation`);
  return { status: "success", message: `"${action.title}" is in the remediation plan.` };
});

/** Ends the workshop (freezing its assessment) and starts its summary PDF through the report job. */
export const endWorkshopAction = orgAction("workshops:run", endWorkshopSchema, async (ctx, { id, version }) => {
  const { workshop, frozen } = await endWorkshop(ctx, id, version);
  let summary = "";
  if (workshop.assessmentId) {
    // The workshop has ended whatever happens here; a summary that cannot start says why on the page.
    summary = await startWorkshopSummaryRun(ctx, { workshopId: id }).then(
      () => "",
      (e: unknown) => (isAppError(e) ? `&summary=${encodeURIComponent(e.code)}` : "&summary=INTERNAL"),
    );
  }
  revalidatePath(`/${ctx.organisationSlug}`, "layout");
  redirect(`${workshopPath(ctx.organisationSlug, id)}?ended=1${frozen === "too_large" ? "&frozen=too-large" : ""}${summary}`);
});

/** Makes the summary PDF of an ended workshop again (a failed run, or a second copy). */
export const workshopSummaryAction = orgAction("workshops:run", endWorkshopSchema.pick({ id: true }), async (ctx, { id }) => {
  await startWorkshopSummaryRun(ctx, { workshopId: id });
  revalidatePath(workshopPath(ctx.organisationSlug, id));
  return { status: "success", message: "The summary is being made." };
});
