// The one way Sovra shows a date to a person: British English, always in UTC, so the server's
// render and the browser's hydration produce the same text wherever either runs. Pure (no
// server-only): server and client components both use it.
//
// The month names are written out here rather than taken from Intl: ICU versions disagree on
// British English's short September ("Sep" or "Sept"), and Node and the browser need not ship
// the same one. Data keeps ISO dates (API JSON, CSV/XLSX/JSON exports, form input values,
// the database); only what people read goes through this module.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** What an unreadable date shows: a dash, not a crash in the middle of a page or a PDF. */
export const NO_DATE = "—";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A Date or an ISO string as an instant, or null when it is not one. "YYYY-MM-DD" is that
 * calendar day (midnight UTC, never shifted by a time zone); a timestamp without an offset is
 * read as UTC. Other texts ("13/12/2026", "6 Dec 2026") are not dates here: data is ISO.
 */
function toInstant(value: Date | string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string") return null;
  const day = DATE_ONLY.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    // Date.UTC rolls 2026-02-30 over to 2 March: such a day does not exist.
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
  }
  const stamp = TIMESTAMP.exec(value);
  if (!stamp) return null;
  const date = new Date(stamp[3] ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A day for screens and tables, in UTC. Unreadable input is "—".
 * @example formatDay("2026-12-06") // "6 Dec 2026"
 */
export function formatDay(value: Date | string): string {
  const d = toInstant(value);
  return d ? `${d.getUTCDate()} ${SHORT_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : NO_DATE;
}

/**
 * A day for documents (board report, remediation plan, emails), in UTC. Unreadable input is "—".
 * @example formatDayLong("2027-01-05") // "5 January 2027"
 */
export function formatDayLong(value: Date | string): string {
  const d = toInstant(value);
  return d ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : NO_DATE;
}

/**
 * An instant where the time matters (audit log, tokens, report runs), in UTC and saying so.
 * Unreadable input is "—".
 * @example formatDateTime("2026-12-06T14:05:59Z") // "6 Dec 2026, 14:05 UTC"
 */
export function formatDateTime(value: Date | string): string {
  const d = toInstant(value);
  return d ? `${formatDay(d)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC` : NO_DATE;
}

/**
 * An instant in a document or an email where the time matters, in UTC and saying so.
 * @example formatDateTimeLong("2026-12-06T14:05:00Z") // "6 December 2026, 14:05 UTC"
 */
export function formatDateTimeLong(value: Date | string): string {
  const d = toInstant(value);
  return d ? `${formatDayLong(d)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC` : NO_DATE;
}

const ISO_DAY_IN_TEXT = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * A sentence written with ISO days (the scoring engine's, whose output is data and stays ISO)
 * with each day as people read it. Only days that exist are replaced.
 * @example readableDays("in force since 2026-03-02") // "in force since 2 Mar 2026"
 */
export function readableDays(text: string, format: (value: string) => string = formatDay): string {
  return text.replace(ISO_DAY_IN_TEXT, (day) => {
    const shown = format(day);
    return shown === NO_DATE ? day : shown;
  });
}
