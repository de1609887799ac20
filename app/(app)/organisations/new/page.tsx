import Link from "next/link";
import { requireUserPage } from "@/lib/auth/context";
import { OrganisationForm } from "@/components/organisations/organisation-form";
import { SignOutLink } from "@/components/shell/sign-out-link";

export const metadata = { title: "New organisation" };

export default async function NewOrganisationPage() {
  const user = await requireUserPage();
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <Link href="/" className="font-medium text-brand-700 hover:underline">
          ← Back
        </Link>
        {/* A div: the sign-out button is a form, which a <p> cannot hold (hydration would fail). */}
        <div className="text-slate-600">
          Signed in as {user.email} · <SignOutLink />
        </div>
      </div>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">New organisation</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">A separate workspace, for example for a client. Its data is never visible from your other organisations. You will be its owner.</p>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <OrganisationForm />
      </div>
    </main>
  );
}
