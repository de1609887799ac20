import { cn } from "@/components/ui/cn";

/**
 * One numbered section of the board report. In print it starts a new page unless `continues`
 * (a short section that follows the previous one on the same page, and moves to the next page
 * whole rather than leave its heading behind).
 */
export function ReportSection({ id, number, title, lead, continues = false, children }: { id: string; number: string; title: string; lead?: React.ReactNode; continues?: boolean; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={cn("report-section", continues ? "report-keep" : "report-page-break")} data-section={id}>
      <header className="report-keep-with-next border-b-2 border-slate-900 pb-2">
        <p className="text-xs font-semibold uppercase tracking-[0.18em] text-brand-700">Section {number}</p>
        <h2 id={`${id}-heading`} className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
          {title}
        </h2>
      </header>
      {lead && <p className="mt-3 max-w-3xl text-sm leading-relaxed text-slate-700">{lead}</p>}
      <div className="mt-5 space-y-6">{children}</div>
    </section>
  );
}

/** A sub-heading inside a section that stays with what follows it on paper. */
export function ReportSubheading({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <h3 id={id} className="report-keep-with-next text-base font-semibold text-slate-900">
      {children}
    </h3>
  );
}
