import Link from "next/link";
import { z } from "zod";
import { requirePracticePage } from "@/lib/auth/context";
import { comparePortfolioClients } from "@/lib/practices/queries";
import { isAppError } from "@/lib/errors";
import { DIMENSIONS } from "@/scoring/options";
import { DIMENSION_LABELS } from "@/lib/scores/dashboard";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader, Panel } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { RatingBadge } from "@/components/scores/rating-badge";
import { CompareChart } from "@/components/practices/compare-chart";

export const metadata = { title: "Compare clients" };

const idsSchema = z.array(z.uuid()).min(2).max(6);

export default async function ComparePage({ params, searchParams }: { params: Promise<{ practice: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { practice } = await params;
  const ctx = await requirePracticePage(practice);
  const raw = (await searchParams).c;
  const ids = idsSchema.safeParse([raw ?? []].flat());
  const back = (
    <Link href={`/practices/${ctx.practiceSlug}`} className={buttonClass("secondary")}>
      Back to the portfolio
    </Link>
  );
  if (!ids.success) {
    return (
      <>
        <PageHeader title="Compare clients" actions={back} />
        <Alert tone="error">Pick between two and six clients in the portfolio to compare them.</Alert>
      </>
    );
  }
  const clients = await comparePortfolioClients(ctx, ids.data).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  });
  if (!clients) {
    return (
      <>
        <PageHeader title="Compare clients" actions={back} />
        <Alert tone="error">One of the clients is not in the portfolio (archived, or no longer a client of the practice). Pick them again in the portfolio.</Alert>
      </>
    );
  }
  const scored = clients.filter((c) => c.dimensions !== null) as (typeof clients[number] & { dimensions: NonNullable<(typeof clients)[number]["dimensions"]> })[];
  const vendorNames = [...new Set(clients.flatMap((c) => c.vendors.map((v) => v.name)))].sort((a, b) => a.localeCompare(b));
  return (
    <>
      <PageHeader title="Compare clients" description={`${clients.map((c) => c.name).join(", ")}: where each stands today, by dimension and by vendor.`} actions={back} />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {clients.map((c) => (
            <Card key={c.engagementId} className="p-4">
              <Link href={`/${c.slug}/scores`} className="font-medium text-brand-700 hover:underline">
                {c.name}
              </Link>
              <div className="mt-2">{c.rating && c.score !== null ? <RatingBadge rating={c.rating} score={c.score} size="lg" /> : <span className="text-sm text-slate-600">{c.unscored}</span>}</div>
              <p className="mt-2 text-xs text-slate-600">
                {c.systems} AI system{c.systems === 1 ? "" : "s"} · {c.restrictions.length === 0 ? "no restriction in force reaches it" : `reached by ${c.restrictions.join(", ")}`}
              </p>
            </Card>
          ))}
        </div>
        {scored.length > 0 && (
          <Card>
            <h2 className="text-base font-semibold text-slate-900">Dimensions</h2>
            <p className="text-xs text-slate-500">Each dimension 0-100, higher is more sovereign.</p>
            <CompareChart clients={scored} />
            <div tabIndex={0} role="region" aria-label="Dimension scores, scrollable" className="mt-4 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Dimension scores (0-100) per client</caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-3 py-2">Dimension</th>
                    {scored.map((c) => (
                      <th key={c.engagementId} scope="col" className="px-3 py-2 text-right">{c.name}</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {DIMENSIONS.map((d) => (
                    <tr key={d}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">{DIMENSION_LABELS[d]}</th>
                      {scored.map((c) => (
                        <td key={c.engagementId} className="px-3 py-2 text-right tabular-nums">{c.dimensions[d].toFixed(1)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
        <Panel aria-labelledby="vendor-exposure-heading">
          <div className="px-4 py-3">
            <h2 id="vendor-exposure-heading" className="text-base font-semibold text-slate-900">
              Vendor exposure
            </h2>
            <p className="text-xs text-slate-500">Each vendor&apos;s score for each client that depends on it, and how many of its AI systems do. A vendor a client does not use shows a dash.</p>
          </div>
          <div tabIndex={0} role="region" aria-label="Vendor exposure, scrollable" className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Vendor exposure per client</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2">Vendor</th>
                  {clients.map((c) => (
                    <th key={c.engagementId} scope="col" className="px-4 py-2">{c.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {vendorNames.map((name) => (
                  <tr key={name}>
                    <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">{name}</th>
                    {clients.map((c) => {
                      const v = c.vendors.find((x) => x.name === name);
                      return (
                        <td key={c.engagementId} className="whitespace-nowrap px-4 py-2">
                          {v ? (
                            <>
                              <RatingBadge rating={v.rating} score={v.score} />
                              <span className="block text-xs text-slate-500">
                                {v.systems} system{v.systems === 1 ? "" : "s"}
                                {v.restricted && <span className="font-medium text-red-700"> · restricted</span>}
                              </span>
                            </>
                          ) : (
                            <>
                              <span aria-hidden className="text-slate-400">—</span>
                              <span className="sr-only">Not used</span>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            {vendorNames.length === 0 && <p className="px-4 pb-4 text-sm text-slate-600">None of these clients depends on a vendor yet.</p>}
          </div>
        </Panel>
      </div>
    </>
  );
}
