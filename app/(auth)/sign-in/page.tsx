import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/context";
import { hasAnyUser } from "@/lib/organisations/queries";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { env } from "@/lib/env";
import { instanceSettings } from "@/lib/sso/config";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignIn } from "@/components/auth/sso-sign-in";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; reset?: string | string[]; sso?: string | string[] }> }) {
  if (await getCurrentUser()) redirect("/");
  if (!(await hasAnyUser())) redirect("/setup");
  const { callbackUrl, reset, sso } = await searchParams;
  // Only a page of this site is carried to the forms; anything else signs in to the start page.
  const callback = safeCallbackPath(callbackUrl);
  // The instance's IdP gets a button of its own when every email may use it (no domain list to route by).
  const instance = instanceSettings(env());
  const instanceName = instance && instance.domains === null ? instance.name : null;
  const openHref = `/sign-in?${new URLSearchParams({ sso: "1", ...(callback !== "/" ? { callbackUrl: callback } : {}) })}`;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Use the email and password of your Sovra account.</p>
      {reset === "done" && (
        <Alert tone="success" className="mb-4">
          Your new password is set, and every earlier session has ended. Sign in with it.
        </Alert>
      )}
      <SignInForm callbackUrl={callback} />
      <SsoSignIn callbackUrl={callback} open={sso === "1"} openHref={openHref} instanceName={instanceName} />
    </>
  );
}
