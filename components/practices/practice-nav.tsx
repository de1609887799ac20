"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** A practice's areas; "New client" only for partners. Other practices of the user below. */
export function PracticeNav({ practiceSlug, partner, otherPractices }: { practiceSlug: string; partner: boolean; otherPractices: { slug: string; name: string }[] }) {
  const pathname = usePathname();
  const base = `/practices/${practiceSlug}`;
  const areas = [
    { href: base, label: "Portfolio", active: pathname === base || pathname === `${base}/compare` || (pathname.startsWith(`${base}/clients/`) && !pathname.endsWith("/clients/new")) },
    ...(partner ? [{ href: `${base}/clients/new`, label: "New client", active: pathname === `${base}/clients/new` }] : []),
    { href: `${base}/settings`, label: "Members and settings", active: pathname === `${base}/settings` },
    ...(partner
      ? [
          { href: `${base}/settings/api-tokens`, label: "API tokens", active: pathname === `${base}/settings/api-tokens` },
          { href: `${base}/audit`, label: "Audit trail", active: pathname === `${base}/audit` },
        ]
      : []),
  ];
  return (
    <nav aria-label="Practice">
      <ul className="space-y-0.5">
        {areas.map((a) => (
          <li key={a.href}>
            <Link
              href={a.href}
              aria-current={a.active ? "page" : undefined}
              className={cn("block rounded-md px-3 py-2 text-sm font-medium", a.active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900")}
            >
              {a.label}
            </Link>
          </li>
        ))}
      </ul>
      {otherPractices.length > 0 && (
        <ul className="mt-3 space-y-0.5 border-t border-slate-200 pt-3">
          {otherPractices.map((p) => (
            <li key={p.slug}>
              <Link href={`/practices/${p.slug}`} className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
                Switch to {p.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
