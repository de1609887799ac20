import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";

/** The signed-in user and sign-out; a disclosure, so it works with the keyboard and without JavaScript. */
export function UserMenu({ name, email, accountHref }: { name: string; email: string; accountHref: string | null }) {
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100" >
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {initials}
        </span>
        {/* The name is the button's name (axe: the visible label is in the accessible name); on a phone only the initials show. */}
        <span className="sr-only font-medium text-slate-800 sm:not-sr-only">{name}</span>
        <span className="sr-only">: account menu</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">
        <p className="text-sm font-medium text-slate-900">{name}</p>
        <p className="truncate text-xs text-slate-500">{email}</p>
        {accountHref && (
          <Link href={accountHref} className="mt-3 block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
            Your account: password, sessions
          </Link>
        )}
        <form action={signOutAction} className="mt-1 border-t border-slate-100 pt-3">
          <button type="submit" className="w-full rounded-md px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
