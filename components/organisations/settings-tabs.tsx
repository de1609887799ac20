import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function SettingsTabs({ orgSlug, current }: { orgSlug: string; current: "profile" | "members" }) {
  const tabs = [
    { id: "profile", label: "Organisation", href: `/${orgSlug}/settings` },
    { id: "members", label: "Members", href: `/${orgSlug}/settings/members` },
  ] as const;
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
      {tabs.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          aria-current={t.id === current ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", t.id === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
