import type { Metadata } from "next";
import Link from "next/link";
import { isSsoErrorCode, SSO_ERRORS } from "@/lib/sso/errors";
import { Alert } from "@/components/ui/alert";
import { CopyLink } from "@/components/ui/copy-link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Single sign-on failed" };

// Where every failed single sign-on ends (decision 049): what went wrong in plain words, and the
// reference under which the details are logged and kept for the organisation's owners. Also
// Auth.js's own error page (lib/auth/auth.ts `pages.error`), should one of its errors get here
// without a code: then the generic message.

const GENERIC = {
  title: "Single sign-on did not work",
  text: "Something went wrong between Sovra and your identity provider. Try again; if it keeps failing, give your IT the reference below, if there is one.",
};

const REFERENCE = /^SSO-[2-9A-HJ-NP-Z]{6}$/;

export default async function SsoErrorPage({ searchParams }: { searchParams: Promise<{ code?: string | string[]; ref?: string | string[] }> }) {
  const { code, ref } = await searchParams;
  const { title, text } = isSsoErrorCode(code) ? SSO_ERRORS[code] : GENERIC;
  const reference = typeof ref === "string" && REFERENCE.test(ref) ? ref : null;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <Alert tone="error" className="mt-4">
        {text}
      </Alert>
      {reference && (
        <div className="mt-5">
          <p className="text-sm font-medium text-slate-800">Reference</p>
          <p className="mt-1 text-xs text-slate-600">Give this to your IT or to an owner of your organisation in Sovra: it names what happened.</p>
          <CopyLink link={reference} label="Reference" />
        </div>
      )}
      <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
        <Link href="/sign-in?sso=1" className={buttonClass("primary", "w-full sm:w-auto")}>
          Try again
        </Link>
      </div>
      <p className="mt-6 text-sm text-slate-600">
        Have a Sovra password (emergency owners keep one)?{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
          Sign in with a password
        </Link>{" "}
        instead.
      </p>
    </>
  );
}
