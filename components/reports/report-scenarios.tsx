import type { ReportScenario } from "@/lib/reports/board-report";
import { BlastRadius } from "@/components/scenarios/blast-radius";
import { baselineNote } from "@/lib/reports/report-scenarios";
import { formatDayLong } from "@/lib/dates";

/** Affected systems listed per scenario: the board reads the largest impacts; the appendix lists every system. */
const AFFECTED_SHOWN = 25;

/** Each saved scenario: what it assumes, then its blast radius (the Scenarios screen's component). */
export function ReportScenarios({ scenarios, headline }: { scenarios: ReportScenario[]; headline: { score: number; asOf: string } }) {
  if (scenarios.length === 0) {
    return <p className="text-sm text-slate-700">No scenario has been saved yet. Scenarios are built on the Scenarios page and appear here in the next report.</p>;
  }
  return (
    <div className="space-y-10">
      {scenarios.map((s, i) => {
        const note = s.result ? baselineNote(s.result.score.before, s.result.asOf, headline) : null;
        return (
          <article key={s.id} aria-labelledby={`scenario-${s.id}`} className={i > 0 ? "report-scenario-break" : undefined} data-testid="report-scenario">
            <h3 id={`scenario-${s.id}`} className="report-keep-with-next text-lg font-semibold text-slate-900">
              {s.name}
            </h3>
            {s.description && <p className="mt-1 text-sm text-slate-700">{s.description}</p>}
            {s.shocks.length > 0 && (
              <p className="mt-2 text-sm text-slate-700">
                <span className="font-medium text-slate-900">Assumes: </span>
                {s.shocks.join("; ")}
                {s.result && <span className="text-slate-500"> (landscape of {formatDayLong(s.result.asOf)})</span>}.
              </p>
            )}
            {note && (
              <p className="mt-2 text-sm text-slate-600" data-testid="scenario-baseline-note">
                {note}
              </p>
            )}
            <div className="mt-4">{s.result ? <BlastRadius result={s.result} maxSystems={AFFECTED_SHOWN} idPrefix={`scenario-${s.id}`} headingLevel={4} /> : <p className="text-sm text-red-800">Not simulated: {s.problem}</p>}</div>
          </article>
        );
      })}
    </div>
  );
}
