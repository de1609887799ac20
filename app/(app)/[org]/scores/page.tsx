import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { scoreOrganisation } from "@/lib/scores/queries";
import { restrictionsInForceOf, scoresDashboardOf, worldMapOf } from "@/lib/scores/derived";
import { trendMarkers } from "@/lib/scores/active-restrictions";
import { listAssessments } from "@/lib/assessments/queries";
import { PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { ScoreHeadline } from "@/components/scores/score-headline";
import { ActiveRestrictionsBanner } from "@/components/scores/active-restrictions";
import { VendorTable } from "@/components/scores/vendor-table";
import { ScoreProblems } from "@/components/scores/score-problems";
import { AssessmentMove } from "@/components/assessments/assessment-move";
import { ScoreTrend } from "@/components/assessments/score-trend";
import { DimensionRadar } from "@/components/scores/dimension-radar";
import { ConcentrationCharts } from "@/components/scores/concentration-charts";
import { SystemHeatMap } from "@/components/scores/system-heat-map";
import { WorldMap } from "@/components/scores/world-map";
import { GettingStarted } from "@/components/scores/getting-started";
import { getOrganisationOverview } from "@/lib/organisations/queries";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Scores" };

export default async function ScoresPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const [live, assessments] = await Promise.all([scoreOrganisation(ctx), listAssessments(ctx)]);
  const trend = [...assessments].reverse().map(({ id, asOf, createdAt, score, rating }) => ({ id, asOf, createdAt, score, rating }));
  // Derived once per inventory version and kept with the cached score (lib/scores/derived.ts).
  const dashboard = live.ok ? scoresDashboardOf(live) : undefined;
  return (
    <>
      <PageHeader
        title="Scores"
        description="How sovereign each vendor is for this organisation: who holds the off switch, which laws reach it, and whether a tested fallback exists. Higher is more sovereign."
        actions={
          <Link href={`/${ctx.organisationSlug}/scores/assessments`} className={buttonClass("secondary")}>
            Assessments
          </Link>
        }
      />
      {live.ok && live.result.dependencies.length === 0 ? (
        <GettingStarted counts={await getOrganisationOverview(ctx)} orgSlug={ctx.organisationSlug} canEdit={can(ctx.role, "inventory:write")} />
      ) : live.ok && dashboard ? (
        <div className="space-y-6">
          <ActiveRestrictionsBanner restrictions={restrictionsInForceOf(live)} orgSlug={ctx.organisationSlug} asOf={live.result.asOf} />
          <ScoreHeadline result={live.result} findings={3} move={<AssessmentMove score={live.result.organisation.score} latest={assessments[0]} orgSlug={ctx.organisationSlug} />} />
          {trend.length > 0 && <ScoreTrend points={trend} markers={live.ok ? trendMarkers(live.result.organisation.activeRestrictions) : []} />}
          <VendorTable rows={dashboard.vendors} />
          {dashboard.vendors.length > 0 && (
            <div className="space-y-6">
              <DimensionRadar organisation={dashboard.radar.organisation} vendors={dashboard.radar.vendors} />
              <SystemHeatMap heatMap={dashboard.heatMap} orgSlug={ctx.organisationSlug} />
            </div>
          )}
          {dashboard.totalDependencies > 0 && <ConcentrationCharts concentration={dashboard.concentration} totalDependencies={dashboard.totalDependencies} />}
          {live.document.offices.length > 0 && <WorldMap data={worldMapOf(live)} />}
        </div>
      ) : (
        !live.ok && <ScoreProblems issues={live.issues} />
      )}
    </>
  );
}
