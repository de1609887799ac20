"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { orgAction, practiceAction, userAction } from "@/lib/actions";
import {
  addPracticeMemberSchema,
  benchmarkConsentSchema,
  clientRoleChangeSchema,
  clientVersionSchema,
  createClientSchema,
  deleteClientSchema,
  endEngagementSchema,
  practiceMemberRoleSchema,
  practiceMemberVersionSchema,
  planWorkshopSchema,
  practiceBrandingSchema,
  practiceSchema,
  updatePracticeSchema,
} from "@/lib/practices/schemas";
import {
  addPracticeMember,
  archiveClient,
  changePracticeMemberRole,
  createClient,
  createPractice,
  deleteClient,
  endPracticeEngagement,
  removePracticeMember,
  planNextWorkshop,
  restoreClient,
  setBenchmarkConsent,
  setClientRole,
  updatePractice,
  updatePracticeBranding,
} from "@/lib/practices/mutations";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { formatDayLong } from "@/lib/dates";
import { PRACTICE_ROLE_LABELS } from "@/lib/auth/practice-permissions";

export const createPracticeAction = userAction(practiceSchema, async (user, input) => {
  const practice = await createPractice(user.id, input);
  redirect(`/practices/${practice.slug}`);
});

export const updatePracticeAction = practiceAction("practice:manage", updatePracticeSchema, async (ctx, input) => {
  await updatePractice(ctx, input);
  revalidatePath(`/practices/${ctx.practiceSlug}`, "layout");
  return { status: "success", message: "Practice saved." };
});

export const updatePracticeBrandingAction = practiceAction("practice:manage", practiceBrandingSchema, async (ctx, input, formData) => {
  const file = formData.get("logo");
  // A file input left empty still submits a nameless file of 0 bytes.
  const chosen = file instanceof File && (file.size > 0 || file.name !== "") ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const { version } = await updatePracticeBranding(ctx, { version: input.version, brandReports: input.brandReports, logo: chosen ?? (input.removeLogo ? null : undefined) });
  revalidatePath(`/practices/${ctx.practiceSlug}/settings`);
  return { status: "success", message: input.brandReports ? "Saved. Reports you and your colleagues produce for clients now carry the practice's name and logo." : "Saved. Reports for clients carry no practice name or logo.", data: { version } };
});

export const addPracticeMemberAction = practiceAction("practice:manage", addPracticeMemberSchema, async (ctx, input) => {
  await addPracticeMember(ctx, input);
  revalidatePath(`/practices/${ctx.practiceSlug}/settings`);
  return { status: "success", message: `Added ${input.email} as ${PRACTICE_ROLE_LABELS[input.role].toLowerCase()}.` };
});

export const changePracticeMemberRoleAction = practiceAction("practice:manage", practiceMemberRoleSchema, async (ctx, input) => {
  await changePracticeMemberRole(ctx, input.memberId, input.version, input.role);
  revalidatePath(`/practices/${ctx.practiceSlug}/settings`);
  return { status: "success", message: `Role changed to ${PRACTICE_ROLE_LABELS[input.role].toLowerCase()}.` };
});

export const removePracticeMemberAction = practiceAction("practice:manage", practiceMemberVersionSchema, async (ctx, input) => {
  await removePracticeMember(ctx, input.memberId, input.version);
  revalidatePath(`/practices/${ctx.practiceSlug}/settings`);
  return { status: "success", message: "Removed from the practice." };
});

export const createClientAction = practiceAction("clients:manage", createClientSchema, async (ctx, input) => {
  const client = await createClient(ctx, input);
  redirect(`/${client.slug}`);
});

export const setClientRoleAction = practiceAction("clients:manage", clientRoleChangeSchema, async (ctx, input) => {
  await setClientRole(ctx, input.clientId, input.version, input.role);
  revalidatePath(`/practices/${ctx.practiceSlug}`);
  return { status: "success", message: `The practice now works in this client as ${ROLE_LABELS[input.role].toLowerCase()}.` };
});

export const planNextWorkshopAction = practiceAction("clients:plan", planWorkshopSchema, async (ctx, input) => {
  await planNextWorkshop(ctx, input.clientId, input.version, { on: input.on, title: input.title });
  revalidatePath(`/practices/${ctx.practiceSlug}`, "layout");
  return { status: "success", message: input.on ? `Next workshop planned for ${formatDayLong(input.on.toISOString().slice(0, 10))}.` : "No next workshop is planned now." };
});

export const archiveClientAction = practiceAction("clients:manage", clientVersionSchema, async (ctx, input) => {
  await archiveClient(ctx, input.clientId, input.version);
  revalidatePath(`/practices/${ctx.practiceSlug}`, "layout");
  return { status: "success", message: "Client archived. Restore it from the archived clients at any time." };
});

export const restoreClientAction = practiceAction("clients:manage", clientVersionSchema, async (ctx, input) => {
  await restoreClient(ctx, input.clientId, input.version);
  revalidatePath(`/practices/${ctx.practiceSlug}`, "layout");
  return { status: "success", message: "Client restored." };
});

export const deleteClientAction = practiceAction("clients:manage", deleteClientSchema, async (ctx, input) => {
  await deleteClient(ctx, input.clientId, input.version, input.confirmName);
  revalidatePath(`/practices/${ctx.practiceSlug}`, "layout");
  redirect(`/practices/${ctx.practiceSlug}?archived=1&deleted=1`);
});

export const endPracticeEngagementAction = orgAction("members:manage", endEngagementSchema, async (ctx, input) => {
  await endPracticeEngagement(ctx, input.engagementId, input.version);
  revalidatePath(`/${ctx.organisationSlug}`, "layout");
  // The list the button sat in may now be empty and gone: the page itself says it is done.
  redirect(`/${ctx.organisationSlug}/settings/members?ended=1`);
});

export const setBenchmarkConsentAction = orgAction("members:manage", benchmarkConsentSchema, async (ctx, input) => {
  const { practiceName } = await setBenchmarkConsent(ctx, input.engagementId, input.version, input.consent);
  revalidatePath(`/${ctx.organisationSlug}/settings/members`);
  return {
    status: "success",
    message: input.consent
      ? `${ctx.organisationName} is now counted, anonymised, in ${practiceName}'s benchmark. It shows only figures from at least 5 clients, never your name. Stop at any time.`
      : `${ctx.organisationName} is no longer counted in ${practiceName}'s benchmark, from now on.`,
  };
});
