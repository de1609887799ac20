import { notFound } from "next/navigation";
import { printContext } from "@/lib/reports/print-context";
import { getAssessment } from "@/lib/assessments/queries";
import { buildScoresDashboard } from "@/lib/scores/dashboard";
import { parseInventoryDocument } from "@/scoring/parse";
import { ScoreHeadline } from "@/components/scores/score-headline";
import { VendorTable } from "@/components/scores/vendor-table";

// The board report as headless Chromium prints it (lib/reports: the report job). Opened with a
// short-lived print token, never a session; it uses the same components as the screens.
// `data-report-ready` tells the job the page (charts included) has finished rendering.
export const metadata = { title: "Board report", robots: { index: false } };

export default async function BoardReportPrintPage({ params }: { params: Promise<{ token: string }> }) {
  const access = await printContext((await params).token);
  if (!access) notFound();
  const assessment = await getAssessment(access.ctx, access.assessmentId);
  if (!assessment) notFound();
  const inputs = parseInventoryDocument(assessment.inputs);
  return (
    <main data-report-ready="true" data-paper={access.paper} className="mx-auto max-w-4xl space-y-6 p-6">
      <h1 className="text-2xl font-semibold">Board report: {access.ctx.organisationName}</h1>
      <p>Assessment of {assessment.asOf}, methodology {assessment.methodologyVersion}</p>
      <ScoreHeadline result={assessment.results} findings={3} />
      {inputs.ok && <VendorTable rows={buildScoresDashboard(assessment.results, inputs.value).vendors} />}
    </main>
  );
}
