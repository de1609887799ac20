import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/context";
import { hasAnyUser } from "@/lib/organisations/queries";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; reset?: string | string[] }> }) {
  if (await getCurrentUser()) redirect("/");
  if (!(await hasAnyUser())) redirect("/setup");
  const { callbackUrl, reset } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Use the email and password of your Sovra account.</p>
      {reset === "done" && (
        <Alert tone="success" className="mb-4">
          Your new password is set, and every earlier session has ended. Sign in with it.
        </Alert>
      )}
      {/* Only a page of this site is carried to the form; anything else signs in to the start page. */}
      <SignInForm callbackUrl={safeCallbackPath(callbackUrl)} />
    </>
  );
}
