import Link from "next/link";
import { countryName } from "@/lib/countries";
import { sharePhrase, type RestrictionInForce } from "@/lib/scores/active-restrictions";
import { EventDate } from "@/components/policy-events/event-date";
import { formatDay } from "@/lib/dates";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "A", "A and B", "A, B and C". */
const listJoin = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** Who a restriction cuts off, in words: the offices' countries, or everyone. */
function cutOff(r: RestrictionInForce): string | null {
  const places = r.countries.map(countryName);
  if (r.everyone && places.length > 0) return `everyone who relies on some of them, and the offices in ${listJoin(places)} for the others`;
  if (r.everyone) return "everyone who relies on them";
  if (places.length > 0) return `the offices in ${listJoin(places)}`;
  return null;
}

function RestrictionItem({ r }: { r: RestrictionInForce }) {
  const who = cutOff(r);
  return (
    <li className="rounded-md border border-red-200 bg-white p-4 print:break-inside-avoid" data-testid="restriction-in-force">
      <h3 className="text-base font-semibold text-slate-900">{r.title}</h3>
      <p className="mt-1 text-sm text-slate-700">
        {r.typeLabel}, in force since <EventDate date={r.effectiveDate} estimated={r.dateEstimated} />
        {r.vendors.length > 0 && <> · reaches {listJoin(r.vendors)}</>}
      </p>
      {r.partialLifts.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
          {r.partialLifts.map((l) => (
            <li key={l.key}>
              Partly lifted: {l.title} (<EventDate date={l.effectiveDate} estimated={l.dateEstimated} />). It still applies to everyone the lift did not free.
            </li>
          ))}
        </ul>
      )}
      <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
        <div className="rounded-md bg-red-50 px-3 py-2">
          <dt className="text-xs font-medium text-red-900">AI systems switched off</dt>
          <dd className="mt-0.5 text-xl font-semibold tabular-nums text-red-900">
            {r.switchedOffSystems}{" "}
            <span className=" text-sm font-normal text-red-900">of the {plural(r.systems, "system")} it reaches</span>
          </dd>
        </div>
        <div className="rounded-md bg-red-50 px-3 py-2">
          <dt className="text-xs font-medium text-red-900">Without a tested fallback in time</dt>
          <dd className="mt-0.5 text-xl font-semibold tabular-nums text-red-900">
            {r.unrecoveredSystems}{" "}
            <span className=" text-sm font-normal text-red-900">of the {r.switchedOffSystems} switched off</span>
          </dd>
        </div>
        <div className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs font-medium text-slate-600">Largest share cut off</dt>
          <dd className="mt-0.5 text-xl font-semibold tabular-nums text-slate-900">
            {sharePhrase(r.largestShare)}{" "}
            <span className=" text-sm font-normal text-slate-600">of one system&apos;s users</span>
          </dd>
        </div>
      </dl>
      {r.switchedOffSystems > 0 ? (
        <p className="mt-3 text-sm text-slate-700">
          Switched off for {who ?? "some of their users"}: {listJoin(r.switchedOffSystemNames)}.
        </p>
      ) : (
        <p className="mt-3 text-sm text-slate-700">It switches nothing off today: it requires a licence, or reaches people no AI system of yours serves.</p>
      )}
    </li>
  );
}

/**
 * "Switched off now": the restrictions in force that reach the organisation, most switched-off
 * systems first, each with since when (estimated dates marked), its partial lifts, the vendors it
 * reaches, the AI systems it switches off and how many of them no tested fallback recovers. The
 * Overview and the Scores page lead with it; nothing is shown when no restriction reaches the
 * organisation. `links`: where to read more (hidden on paper).
 */
export function ActiveRestrictionsBanner({
  restrictions,
  orgSlug,
  asOf,
  showScoresLink = false,
}: {
  restrictions: RestrictionInForce[];
  orgSlug: string;
  asOf: string;
  showScoresLink?: boolean;
}) {
  if (restrictions.length === 0) return null;
  const switchedOff = restrictions.some((r) => r.switchedOffSystems > 0);
  const title = switchedOff ? "Switched off now" : "Restrictions in force";
  return (
    <section aria-labelledby="switched-off-heading" className="rounded-lg border-l-4 border-red-700 bg-red-50/60 p-5 ring-1 ring-red-200" data-testid="switched-off-now">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="switched-off-heading" className="text-lg font-semibold text-red-900">
          <span aria-hidden>⚠ </span>
          {title}
        </h2>
        <p className="text-xs text-slate-600">
          As of <time dateTime={asOf}>{formatDay(asOf)}</time> · {plural(restrictions.length, "restriction")} in force reach{restrictions.length === 1 ? "es" : ""} you
        </p>
      </div>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        {switchedOff
          ? "A restriction in force cuts some of your people off from AI they rely on today. Until it is lifted, they work without it unless a tested fallback takes over."
          : "A restriction in force reaches AI you rely on, but switches nothing off today."}
      </p>
      <ul className="mt-4 space-y-3">
        {restrictions.map((r) => (
          <RestrictionItem key={r.key} r={r} />
        ))}
      </ul>
      <p className="mt-4 flex flex-wrap gap-x-5 gap-y-1 text-sm print:hidden">
        {showScoresLink && (
          <Link href={`/${orgSlug}/scores`} className="font-medium text-brand-700 underline">
            What it does to the scores
          </Link>
        )}
        <Link href={`/${orgSlug}/scenarios/policy-events`} className="font-medium text-brand-700 underline">
          Scenarios → Policy events
        </Link>
      </p>
    </section>
  );
}
