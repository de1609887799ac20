import Link from "next/link";
import { cookies } from "next/headers";
import { Sidebar } from "@/components/shell/sidebar";
import { SIDEBAR_COOKIE } from "@/components/shell/sidebar-cookie";
import { SkipLinks } from "@/components/shell/skip-links";
import { UserMenu } from "@/components/shell/user-menu";
import { PracticeNav } from "@/components/practices/practice-nav";
import { getMyOrganisations, getMyPractices, requirePracticePage, requireUserPage } from "@/lib/auth/context";
import { PRACTICE_ROLE_LABELS } from "@/lib/auth/practice-permissions";
import { canInPractice } from "@/lib/auth/practice-permissions";

/** The shell of a practice's pages: its portfolio, its clients, its members. */
export default async function PracticeLayout({ children, params }: { children: React.ReactNode; params: Promise<{ practice: string }> }) {
  const { practice } = await params;
  const user = await requireUserPage();
  const ctx = await requirePracticePage(practice);
  const [organisations, practices] = await Promise.all([getMyOrganisations(), getMyPractices()]);
  const firstOrganisation = organisations[0];
  const nav = <PracticeNav practiceSlug={ctx.practiceSlug} partner={canInPractice(ctx.role, "clients:manage")} otherPractices={practices.filter((p) => p.id !== ctx.practiceId)} />;
  return (
    <div className="flex min-h-screen">
      <SkipLinks />
      <Sidebar initiallyCollapsed={(await cookies()).get(SIDEBAR_COOKIE)?.value === "collapsed"}>
        <Link href={`/practices/${ctx.practiceSlug}`} className="flex items-center gap-2 px-1 text-lg font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="inline-block size-6 rounded-md bg-gradient-to-br from-brand-500 to-brand-700" />
          Sovra
        </Link>
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Practice</p>
          <p className="mt-1 text-sm font-medium text-slate-900">{ctx.practiceName}</p>
        </div>
        {nav}
      </Sidebar>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-3">
          <details className="relative lg:hidden">
            <summary className="cursor-pointer list-none rounded-md px-2 py-1.5 text-sm font-medium ring-1 ring-slate-300">Menu</summary>
            <div className="absolute left-0 z-20 mt-2 w-64 space-y-4 rounded-md bg-white p-4 shadow-lg ring-1 ring-slate-200">{nav}</div>
          </details>
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-slate-900">{ctx.practiceName}</p>
            <p className="text-xs text-slate-500">Your role in the practice: {PRACTICE_ROLE_LABELS[ctx.role]}</p>
          </div>
          <UserMenu name={user.name} email={user.email} accountHref={firstOrganisation ? `/${firstOrganisation.slug}/account` : null} />
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-6 py-8 outline-none">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
