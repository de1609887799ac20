"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { publicAction, userAction } from "@/lib/actions";
import { auth, signOut } from "@/lib/auth/auth";
import { changePasswordSchema, resetPasswordSchema } from "@/lib/auth/schemas";
import { requestAddress } from "@/lib/auth/request-address";
import { changePassword, resetPasswordWithLink, signOutEverywhere } from "@/lib/account/mutations";

// The signed-in person's own account: each action resolves the user from the session itself
// (userAction); the reset link is public, its token is the credential, and it is throttled.

export const changePasswordAction = userAction(changePasswordSchema, async (user, input) => {
  const session = await auth();
  const { endedSessions } = await changePassword({ userId: user.id, sessionId: session?.sessionId ?? null, address: await requestAddress() }, input);
  revalidatePath("/", "layout");
  const elsewhere = endedSessions === 0 ? "" : ` You were signed out on ${endedSessions === 1 ? "1 other browser" : `${endedSessions} other browsers`}.`;
  return { status: "success", message: `Password changed.${elsewhere}` };
});

export const signOutEverywhereAction = userAction(z.object({}), async (user) => {
  await signOutEverywhere(user.id);
  await signOut({ redirectTo: "/sign-in" });
});

export const resetPasswordAction = publicAction(resetPasswordSchema, async (input) => {
  await resetPasswordWithLink(input.token, input.newPassword, await requestAddress());
  redirect("/sign-in?reset=done");
});
