"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { practiceAction, publicAction, userAction } from "@/lib/actions";
import { signIn } from "@/lib/auth/auth";
import { requestAddress } from "@/lib/auth/request-address";
import { PRACTICE_ROLE_LABELS } from "@/lib/auth/practice-permissions";
import {
  acceptPracticeInvitationSchema,
  acceptPracticeInvitationWithAccountSchema,
  createPracticeInvitationSchema,
  revokePracticeInvitationSchema,
} from "@/lib/practices/invitation-schemas";
import { acceptPracticeInvitation, acceptPracticeInvitationWithNewAccount, createPracticeInvitation, revokePracticeInvitation } from "@/lib/practices/invitation-mutations";

const settingsPath = (slug: string) => `/practices/${slug}/settings`;

export const createPracticeInvitationAction = practiceAction("practice:manage", createPracticeInvitationSchema, async (ctx, input) => {
  const invitation = await createPracticeInvitation(ctx, input);
  revalidatePath(settingsPath(ctx.practiceSlug));
  return {
    status: "success",
    message: "Invitation link made. Copy it now: it is shown only once.",
    data: { token: invitation.token, role: PRACTICE_ROLE_LABELS[invitation.role], email: invitation.email, expiresAt: invitation.expiresAt.toISOString() },
  };
});

export const revokePracticeInvitationAction = practiceAction("practice:manage", revokePracticeInvitationSchema, async (ctx, input) => {
  await revokePracticeInvitation(ctx, input.invitationId);
  revalidatePath(settingsPath(ctx.practiceSlug));
  return { status: "success", message: "Invitation revoked: the link no longer works." };
});

export const acceptPracticeInvitationAction = userAction(acceptPracticeInvitationSchema, async (user, input) => {
  const { practiceSlug } = await acceptPracticeInvitation(user.id, input.token, await requestAddress());
  redirect(`/practices/${practiceSlug}`);
});

export const acceptPracticeInvitationWithAccountAction = publicAction(acceptPracticeInvitationWithAccountSchema, async (input) => {
  const { practiceSlug } = await acceptPracticeInvitationWithNewAccount(input.token, input, await requestAddress());
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  redirect(`/practices/${practiceSlug}`);
});
