import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { hasAnyUser } from "@/lib/organisations/queries";
import { SetupForm } from "@/components/auth/setup-form";

export const metadata: Metadata = { title: "Set up Sovra" };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Set up Sovra</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Nobody has an account yet. Create the first one: you will own the first organisation and can invite your colleagues.</p>
      <SetupForm />
    </>
  );
}
