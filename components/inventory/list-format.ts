// Formatting shared by the inventory's list pages (server side: the DataTable gets words).
import { countryName } from "@/lib/countries";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A DATE column as "1 Nov 2026". */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** "Anthropic PBC (United States)", or the part that is known. */
export function nameWithCountry(name: string | null, country: string | null): string | null {
  if (name && country) return `${name} (${countryName(country)})`;
  return name ?? (country ? countryName(country) : null);
}

/** Where a fact comes from, short: a URL becomes its host; with the date it was checked. */
export function sourceSummary(source: string | null, asOf: Date | null): string | null {
  let text = source;
  if (source && /^https?:\/\//i.test(source)) {
    try {
      text = new URL(source).hostname.replace(/^www\./, "");
    } catch {
      text = source;
    }
  }
  if (text && asOf) return `${text}, as of ${formatDate(asOf)}`;
  return text ?? (asOf ? `As of ${formatDate(asOf)}` : null);
}
