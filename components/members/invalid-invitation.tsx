import Link from "next/link";

/** The page an unusable invitation link opens (unknown, expired, used or revoked: which one is not said, decision 028). */
export function InvalidInvitation({ sender }: { sender: "owner" | "partner" }) {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">This invitation is not valid</h1>
      <p className="mt-2 text-sm text-slate-600">It may have expired, been used or been revoked. Ask the {sender} who sent it for a new link.</p>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Go to sign-in
      </Link>
    </>
  );
}
