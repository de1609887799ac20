import Link from "next/link";
import type { MyPractice } from "@/lib/auth/context";

/** In an organisation's sidebar: the way back to the portfolio of each practice the user belongs to. */
export function PracticeLinks({ practices }: { practices: MyPractice[] }) {
  if (practices.length === 0) return null;
  return (
    <nav aria-label="Practices" className="border-t border-slate-200 pt-3">
      <p className="px-3 text-xs font-medium uppercase tracking-wide text-slate-500">Your practice{practices.length > 1 ? "s" : ""}</p>
      <ul className="mt-1 space-y-0.5">
        {practices.map((p) => (
          <li key={p.id}>
            <Link href={`/practices/${p.slug}`} className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
              {p.name}: all clients
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
