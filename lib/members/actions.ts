"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction, publicAction, userAction } from "@/lib/actions";
import { accountSchema } from "@/lib/auth/schemas";
import { signIn } from "@/lib/auth/auth";
import { changeRoleSchema, createInvitationSchema, createPasswordResetSchema, invitationTokenSchema, removeMemberSchema, revokeInvitationSchema, setBreakGlassSchema } from "@/lib/members/schemas";
import { requestAddress } from "@/lib/auth/request-address";
import { mailConfigured, publicLink, sendMail } from "@/lib/mail";
import {
  acceptInvitation,
  acceptInvitationWithNewAccount,
  changeMemberRole,
  createInvitation,
  createPasswordReset,
  removeMember,
  revokeInvitation,
  setBreakGlass,
} from "@/lib/members/mutations";
import { formatDateTimeLong } from "@/lib/dates";

const membersPath = (slug: string) => `/${slug}/settings/members`;

export const createInvitationAction = orgAction("members:manage", createInvitationSchema, async (ctx, input) => {
  const invitation = await createInvitation(ctx, input);
  revalidatePath(membersPath(ctx.organisationSlug));
  return { status: "success", message: "Invitation created. Copy the link now: it is shown only once.", data: { token: invitation.token, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() } };
});

export const revokeInvitationAction = orgAction("members:manage", revokeInvitationSchema, async (ctx, input) => {
  await revokeInvitation(ctx, input.invitationId);
  revalidatePath(membersPath(ctx.organisationSlug));
  return { status: "success", message: "Invitation revoked." };
});

export const changeRoleAction = orgAction("members:manage", changeRoleSchema, async (ctx, input) => {
  await changeMemberRole(ctx, input);
  revalidatePath(membersPath(ctx.organisationSlug));
  return { status: "success", message: "Role changed." };
});

/** Marks or unmarks an owner as break-glass (decision 049); shown on the members page and in the single sign-on settings. */
export const setBreakGlassAction = orgAction("sso:manage", setBreakGlassSchema, async (ctx, input) => {
  const result = await setBreakGlass(ctx, input);
  revalidatePath(membersPath(ctx.organisationSlug));
  revalidatePath(`/${ctx.organisationSlug}/settings/sso`);
  return { status: "success", message: result.breakGlass ? "Marked as a break-glass account." : "No longer a break-glass account." };
});

export const removeMemberAction = orgAction("members:manage", removeMemberSchema, async (ctx, input) => {
  await removeMember(ctx, input.membershipId);
  revalidatePath(membersPath(ctx.organisationSlug));
  return { status: "success", message: "Member removed." };
});

/**
 * An owner issues a one-time password reset link for a member. The link is returned to be shown
 * once; where SMTP is configured it is also mailed to the member.
 */
export const createPasswordResetAction = orgAction("members:manage", createPasswordResetSchema, async (ctx, input) => {
  const reset = await createPasswordReset(ctx, input);
  const link = publicLink(`/sign-in/reset/${reset.token}`);
  const mailed =
    link !== null &&
    mailConfigured() &&
    (await sendMail({
      to: reset.email,
      subject: "Set a new password for Sovra",
      text: `Hello ${reset.name},\n\nan owner of ${ctx.organisationName} created a link for you to set a new Sovra password:\n\n${link}\n\nIt works once, until ${formatDateTimeLong(reset.expiresAt)}. Setting a new password signs you out everywhere. If you did not expect this, tell the owner.\n`,
    }));
  return {
    status: "success",
    message: mailed ? `Reset link created and mailed to ${reset.email}. You can also copy it now: it is shown only once.` : "Reset link created. Copy it now and send it to the member: it is shown only once.",
    data: { token: reset.token, expiresAt: reset.expiresAt.toISOString(), mailed },
  };
});

export const acceptInvitationAction = userAction(z.object({ token: invitationTokenSchema }), async (user, input) => {
  const { organisationSlug } = await acceptInvitation(user.id, input.token, await requestAddress());
  redirect(`/${organisationSlug}`);
});

export const acceptInvitationWithAccountAction = publicAction(accountSchema.extend({ token: invitationTokenSchema }), async (input) => {
  const { organisationSlug } = await acceptInvitationWithNewAccount(input.token, input, await requestAddress());
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  redirect(`/${organisationSlug}`);
});
