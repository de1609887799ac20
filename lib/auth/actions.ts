"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { auth, signIn, signOut } from "@/lib/auth/auth";
import { revokeSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { setupSchema, signInSchema } from "@/lib/auth/schemas";
import { formatWait } from "@/lib/auth/throttle";
import { createFirstAccount } from "@/lib/organisations/mutations";

const GENERIC_FAILURE = "The email or password is incorrect.";

/** Only same-site paths: never send a user to another host after sign-in (lib/auth/callback-url.ts). */
const safeCallback = (raw: unknown) => safeCallbackPath(raw);

export const signInAction = publicAction(signInSchema.extend({ callbackUrl: z.string().optional() }), async (input): Promise<ActionState | void> => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeCallback(input.callbackUrl) });
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      const ssoRequired = /^sso_required:(.+)$/s.exec(e.code ?? "");
      if (ssoRequired) {
        const message = `${ssoRequired[1]} requires single sign-on: use "Continue with single sign-on" below with your work email.`;
        return { status: "error", code: "FORBIDDEN", message, values: { email: input.email } };
      }
      const throttled = /^throttled:(\d+)$/.exec(e.code ?? "");
      const message = throttled ? `Too many failed sign-in attempts. Try again in ${formatWait(Number(throttled[1]))}.` : GENERIC_FAILURE;
      return { status: "error", code: throttled ? "RATE_LIMITED" : "UNAUTHENTICATED", message, values: { email: input.email } };
    }
    if (e instanceof AuthError) {
      return { status: "error", code: "UNAUTHENTICATED", message: GENERIC_FAILURE, values: { email: input.email } };
    }
    throw e; // includes the redirect after a successful sign-in
  }
});

/** Ends this browser's session on the server (decision 028), then clears its cookie. */
export async function signOutAction(): Promise<void> {
  const session = await auth();
  if (session) await revokeSession(db(), session.sessionId, session.user.id);
  await signOut({ redirectTo: "/sign-in" });
}

/** First run: creates the first account and organisation, then signs in. */
export const setupAction = publicAction(setupSchema, async (input) => {
  const { organisation } = await createFirstAccount(input);
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  redirect(`/${organisation.slug}`);
});
