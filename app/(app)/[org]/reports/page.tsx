import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listAssessments } from "@/lib/assessments/queries";
import { listReportRuns } from "@/lib/reports/run-queries";
import { chromiumProblem, qpdfProblem } from "@/lib/reports/renderer";
import { REPORT_PARTS } from "@/lib/reports/report-job";
import { PAPER_LABELS } from "@/lib/reports/run-schemas";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { ReportGenerator } from "@/components/reports/report-generator";
import { ReportProgress } from "@/components/reports/report-progress";
import { ReportHistory } from "@/components/reports/report-history";
import { ExportsPanel } from "@/components/reports/exports-panel";
import { formatDay } from "@/lib/dates";

export const metadata = { title: "Reports" };

export default async function ReportsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const [assessments, runs] = await Promise.all([listAssessments(ctx), listReportRuns(ctx)]);
  const canExport = can(ctx.role, "reports:export");
  const chromium = chromiumProblem();
  const qpdf = chromium ? null : qpdfProblem();
  const open = runs.filter((r) => r.status === "queued" || r.status === "running");
  const assessmentsHref = `/${ctx.organisationSlug}/scores/assessments`;
  return (
    <>
      <PageHeader title="Reports" description="Board-ready PDF reports of a frozen assessment: executive summary, vendor table, charts, scenarios and the remediation plan, footed with the assessment and methodology on every page." />
      <div className="space-y-6">
        <Card aria-labelledby="board-report-title">
          <h2 id="board-report-title" className="text-base font-semibold text-slate-900">
            Board report (PDF)
          </h2>
          <div className="mt-3 space-y-4">
            {chromium && (
              <Alert tone="warning" title="PDFs cannot be generated on this server yet">
                {chromium}
              </Alert>
            )}
            {qpdf && (
              <Alert tone="warning" title={`Reports of more than ${REPORT_PARTS.singleDocumentMaxSystems} AI systems cannot be generated on this server yet`}>
                {qpdf}
              </Alert>
            )}
            {!canExport ? (
              <p className="text-sm text-slate-600">Owners and analysts generate board reports; you can download the ones generated below.</p>
            ) : assessments.length === 0 ? (
              <p className="text-sm text-slate-600">
                A board report is generated from a frozen assessment, so that it can be reproduced later. None yet:{" "}
                <Link href={assessmentsHref} className="text-brand-700 underline">
                  freeze an assessment under Scores → Assessments
                </Link>
                , then come back here.
              </p>
            ) : (
              <ReportGenerator
                orgSlug={ctx.organisationSlug}
                disabled={chromium !== null}
                assessments={assessments.map((a, i) => ({ id: a.id, label: `${formatDay(a.asOf)} · ${a.rating} ${a.score.toFixed(1)}${i === 0 ? " (latest)" : ""}` }))}
              />
            )}
            {assessments[0] && (
              <p className="text-sm text-slate-600">
                <Link href={`/${ctx.organisationSlug}/reports/preview/${assessments[0].id}`} className="text-brand-700 underline">
                  Read the latest assessment&apos;s report in the browser
                </Link>{" "}
                before generating the PDF (each assessment&apos;s page links to its own).
              </p>
            )}
            {open.length > 0 && (
              <section aria-label="Reports being generated" className="space-y-3">
                {open.map((r) => (
                  <ReportProgress
                    key={r.id}
                    orgSlug={ctx.organisationSlug}
                    label={`Board report of ${formatDay(r.assessment.asOf)} (${PAPER_LABELS[r.paper]})`}
                    initial={{ id: r.id, status: r.status, progress: r.progress, stage: r.stage, attempts: r.attempts, error: r.error }}
                  />
                ))}
              </section>
            )}
          </div>
        </Card>
        <ReportHistory orgSlug={ctx.organisationSlug} runs={runs} />
        <ExportsPanel org={ctx.organisationSlug} />
      </div>
    </>
  );
}
