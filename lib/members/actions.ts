"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction, publicAction, userAction } from "@/lib/actions";
import { accountSchema } from "@/lib/auth/schemas";
import { signIn } from "@/lib/auth/auth";
import { changeRoleSchema, createInvitationSchema, invitationTokenSchema, removeMemberSchema, revokeInvitationSchema } from "@/lib/members/schemas";
import {
  acceptInvitation,
  acceptInvitationWithNewAccount,
  changeMemberRole,
  createInvitation,
  removeMember,
  revokeInvitation,
} from "@/lib/members/mutations";

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

export const removeMemberAction = orgAction("members:manage", removeMemberSchema, async (ctx, input) => {
  await removeMember(ctx, input.membershipId);
  revalidatePath(membersPath(ctx.organisationSlug));
  return { status: "success", message: "Member removed." };
});

export const acceptInvitationAction = userAction(z.object({ token: invitationTokenSchema }), async (user, input) => {
  const { organisationSlug } = await acceptInvitation(user.id, input.token);
  redirect(`/${organisationSlug}`);
});

export const acceptInvitationWithAccountAction = publicAction(accountSchema.extend({ token: invitationTokenSchema }), async (input) => {
  const { organisationSlug } = await acceptInvitationWithNewAccount(input.token, input);
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  redirect(`/${organisationSlug}`);
});
