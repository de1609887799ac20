import Link from "next/link";
import { cookies } from "next/headers";
import { Sidebar } from "@/components/shell/sidebar";
import { SIDEBAR_COOKIE } from "@/components/shell/sidebar-cookie";
import { SkipLinks } from "@/components/shell/skip-links";
import { getMyOrganisations, getMyPractices, requireOrgPage, requireUserPage } from "@/lib/auth/context";
import { PracticeLinks } from "@/components/practices/practice-links";
import { NavLinks } from "@/components/shell/nav-links";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { ROLE_LABELS, isRole } from "@/lib/auth/permissions";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const user = await requireUserPage();
  const ctx = await requireOrgPage(org);
  const [organisations, practices] = await Promise.all([getMyOrganisations(), getMyPractices()]);
  const switcherOptions = organisations.map((o) => ({ slug: o.slug, name: o.name, role: isRole(o.role) ? ROLE_LABELS[o.role] : o.role, via: o.via }));
  return (
    <div className="flex min-h-screen print:block print:min-h-0">
      <SkipLinks />
      <Sidebar initiallyCollapsed={(await cookies()).get(SIDEBAR_COOKIE)?.value === "collapsed"}>
        <Link href={`/${ctx.organisationSlug}`} className="flex items-center gap-2 px-1 text-lg font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="inline-block size-6 rounded-md bg-gradient-to-br from-brand-500 to-brand-700" />
          Sovra
        </Link>
        <OrgSwitcher current={ctx.organisationSlug} organisations={switcherOptions} />
        <NavLinks orgSlug={ctx.organisationSlug} />
        <PracticeLinks practices={practices} />
      </Sidebar>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center print:hidden justify-between gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <details className="relative lg:hidden">
            <summary className="cursor-pointer list-none rounded-md px-2 py-1.5 text-sm font-medium ring-1 ring-slate-300">Menu</summary>
            <div className="absolute left-0 z-20 mt-2 w-64 space-y-4 rounded-md bg-white p-4 shadow-lg ring-1 ring-slate-200">
              <OrgSwitcher current={ctx.organisationSlug} organisations={switcherOptions} />
              <NavLinks orgSlug={ctx.organisationSlug} label="Main (mobile)" />
              <PracticeLinks practices={practices} />
            </div>
          </details>
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-slate-900">{ctx.organisationName}</p>
            <p className="text-xs text-slate-500">
              Your role: {ROLE_LABELS[ctx.role]}
              {ctx.via && <> · through {ctx.via}</>}
            </p>
          </div>
          <UserMenu name={user.name} email={user.email} accountHref={`/${ctx.organisationSlug}/account`} />
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-6 py-8 outline-none print:p-0">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
