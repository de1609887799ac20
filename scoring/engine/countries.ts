import { COUNTRIES, type CatalogueCountry, type ExtraterritorialLaw } from "../catalogue";
import type { CountrySet } from "../schema/primitives";

const byCode = new Map<string, CatalogueCountry>(COUNTRIES.map((c) => [c.code, c]));

/** The EU/EEA single market counts as one jurisdiction for data transfers and locality. */
export const EEA_BLOC = "EEA";

/**
 * The jurisdiction bloc of a country: `"EEA"` for EU/EEA members, otherwise the code itself.
 *
 * @example
 * blocOf("DE") //=> "EEA"
 * blocOf("GB") //=> "GB"
 */
export function blocOf(code: string): string {
  return byCode.get(code)?.eea ? EEA_BLOC : code;
}

/**
 * A readable name for a country code or bloc.
 *
 * @example
 * countryName("DE") //=> "Germany"
 * countryName("EEA") //=> "the EU/EEA"
 */
export function countryName(code: string): string {
  if (code === EEA_BLOC) return "the EU/EEA";
  return byCode.get(code)?.name ?? code;
}

const WITH_ARTICLE = new Set(["US", "GB", "NL", "AE", "PH", "BS", "GM", "DO", "CF", "KY", "MV", "MH", "SB", "VA"]);

/**
 * A country name for use inside a sentence ("in the United States").
 *
 * @example
 * countryPhrase("US") //=> "the United States"
 * countryPhrase("DE") //=> "Germany"
 */
export function countryPhrase(code: string): string {
  return WITH_ARTICLE.has(code) ? `the ${countryName(code)}` : countryName(code);
}

/** True when the EU has an adequacy decision for the country in force on `asOf`. */
export function hasAdequacy(code: string, asOf: string): boolean {
  const a = byCode.get(code)?.gdprAdequacy;
  return a !== undefined && a.since <= asOf;
}

/** Extraterritorial access laws of a country in force on `asOf`. */
export function lawsInForce(code: string, asOf: string): readonly ExtraterritorialLaw[] {
  const laws = byCode.get(code)?.extraterritorialLaws;
  if (!laws) return [];
  return laws.every((l) => l.since <= asOf) ? laws : laws.filter((l) => l.since <= asOf);
}

/**
 * True when personal data leaving this country is governed by the GDPR family
 * (EU/EEA GDPR, UK GDPR, Swiss FADP, which follow the same transfer logic).
 *
 * @example
 * isGdprOrigin("FR") //=> true
 * isGdprOrigin("US") //=> false
 */
export function isGdprOrigin(code: string): boolean {
  return blocOf(code) === EEA_BLOC || code === "GB" || code === "CH";
}

/**
 * True when the country is in the set.
 *
 * @example
 * inCountrySet({ allExcept: ["US"] }, "DE") //=> true
 */
export function inCountrySet(set: CountrySet, code: string): boolean {
  return "only" in set ? set.only.includes(code) : !set.allExcept.includes(code);
}
