"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export const NAV_AREAS = [
  { segment: "", label: "Overview" },
  { segment: "inventory", label: "Inventory" },
  { segment: "scores", label: "Scores" },
  { segment: "scenarios", label: "Scenarios" },
  { segment: "remediation", label: "Remediation" },
  { segment: "reports", label: "Reports" },
  { segment: "workshops", label: "Workshops" },
  { segment: "settings", label: "Settings" },
] as const;

export function NavLinks({ orgSlug, label = "Main" }: { orgSlug: string; label?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="space-y-0.5">
        {NAV_AREAS.map((area) => {
          const href = area.segment ? `/${orgSlug}/${area.segment}` : `/${orgSlug}`;
          const active = area.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === href;
          return (
            <li key={area.label}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-2 text-sm font-medium",
                  active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {area.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
