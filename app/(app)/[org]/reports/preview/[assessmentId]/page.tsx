import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { getBoardReport } from "@/lib/reports/queries";
import { reportBranding } from "@/lib/practices/queries";
import { PAPERS } from "@/lib/reports/print-token";
import { BoardReport, PAPER } from "@/components/reports/board-report";
import { PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { formatDay } from "@/lib/dates";

export const metadata = { title: "Board report preview" };

const searchSchema = z.object({ paper: z.enum(PAPERS).catch("a4") });

/**
 * The board report in the browser, exactly as it will be printed (the same component as the
 * print route), so a risk officer can read it before generating the PDF.
 */
export default async function BoardReportPreviewPage({ params, searchParams }: { params: Promise<{ org: string; assessmentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, assessmentId } = await params;
  const ctx = await requireOrgPage(org, "scores:read");
  const { paper } = searchSchema.parse(await searchParams);
  const [report, branding] = await Promise.all([getBoardReport(ctx, assessmentId), reportBranding(ctx)]);
  if (!report) notFound();
  const here = `/${ctx.organisationSlug}/reports/preview/${report.meta.assessmentId}`;
  return (
    <>
      <div className="print:hidden">
        <PageHeader
          title="Board report preview"
          description={`The report of the assessment of ${formatDay(report.meta.asOf)}, as it will be printed on ${PAPER[paper].label} paper. Scores, scenarios and the inventory come from the frozen assessment; the remediation plan is as it stands today.`}
          actions={
            <>
              <nav aria-label="Paper size" className="flex gap-1 rounded-md bg-slate-100 p-1 text-sm">
                {PAPERS.map((p) => (
                  <Link key={p} href={`${here}?paper=${p}`} aria-current={p === paper ? "page" : undefined} className={p === paper ? "rounded bg-white px-3 py-1.5 font-medium text-slate-900 shadow-sm" : "rounded px-3 py-1.5 text-slate-600 hover:text-slate-900"}>
                    {PAPER[p].label}
                  </Link>
                ))}
              </nav>
              <Link href={`/${ctx.organisationSlug}/scores/assessments/${report.meta.assessmentId}`} className={buttonClass("secondary")}>
                Back to the assessment
              </Link>
            </>
          }
        />
      </div>
      {/* A sheet of paper: the report's width between the margins, plus the margins. Keyed by the
          paper so that switching it renders (and signals readiness) afresh. */}
      <div key={paper} data-report-ready="false" data-paper={paper} className="mx-auto overflow-x-auto rounded-sm bg-white px-[16mm] py-[16mm] shadow-md ring-1 ring-slate-200 print:overflow-visible print:p-0 print:shadow-none print:ring-0" style={{ maxWidth: `calc(${PAPER[paper].contentWidth} + 32mm)` }}>
        <BoardReport report={report} paper={paper} orgSlug={ctx.organisationSlug} branding={branding} />
      </div>
    </>
  );
}
