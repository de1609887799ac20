import type { Metadata } from "next";
import Link from "next/link";
import { findUsablePasswordReset } from "@/lib/account/queries";
import { resetPasswordSchema } from "@/lib/auth/schemas";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Set a new password" };

// Under /sign-in/ so that it is public like sign-in itself (proxy.ts); the token is the credential.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = resetPasswordSchema.shape.token.safeParse(token).success ? await findUsablePasswordReset(token) : null;
  if (!reset) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This link is not valid</h1>
        <p className="mt-2 text-sm text-slate-600">It may have expired or been used. Ask an owner of your organisation for a new one.</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to sign-in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Set a new password</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        For {reset.user.email}. This link works once. Setting a new password signs you out everywhere.
      </p>
      <ResetPasswordForm token={token} name={reset.user.name} email={reset.user.email} />
    </>
  );
}
