import { shockEvents } from "@/scoring/scenario";
import { SCENARIO_SCHEMA_VERSION, type Shock } from "@/scoring/schema/scenario";
import type { InventoryDocument } from "@/scoring/schema/inventory";

/**
 * Vendor and model names by the keys a shock may use: their inventory keys and their catalogue
 * keys (a saved scenario names AWS "amazon", the catalogue's key, where the inventory's is
 * "amazon-web-services").
 */
export function shockNames(document: Pick<InventoryDocument, "vendors" | "models"> | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const x of document ? [...document.vendors, ...document.models] : []) {
    if (x.catalogueKey && !names.has(x.catalogueKey)) names.set(x.catalogueKey, x.name);
  }
  for (const x of document ? [...document.vendors, ...document.models] : []) names.set(x.key, x.name);
  return names;
}

/** The shock with the inventory's names instead of its keys, for the sentence people read ("OpenAI blocked", not "openai blocked"). */
function named(shock: Shock, names: ReadonlyMap<string, string>): Shock {
  const n = (key: string) => names.get(key) ?? key;
  switch (shock.type) {
    case "vendor-blocked":
      return { ...shock, vendor: n(shock.vendor) };
    case "cloud-region-lost":
      return { ...shock, cloud: n(shock.cloud) };
    case "weights-under-licence":
      return { ...shock, models: shock.models.map(n) };
    default:
      return shock;
  }
}

/**
 * The engine's own sentence for each shock, with the vendors and models named as the inventory
 * names them ("OpenAI blocked for users in France, Germany"); a key the inventory no longer has
 * stays as it is.
 */
export function describeShocks(name: string, shocks: Shock[], names: ReadonlyMap<string, string> = new Map()): string[] {
  return shockEvents({ schemaVersion: SCENARIO_SCHEMA_VERSION, key: "describe", name, shocks: shocks.map((s) => named(s, names)) }, "2000-01-01").map((s) => s.description);
}
