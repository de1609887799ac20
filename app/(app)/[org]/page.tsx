import type { Metadata } from "next";
import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { getOrganisation, getOrganisationOverview } from "@/lib/organisations/queries";
import { countryName } from "@/lib/countries";
import { scoreOrganisation } from "@/lib/scores/queries";
import { trendMarkers } from "@/lib/scores/active-restrictions";
import { restrictionsInForceOf } from "@/lib/scores/derived";
import { assessmentChanges, listAssessments } from "@/lib/assessments/queries";
import { getLatestReportRun } from "@/lib/reports/run-queries";
import { Card, PageHeader } from "@/components/ui/card";
import { ScoreHeadline } from "@/components/scores/score-headline";
import { ScoreProblems } from "@/components/scores/score-problems";
import { ActiveRestrictionsBanner } from "@/components/scores/active-restrictions";
import { ScoreTrend } from "@/components/assessments/score-trend";
import { WhatChanged } from "@/components/assessments/what-changed";
import { LatestReport } from "@/components/reports/latest-report";
import { GettingStarted } from "@/components/scores/getting-started";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  // Each query scopes itself by the caller's organisation. The comparison of the two latest frozen
  // assessments (the only large reads here) is computed once per process and pair, then kept.
  const [organisation, counts, live, assessments, latestReport] = await Promise.all([
    getOrganisation(ctx),
    getOrganisationOverview(ctx),
    scoreOrganisation(ctx),
    listAssessments(ctx),
    getLatestReportRun(ctx),
  ]);
  const [latest, previous] = assessments;
  const comparison = latest && previous ? await assessmentChanges(ctx, previous, latest) : null;
  const trend = [...assessments].reverse().map(({ id, asOf, createdAt, score, rating }) => ({ id, asOf, createdAt, score, rating }));
  const restrictions = live.ok ? restrictionsInForceOf(live) : [];
  const base = `/${ctx.organisationSlug}`;
  const figures = [
    { label: "Offices", value: counts.offices, href: "inventory/offices" },
    { label: "Vendors", value: counts.vendors },
    { label: "Models", value: counts.models },
    { label: "AI systems", value: counts.aiSystems },
    { label: "Model dependencies", value: counts.dependencies },
    { label: "Fallbacks", value: counts.fallbacks },
    { label: "Data flows", value: counts.dataFlows },
    { label: "Open remediation actions", value: counts.openActions },
  ];
  return (
    <>
      <PageHeader
        title={organisation.name}
        description={`${organisation.sector}, headquartered in ${countryName(organisation.hqCountry)}. What this organisation depends on, as recorded in its inventory.`}
      />
      <div className="mb-6 space-y-6">
        {live.ok && <ActiveRestrictionsBanner restrictions={restrictions} orgSlug={ctx.organisationSlug} asOf={live.result.asOf} showScoresLink />}
        {!live.ok ? (
          <ScoreProblems issues={live.issues} />
        ) : live.result.dependencies.length > 0 ? (
          <ScoreHeadline result={live.result} />
        ) : (
          <GettingStarted counts={counts} orgSlug={ctx.organisationSlug} canEdit={can(ctx.role, "inventory:write")} />
        )}
        {trend.length > 0 && <ScoreTrend points={trend} markers={live.ok ? trendMarkers(live.result.organisation.activeRestrictions) : []} />}
        {comparison && <WhatChanged c={comparison} compareHref={`${base}/scores/assessments/compare?a=${comparison.before.id}&b=${comparison.after.id}`} />}
        {latestReport && <LatestReport run={latestReport} orgSlug={ctx.organisationSlug} />}
      </div>
      <Card aria-labelledby="inventory-heading">
        <h2 id="inventory-heading" className="text-sm font-semibold text-slate-900">
          Inventory at a glance
        </h2>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          {figures.map((f) => (
            <div key={f.label} className="rounded-md bg-slate-50 px-4 py-3">
              <dt className="text-xs font-medium text-slate-500">{f.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
                {f.href ? (
                  <Link href={`/${ctx.organisationSlug}/${f.href}`} className="hover:text-brand-700 hover:underline">
                    {f.value.toLocaleString("en")}
                  </Link>
                ) : (
                  f.value.toLocaleString("en")
                )}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
    </>
  );
}
