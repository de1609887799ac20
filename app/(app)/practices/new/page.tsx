import Link from "next/link";
import { requireUserPage } from "@/lib/auth/context";
import { NewPracticeForm } from "@/components/practices/practice-forms";
import { SignOutLink } from "@/components/shell/sign-out-link";

export const metadata = { title: "New practice" };

export default async function NewPracticePage() {
  const user = await requireUserPage();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <Link href="/" className="font-medium text-brand-700 hover:underline">
          ← Back
        </Link>
        {/* A div: the sign-out button is a form, which a <p> cannot hold (hydration would fail). */}
        <div className="text-slate-600">
          Signed in as {user.email} · <SignOutLink />
        </div>
      </div>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">New practice</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        A practice is a consultancy&apos;s workspace above its clients: one portfolio of every client, the clients created from it, and the consultants who work in them. You will be its first partner.
      </p>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <NewPracticeForm />
      </div>
    </main>
  );
}
