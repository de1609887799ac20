// Search as you type over the default catalogue: vendors by their name, their models' names
// and families. Pure and synchronous (the catalogue is a few dozen entries in memory).
import { CATALOGUE_MODELS, CATALOGUE_VENDORS } from "@/scoring/catalogue";
import { toModelFacts, toVendorFacts, type CatalogueModelFacts, type CatalogueVendorFacts } from "@/lib/catalogue/facts";

export interface CatalogueHit {
  vendor: CatalogueVendorFacts;
  models: CatalogueModelFacts[];
  /** The model whose name or family matched, when the vendor's own name did not. */
  matchedModel: string | null;
}

/** Lower case without diacritics, so "Aléph" finds "Aleph" and "COH" finds "Cohere". */
export const normalise = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim();

const PREFIX = 0;
const WORD_PREFIX = 1;
const SUBSTRING = 2;
const NONE = 3;

function rank(text: string, q: string): number {
  const t = normalise(text);
  if (t.startsWith(q)) return PREFIX;
  if (t.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(q))) return WORD_PREFIX;
  return t.includes(q) ? SUBSTRING : NONE;
}

/**
 * Catalogue vendors matching `query` (case- and diacritics-insensitive) on the vendor's name,
 * a model's name or a model's family. Ranked: names that start with the query first, then a
 * word of a name that starts with it, then any match; a match on the vendor's own name before
 * one on its models; then alphabetically. A blank query finds nothing.
 *
 * @example searchCatalogue("coh")[0].vendor.name // "Cohere"
 */
export function searchCatalogue(query: string, limit = 8): CatalogueHit[] {
  const q = normalise(query);
  if (!q) return [];
  const scored = CATALOGUE_VENDORS.map((v) => {
    const models = CATALOGUE_MODELS.filter((m) => m.vendor === v.key);
    const byName = rank(v.name, q);
    const byModel = models
      .map((m) => ({ m, r: Math.min(rank(m.name, q), rank(m.family, q)) }))
      .sort((a, b) => a.r - b.r)[0];
    const modelRank = byModel?.r ?? NONE;
    // The vendor's own name wins a tie: "mistral" is the vendor before its models.
    const score = byName <= modelRank ? byName * 2 : modelRank * 2 + 1;
    return { v, models, score, matchedModel: byName <= modelRank || !byModel ? null : byModel.m.name, best: Math.min(byName, modelRank) };
  });
  return scored
    .filter((s) => s.best < NONE)
    .sort((a, b) => a.score - b.score || a.v.name.localeCompare(b.v.name, "en"))
    .slice(0, limit)
    .map((s) => ({ vendor: toVendorFacts(s.v), models: s.models.map(toModelFacts), matchedModel: s.matchedModel }));
}
