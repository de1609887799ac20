import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listScenarios } from "@/lib/scenarios/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { Delta } from "@/components/assessments/delta";
import { describeShocks, shockNames } from "@/components/scenarios/describe";
import { scoreOrganisation } from "@/lib/scores/queries";
import { formatDateTime } from "@/lib/dates";

export const metadata = { title: "Scenarios" };

export default async function ScenariosPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const [scenarios, live] = await Promise.all([listScenarios(ctx), scoreOrganisation(ctx)]);
  const names = shockNames(live.ok ? live.document : undefined);
  const base = `/${ctx.organisationSlug}/scenarios`;
  const mayRun = can(ctx.role, "scenarios:run");
  return (
    <>
      <PageHeader
        title="Scenarios"
        description="Simulate a policy shock and see its blast radius before it happens: which systems, offices, teams and data flows lose service, which recover through a tested fallback, and how fast."
        actions={
          <>
            <Link href={`${base}/policy-events`} className={buttonClass("secondary")}>
              Policy events
            </Link>
            {mayRun && (
              <Link href={`${base}/new`} className={buttonClass()}>
                New scenario
              </Link>
            )}
          </>
        }
      />
      {scenarios.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No saved scenario yet. {mayRun ? "Build one from a shock such as a vendor blocked for some countries or a cloud region lost." : "Owners and analysts can build and run them."}</p>
        </Card>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Saved scenarios</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Scenario</th>
                <th scope="col" className="px-4 py-3">Shocks</th>
                <th scope="col" className="px-4 py-3">Last run</th>
                <th scope="col" className="px-4 py-3">Systems affected</th>
                <th scope="col" className="px-4 py-3">Weighted impact</th>
                <th scope="col" className="px-4 py-3">Score change</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {scenarios.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    <Link href={`${base}/${s.id}`} className="text-brand-700 underline">
                      {s.name}
                    </Link>
                    {s.description && <span className="block text-xs font-normal text-slate-500">{s.description}</span>}
                  </th>
                  <td className="px-4 py-3 text-slate-700">{describeShocks(s.name, s.shocks, names).join("; ")}</td>
                  <td className="whitespace-nowrap px-4 py-3">{s.lastRunAt ? formatDateTime(s.lastRunAt) : "Never"}</td>
                  <td className="px-4 py-3 tabular-nums">{s.lastResult ? s.lastResult.counts.systemsAffected : "—"}</td>
                  <td className="px-4 py-3 tabular-nums">{s.lastResult ? `${s.lastResult.weightedImpactPercent.toFixed(1)}%` : "—"}</td>
                  <td className="px-4 py-3">{s.lastResult ? <Delta value={s.lastResult.score.delta} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
