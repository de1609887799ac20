import type { WorkshopSummary } from "@/lib/workshops/queries";
import type { ReportBranding } from "@/lib/practices/queries";
import { PracticeBrand } from "@/components/reports/practice-brand";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS, PRIORITY_LABELS } from "@/lib/labels";
import { DIMENSION_LABELS } from "@/lib/scores/dashboard";
import { DIMENSIONS } from "@/scoring/options";
import { formatDateTime, formatDay, formatDayLong } from "@/lib/dates";
import { ReportReady } from "@/components/reports/report-ready";
import { RatingBadge } from "@/components/scores/rating-badge";
import type { Rating } from "@/scoring/ratings";
import { count } from "@/scoring/words";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-7 break-inside-avoid-page" aria-label={title}>
      <h2 className="border-b border-slate-300 pb-1 text-lg font-semibold text-slate-900">{title}</h2>
      <div className="mt-3 text-sm leading-relaxed text-slate-800">{children}</div>
    </section>
  );
}

const th = "px-2 py-1.5 text-left font-semibold";
const td = "px-2 py-1.5 align-top";

/** The workshop summary as the report job prints it: a few pages for the room and the board. */
export function WorkshopSummaryDocument({ summary: s, branding }: { summary: WorkshopSummary; branding?: ReportBranding | null }) {
  const w = s.workshop;
  const change = w.startScore === null ? null : s.assessment.score - w.startScore;
  return (
    <article className="px-1 py-2 text-slate-900">
      <ReportReady />
      <header>
        {branding && <PracticeBrand branding={branding} className="mb-5" />}
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Workshop summary · {s.organisationName}</p>
        <h1 className="mt-1 text-2xl font-semibold">{w.title}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {formatDateTime(w.startedAt)} to {formatDateTime(w.endedAt)}
          {w.facilitator ? ` · facilitated by ${w.facilitator}` : ""}
        </p>
        <p className="mt-2 text-sm">
          <strong>Attendees:</strong> {w.attendees.length ? w.attendees.join(", ") : "not recorded"}
        </p>
      </header>

      <Section title="The rating">
        <div className="flex flex-wrap items-center gap-6">
          <p>
            When the workshop began: {w.startRating ? <RatingBadge rating={w.startRating as Rating} score={w.startScore ?? undefined} /> : "not scoreable"}
          </p>
          <p>
            Frozen at its end ({formatDayLong(s.assessment.asOf)}): <RatingBadge rating={s.assessment.rating as Rating} score={s.assessment.score} />
          </p>
          {change !== null && (
            <p className="font-semibold">
              {change >= 0 ? "+" : "−"}
              {Math.abs(change).toFixed(1)} points
            </p>
          )}
        </div>
        <table className="mt-3 w-full border-collapse text-sm">
          <thead className="bg-slate-100">
            <tr>
              {DIMENSIONS.map((k) => (
                <th key={k} scope="col" className={th}>
                  {DIMENSION_LABELS[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {DIMENSIONS.map((k) => (
                <td key={k} className={`${td} tabular-nums`}>
                  {s.assessment.dimensions[k] === undefined ? "–" : `${s.assessment.dimensions[k]!.toFixed(0)} / 100`}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-600">
          Assessment {s.assessment.id}, methodology {s.assessment.methodologyVersion}.
        </p>
      </Section>

      <Section title={`Captured in the workshop (${count(s.captured.length, "AI system")})`}>
        {s.captured.length === 0 ? (
          <p>No AI system was added during the workshop.</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={th}>AI system</th>
                <th scope="col" className={th}>Criticality</th>
                <th scope="col" className={th}>Model and access path</th>
                <th scope="col" className={th}>Fallback</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {s.captured.map((c) =>
                c.dependencies.map((d, i) => (
                  <tr key={`${c.name}-${i}`}>
                    <td className={td}>{i === 0 ? c.name : ""}</td>
                    <td className={td}>{i === 0 ? CRITICALITY_LABELS[c.criticality] : ""}</td>
                    <td className={td}>
                      {d.model.name} ({d.model.vendor.name}), {ACCESS_PATH_LABELS[d.accessPath]}
                    </td>
                    <td className={td}>{d.fallbacks.length ? d.fallbacks.map((f) => `${f.model.name}, ${ACCESS_PATH_LABELS[f.accessPath]}`).join("; ") : <strong>none</strong>}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Top risks">
        {s.topRisks.length === 0 ? (
          <p>The assessment names no risk.</p>
        ) : (
          <ol className="list-decimal space-y-1 pl-5">
            {s.topRisks.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Shocks run">
        {s.shocks.length === 0 ? (
          <p>No scenario was run during the workshop.</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={th}>Scenario</th>
                <th scope="col" className={th}>Criticality-weighted impact</th>
                <th scope="col" className={th}>Score before and after</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {s.shocks.map((x) => (
                <tr key={x.name}>
                  <td className={td}>{x.name}</td>
                  <td className={`${td} tabular-nums`}>{x.impactPercent === null ? "–" : `${x.impactPercent.toFixed(1)}%`}</td>
                  <td className={`${td} tabular-nums`}>{x.before === null || x.after === null ? "–" : `${x.before.toFixed(1)} → ${x.after.toFixed(1)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Agreed actions">
        {s.actions.length === 0 ? (
          <p>No action was agreed.</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={th}>Action</th>
                <th scope="col" className={th}>Owner</th>
                <th scope="col" className={th}>Due</th>
                <th scope="col" className={th}>Priority</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {s.actions.map((a) => (
                <tr key={a.id}>
                  <td className={td}>{a.title}</td>
                  <td className={td}>{a.owner ? (a.owner.name ?? a.owner.email) : "not yet named"}</td>
                  <td className={td}>{a.dueDate ? formatDay(a.dueDate) : "no date"}</td>
                  <td className={td}>{PRIORITY_LABELS[a.priority]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Open questions">
        {s.questions.length === 0 ? (
          <p>Nothing was left to verify.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5">
            {s.questions.map((q, i) => (
              <li key={i}>
                <strong>{q.subjectLabel}:</strong> {q.question} <span className="text-slate-600">(verifies: {q.owner})</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}
