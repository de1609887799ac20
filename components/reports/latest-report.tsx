import Link from "next/link";
import type { ReportRunRow } from "@/lib/reports/run-queries";
import { PAPER_LABELS } from "@/lib/reports/run-schemas";
import { Card } from "@/components/ui/card";
import { RatingBadge } from "@/components/scores/rating-badge";
import type { Rating } from "@/scoring/ratings";
import { formatBytes } from "./report-history";
import { formatDateTime, formatDay } from "@/lib/dates";

/** The newest board report PDF: which assessment, when and by whom, and the link to download it. */
export function LatestReport({ run, orgSlug }: { run: ReportRunRow; orgSlug: string }) {
  const date = formatDay(run.assessment.asOf);
  const details = [PAPER_LABELS[run.paper], run.pageCount ? `${run.pageCount} pages` : null, run.pdfBytes ? formatBytes(run.pdfBytes) : null].filter(Boolean).join(" · ");
  return (
    <Card aria-labelledby="latest-report-heading">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="latest-report-heading" className="text-base font-semibold text-slate-900">
            Latest board report
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            Assessment of {date} <RatingBadge rating={run.assessment.rating as Rating} score={run.assessment.score} />
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Generated {formatDateTime(run.finishedAt ?? run.createdAt)} by {run.requestedBy?.name ?? "a former member"} · {details}
          </p>
        </div>
        <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <a
            href={`/api/v1/orgs/${orgSlug}/reports/${run.id}/pdf`}
            download
            className="whitespace-nowrap font-medium text-brand-700 underline"
          >
            Download the PDF<span className="sr-only"> of the board report of {date} ({PAPER_LABELS[run.paper]})</span>
          </a>
          <Link href={`/${orgSlug}/reports`} className="whitespace-nowrap text-brand-700 underline">
            All reports
          </Link>
        </p>
      </div>
    </Card>
  );
}
