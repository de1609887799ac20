import "server-only";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { parseInventoryDocument } from "@/scoring/parse";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import type { Issue } from "@/scoring/schema/issues";
import { checkReferences } from "@/scoring/schema/references";
import { countRows, MAX_IMPORT_ROWS } from "./import-plan";

const CATALOGUE_EVENT_KEYS = new Set(DEFAULT_POLICY_EVENTS.map((e) => e.key));

/**
 * Validates a document for import: the row limit, then the engine's parser. The parser checks
 * references only once the schema passes; an importer wants every problem in one go, so when
 * the schema fails we also check references on a salvaged copy (only the fields references
 * use, at the same indices, so the JSON paths are the document's).
 */
export function validateForImport(input: unknown): { ok: false; issues: Issue[] } | { ok: true; doc: InventoryDocument } {
  const rows = countRows(input);
  if (rows > MAX_IMPORT_ROWS) {
    return { ok: false, issues: [{ path: "$", message: `the document holds ${rows} rows; at most ${MAX_IMPORT_ROWS} can be imported at once (split it into several documents)` }] };
  }
  const parsed = parseInventoryDocument(input);
  if (parsed.ok) return { ok: true, doc: parsed.value };
  const seen = new Set(parsed.issues.map((i) => `${i.path}\u0000${i.message}`));
  const more = checkReferences(salvage(input), CATALOGUE_EVENT_KEYS).filter((i) => !seen.has(`${i.path}\u0000${i.message}`));
  return { ok: false, issues: [...parsed.issues, ...more] };
}

type Row = Record<string, unknown>;
const list = (input: unknown, name: string): Row[] => {
  const rows = input && typeof input === "object" ? (input as Row)[name] : undefined;
  return Array.isArray(rows) ? rows.map((r) => (r && typeof r === "object" ? (r as Row) : {})) : [];
};
const text = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The reference-carrying fields of each row; a row without a usable key gets one nothing refers to. */
function salvage(input: unknown): InventoryDocument {
  const keyed = (name: string, pick: (r: Row) => Row = () => ({})) => list(input, name).map((r, i) => ({ key: text(r.key) ?? `\u0000${name}[${i}]`, ...pick(r) }));
  const routeRefs = (r: Row) => ({ model: text(r.model), cloud: text(r.cloud) });
  return {
    offices: keyed("offices"),
    vendors: keyed("vendors"),
    models: keyed("models", (r) => ({ vendor: text(r.vendor) })),
    aiSystems: keyed("aiSystems", (r) => ({ offices: Array.isArray(r.offices) ? r.offices.map(text) : [] })),
    dependencies: keyed("dependencies", (r) => ({ system: text(r.system), ...routeRefs(r) })),
    dataFlows: keyed("dataFlows", (r) => ({ fromOffice: text(r.fromOffice), dependency: text(r.dependency) })),
    fallbacks: keyed("fallbacks", (r) => ({ dependency: text(r.dependency), ...routeRefs(r) })),
    policyEvents: keyed("policyEvents", (r) => (r.kind === "lift" && text(r.lifts) ? { kind: "lift", lifts: r.lifts } : { kind: "impose" })),
  } as unknown as InventoryDocument;
}
