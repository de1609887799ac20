import type { BoardReport } from "@/lib/reports/board-report";
import { countryName } from "@/lib/countries";
import { sharePhrase } from "@/lib/scores/active-restrictions";
import { EventDate } from "@/components/policy-events/event-date";
import { formatDayLong } from "@/lib/dates";

const listJoin = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Active restrictions in force": what the executive summary opens with when a restriction in
 * force on the assessment's date reaches the organisation. Black on white with a heavy rule, so it
 * reads the same printed in grey; estimated dates carry their mark.
 */
export function ReportActiveRestrictions({ restrictions, asOf }: { restrictions: BoardReport["activeRestrictions"]; asOf: string }) {
  if (restrictions.length === 0) return null;
  return (
    <section aria-labelledby="report-restrictions-heading" className="report-keep rounded-md border-2 border-slate-900 p-4" data-testid="report-active-restrictions">
      <h3 id="report-restrictions-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-900">
        Active restrictions in force on {formatDayLong(asOf)}
      </h3>
      <ul className="mt-3 space-y-3">
        {restrictions.map((r) => {
          const places = r.countries.map(countryName);
          const who = r.everyone ? (places.length > 0 ? `everyone who relies on some of them, and the offices in ${listJoin(places)} for the others` : "everyone who relies on them") : places.length > 0 ? `the offices in ${listJoin(places)}` : "some of their users";
          return (
            <li key={r.key} className="report-keep border-l-4 border-red-800 pl-3 text-sm leading-relaxed text-slate-800">
              <p className="font-semibold text-slate-900">{r.title}</p>
              <p>
                {r.typeLabel}, in force since <EventDate date={r.effectiveDate} estimated={r.dateEstimated} long />
                {r.vendors.length > 0 && `; reaches ${listJoin(r.vendors)}`}.
                {r.partialLifts.map((l) => (
                  <span key={l.key}>
                    {" "}
                    Partly lifted: {l.title} (<EventDate date={l.effectiveDate} estimated={l.dateEstimated} long />); it still applies to everyone the lift did not free.
                  </span>
                ))}
              </p>
              <p>
                {r.switchedOffSystems > 0 ? (
                  <>
                    It switches off <strong>{r.switchedOffSystems}</strong> of the {plural(r.systems, "AI system")} it reaches for {who}
                    {r.switchedOffSystemNames.length > 0 && ` (${listJoin(r.switchedOffSystemNames)})`}; <strong>{r.unrecoveredSystems}</strong> {r.unrecoveredSystems === 1 ? "has" : "have"} no tested
                    fallback that takes over within the tolerated downtime. Up to {sharePhrase(r.largestShare)} of one system&apos;s users are cut off.
                  </>
                ) : (
                  <>It reaches {plural(r.systems, "AI system")} but switches none off (it requires a licence, or reaches no one they serve).</>
                )}
              </p>
            </li>
          );
        })}
      </ul>
      {restrictions.some((r) => r.dateEstimated || r.partialLifts.some((l) => l.dateEstimated)) && (
        <p className="mt-3 text-xs text-slate-600">Dates marked “estimated” are Sovra&apos;s dated reading where no source gives a date; the organisation can correct them.</p>
      )}
    </section>
  );
}

/** "Not recorded: verify": the facts the vendors' scores rest on that nobody recorded, each scored cautiously until it is. */
export function ReportNotRecorded({ items }: { items: BoardReport["notRecorded"] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="report-not-recorded-heading" className="report-keep rounded-md border border-slate-400 p-4" data-testid="report-not-recorded">
      <h3 id="report-not-recorded-heading" className="text-sm font-semibold text-slate-900">
        Not recorded: verify
      </h3>
      <p className="mt-1 text-xs text-slate-600">The scores rest on these facts, which nobody recorded. Each is scored cautiously until it is; recording it may move the score.</p>
      <dl className="mt-2 grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-sm text-slate-800">
        {items.map((v) => (
          <div key={v.vendor} className="contents">
            <dt className="font-medium text-slate-900">{v.vendor}</dt>
            <dd>{v.items.join("; ")}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
