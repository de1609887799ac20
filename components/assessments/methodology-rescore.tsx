import type { MethodologyRescore, RescoreFailure, ScoreLine } from "@/lib/assessments/rescore";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { RatingBadge } from "@/components/scores/rating-badge";
import { Delta } from "./delta";
import { formatDay } from "@/lib/dates";

function Cell({ line }: { line: ScoreLine | null }) {
  return <td className="whitespace-nowrap px-4 py-2">{line ? <RatingBadge rating={line.rating} score={line.score} /> : <span className="text-slate-500">Not scored</span>}</td>;
}

/**
 * An assessment frozen under an earlier methodology beside the same inputs re-scored under
 * today's: the organisation and each vendor, frozen and current, with the change. The frozen
 * record does not change; the sentence says what was held fixed.
 */
export function MethodologyRescoreCard({ rescore }: { rescore: MethodologyRescore | RescoreFailure }) {
  const { frozenVersion, currentVersion } = rescore;
  if (!rescore.ok) {
    return (
      <Alert tone="warning" title={`Frozen under methodology ${frozenVersion}; today's is ${currentVersion}`}>
        Its frozen inventory can no longer be read by today&apos;s engine ({rescore.issues.length} problem{rescore.issues.length === 1 ? "" : "s"}), so it cannot be re-scored under the current methodology. The frozen numbers below stand as they were.
      </Alert>
    );
  }
  const o = rescore.organisation;
  const lead = rescore.restrictions.find((r) => r.switchedOffSystems > 0);
  const rows = [{ key: "(organisation)", name: "Organisation", frozen: o.frozen, current: o.current, organisation: true }, ...rescore.vendors.map((v) => ({ ...v, organisation: false }))];
  return (
    <Card className="overflow-x-auto p-0" aria-labelledby="methodology-rescore-heading" data-testid="methodology-rescore">
      <div className="px-4 pt-4">
        <h2 id="methodology-rescore-heading" className="text-base font-semibold text-slate-900">
          Frozen under methodology {frozenVersion}; re-scored under {currentVersion}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          Same inputs and landscape, current methodology: this assessment&apos;s frozen inventory, scored against the policy events frozen with it as of {formatDay(rescore.asOf)}, under
          methodology {currentVersion}. Only the method differs, so the change is the method&apos;s. The frozen record does not change.
        </p>
        {lead && (
          <p className="mt-2 max-w-3xl text-sm text-slate-700">
            Under the current methodology an active restriction dominates: {lead.title} switches off {lead.switchedOffSystems === 1 ? "1 AI system for some or all of its users" : `${lead.switchedOffSystems} AI systems for some or all of their users`},{" "}
            {lead.unrecoveredSystems} without a tested fallback in time.
          </p>
        )}
      </div>
      <table className="mt-3 min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Scores frozen under methodology {frozenVersion} and re-scored under {currentVersion}, organisation first, then each vendor</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Scored</th>
            <th scope="col" className="px-4 py-2">Frozen ({frozenVersion})</th>
            <th scope="col" className="px-4 py-2">Current method ({currentVersion})</th>
            <th scope="col" className="px-4 py-2 text-right">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key} className={r.organisation ? "bg-slate-50/60" : undefined}>
              <th scope="row" className={`px-4 py-2 text-left ${r.organisation ? "font-semibold" : "font-medium"}`}>
                {r.name}
              </th>
              <Cell line={r.frozen} />
              <Cell line={r.current} />
              <td className="whitespace-nowrap px-4 py-2 text-right">{r.frozen && r.current ? <Delta value={r.current.score - r.frozen.score} /> : <span className="text-slate-500">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
