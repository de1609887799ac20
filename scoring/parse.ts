import { DEFAULT_POLICY_EVENTS } from "./catalogue";
import { inventoryDocumentSchema, type InventoryDocument } from "./schema/inventory";
import { issuesFromZod, type Issue, type ParseResult } from "./schema/issues";
import { checkReferences } from "./schema/references";
import { scenarioSchema, type Scenario } from "./schema/scenario";

const CATALOGUE_EVENT_KEYS = new Set(DEFAULT_POLICY_EVENTS.map((e) => e.key));

/**
 * Validates an inventory document (already parsed from JSON): the schema first, then unique
 * keys and cross references. Reports every problem at once, each with its JSON path.
 *
 * @example
 * parseInventoryDocument({ schemaVersion: "1.0" })
 * //=> { ok: false, issues: [{ path: "$.organisation", message: "required field is missing (expected object)" }, ...] }
 */
export function parseInventoryDocument(input: unknown): ParseResult<InventoryDocument> {
  const parsed = inventoryDocumentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const refIssues = checkReferences(parsed.data, CATALOGUE_EVENT_KEYS);
  if (refIssues.length > 0) return { ok: false, issues: refIssues };
  return { ok: true, value: parsed.data };
}

/**
 * Parses JSON text and validates it with `validate`, turning syntax errors into an issue
 * with a line and column instead of an exception.
 *
 * @example
 * parseJsonText("{ nope", parseInventoryDocument)
 * //=> { ok: false, issues: [{ path: "$", message: "invalid JSON: ... (line 1, column 3)" }] }
 */
export function parseJsonText<T>(text: string, validate: (input: unknown) => ParseResult<T>): ParseResult<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: "$", message: `invalid JSON: ${describeJsonError(text, e)}` }] };
  }
  return validate(data);
}

function describeJsonError(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /position (\d+)/.exec(msg);
  if (!m) return msg;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `${msg.replace(/ in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)$/, "")} (line ${line}, column ${column})`;
}

/**
 * Validates a scenario document (a hypothetical shock).
 *
 * @example
 * parseScenario({ schemaVersion: "1.0", key: "s", name: "S", shocks: [] })
 * //=> { ok: false, issues: [{ path: "$.shocks", message: "Too small: expected array to have >=1 items" }] }
 */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  return { ok: true, value: parsed.data };
}

export type { Issue, ParseResult };
