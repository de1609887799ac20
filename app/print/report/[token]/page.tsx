import { notFound } from "next/navigation";
import { printContext } from "@/lib/reports/print-context";
import { getBoardReport } from "@/lib/reports/queries";
import { footerCss, REPORT_PART_QUERY } from "@/lib/reports/report-footer";
import { BoardReport, PAPER } from "@/components/reports/board-report";

// The board report as headless Chromium prints it (the report job). Opened with a short-lived
// print token, never a session: printContext re-checks the requesting member's membership and
// getBoardReport their permission. `data-report-ready` turns "true" once the page, charts
// included, has finished rendering (components/reports/report-ready.tsx); the job waits for it.
// Without a query it is the whole report, numbered by Chromium; `?part=main|inventory&from=&to=
// &first=&total=` renders one part of a large report and its numbering (decision 024). The query
// only changes layout, access stays the token's; a malformed one is a 404, never a guess.
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
  const report = await getBoardReport(access.ctx, access.assessmentId, undefined, { inventoryOnly: query?.part === "inventory" });
  if (!report) notFound();
  const part = query === null ? undefined : query.part === "main" ? ({ part: "main" } as const) : ({ part: "inventory", from: query.from, to: query.to } as const);
  if (part?.part === "inventory" && part.from >= report.inventory.length) notFound();
  const footer = footerCss(
    { organisation: report.meta.organisationName, assessmentId: report.meta.assessmentId, assessmentDate: report.meta.asOf, methodologyVersion: report.meta.methodologyVersion },
    query ? { first: query.first, total: query.total } : undefined,
  );
  return (
    <main data-report-ready="false" data-paper={access.paper} className="mx-auto bg-white" style={{ width: PAPER[access.paper].contentWidth }}>
      <style>{footer}</style>
      <BoardReport report={report} paper={access.paper} orgSlug={access.ctx.organisationSlug} part={part} />
    </main>
  );
}
