import type { BoardReport, InventorySystem } from "@/lib/reports/board-report";
import { accessLabel, reportCountry } from "@/lib/reports/board-report";
import { CRITICALITY_LABELS, DATA_CATEGORY_LABELS, labelFor, CRITICALITY_PHRASES } from "@/lib/labels";
import { RatingBadge } from "@/components/scores/rating-badge";
import { ReportSubheading } from "./report-section";
import { formatDayLong, readableDays } from "@/lib/dates";
import { WrappingText } from "@/components/ui/wrapping-text";

const TH = "px-2 py-1.5 text-left text-[11px] font-semibold uppercase tracking-wide text-slate-600";
const TD = "px-2 py-1.5 align-top";
const percent = (w: number) => `${Math.round(w * 1000) / 10}%`;
const hours = (h: number | null) => (h === null ? "—" : h < 1 ? `${Math.round(h * 60)} min` : `${Math.round(h * 10) / 10} h`);

/** Appendix A: how the scores are made, with every weight, threshold and source the assessment used. */
export function MethodologyAppendix({ methodology: m }: { methodology: BoardReport["methodology"] }) {
  const switchedOff = m.dimensions.some((d) => d.factors.some((f) => f.max === 0));
  return (
    <>
      <p className="max-w-3xl text-sm leading-relaxed text-slate-700">
        Methodology <strong data-testid="appendix-methodology-version">{m.version}</strong>. Each dependency (an AI system using a model through an access path) scores 0-100 as
        the sum of 15 named factors in four weighted dimensions
        {switchedOff && ", less what a restriction in force takes when it switches the dependency off today for some of its users (the switched-off factor: 0, or negative)"}. An
        AI system is as sovereign as its weakest dependency; the organisation&apos;s score is the mean of its
        systems weighted by criticality and data sensitivity. Scores, factors and sentences are computed by Sovra&apos;s scoring engine from the frozen inventory and
        policy landscape; the full method is in docs/METHODOLOGY.md.
      </p>

      <table className="report-table w-full text-sm">
        <caption className="mb-2 text-left text-sm font-semibold text-slate-900">Dimensions, weights and factors (maximum raw points within the dimension)</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className={TH}>Dimension</th>
            <th scope="col" className={`${TH} text-right`}>Weight</th>
            <th scope="col" className={TH}>Factors</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {m.dimensions.map((d) => (
            <tr key={d.dimension}>
              <th scope="row" className={`${TD} text-left font-medium`}>{d.label}</th>
              <td className={`${TD} text-right tabular-nums`}>{percent(d.weight)}</td>
              <td className={TD}>{d.factors.map((f) => (f.max === 0 ? `${f.label} (0 or negative; not part of the dimension score)` : `${f.label} (${f.max})`)).join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="grid items-start gap-6 sm:grid-cols-2 print:grid-cols-2">
        <table className="report-table w-full text-sm">
          <caption className="mb-2 text-left text-sm font-semibold text-slate-900">Rating scale</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className={TH}>Rating</th>
              <th scope="col" className={TH}>Score</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {m.ratingScale.map((r) => (
              <tr key={r.rating}>
                <th scope="row" className={`${TD} text-left font-medium`}>{r.rating}</th>
                <td className={`${TD} tabular-nums`}>{r.to === null ? `${r.from} and above` : r.from === 0 ? `below ${r.to}` : `${r.from} to below ${r.to}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="report-table w-full text-sm">
          <caption className="mb-2 text-left text-sm font-semibold text-slate-900">Impact weights</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className={TH}>Criticality or data</th>
              <th scope="col" className={`${TH} text-right`}>Multiplier</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {Object.entries(m.criticalityWeights).map(([k, v]) => (
              <tr key={k}>
                <th scope="row" className={`${TD} text-left font-medium`}>{CRITICALITY_PHRASES[k as keyof typeof CRITICALITY_PHRASES]}</th>
                <td className={`${TD} text-right tabular-nums`}>×{v}</td>
              </tr>
            ))}
            {Object.entries(m.sensitivityWeights).map(([k, v]) => (
              <tr key={k}>
                <th scope="row" className={`${TD} text-left font-medium`}>{labelFor(DATA_CATEGORY_LABELS, k.replace(/-/g, "_"))} data</th>
                <td className={`${TD} text-right tabular-nums`}>×{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-700">
        A fallback counts as tested when it was drilled within {m.thresholds.testedStaleDays} days before the assessment (full points within {m.thresholds.testedRecentlyDays} days);
        an exit plan counts as reviewed within {m.thresholds.exitPlanReviewDays} days (DORA Art. 28(8)).
      </p>

      <table className="report-table w-full text-sm" data-testid="appendix-policy-events">
        <caption className="mb-2 text-left text-sm font-semibold text-slate-900">Policy events in force on the assessment date</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className={TH}>Event</th>
            <th scope="col" className={TH}>Type</th>
            <th scope="col" className={TH}>In force from</th>
            <th scope="col" className={TH}>Source</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {m.policyEvents.length === 0 && (
            <tr>
              <td colSpan={4} className={TD}>None.</td>
            </tr>
          )}
          {m.policyEvents.map((e) => (
            <tr key={e.key}>
              <th scope="row" className={`${TD} text-left font-medium`}>
                {e.title}
                {e.origin === "organisation" && <span className="block text-xs font-normal text-slate-500">Recorded by the organisation</span>}
              </th>
              <td className={TD}>{e.type}</td>
              <td className={`${TD} whitespace-nowrap tabular-nums`}>{formatDayLong(e.effectiveDate)}</td>
              <td className={`${TD} break-words text-xs text-slate-600`}>{e.source}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {m.citedSources.length > 0 && (
        <div>
          <ReportSubheading>Sources cited by the top risks</ReportSubheading>
          <ul className="mt-2 space-y-1 text-sm text-slate-700">
            {m.citedSources.map((s) => (
              <li key={`${s.kind}:${s.ref}`} className="report-keep">
                <span className="font-medium text-slate-900">{s.ref}</span>: {readableDays(s.title, formatDayLong)}
              </li>
            ))}
          </ul>
        </div>
      )}

      <table className="report-table w-full text-sm">
        <caption className="mb-2 text-left text-sm font-semibold text-slate-900">Vendor facts: headquarters and where they come from</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className={TH}>Vendor</th>
            <th scope="col" className={TH}>Headquarters</th>
            <th scope="col" className={TH}>Source</th>
            <th scope="col" className={TH}>Recorded</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {m.vendorSources.map((v) => (
            <tr key={v.name}>
              <th scope="row" className={`${TD} text-left font-medium`}>{v.name}</th>
              <td className={TD}>{reportCountry(v.country)}</td>
              <td className={`${TD} text-xs text-slate-600`}><WrappingText text={v.source ?? "Entered by the organisation"} /></td>
              <td className={`${TD} whitespace-nowrap tabular-nums`}>{v.asOf ? formatDayLong(v.asOf) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function SystemRows({ system: s }: { system: InventorySystem }) {
  const rows = Math.max(1, s.dependencies.length);
  const first = s.dependencies[0];
  const head = (
    <th scope="rowgroup" rowSpan={rows} className={`${TD} text-left font-normal`}>
      <span className="font-medium text-slate-900">{s.name}</span>
      <span className="block text-xs text-slate-600">
        {CRITICALITY_LABELS[s.criticality]} · tolerates {hours(s.toleratedDowntimeHours)}
        {s.owner ? ` · ${s.owner}` : ""}
      </span>
      {s.offices.length > 0 && <span className="block text-xs text-slate-500">{s.offices.join(", ")}</span>}
      {s.rating && s.score !== null && (
        <span className="mt-1 block">
          <RatingBadge rating={s.rating} score={s.score} />
        </span>
      )}
    </th>
  );
  if (!first) {
    return (
      <tbody className="report-keep border-b border-slate-200">
        <tr>
          {head}
          <td colSpan={3} className={`${TD} text-slate-500`}>No model dependency recorded.</td>
        </tr>
      </tbody>
    );
  }
  return (
    // One tbody per system: its rows stay together on paper.
    <tbody className="report-keep border-b border-slate-200">
      {s.dependencies.map((d, i) => (
        <tr key={d.key}>
          {i === 0 && head}
          <td className={TD}>
            <span className="font-medium text-slate-900">{d.model}</span>
            <span className="block text-xs text-slate-600">{d.vendor}</span>
          </td>
          <td className={TD}>
            {accessLabel(d.accessPath)}
            {d.operator && <span className="block text-xs text-slate-600">via {d.operator}</span>}
            <span className="block text-xs text-slate-600">runs in {reportCountry(d.hostingCountry)}</span>
            {d.rating && d.score !== null && <span className="block text-xs tabular-nums text-slate-700">{d.score.toFixed(1)} · {d.rating}</span>}
          </td>
          <td className={TD}>
            {d.fallbacks.length === 0 ? (
              d.heldOpenWeights ? <span className="text-slate-600">Not needed: open weights you host</span> : <span className="font-medium text-red-800">None</span>
            ) : (
              <ul className="space-y-1">
                {d.fallbacks.map((f) => (
                  <li key={f.key}>
                    {f.model} · {accessLabel(f.accessPath)}
                    <span className="block text-xs text-slate-600">
                      {f.lastTested ? `drilled ${formatDayLong(f.lastTested)}${f.tested ? "" : " (stale)"}` : "never drilled"} · switch {hours(f.switchTimeHours)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** Appendix B: every AI system with its dependencies, access paths and fallbacks, as frozen. */
export function InventoryAppendix({ systems }: { systems: InventorySystem[] }) {
  return (
    <table className="report-table w-full table-fixed text-sm" data-testid="appendix-inventory">
      <caption className="mb-2 text-left text-sm font-semibold text-slate-900">AI systems, most critical and least sovereign first</caption>
      <colgroup>
        <col className="w-[30%]" />
        <col className="w-[22%]" />
        <col className="w-[22%]" />
        <col className="w-[26%]" />
      </colgroup>
      <thead>
        <tr className="border-b border-slate-400">
          <th scope="col" className={TH}>AI system</th>
          <th scope="col" className={TH}>Model</th>
          <th scope="col" className={TH}>Access path</th>
          <th scope="col" className={TH}>Fallbacks</th>
        </tr>
      </thead>
      {systems.map((s) => (
        <SystemRows key={s.key} system={s} />
      ))}
    </table>
  );
}
