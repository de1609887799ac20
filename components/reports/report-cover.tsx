import type { BoardReport } from "@/lib/reports/board-report";
import type { ReportBranding } from "@/lib/practices/queries";
import { PracticeBrand } from "@/components/reports/practice-brand";
import { RatingBadge } from "@/components/scores/rating-badge";
import { formatDateTimeLong, formatDayLong, readableDays } from "@/lib/dates";

/** The cover: who, what, as of when, the headline rating, and how to read the rest. */
export function ReportCover({ report, branding }: { report: BoardReport; branding?: ReportBranding | null }) {
  const { meta, headline } = report;
  return (
    <section aria-label="Cover" className="report-cover flex flex-col justify-between">
      <div>
        {branding && <PracticeBrand branding={branding} className="mb-8" />}
        <p className="text-xs font-semibold uppercase tracking-[0.24em] text-brand-700">Board report · Confidential</p>
        <div className="mt-6 h-1 w-16 bg-brand-600" aria-hidden />
        {/* The organisation's name is not in the heading: the PDF's outline titles a heading by its text and ran the two lines together. */}
        <h1 className="mt-6 text-4xl font-semibold leading-tight tracking-tight text-slate-900">AI sovereignty and resilience</h1>
        <p className="mt-2 text-2xl font-normal leading-tight text-slate-600">{meta.organisationName}</p>
        <p className="mt-4 max-w-xl text-base leading-relaxed text-slate-700">
          If a government switches off the AI we depend on: what breaks, where, and how fast do we recover?
        </p>
      </div>

      <div className="my-12 grid grid-cols-[auto_1fr] items-center gap-8 border-y border-slate-300 py-8">
        <div className="text-center">
          <p className="text-6xl font-semibold tabular-nums leading-none text-slate-900" data-testid="cover-score">
            {headline.score.toFixed(1)}
          </p>
          <p className="mt-2 text-xs uppercase tracking-wide text-slate-500">of 100</p>
        </div>
        <div>
          <p className="text-sm text-slate-600">Sovereignty rating</p>
          <p className="mt-1">
            <RatingBadge rating={headline.rating} size="lg" />
          </p>
          <p className="mt-3 max-w-lg text-sm leading-relaxed text-slate-700">{readableDays(headline.profile, formatDayLong)}</p>
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-x-8 gap-y-3 text-sm">
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Assessment date</dt>
          <dd className="font-medium text-slate-900">{formatDayLong(meta.asOf)}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Prepared</dt>
          <dd className="font-medium text-slate-900">{formatDayLong(meta.generatedAt)}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Assessment</dt>
          <dd className="font-mono text-xs text-slate-900">{meta.assessmentId}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Methodology</dt>
          <dd className="font-medium text-slate-900" data-testid="report-methodology-version">
            {meta.methodologyVersion}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Frozen</dt>
          <dd className="text-slate-900">
            {formatDateTimeLong(meta.frozenAt)}{meta.frozenBy ? ` by ${meta.frozenBy}` : ""}
          </dd>
        </div>
        {meta.sector && (
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Sector</dt>
            <dd className="text-slate-900">{meta.sector}</dd>
          </div>
        )}
        {meta.note && (
          <div className="col-span-2">
            <dt className="text-xs uppercase tracking-wide text-slate-500">Note</dt>
            <dd className="text-slate-900">{meta.note}</dd>
          </div>
        )}
      </dl>

      <p className="mt-10 border-t border-slate-200 pt-4 text-xs leading-relaxed text-slate-500">
        Scores run from 0 to 100; higher is more sovereign. Every score and figure in this report comes from the frozen assessment named above and can be
        reproduced from it: key figures carry a reference (F1, F2, …) and a trace, risks a reference (R1, R2, …) with the factor and sources behind them, and
        Appendix A lists the methodology, weights and sources. The one exception is the remediation plan, which is shown as it stood when the report was generated.
      </p>
    </section>
  );
}
