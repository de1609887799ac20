// Policy events in the words a risk officer reads: whom an event restricts, what a lift frees,
// who issued it. Names, never keys: vendors and models by the organisation's or the catalogue's
// name, countries and the catalogue's named country sets by name. Pure (policy-events.unit.test.ts).
import { CATALOGUE_MODELS, CATALOGUE_VENDORS } from "@/scoring/catalogue";
import { countryName, describeCountrySet, expandCountrySet } from "@/scoring/engine/countries";
import type { ImposeEvent, Restriction } from "@/scoring/schema/policy-event";
import type { CountrySet } from "@/scoring/schema/primitives";
import { ACCESS_PATH_LABELS, labelFor } from "@/lib/labels";

/** Names for the keys an event's scope may use: the organisation's own first, then the catalogue's. */
export interface EventNames {
  vendors: ReadonlyMap<string, string>;
  models: ReadonlyMap<string, string>;
}

/** The catalogue's vendor and model names, with the organisation's own (inventory keys) on top. */
export function eventNames(own: { vendors?: readonly { key: string; name: string }[]; models?: readonly { key: string; name: string }[] } = {}): EventNames {
  return {
    vendors: new Map([...CATALOGUE_VENDORS.map((v) => [v.key, v.name] as const), ...(own.vendors ?? []).map((v) => [v.key, v.name] as const)]),
    models: new Map([...CATALOGUE_MODELS.map((m) => [m.key, m.name] as const), ...(own.models ?? []).map((m) => [m.key, m.name] as const)]),
  };
}

/** "A", "A and B", "A, B and C". */
export const listJoin = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/**
 * A country set in words, with the number of countries when it names a set (a reader cannot count
 * "US key allies and partners").
 *
 * @example countrySetWords({ only: [], sets: ["us-key-allies"] }) //=> "US key allies and partners (18 countries)"
 * @example countrySetWords({ allExcept: ["US"] }) //=> "every country except the United States"
 */
export function countrySetWords(set: CountrySet): string {
  const words = describeCountrySet(set);
  if (!set.sets?.length) return words;
  const n = (() => {
    const plain = expandCountrySet(set);
    return "only" in plain ? plain.only.length : plain.allExcept.length;
  })();
  return "only" in set ? `${words} (${n} countries)` : `${words} (${n} countries excepted)`;
}

/**
 * What a lift does, in one sentence: for everyone, or (a partial lift) for the countries it frees.
 *
 * @example liftWords({ only: [], sets: ["us-key-allies"] }) //=> "Lifts it for US key allies and partners (18 countries); everyone else stays restricted"
 * @example liftWords(undefined) //=> "Lifts it for everyone"
 */
export function liftWords(countries: CountrySet | undefined): string {
  return countries ? `Lifts it for ${countrySetWords(countries)}; everyone else stays restricted` : "Lifts it for everyone";
}

const LOCUS_WORDS: Record<Restriction["locus"], string> = {
  users: "for users in",
  hosting: "when hosted in",
  any: "for users in or hosting in",
  licensee: "for organisations based in",
};

/** One restriction in words: "blocked for users in every country except the United States". */
export function restrictionWords(r: Restriction): string {
  return `${r.severity === "block" ? "blocked" : "licence required"} ${LOCUS_WORDS[r.locus]} ${countrySetWords(r.countries)}`;
}

/** Who issued an event: a country's name, the EU, or the vendor itself. */
export function issuerWords(issuer: ImposeEvent["issuer"]): string {
  if (issuer === "vendor") return "The vendor";
  if (issuer === "EU") return "European Union";
  return countryName(issuer);
}

/**
 * Which dependencies an imposed event reaches and whom it restricts, in one line.
 *
 * @example restrictsWords(anthropicRestriction, eventNames()) //=> "Anthropic, closed models: blocked for users in or hosting in every country except the United States"
 */
export function restrictsWords(e: ImposeEvent, names: EventNames): string {
  const name = (map: ReadonlyMap<string, string>) => (key: string) => map.get(key) ?? key;
  const s = e.scope;
  const scope = [
    s.vendors?.length ? listJoin(s.vendors.map(name(names.vendors))) : "",
    s.vendorCountries ? `vendors headquartered in ${countrySetWords(s.vendorCountries)}` : "",
    s.models?.length ? listJoin(s.models.map(name(names.models))) : "",
    s.modelFamilies?.length ? `model families ${listJoin(s.modelFamilies)}` : "",
    s.weights ? (s.weights === "closed" ? "closed models" : "open-weight models") : "",
    s.minTrainingCompute ? (s.minTrainingCompute === "above-1e26" ? "models trained with more than 10²⁶ FLOP" : "models trained with 10²⁵ FLOP or more") : "",
    // "via direct API", not "via direct api": lower-case the words, never the acronym.
    s.accessPaths?.length ? `via ${listJoin(s.accessPaths.map((p) => labelFor(ACCESS_PATH_LABELS, p.replaceAll("-", "_")).replace(/^[A-Z][a-z]/, (w) => w.toLowerCase())))}` : "",
    s.clouds?.length ? `on ${listJoin(s.clouds.map(name(names.vendors)))}` : "",
    s.hostingRegions?.length ? `in regions ${listJoin(s.hostingRegions)}` : "",
  ].filter(Boolean);
  return `${scope.length ? scope.join(", ") : "Every dependency"}: ${e.restrictions.map(restrictionWords).join("; ")}`;
}
