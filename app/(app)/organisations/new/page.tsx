import Link from "next/link";
import { requireUserPage } from "@/lib/auth/context";
import { OrganisationForm } from "@/components/organisations/organisation-form";

export const metadata = { title: "New organisation" };

export default async function NewOrganisationPage() {
  await requireUserPage();
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
        ← Back
      </Link>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">New organisation</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">A separate workspace, for example for a client. Its data is never visible from your other organisations. You will be its owner.</p>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <OrganisationForm />
      </div>
    </main>
  );
}
