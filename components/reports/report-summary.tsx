import type { BoardReport, TopRisk } from "@/lib/reports/board-report";
import { CRITICALITY_PHRASES } from "@/lib/labels";
import { RatingBadge } from "@/components/scores/rating-badge";
import { DIMENSION_LABELS } from "@/lib/scores/dashboard";
import { ReportActiveRestrictions, ReportNotRecorded } from "./report-restrictions";
import { inSentence } from "@/scoring/words";
import { formatDayLong, readableDays } from "@/lib/dates";

/**
 * The executive summary: the restrictions in force that reach the organisation first, then the
 * paragraphs, the three findings that matter most, and the facts nobody recorded.
 */
export function ExecutiveSummary({ report }: { report: BoardReport }) {
  return (
    <>
      <ReportActiveRestrictions restrictions={report.activeRestrictions} asOf={report.meta.asOf} />
      <div className="space-y-3 text-[15px] leading-relaxed text-slate-800" data-testid="executive-summary">
        {report.summary.map((p) => (
          <p key={p.text}>
            {/* The paragraphs quote the engine's sentences, whose days are ISO. */}
            {readableDays(p.text, formatDayLong)}
            {p.refs.length > 0 && <span className="ml-1.5 whitespace-nowrap text-xs text-slate-500">[{p.refs.join(", ")}]</span>}
          </p>
        ))}
      </div>
      {report.summaryFindings.length > 0 && (
        <div className="report-keep rounded-md border border-slate-300 p-4">
          <h3 className="text-sm font-semibold text-slate-900">The findings that matter most</h3>
          <ol className="mt-3 space-y-3">
            {report.summaryFindings.map((r) => (
              <li key={r.ref} className="report-keep grid grid-cols-[3.5rem_1fr] gap-3 text-sm">
                <span className="font-semibold tabular-nums text-slate-900">
                  {r.ref}
                  <span className="block text-xs font-normal text-red-800">−{r.pointsLost.toFixed(2)} pts</span>
                </span>
                <span className="text-slate-800">{readableDays(r.sentence, formatDayLong)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      <ReportNotRecorded items={report.notRecorded} />
    </>
  );
}

/** The key figures, each with its reference and where it comes from. */
export function KeyFigures({ figures }: { figures: BoardReport["keyFigures"] }) {
  return (
    <dl className="report-keep grid grid-cols-2 gap-3 sm:grid-cols-4 print:grid-cols-4" data-testid="key-figures">
      {figures.map((f) => (
        <div key={f.id} className="report-keep rounded-md border border-slate-300 p-3">
          <dt className="text-xs font-medium text-slate-600">
            <span className="mr-1 font-semibold text-slate-900">{f.id}</span>
            {f.label}
          </dt>
          <dd className="mt-1">
            <span className="block text-2xl font-semibold tabular-nums text-slate-900">{f.value}</span>
            <span className="block text-xs text-slate-600">{f.detail}</span>
            <span className="mt-1 block text-[10px] leading-snug text-slate-500">{f.trace}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RiskFactor({ risk }: { risk: TopRisk }) {
  const factor = risk.factors.find((f) => f.id === risk.factorId);
  if (!factor) return null;
  // The switched-off factor has no maximum: it only takes points off the score (never "of 0").
  if (factor.maxPoints === 0) return <>{factor.label}: takes {(-factor.points).toFixed(1)} points off the dependency&apos;s score</>;
  return (
    <>
      {factor.label}, in {inSentence(DIMENSION_LABELS[risk.dimension])}: {factor.rawPoints.toFixed(1)} of {factor.maxPoints} points (adds {factor.points.toFixed(1)} to the dependency&apos;s score)
    </>
  );
}

/** The engine's largest point losses, each with the factor, the dependency and the sources behind it. */
export function TopRisks({ risks }: { risks: TopRisk[] }) {
  if (risks.length === 0) return <p className="text-sm text-slate-700">The engine found no factor that costs the organisation points.</p>;
  return (
    <ol className="space-y-4" data-testid="top-risks">
      {risks.map((r) => (
        <li key={r.ref} className="report-keep border-l-4 border-slate-800 pl-4">
          <p className="flex flex-wrap items-baseline gap-x-3 text-sm">
            <span className="font-semibold text-slate-900">{r.ref}</span>
            <span className="font-semibold tabular-nums text-red-800">−{r.pointsLost.toFixed(2)} points</span>
            <span className="text-slate-900">
              {r.systemName} <span className="text-slate-500">({inSentence(CRITICALITY_PHRASES[r.criticality])})</span>
            </span>
          </p>
          <p className="mt-1 text-sm leading-relaxed text-slate-800">{readableDays(r.sentence, formatDayLong)}</p>
          <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600">
            <dt className="font-medium text-slate-700">Dependency</dt>
            <dd>
              {r.dependencyLabel} · score {r.dependencyScore.toFixed(1)} <RatingBadge rating={r.dependencyRating} />
            </dd>
            <dt className="font-medium text-slate-700">Factor</dt>
            <dd>
              <RiskFactor risk={r} />
            </dd>
            {r.sources.length > 0 && (
              <>
                <dt className="font-medium text-slate-700">Sources</dt>
                <dd>{r.sources.map((s) => s.ref).join(" · ")}</dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ol>
  );
}
