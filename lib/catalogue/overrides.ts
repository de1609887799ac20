// An organisation's value of a catalogue-backed vendor or model fact against the catalogue's. Pure and
// free of the catalogue data itself, so the vendor form (a client component) can use it.
import type { CatalogueModelFacts, CatalogueVendorFacts } from "@/lib/catalogue/facts";

/** The vendor facts the catalogue records and an organisation may override. */
export interface CatalogueBackedValues {
  vendorType: string;
  hqCountry: string;
  parentName: string | null;
  parentCountry: string | null;
}

export type CatalogueBackedFact = keyof CatalogueBackedValues;

export const CATALOGUE_BACKED_FACTS: readonly { fact: CatalogueBackedFact; label: string }[] = [
  { fact: "vendorType", label: "Type" },
  { fact: "hqCountry", label: "HQ country" },
  { fact: "parentName", label: "Ultimate parent" },
  { fact: "parentCountry", label: "Parent's country" },
];

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase();

/** The facts where `values` differ from the catalogue's entry. */
export function overriddenFacts(catalogue: CatalogueVendorFacts, values: CatalogueBackedValues): CatalogueBackedFact[] {
  return CATALOGUE_BACKED_FACTS.map((f) => f.fact).filter((fact) => !same(values[fact], catalogue[fact]));
}

/**
 * The facts an edit newly sets to something other than the catalogue says: they differ from
 * the catalogue and from what was stored. A difference that was already there (say, recorded
 * before the catalogue changed) does not block unrelated edits such as the notes.
 */
export function newOverrides(catalogue: CatalogueVendorFacts, stored: CatalogueBackedValues | null, edited: CatalogueBackedValues): CatalogueBackedFact[] {
  return overriddenFacts(catalogue, edited).filter((fact) => !stored || !same(edited[fact], stored[fact]));
}

/** A date as YYYY-MM-DD, from a date column, a form's Date or the document's string. */
const isoDay = (d: Date | string | null | undefined) => (d instanceof Date ? d.toISOString().slice(0, 10) : (d ?? null));

/**
 * Whether `source`, read on `asOf`, is the organisation's own reading: a source given, and not
 * the catalogue's reading repeated. Another source is one; so is the catalogue's own source read
 * on another day (the page has changed since the catalogue read it, or had not yet): the fact and
 * its date are the organisation's, and the detail page shows both readings side by side
 * (docs/decisions/009, 033). The catalogue's source with the catalogue's date, or with no date,
 * is not.
 *
 * @example isOwnSource("https://openai.com/our-structure/", { source: "https://openai.com/our-structure/", asOf: "2025-09-30" }, "2026-11-01") //=> true
 */
export function isOwnSource(source: string | null | undefined, catalogue: { source: string; asOf: string }, asOf?: Date | string | null): boolean {
  if (!source?.trim()) return false;
  if (!same(source, catalogue.source)) return true;
  const day = isoDay(asOf);
  return day !== null && day !== catalogue.asOf;
}

// ---- models ----------------------------------------------------------------------------------

/**
 * The model facts the catalogue records and an organisation may override. Offered access paths
 * are compared as the set of paths (direct API, marketplace, ...); the clouds and regions of
 * each are shown beside them but are details of a path, not a separate fact.
 */
export interface CatalogueBackedModelValues {
  family: string;
  weights: string;
  licence: string;
  trainingCompute: string;
  offeredAccessPaths: readonly string[];
}

export type CatalogueBackedModelFact = keyof CatalogueBackedModelValues;

export const MODEL_CATALOGUE_BACKED_FACTS: readonly { fact: CatalogueBackedModelFact; label: string }[] = [
  { fact: "family", label: "Family" },
  { fact: "weights", label: "Weights" },
  { fact: "licence", label: "Licence" },
  { fact: "trainingCompute", label: "Training compute" },
  { fact: "offeredAccessPaths", label: "Offered access paths" },
];

const sameFact = (a: string | null | readonly string[], b: string | null | readonly string[]) =>
  Array.isArray(a) || Array.isArray(b)
    ? [...new Set([a ?? []].flat())].sort().join(",") === [...new Set([b ?? []].flat())].sort().join(",")
    : same(a as string | null, b as string | null);

/** The catalogue's model entry as the values an organisation's model row is compared with. */
export function catalogueModelValues(c: CatalogueModelFacts): CatalogueBackedModelValues {
  return { family: c.family, weights: c.weights, licence: c.licence, trainingCompute: c.trainingCompute, offeredAccessPaths: c.offeredAccessPaths.map((o) => o.path) };
}

/** The model facts where `values` differ from the catalogue's entry. */
export function overriddenModelFacts(catalogue: CatalogueModelFacts, values: CatalogueBackedModelValues): CatalogueBackedModelFact[] {
  const c = catalogueModelValues(catalogue);
  return MODEL_CATALOGUE_BACKED_FACTS.map((f) => f.fact).filter((fact) => !sameFact(values[fact], c[fact]));
}

/** As `newOverrides`, for a model: the facts an edit newly sets away from the catalogue. */
export function newModelOverrides(catalogue: CatalogueModelFacts, stored: CatalogueBackedModelValues | null, edited: CatalogueBackedModelValues): CatalogueBackedModelFact[] {
  return overriddenModelFacts(catalogue, edited).filter((fact) => !stored || !sameFact(edited[fact], stored[fact]));
}
