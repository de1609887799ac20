import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { printContext } from "@/lib/reports/print-context";
import { getBoardReport, getReportInventory } from "@/lib/reports/queries";
import { reportBranding } from "@/lib/practices/queries";
import { footerCss, REPORT_PART_QUERY } from "@/lib/reports/report-footer";
import { BoardReport, BoardReportInventoryPart, PAPER } from "@/components/reports/board-report";
import { formatDayLong } from "@/lib/dates";

// The board report as headless Chromium prints it (the report job). Opened with a short-lived
// print token, never a session: printContext re-checks the requesting member's membership and
// getBoardReport (getReportInventory) their permission. `data-report-ready` turns "true" once the
// page, charts included, has finished rendering (components/reports/report-ready.tsx); the job
// waits for it. Without a query it is the whole report, numbered by Chromium;
// `?part=main|inventory&from=&to=` renders one part of a large report without page numbers: the
// job lays them over the joined parts (decision 024). The query only changes layout, access stays
// the token's; a malformed one is a 404, never a guess.
export const metadata = { title: "Board report", robots: { index: false } };

type Search = Record<string, string | string[] | undefined>;

export default async function BoardReportPrintPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Search> }) {
  const access = await printContext((await params).token);
  if (!access) notFound();
  const search = await searchParams;
  let query = null;
  if (search.part !== undefined) {
    const parsed = REPORT_PART_QUERY.safeParse(search);
    if (!parsed.success) notFound();
    query = parsed.data;
  }
  // The footer's facts and, with no part asked for, Chromium's own page numbers.
  const page = (meta: { organisationName: string; assessmentId: string; asOf: string; methodologyVersion: string }, content: ReactNode) => (
    <main data-report-ready="false" data-paper={access.paper} className="mx-auto bg-white" style={{ width: PAPER[access.paper].contentWidth }}>
      <style>{footerCss({ organisation: meta.organisationName, assessmentId: meta.assessmentId, assessmentDate: formatDayLong(meta.asOf), methodologyVersion: meta.methodologyVersion }, query === null)}</style>
      {content}
    </main>
  );
  if (query?.part === "inventory") {
    const inventory = await getReportInventory(access.ctx, access.assessmentId);
    if (!inventory || query.from >= inventory.inventory.length) notFound();
    return page(inventory.meta, <BoardReportInventoryPart report={inventory} paper={access.paper} from={query.from} to={query.to} />);
  }
  const [report, branding] = await Promise.all([getBoardReport(access.ctx, access.assessmentId), reportBranding(access.ctx)]);
  if (!report) notFound();
  return page(report.meta, <BoardReport report={report} paper={access.paper} orgSlug={access.ctx.organisationSlug} part={query ? { part: "main" } : undefined} branding={branding} />);
}
