import Link from "next/link";
import { requirePracticePage } from "@/lib/auth/context";
import { canInPractice } from "@/lib/auth/practice-permissions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { listPortfolio } from "@/lib/practices/queries";
import { countryName } from "@/lib/countries";
import { formatDay } from "@/lib/dates";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader, Panel } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { PortfolioTable, type PortfolioRow } from "@/components/practices/portfolio-table";
import { RatingSpread } from "@/components/practices/rating-spread";

export const metadata = { title: "Portfolio" };

export default async function PortfolioPage({ params, searchParams }: { params: Promise<{ practice: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { practice } = await params;
  const query = await searchParams;
  const ctx = await requirePracticePage(practice);
  const archived = query.archived === "1";
  const partner = canInPractice(ctx.role, "clients:manage");
  const clients = await listPortfolio(ctx, { archived });
  const rows: PortfolioRow[] = clients.map((c) => ({
    engagementId: c.engagementId,
    slug: c.slug,
    name: c.name,
    sector: c.sector,
    country: countryName(c.hqCountry),
    roleLabel: ROLE_LABELS[c.role],
    score: c.score,
    rating: c.rating,
    unscored: c.unscored,
    trend: c.score !== null && c.lastAssessment ? c.score - c.lastAssessment.score : null,
    lastAssessment: c.lastAssessment ? c.lastAssessment.asOf.toISOString() : null,
    restrictions: c.restrictions,
    overdueActions: c.overdueActions,
    nextWorkshop: c.nextWorkshop,
    openActions: c.openActions,
  }));
  const overdue = clients.reduce((n, c) => n + c.overdueActions, 0);
  const reached = clients.filter((c) => c.restrictions.length > 0).length;
  const scored = clients.filter((c) => c.score !== null);

  if (archived) {
    return (
      <>
        <PageHeader title="Archived clients" description="Nobody in the practice reaches an archived client until a partner restores it. The client's own people keep working in it." actions={<Link href={`/practices/${ctx.practiceSlug}`} className={buttonClass("secondary")}>Back to the portfolio</Link>} />
        {query.deleted === "1" && <Alert tone="success" className="mb-4">The client was deleted, with everything in it.</Alert>}
        <Panel>
          {clients.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600">No archived clients.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {clients.map((c) => (
                <li key={c.engagementId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                  <span>
                    <span className="font-medium text-slate-900">{c.name}</span>
                    <span className="block text-xs text-slate-500">
                      {c.sector} · archived {c.archivedAt ? formatDay(c.archivedAt) : ""}
                    </span>
                  </span>
                  {partner && (
                    <Link href={`/practices/${ctx.practiceSlug}/clients/${c.engagementId}`} className="font-medium text-brand-700 hover:underline">
                      Restore or delete<span className="sr-only"> {c.name}</span>
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Every client of the practice: where each stands today, how it moved since its last assessment, what reaches it and what is late."
        actions={
          <>
            <Link href={`/practices/${ctx.practiceSlug}?archived=1`} className={buttonClass("secondary")}>
              Archived clients
            </Link>
            {partner && (
              <Link href={`/practices/${ctx.practiceSlug}/clients/new`} className={buttonClass("primary")}>
                New client
              </Link>
            )}
          </>
        }
      />
      {query.forbidden === "1" && <Alert tone="error" className="mb-4">Only a partner of the practice can do that.</Alert>}
      {clients.length === 0 ? (
        <Card>
          <h2 className="text-base font-semibold text-slate-900">No clients yet</h2>
          <p className="mt-1 text-sm text-slate-600">
            {partner ? "Create the first client: empty, or from a sector template that the workshop then corrects." : "A partner of the practice creates clients; they appear here."}
          </p>
          {partner && (
            <Link href={`/practices/${ctx.practiceSlug}/clients/new`} className={buttonClass("primary", "mt-4")}>
              Create the first client
            </Link>
          )}
        </Card>
      ) : (
        <div className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Clients" value={String(clients.length)} note={`${scored.length} with a score`} />
            <Stat label="Reached by a restriction in force" value={String(reached)} note={reached === 1 ? "client" : "clients"} tone={reached > 0 ? "red" : undefined} />
            <Stat label="Overdue actions" value={String(overdue)} note="across all clients" tone={overdue > 0 ? "red" : undefined} />
            <Card className="p-4">
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Ratings</p>
              <RatingSpread ratings={scored.map((c) => c.rating!)} />
            </Card>
          </div>
          <PortfolioTable rows={rows} practiceSlug={ctx.practiceSlug} />
        </div>
      )}
    </>
  );
}

function Stat({ label, value, note, tone }: { label: string; value: string; note: string; tone?: "red" }) {
  return (
    <Card className="p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${tone === "red" ? "text-red-700" : "text-slate-900"}`}>{value}</p>
      <p className="text-xs text-slate-500">{note}</p>
    </Card>
  );
}
