// An organisation's value of a catalogue-backed vendor fact against the catalogue's. Pure and
// free of the catalogue data itself, so the vendor form (a client component) can use it.
import type { CatalogueVendorFacts } from "@/lib/catalogue/facts";

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

/** Whether `source` is the organisation's own: given, and not just the catalogue's source repeated. */
export const isOwnSource = (source: string | null | undefined, catalogue: CatalogueVendorFacts) => !!source?.trim() && !same(source, catalogue.source);
