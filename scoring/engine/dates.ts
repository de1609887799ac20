const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 for a `YYYY-MM-DD` date (UTC), or NaN for anything else.
 *
 * @example
 * dayNumber("1970-01-02") //=> 1
 */
export function dayNumber(date: string): number {
  let d = DAYS.get(date);
  if (d === undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    d = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
    if (DAYS.size >= MAX_CACHED_DAYS) DAYS.clear();
    DAYS.set(date, d);
  }
  return d;
}

/** Parsed dates (inventories repeat a few dates many times); bounded, cleared when full. */
const DAYS = new Map<string, number>();
const MAX_CACHED_DAYS = 4096;

/**
 * Whole days from `from` to `to` (negative when `from` is later).
 *
 * @example
 * daysBetween("2026-01-01", "2026-03-01") //=> 59
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * A duration in hours, in words: minutes under an hour, else hours.
 * @example duration(0.25) //=> "15 minutes"; duration(8) //=> "8 hours"; duration(1) //=> "1 hour"
 */
export function duration(hours: number): string {
  if (hours < 1) {
    const m = Math.round(hours * 60);
    return `${m} minute${m === 1 ? "" : "s"}`;
  }
  const h = Math.round(hours * 10) / 10;
  return `${h} hour${h === 1 ? "" : "s"}`;
}
