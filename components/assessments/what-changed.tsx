import Link from "next/link";
import type { AssessmentComparison, ChangeDigest } from "@/lib/assessments/queries";
import { EventDate } from "@/components/policy-events/event-date";
import { Card } from "@/components/ui/card";
import { Delta } from "./delta";
import { formatDay } from "@/lib/dates";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A kind of policy change, in words first; the tone only repeats them. */
function ChangeLabel({ children, tone }: { children: React.ReactNode; tone: "red" | "emerald" | "amber" }) {
  const tones = { red: "border-red-300 bg-red-50 text-red-800", emerald: "border-emerald-300 bg-emerald-50 text-emerald-800", amber: "border-amber-300 bg-amber-50 text-amber-900" };
  return <span className={`mr-2 inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-semibold ${tones[tone]}`}>{children}</span>;
}

/** The policy events imposed, lifted and partly lifted between two assessments, in words, with their dates and estimate marks. */
export function PolicyChanges({ landscape }: { landscape: AssessmentComparison["landscape"] }) {
  const partly = landscape.partlyLifted ?? [];
  if (landscape.imposed.length + landscape.lifted.length + partly.length === 0) return null;
  return (
    <ul className="space-y-2 text-sm text-slate-800" data-testid="policy-changes">
      {landscape.imposed.map((e) => (
        <li key={`i-${e.key}`}>
          <ChangeLabel tone="red">New restriction</ChangeLabel>{" "}
          <strong className="font-semibold">{e.title}</strong> came into force (<EventDate date={e.effectiveDate} estimated={e.dateEstimated} />).
        </li>
      ))}
      {landscape.lifted.map((e) => (
        <li key={`l-${e.key}`}>
          <ChangeLabel tone="emerald">Lifted</ChangeLabel>{" "}
          <strong className="font-semibold">{e.title}</strong> (in force since <EventDate date={e.effectiveDate} estimated={e.dateEstimated} />) is no longer in force
          {e.endedBy ? (
            <>
              : {e.endedBy.title} (<EventDate date={e.endedBy.effectiveDate} estimated={e.endedBy.dateEstimated} />).
            </>
          ) : e.expired ? (
            <>
              : it expired on <time dateTime={e.expired}>{e.expired}</time>.
            </>
          ) : (
            "."
          )}
        </li>
      ))}
      {partly.map((e) => (
        <li key={`p-${e.key}`}>
          <ChangeLabel tone="amber">Partly lifted</ChangeLabel>{" "}
          <strong className="font-semibold">{e.title}</strong> (in force since <EventDate date={e.effectiveDate} estimated={e.dateEstimated} />) was partly lifted:{" "}
          {e.lifts.map((l, i) => (
            <span key={l.key}>
              {i > 0 && "; "}
              {l.title} (<EventDate date={l.effectiveDate} estimated={l.dateEstimated} />)
            </span>
          ))}
          . It still applies to everyone the lift did not free.
        </li>
      ))}
    </ul>
  );
}

/**
 * "What changed" between two assessments, policy first: the events imposed, lifted or partly
 * lifted, then how the score and rating moved, then how many inventory rows changed and whether
 * the methodology changed. `compareHref`: a link to the full comparison (the Overview's card).
 */
export function WhatChanged({ c, compareHref, headingId = "what-changed-heading" }: { c: ChangeDigest; compareHref?: string; headingId?: string }) {
  const o = c.organisation;
  const policy = c.landscape.imposed.length + c.landscape.lifted.length + (c.landscape.partlyLifted?.length ?? 0);
  return (
    <Card aria-labelledby={headingId} data-testid="what-changed">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          What changed since the assessment of {formatDay(c.before.asOf)}
        </h2>
        <p className="text-xs text-slate-500">
          Assessments of {formatDay(c.before.asOf)} and {formatDay(c.after.asOf)}
        </p>
      </div>
      <div className="mt-3">
        {policy > 0 ? (
          <PolicyChanges landscape={c.landscape} />
        ) : (
          <p className="text-sm text-slate-600">No policy event came into force, ended or was partly lifted between the two{c.asOfChanged ? "" : " (both are scored on the same day)"}.</p>
        )}
      </div>
      <ul className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm text-slate-700">
        <li>
          The score moved <Delta value={o.delta} /> to <span className="font-medium tabular-nums">{o.after.toFixed(1)}</span>
          {o.ratingBefore === o.ratingAfter ? `; the rating stayed ${o.ratingAfter}.` : `; the rating went from ${o.ratingBefore} to ${o.ratingAfter}.`}
        </li>
        <li>{c.inputChanges === 0 ? "The inventory was the same in both." : `${plural(c.inputChanges, "change")} to the inventory.`}</li>
        {c.methodology.changed && (
          <li>
            The methodology changed from {c.methodology.before} to {c.methodology.after}: part of the move may come from the method, not from the inventory or the landscape.
          </li>
        )}
      </ul>
      {compareHref && (
        <p className="mt-3 text-sm">
          <Link href={compareHref} className="font-medium text-brand-700 underline">
            Compare the two assessments in full
          </Link>
        </p>
      )}
    </Card>
  );
}
