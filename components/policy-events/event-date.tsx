import { formatDay, formatDayLong } from "@/lib/dates";

/**
 * A policy event's date ("2 Mar 2026"; `long`, in the board report: "2 March 2026"), with the
 * "estimated" mark the catalogue puts on dates that no source gives (`dateEstimated`). The mark
 * is text, not colour alone, so it prints and reads aloud.
 */
export function EventDate({ date, estimated = false, note, className, long = false }: { date: string; estimated?: boolean; note?: string; className?: string; long?: boolean }) {
  return (
    // The date never breaks inside; the mark may go to the next line.
    <span className={className}>
      <time dateTime={date} className="whitespace-nowrap">
        {long ? formatDayLong(date) : formatDay(date)}
      </time>
      {estimated && (
        <>
          {" "}
          <span className="whitespace-nowrap rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-200" title={note ?? "No source gives this date: it is Sovra's dated reading. Correct it for your organisation under Scenarios → Policy events."}>
            estimated
          </span>
        </>
      )}
    </span>
  );
}
