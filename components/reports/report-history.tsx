import { Badge, Card } from "@/components/ui/card";
import { PAPER_LABELS } from "@/lib/reports/run-schemas";
import type { ReportRunRow } from "@/lib/reports/run-queries";
import { stageLabel } from "@/components/reports/stage-label";
import { formatDateTime, formatDay } from "@/lib/dates";

const STATUS: Record<ReportRunRow["status"], { label: string; tone: "slate" | "brand" | "red" | "emerald" }> = {
  queued: { label: "Queued", tone: "slate" },
  running: { label: "Generating", tone: "brand" },
  succeeded: { label: "Ready", tone: "emerald" },
  failed: { label: "Failed", tone: "red" },
};


export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Who generated which report, when, for which assessment, and its PDF to download. */
export function ReportHistory({ orgSlug, runs }: { orgSlug: string; runs: ReportRunRow[] }) {
  if (runs.length === 0) {
    return (
      <Card>
        <h2 className="text-base font-semibold text-slate-900">History</h2>
        <p className="mt-2 text-sm text-slate-600">No board report has been generated yet.</p>
      </Card>
    );
  }
  return (
    <Card className="overflow-x-auto p-0">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">History, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Generated</th>
            <th scope="col" className="px-4 py-3">By</th>
            <th scope="col" className="px-4 py-3">Assessment</th>
            <th scope="col" className="px-4 py-3">Paper</th>
            <th scope="col" className="px-4 py-3 text-right">Pages</th>
            <th scope="col" className="px-4 py-3 text-right">Size</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">PDF</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => {
            const date = formatDay(r.assessment.asOf);
            const status = STATUS[r.status];
            return (
              <tr key={r.id} data-run-id={r.id}>
                <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-medium">
                  {formatDateTime(r.createdAt)}
                </th>
                <td className="px-4 py-3">{r.requestedBy?.name ?? "A former member"}</td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums">{date}</td>
                <td className="px-4 py-3">{PAPER_LABELS[r.paper]}</td>
                <td className="px-4 py-3 text-right tabular-nums">{r.pageCount ?? "–"}</td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">{r.pdfBytes ? formatBytes(r.pdfBytes) : "–"}</td>
                <td className="px-4 py-3">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {r.attempts > 1 && <span className="ml-1 text-xs text-slate-500">{r.attempts} attempts</span>}
                  {r.status === "failed" && r.error && <p className="mt-1 max-w-md text-xs text-red-700">{r.error}</p>}
                  {(r.status === "queued" || r.status === "running") && <p className="mt-1 text-xs text-slate-500">{stageLabel(r.stage)}</p>}
                </td>
                <td className="px-4 py-3">
                  {r.status === "succeeded" ? (
                    <a href={`/api/v1/orgs/${orgSlug}/reports/${r.id}/pdf`} download className="whitespace-nowrap text-brand-700 underline" aria-label={`Download the board report of ${date} (${PAPER_LABELS[r.paper]}, generated ${formatDateTime(r.createdAt)})`}>
                      Download
                    </a>
                  ) : (
                    <span className="text-slate-500">–</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
