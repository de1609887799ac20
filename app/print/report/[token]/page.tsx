import { notFound } from "next/navigation";
import { printContext } from "@/lib/reports/print-context";
import { getBoardReport } from "@/lib/reports/queries";
import { BoardReport, PAPER } from "@/components/reports/board-report";

// The board report as headless Chromium prints it (the report job). Opened with a short-lived
// print token, never a session: printContext re-checks the requesting member's membership and
// getBoardReport their permission. `data-report-ready` turns "true" once the page, charts
// included, has finished rendering (components/reports/report-ready.tsx); the job waits for it.
export const metadata = { title: "Board report", robots: { index: false } };

export default async function BoardReportPrintPage({ params }: { params: Promise<{ token: string }> }) {
  const access = await printContext((await params).token);
  if (!access) notFound();
  const report = await getBoardReport(access.ctx, access.assessmentId);
  if (!report) notFound();
  return (
    <main data-report-ready="false" data-paper={access.paper} className="mx-auto bg-white" style={{ width: PAPER[access.paper].contentWidth }}>
      <BoardReport report={report} paper={access.paper} orgSlug={access.ctx.organisationSlug} />
    </main>
  );
}
