// Formatting shared by the inventory's list pages (server side: the DataTable gets words).
import { countryName } from "@/lib/countries";
import { formatDay } from "@/lib/dates";

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
  if (text && asOf) return `${text}, as of ${formatDay(asOf)}`;
  return text ?? (asOf ? `As of ${formatDay(asOf)}` : null);
}
