import type { ScenarioResult, SystemImpact } from "@/scoring/scenario";
import { countryName } from "@/lib/countries";
import { Badge, Card } from "@/components/ui/card";
import { RatingBadge } from "@/components/scores/rating-badge";
import { Delta } from "@/components/assessments/delta";
import { ImpactBars } from "./impact-bars";
import { STATUS_LABELS, STATUSES, type ImpactRow } from "./recovery-status";

// A server component where a server page renders it (the scenario's page, the board report):
// only the bar chart (ImpactBars) runs in the browser, so the report's print page hydrates a
// chart and not seven scenarios' tables.

const STATUS_TONES: Record<SystemImpact["status"], "emerald" | "amber" | "slate" | "red"> = { recovers: "emerald", "recovers-slowly": "amber", uncertain: "slate", "no-recovery": "red" };

const hours = (h: number | undefined) => (h === undefined ? "—" : h < 1 ? `${Math.round(h * 60)} min` : `${Math.round(h * 10) / 10} h`);

/**
 * The picture: affected systems by criticality, stacked by recovery status. Screen readers and
 * print get the same counts as a table.
 */
function ImpactChart({ systems, captionId }: { systems: SystemImpact[]; captionId: string }) {
  const criticalities = ["critical", "high", "medium", "low"].filter((c) => systems.some((s) => s.criticality === c));
  const data: ImpactRow[] = criticalities.map((c) => ({ criticality: c, ...Object.fromEntries(STATUSES.map((st) => [st, systems.filter((s) => s.criticality === c && s.status === st).length])) }) as ImpactRow);
  return (
    <figure aria-labelledby={captionId}>
      <figcaption id={captionId} className="text-sm font-semibold text-slate-900">
        Affected systems by criticality and recovery
      </figcaption>
      <div aria-hidden className="mt-3 h-56 print:hidden" data-testid="blast-radius-chart">
        <ImpactBars data={data} />
      </div>
      <table className="sr-only text-sm print:not-sr-only print:mt-3 print:w-full">
        <caption>Affected systems by criticality and recovery status</caption>
        <thead>
          <tr>
            <th scope="col">Criticality</th>
            {STATUSES.map((st) => (
              <th key={st} scope="col">
                {STATUS_LABELS[st]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((row) => (
            <tr key={row.criticality}>
              <th scope="row">{row.criticality}</th>
              {STATUSES.map((st) => (
                <td key={st}>{row[st]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Data flow keys named in the summary; a large organisation's thousand keys would bury it. */
const FLOWS_NAMED = 20;

/**
 * A scenario's blast radius: headline numbers, score before/after, the picture and the table of
 * affected systems. `maxSystems` limits the table to the largest impacts (the board report).
 * `idPrefix` keeps element ids unique where several are on one page (the report's scenarios).
 */
export function BlastRadius({
  result,
  maxSystems,
  idPrefix = "blast-radius",
  headingLevel = 2,
}: {
  result: ScenarioResult;
  maxSystems?: number;
  idPrefix?: string;
  /** The heading's level: 2 on the Scenarios page; 4 in the board report, under its scenario's h3. */
  headingLevel?: 2 | 4;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h4";
  const { counts, score } = result;
  const officeNames = Object.fromEntries(result.offices.map((o) => [o.key, o.name]));
  const sorted = [...result.systems].sort((a, b) => b.weightedImpact - a.weightedImpact || a.name.localeCompare(b.name));
  const systems = maxSystems === undefined ? sorted : sorted.slice(0, maxSystems);
  const flowKeys = result.dataFlows.keys.slice(0, FLOWS_NAMED).join(", ") + (result.dataFlows.keys.length > FLOWS_NAMED ? ` and ${result.dataFlows.keys.length - FLOWS_NAMED} more` : "");
  return (
    <div className="space-y-6">
      <Card>
        <Heading className="text-base font-semibold text-slate-900">Blast radius</Heading>
        <p className="mt-1 text-sm text-slate-700">{result.summary}</p>
        {(result.unmatched ?? []).length > 0 && (
          <p role="note" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            This scenario names {result.unmatched!.join(", ")}, which the inventory does not have: either the organisation does not use it, or it was renamed since the scenario was written. Edit the scenario to choose it again if it was renamed.
          </p>
        )}
        <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">Systems affected</dt>
            <dd className="text-2xl font-semibold tabular-nums">{counts.systemsAffected}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Weighted impact</dt>
            <dd className="text-2xl font-semibold tabular-nums">{result.weightedImpactPercent.toFixed(1)}%</dd>
          </div>
          <div>
            <dt className="text-slate-500">Score before → after</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2">
              <RatingBadge rating={score.ratingBefore} score={score.before} /> <span aria-hidden>→</span>
              <span className="sr-only">after the shock:</span>
              <RatingBadge rating={score.ratingAfter} score={score.after} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Change</dt>
            <dd className="mt-1">
              <Delta value={score.delta} />
            </dd>
          </div>
        </dl>
        <p className="mt-4 text-sm text-slate-600">
          Offices losing service: {result.offices.length ? result.offices.map((o) => `${o.name} (${countryName(o.country)}, ${o.systemsAffected} system${o.systemsAffected === 1 ? "" : "s"})`).join("; ") : "none"}. Teams:{" "}
          {result.teams.length ? result.teams.join(", ") : "none recorded"}. Data flows affected: {result.dataFlows.count}
          {result.dataFlows.count > 0 ? ` (${flowKeys})` : ""}.
        </p>
      </Card>
      {result.systems.length > 0 && (
        <Card>
          <ImpactChart systems={result.systems} captionId={`${idPrefix}-impact-caption`} />
        </Card>
      )}
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Affected systems, largest impact first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">System</th>
              <th scope="col" className="px-4 py-3">Criticality</th>
              <th scope="col" className="px-4 py-3">Recovery</th>
              <th scope="col" className="px-4 py-3">Time to recover</th>
              <th scope="col" className="px-4 py-3">Offices</th>
              <th scope="col" className="px-4 py-3">Impact</th>
              <th scope="col" className="px-4 py-3">Why</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.systems.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-3 text-slate-600">
                  No system loses service under this scenario.
                </td>
              </tr>
            )}
            {systems.map((s) => (
              <tr key={s.key}>
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  {s.name}
                </th>
                <td className="px-4 py-3">{s.criticality}</td>
                <td className="px-4 py-3">
                  <Badge tone={STATUS_TONES[s.status]}>{STATUS_LABELS[s.status]}</Badge>
                </td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums">
                  {hours(s.recoveryHours)} <span className="text-xs text-slate-500">(tolerated {hours(s.toleratedDowntimeHours)})</span>
                </td>
                <td className="px-4 py-3">{s.affectedOffices.map((o) => officeNames[o] ?? o).join(", ") || "—"}</td>
                <td className="px-4 py-3 tabular-nums">{s.weightedImpact.toFixed(2)}</td>
                <td className="px-4 py-3 text-slate-600">{s.dependencies.map((d) => d.explanation).join(" ")}</td>
              </tr>
            ))}
            {systems.length < sorted.length && (
              <tr>
                <td colSpan={7} className="px-4 py-3 text-slate-600" data-testid="more-affected-systems">
                  …and {sorted.length - systems.length} more affected system{sorted.length - systems.length === 1 ? "" : "s"} with smaller impact (counted in the figures above; the scenario&apos;s page lists them all).
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
