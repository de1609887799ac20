import { useId } from "react";
import type { DependencyResult } from "@/scoring/results";
import { countryName } from "@/lib/countries";
import { RECOVERY_LABELS, sharePhrase, type EventsInForce } from "@/lib/scores/active-restrictions";
import { EventDate } from "@/components/policy-events/event-date";
import { cn } from "@/components/ui/cn";

type SwitchedOff = NonNullable<DependencyResult["switchedOff"]>;

const listJoin = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const hours = (h: number) => (h < 1 ? `${Math.round(h * 60)} min` : `${Math.round(h * 10) / 10} h`);

/** Who is cut off, in words. */
function whoPhrase(off: SwitchedOff): string {
  const places = off.countries.map(countryName);
  if (off.everyone === "hosting") return `Everyone who relies on it: it runs in ${places[0] ?? "a blocked country"}.`;
  if (off.everyone === "licensee") return `Everyone: the licence grants no rights to organisations based in ${places[0] ?? "your country"}.`;
  if (off.everyone === "chain") return "Everyone: a sanction in force touches a company or location in its chain.";
  const who = off.basis === "people" ? "of the people who rely on it" : "of the offices that rely on it (headcount not recorded: counted by offices)";
  return `${sharePhrase(off.share) === "all" ? "All" : sharePhrase(off.share)} ${who}${places.length > 0 ? `: the offices in ${listJoin(places)}` : ""}.`;
}

/**
 * A dependency's switched-off state (METHODOLOGY.md, "Switched off today"): who is cut off, by
 * which restrictions in force, how they recover, and the score before and after the rule.
 * `fallbackName`: the recovering fallback named for people; `score`: the dependency's score now.
 */
export function SwitchedOffDetails({ off, events, fallbackName, score, className }: { off: SwitchedOff; events: EventsInForce; fallbackName?: string; score: number; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn("rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-slate-800 print:break-inside-avoid", className)} data-testid="switched-off">
      <h4 id={id} className="text-xs font-semibold uppercase tracking-wide text-red-800">
        <span aria-hidden>⚠ </span>Switched off today
      </h4>
      <dl className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-[9rem_1fr]">
        <dt className="font-medium text-slate-600">Cut off</dt>
        <dd>{whoPhrase(off)}</dd>
        <dt className="font-medium text-slate-600">By</dt>
        <dd>
          <ul className="space-y-0.5">
            {off.events.map((key) => {
              const e = events.get(key);
              return (
                <li key={key}>
                  {e ? (
                    <>
                      {e.title}, in force since <EventDate date={e.effectiveDate} estimated={e.dateEstimated} />
                    </>
                  ) : (
                    "A restriction in force"
                  )}
                </li>
              );
            })}
          </ul>
        </dd>
        <dt className="font-medium text-slate-600">Recovery</dt>
        <dd>
          {RECOVERY_LABELS[off.recovery]}.
          {fallbackName && off.recovery !== "no-recovery" && (
            <span className="block text-slate-600">
              Fallback: {fallbackName}
              {off.switchTimeHours !== undefined && `, switch in ${hours(off.switchTimeHours)}`}
              {off.fallbackScore !== undefined && `; its own score ${off.fallbackScore.toFixed(1)}`}.
            </span>
          )}
        </dd>
        <dt className="font-medium text-slate-600">Score</dt>
        <dd>
          <span className="font-semibold tabular-nums">{score.toFixed(2)}</span> now; <span className="tabular-nums">{off.scoreBefore.toFixed(2)}</span> before the rule (the sum of its 15
          factors). The people cut off count only at what a fallback recovers for them
          {off.cap !== undefined && score >= off.cap - 0.005 ? (
            <>
              ; switched off for most of its users without a tested fallback in time, it is capped at <span className="tabular-nums">{off.cap.toFixed(2)}</span> (Very Low).
            </>
          ) : (
            "."
          )}
        </dd>
      </dl>
    </section>
  );
}

/**
 * "Not recorded: verify": the facts a score rests on that nobody recorded, each scored cautiously
 * until it is recorded. Nothing is shown when the list is empty (or absent, in older results).
 */
export function NotRecorded({ items, className, heading = "h3" }: { items: readonly string[] | undefined; className?: string; heading?: "h3" | "h4" }) {
  const id = useId();
  if (!items || items.length === 0) return null;
  const Heading = heading;
  return (
    <section aria-labelledby={id} className={cn("rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-slate-800 print:break-inside-avoid", className)} data-testid="not-recorded">
      <Heading id={id} className="text-xs font-semibold uppercase tracking-wide text-amber-900">
        Not recorded: verify
      </Heading>
      <p className="mt-1 text-xs text-slate-600">The score rests on these facts, which nobody recorded; each is scored cautiously until it is.</p>
      <ul className="mt-1.5 list-disc space-y-0.5 pl-5">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
