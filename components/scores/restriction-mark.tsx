import type { VendorRowRestriction } from "@/lib/scores/dashboard";
import { EventDate } from "@/components/policy-events/event-date";
import { cn } from "@/components/ui/cn";

/**
 * The "Active restriction" mark: a restriction in force reaches this vendor's models. The words
 * carry it (a label, the event, since when, what it does), so it reads in black and white and
 * aloud; the red border only repeats them.
 */
export function ActiveRestrictionMark({ restriction: r, className }: { restriction: VendorRowRestriction; className?: string }) {
  return (
    <div className={cn("rounded-md border border-red-300 bg-red-50 px-2.5 py-2 text-xs font-normal text-slate-800 print:break-inside-avoid", className)} data-testid="active-restriction">
      <p className="font-semibold uppercase tracking-wide text-red-800">
        <span aria-hidden>⚠ </span>Active restriction{r.partlyLifted && <span className="font-medium normal-case tracking-normal text-red-800"> · partly lifted</span>}
      </p>
      <p className="mt-1 font-medium text-slate-900">{r.title}</p>
      <p className="mt-0.5 text-slate-700">
        In force since <EventDate date={r.effectiveDate} estimated={r.dateEstimated} />
      </p>
      <p className="mt-0.5 text-slate-700">{r.effect}.</p>
    </div>
  );
}
