import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { resolveOrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";

type Tab = "profile" | "members" | "api-tokens" | "sso" | "audit";

/**
 * The settings tabs, each shown only to roles that may open it (the membership is already
 * resolved for the page, so this costs no query); each page checks again. Every member has the
 * API tokens tab (their own tokens; owners see everyone's); single sign-on is the owners'; the audit
 * log is for owners and analysts. On a narrow screen the tabs wrap.
 */
export async function SettingsTabs({ orgSlug, current }: { orgSlug: string; current: Tab }) {
  const ctx = await resolveOrgContext(orgSlug);
  const tabs: { id: Tab; label: string; href: string }[] = [
    { id: "profile", label: "Organisation", href: `/${orgSlug}/settings` },
    { id: "members", label: "Members", href: `/${orgSlug}/settings/members` },
  ];
  if (ctx && can(ctx.role, "api_tokens:own")) tabs.push({ id: "api-tokens", label: "API tokens", href: `/${orgSlug}/settings/api-tokens` });
  if (ctx && can(ctx.role, "sso:manage")) tabs.push({ id: "sso", label: "Single sign-on", href: `/${orgSlug}/settings/sso` });
  if (ctx && can(ctx.role, "audit:read")) tabs.push({ id: "audit", label: "Audit log", href: `/${orgSlug}/settings/audit` });
  return (
    <nav aria-label="Settings" className="mb-6 flex flex-wrap gap-x-1 border-b border-slate-200">
      {tabs.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          aria-current={t.id === current ? "page" : undefined}
          className={cn("-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium", t.id === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
