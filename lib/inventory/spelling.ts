// The spellings a person types into a spreadsheet, read as the values the inventory document
// holds: countries by their English name or ISO code, choices by their value or the label the app
// shows, whatever the case and however the words are joined (docs/decisions/033). Pure.
import isoCountries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";
import { COUNTRY_CODES, countryName, isCountryCode } from "@/lib/countries";

isoCountries.registerLocale(english);

/** Our own names of the codes (as the app shows them), lower case, for names i18n-iso-countries spells otherwise. */
const OWN_NAMES = new Map(COUNTRY_CODES.map((code) => [countryName(code).toLowerCase(), code]));

/**
 * The ISO 3166-1 alpha-2 code of a country written as that code, its alpha-3 code or its name in
 * English (common alternatives included), in any case; undefined when it is none of them.
 *
 * @example countryCodeOf("Germany") //=> "DE"
 * @example countryCodeOf("deu") //=> "DE"
 * @example countryCodeOf("United States of America") //=> "US"
 * @example countryCodeOf("Atlantis") //=> undefined
 */
export function countryCodeOf(text: string): string | undefined {
  const t = text.trim().replace(/\s+/g, " ");
  if (t === "") return undefined;
  const upper = t.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && isCountryCode(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    const code = isoCountries.alpha3ToAlpha2(upper);
    if (code && isCountryCode(code)) return code;
  }
  const byName = isoCountries.getAlpha2Code(t, "en") ?? OWN_NAMES.get(t.toLowerCase());
  return byName && isCountryCode(byName) ? byName : undefined;
}

/** A choice of a column: the document's value and the labels the app shows for it. */
export interface Choice {
  value: string;
  labels: readonly string[];
}

/** `Trade secret`, `trade_secret` and `TRADE-SECRET` alike. */
const spellingKey = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, "-");

/**
 * Choices from the document's values and the app's labels, which are keyed by the document value
 * or by the database's (`trade_secret`). A label's words before a parenthesis count too:
 * "Vendor restriction" for "Vendor restriction (the vendor's own policy)".
 */
export function choices(values: readonly string[], labels: Readonly<Record<string, string>> = {}): Choice[] {
  return values.map((value) => {
    const label = labels[value] ?? labels[value.replaceAll("-", "_")];
    const short = label?.replace(/\s*\(.*\)\s*$/, "");
    return { value, labels: [label, short].filter((l): l is string => !!l) };
  });
}

/**
 * The value a cell means among `options`: the value itself or one of its labels, in any case,
 * with spaces, hyphens or underscores between the words; undefined when it matches none.
 *
 * @example choiceOf("Trade secret", choices(["trade-secret"])) //=> "trade-secret"
 * @example choiceOf("Standard contractual clauses", choices(["scc"], { scc: "Standard contractual clauses" })) //=> "scc"
 */
export function choiceOf(text: string, options: readonly Choice[]): string | undefined {
  const key = spellingKey(text);
  return options.find((o) => spellingKey(o.value) === key || o.labels.some((l) => spellingKey(l) === key))?.value;
}
