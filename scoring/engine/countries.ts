import { COUNTRIES, COUNTRY_SETS, type CatalogueCountry, type ExtraterritorialLaw } from "../catalogue";
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

const setMembers = new Map<string, ReadonlySet<string>>(COUNTRY_SETS.map((s) => [s.key, new Set(s.countries)]));

/** True when the country is in one of the named sets (unknown keys hold nobody). */
function inNamedSets(keys: readonly string[] | undefined, code: string): boolean {
  if (keys === undefined) return false;
  for (const k of keys) if (setMembers.get(k)?.has(code)) return true;
  return false;
}

/**
 * True when the country is in the set.
 *
 * @example
 * inCountrySet({ allExcept: ["US"] }, "DE") //=> true
 * inCountrySet({ allExcept: ["US"], sets: ["us-key-allies"] }, "DE") //=> false
 */
export function inCountrySet(set: CountrySet, code: string): boolean {
  return "only" in set ? set.only.includes(code) || inNamedSets(set.sets, code) : !(set.allExcept.includes(code) || inNamedSets(set.sets, code));
}

/** A country set with its named sets replaced by their countries (sorted, distinct). */
export type PlainCountrySet = { only: string[] } | { allExcept: string[] };

/**
 * The set with its named sets expanded into country codes.
 *
 * @example
 * expandCountrySet({ only: ["US"], sets: ["eu-member-states"] }).only.length //=> 28
 */
export function expandCountrySet(set: CountrySet): PlainCountrySet {
  const codes = new Set("only" in set ? set.only : set.allExcept);
  for (const k of set.sets ?? []) for (const c of setMembers.get(k) ?? []) codes.add(c);
  const list = [...codes].sort();
  return "only" in set ? { only: list } : { allExcept: list };
}

/**
 * The countries of `a` that are not in `b`, as a plain set (undefined when nobody is left).
 *
 * @example
 * subtractCountrySet({ allExcept: ["US"] }, { only: [], sets: ["us-key-allies"] }) //=> { allExcept: ["AU", "BE", ..., "US"] }
 */
export function subtractCountrySet(a: CountrySet, b: CountrySet): PlainCountrySet | undefined {
  const x = expandCountrySet(a);
  const y = expandCountrySet(b);
  let out: PlainCountrySet;
  if ("only" in x) {
    const keep = "only" in y ? (c: string) => !y.only.includes(c) : (c: string) => y.allExcept.includes(c);
    out = { only: x.only.filter(keep) };
  } else if ("only" in y) {
    out = { allExcept: [...new Set([...x.allExcept, ...y.only])].sort() };
  } else {
    out = { only: y.allExcept.filter((c) => !x.allExcept.includes(c)) };
  }
  return "only" in out && out.only.length === 0 ? undefined : out;
}

/** The catalogue's name of a country set key (the key itself when unknown). */
export function countrySetName(key: string): string {
  return COUNTRY_SETS.find((s) => s.key === key)?.name ?? key;
}

/**
 * A country set in words, naming named sets rather than listing their members.
 *
 * @example
 * describeCountrySet({ allExcept: ["US"], sets: ["us-key-allies"] }) //=> "every country except the United States and US key allies and partners"
 */
export function describeCountrySet(set: CountrySet): string {
  const parts = [...("only" in set ? set.only : set.allExcept).map(countryPhrase), ...(set.sets ?? []).map(countrySetName)];
  const list = parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  if ("only" in set) return list;
  return parts.length === 0 ? "every country" : `every country except ${list}`;
}
