import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrgPage } from "@/lib/auth/context";
import { getAssessment, listAssessments } from "@/lib/assessments/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { ScoreHeadline } from "@/components/scores/score-headline";
import { VendorTable } from "@/components/scores/vendor-table";
import { buildScoresDashboard } from "@/lib/scores/dashboard";
import { rescoreWithCurrentMethodology } from "@/lib/assessments/rescore";
import { estimatedEventKeys } from "@/lib/assessments/landscape-changes";
import { NotRecorded } from "@/components/scores/switched-off";
import { EventDate } from "@/components/policy-events/event-date";
import { MethodologyRescoreCard } from "@/components/assessments/methodology-rescore";
import { parseInventoryDocument } from "@/scoring/parse";
import { formatDateTime, formatDay } from "@/lib/dates";

export const metadata = { title: "Assessment" };

export default async function AssessmentPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "scores:read");
  const assessment = await getAssessment(ctx, id);
  if (!assessment) notFound();
  const all = await listAssessments(ctx);
  const at = all.findIndex((a) => a.id === assessment.id);
  const previous = all[at + 1];
  const latest = all[0];
  const base = `/${ctx.organisationSlug}/scores/assessments`;
  const r = assessment.results;
  // The frozen inputs passed the engine when frozen; parse them again for their defaults.
  const inputs = parseInventoryDocument(assessment.inputs);
  // Frozen under an earlier methodology: the same inputs and landscape, re-scored under today's.
  const rescore = rescoreWithCurrentMethodology(assessment);
  // Results frozen before methodology 2026.12-1 record no unrecorded facts.
  const notRecorded = [...new Set(r.vendors.flatMap((v) => v.notRecorded ?? []))];
  const estimated = estimatedEventKeys(assessment);
  return (
    <>
      <PageHeader
        title={`Assessment of ${formatDay(assessment.asOf)}`}
        description={`Frozen ${formatDateTime(assessment.createdAt)} by ${assessment.createdBy?.name ?? "a former member"}. This record cannot change: it shows the score as it was, not as it is.`}
        actions={
          <>
            <Link href={`/${ctx.organisationSlug}/reports/preview/${assessment.id}`} className={buttonClass("secondary")}>
              Board report
            </Link>
            {previous && (
              <Link href={`${base}/compare?a=${previous.id}&b=${assessment.id}`} className={buttonClass("secondary")}>
                Compare with previous
              </Link>
            )}
            {latest && latest.id !== assessment.id && (
              <Link href={`${base}/compare?a=${assessment.id}&b=${latest.id}`} className={buttonClass("secondary")}>
                Compare with latest
              </Link>
            )}
          </>
        }
      />
      <div className="space-y-6">
        <ScoreHeadline result={r} findings={5} />
        {rescore && <MethodologyRescoreCard rescore={rescore} />}
        {r.note && (
          <Card>
            <h2 className="text-sm font-semibold text-slate-900">Note</h2>
            <p className="mt-1 text-sm text-slate-700">{r.note}</p>
          </Card>
        )}
        {inputs.ok && <VendorTable rows={buildScoresDashboard(r, inputs.value).vendors} />}
        <NotRecorded items={notRecorded} />
        <Card>
          <h2 className="text-sm font-semibold text-slate-900">What was frozen</h2>
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
            <div><dt className="text-slate-500">Inventory</dt><dd className="font-medium">{r.organisation.systemCount} AI systems, {r.organisation.dependencyCount} dependencies, {assessment.inputs.fallbacks?.length ?? 0} fallbacks</dd></div>
            <div>
              <dt className="text-slate-500">Policy events in force</dt>
              <dd className="font-medium">
                {r.landscape.active.length === 0 ? (
                  "None"
                ) : (
                  <ul className="space-y-0.5">
                    {r.landscape.active.map((e) => (
                      <li key={e.key}>
                        {e.title} (since <EventDate date={e.effectiveDate} estimated={e.dateEstimated === true || estimated.has(e.key)} />
                        {(e.partialLifts?.length ?? 0) > 0 && "; partly lifted"})
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div><dt className="text-slate-500">Methodology</dt><dd className="font-medium tabular-nums">{assessment.methodologyVersion}</dd></div>
            <div><dt className="text-slate-500">Inputs fingerprint (sha256)</dt><dd className="break-all font-mono text-xs">{assessment.inputsHash}</dd></div>
          </dl>
        </Card>
      </div>
    </>
  );
}
