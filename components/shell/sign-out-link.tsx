import { signOutAction } from "@/lib/auth/actions";

/** "Sign out" as a quiet inline button, for pages outside an organisation's shell (no user menu there). */
export function SignOutLink({ label = "Sign out" }: { label?: string }) {
  return (
    <form action={signOutAction} className="inline">
      <button type="submit" className="font-medium text-brand-700 underline hover:text-brand-800">
        {label}
      </button>
    </form>
  );
}
