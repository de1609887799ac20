import { z } from "zod";
import { inventoryDocumentSchema } from "./schema/inventory";
import { scenarioSchema } from "./schema/scenario";

/**
 * The inventory document as JSON Schema (draft 2020-12), generated with zod's `z.toJSONSchema`.
 * Committed as docs/inventory.schema.json; a unit test keeps the file in sync.
 *
 * @example
 * inventoryJsonSchema().title //=> "Sovra inventory document"
 */
export function inventoryJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(inventoryDocumentSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

/** The scenario document as JSON Schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
