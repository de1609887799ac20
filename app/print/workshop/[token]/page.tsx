import { notFound } from "next/navigation";
import { printContext } from "@/lib/reports/print-context";
import { getWorkshopSummary } from "@/lib/workshops/queries";
import { reportBranding } from "@/lib/practices/queries";
import { footerCss } from "@/lib/reports/report-footer";
import { formatDayLong } from "@/lib/dates";
import { PAPER } from "@/components/reports/board-report";
import { WorkshopSummaryDocument } from "@/components/workshops/workshop-summary";

// A workshop's summary as headless Chromium prints it (the report job, decision 038): opened with
// a short-lived print token naming the workshop, never a session; printContext re-checks the
// requesting member's reach now, getWorkshopSummary their permission. The job waits for
// `data-report-ready="true"` (components/reports/report-ready.tsx).
export const metadata = { title: "Workshop summary", robots: { index: false } };

export default async function WorkshopSummaryPrintPage({ params }: { params: Promise<{ token: string }> }) {
  const access = await printContext((await params).token);
  if (!access?.workshopId) notFound();
  const [summary, branding] = await Promise.all([getWorkshopSummary(access.ctx, access.workshopId), reportBranding(access.ctx)]);
  if (!summary || summary.assessment.id !== access.assessmentId) notFound();
  return (
    <main data-report-ready="false" data-paper={access.paper} className="mx-auto bg-white" style={{ width: PAPER[access.paper].contentWidth }}>
      <style>{footerCss({ organisation: summary.organisationName, assessmentId: summary.assessment.id, assessmentDate: formatDayLong(summary.assessment.asOf), methodologyVersion: summary.assessment.methodologyVersion })}</style>
      <WorkshopSummaryDocument summary={summary} branding={branding} />
    </main>
  );
}
