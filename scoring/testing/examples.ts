import { readFileSync } from "node:fs";
import { parseInventoryDocument, parseScenario } from "../parse";
import type { InventoryDocument } from "../schema/inventory";
import type { Scenario } from "../schema/scenario";

/** Loads and validates an example inventory (test helper). */
export function loadExample(name: string): InventoryDocument {
  const r = parseInventoryDocument(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8")));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** Loads and validates an example scenario (test helper). */
export function loadScenario(name: string): Scenario {
  const r = parseScenario(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8")));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
