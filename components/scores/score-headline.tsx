import type { ScoringResult } from "@/scoring/results";
import { Card } from "@/components/ui/card";
import { RatingBadge } from "./rating-badge";
import { formatDay, readableDays } from "@/lib/dates";

/** The organisation's rating and score, its profile, and the findings that cost the most points. */
export function ScoreHeadline({ result, findings = 3, move }: { result: ScoringResult; findings?: number; move?: React.ReactNode }) {
  const org = result.organisation;
  return (
    <Card aria-labelledby="score-heading">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="score-heading" className="text-sm font-semibold text-slate-900">
            Sovereignty rating
          </h2>
          <p className="mt-2 flex items-baseline gap-3">
            <span className="text-4xl font-semibold tabular-nums text-slate-900">{org.score.toFixed(1)}</span>
            <span className="text-sm text-slate-500">of 100</span>
            <RatingBadge rating={org.rating} size="lg" />
          </p>
          <p className="mt-2 max-w-2xl text-sm text-slate-600">{readableDays(org.profile)}</p>
          {move && <div className="mt-2">{move}</div>}
        </div>
        <p className="text-xs text-slate-500">
          As of {formatDay(result.asOf)} · methodology {result.methodologyVersion}
          <br />
          {result.landscape.active.length} policy event{result.landscape.active.length === 1 ? "" : "s"} in force
        </p>
      </div>
      {result.findings.length > 0 && (
        <div className="mt-5 border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold text-slate-900">What costs the most</h3>
          <ol className="mt-2 space-y-2 text-sm text-slate-700">
            {result.findings.slice(0, findings).map((f) => (
              <li key={`${f.dependency}-${f.factor}`} className="flex gap-3">
                <span className="w-16 shrink-0 text-right font-medium tabular-nums text-red-700">−{f.pointsLost.toFixed(1)}</span>
                <span>{readableDays(f.sentence)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Card>
  );
}
