"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export const INVENTORY_SECTIONS = [
  { segment: "", label: "Overview" },
  { segment: "offices", label: "Offices" },
  { segment: "vendors", label: "Vendors" },
  { segment: "models", label: "Models" },
  { segment: "ai-systems", label: "AI systems" },
  { segment: "data-flows", label: "Data flows" },
  { segment: "import", label: "Import / export" },
] as const;

/** The inventory's sections, as tabs above each of its screens. */
export function InventoryNav({ orgSlug }: { orgSlug: string }) {
  const pathname = usePathname();
  const base = `/${orgSlug}/inventory`;
  return (
    <nav aria-label="Inventory" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {INVENTORY_SECTIONS.map((s) => {
          const href = s.segment ? `${base}/${s.segment}` : base;
          const active = s.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === href;
          return (
            <li key={s.label}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
