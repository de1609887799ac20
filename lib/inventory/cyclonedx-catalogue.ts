// How the CycloneDX import (decision 047) recognises the catalogue's vendors and model families in
// names that other tools write: "OpenAI Inc", "google-bert", "meta-llama", "Llama-3.1-8B",
// "gpt-4o". Pure; the catalogue is a few dozen entries in memory.
import { CATALOGUE_MODELS, CATALOGUE_VENDORS, type CatalogueModel, type CatalogueVendor } from "@/scoring/catalogue";

/** Words of a name: lower case, without diacritics, split at anything but letters and digits, and between letters and digits ("gpt4o" → gpt, 4, o). */
export function nameTokens(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/gu, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Legal forms that say nothing about who a company is: "OpenAI Inc" is OpenAI. */
const LEGAL_FORMS = new Set(["inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "plc", "pbc", "pte", "kk", "srl", "spa", "ab", "oy", "as"]);

/**
 * Names other tools use for catalogue vendors that the catalogue's own names do not give away:
 * Hugging Face organisations and product names. Keyed by the name's words joined by a space.
 */
const VENDOR_ALIASES: Record<string, string> = {
  mistralai: "mistral",
  qwen: "alibaba",
  cohereforai: "cohere",
  coherelabs: "cohere",
  facebook: "meta",
  "meta platforms": "meta",
  aws: "amazon",
  azure: "microsoft",
  "google deepmind": "google",
  deepmind: "google",
};

const companyWords = (name: string) => {
  const words = nameTokens(name);
  while (words.length > 1 && LEGAL_FORMS.has(words.at(-1)!)) words.pop();
  return words;
};

const catalogueVendorWords = CATALOGUE_VENDORS.map((v) => ({ vendor: v, words: companyWords(v.name).join(" "), first: companyWords(v.name)[0] ?? "" }));
const vendorByKey = new Map(CATALOGUE_VENDORS.map((v) => [v.key, v]));

/**
 * The catalogue vendor a company name stands for: the same name (legal form aside), a known alias,
 * or the same first word ("Mistral" for "Mistral AI", "google-bert" for Google, "meta-llama" for
 * Meta). Undefined when nothing matches.
 *
 * @example matchCatalogueVendor("OpenAI Inc")?.key // "openai"
 */
export function matchCatalogueVendor(name: string): CatalogueVendor | undefined {
  const words = companyWords(name);
  if (words.length === 0) return undefined;
  const joined = words.join(" ");
  const exact = catalogueVendorWords.find((v) => v.words === joined || v.vendor.key === words.join("-"));
  if (exact) return exact.vendor;
  const alias = VENDOR_ALIASES[joined] ?? VENDOR_ALIASES[words[0]!];
  if (alias) return vendorByKey.get(alias);
  return catalogueVendorWords.find((v) => v.first === words[0] || v.vendor.key === words[0])?.vendor;
}

/** Product names of a catalogue family that its family name does not contain. */
const MODEL_ALIASES: Record<string, string[]> = {
  "mistral-open": ["mixtral", "codestral", "ministral", "mistral small", "mistral nemo", "pixtral"],
};

const catalogueModelWords = CATALOGUE_MODELS.map((m) => ({
  model: m,
  names: [m.family, ...(MODEL_ALIASES[m.key] ?? [])].map(nameTokens),
  // What tells entries of one family apart ("vision"): the words of its name that are neither its family nor numbers.
  qualifiers: nameTokens(m.name).filter((w) => /^\p{L}{3,}$/u.test(w) && !nameTokens(m.family).includes(w)),
}));

/** Whether `words` holds `phrase` as consecutive words, and where. */
function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((w, j) => words[i + j] === w)) return i;
  return -1;
}

/**
 * The catalogue model family a model's name belongs to: a family name (or product name) among its
 * words, the longest first, then the entry whose name's qualifiers it shares most ("Llama-3.2-11B-Vision"
 * is Llama 3.2 Vision, "Llama-3.1-8B" Llama), then the catalogue's order. With `vendorKey`, only that vendor's families; without one,
 * the family must be the name's first word ("gpt-4o", not "support-gpt-router").
 *
 * @example matchCatalogueModel("Llama-3.1-8B-Instruct", "meta")?.key // "meta-llama"
 */
export function matchCatalogueModel(name: string, vendorKey?: string): CatalogueModel | undefined {
  const words = nameTokens(name);
  let best: { model: CatalogueModel; length: number; shared: number } | undefined;
  for (const { model, names, qualifiers } of catalogueModelWords) {
    if (vendorKey !== undefined && model.vendor !== vendorKey) continue;
    for (const phrase of names) {
      const at = indexOfPhrase(words, phrase);
      if (at < 0 || (vendorKey === undefined && at !== 0)) continue;
      const shared = qualifiers.filter((w) => words.includes(w)).length;
      if (!best || phrase.length > best.length || (phrase.length === best.length && shared > best.shared)) best = { model, length: phrase.length, shared };
    }
  }
  return best?.model;
}

/** Licences that publish a model's weights: SPDX ids (and their families) and the names of open-weights licences. */
const OPEN_LICENCE = /^(apache|mit\b|bsd|mpl|gpl|lgpl|agpl|cc0|cc-by|unlicense|openrail|bigscience-openrail|creativeml-openrail|bigcode-openrail|llama|gemma|qwen|deepseek|openmdw)/i;
const OPEN_LICENCE_WORDS = /\b(apache|mit licen[cs]e|llama \d[\d.]* community|community licen[cs]e|openrail|gemma terms|qwen licen[cs]e|deepseek licen[cs]e|creative commons)\b/i;
const CLOSED_LICENCE_WORDS = /\b(proprietary|commercial terms|terms of service|services agreement|all rights reserved)\b/i;

/**
 * Whether a licence text says the weights are published (open) or not (closed); undefined when it
 * does not tell.
 *
 * @example weightsFromLicence("Apache-2.0") // "open"
 */
export function weightsFromLicence(licence: string | undefined): "open" | "closed" | undefined {
  if (!licence) return undefined;
  const text = licence.trim();
  if (CLOSED_LICENCE_WORDS.test(text)) return "closed";
  if (OPEN_LICENCE.test(text) || OPEN_LICENCE_WORDS.test(text)) return "open";
  return undefined;
}
