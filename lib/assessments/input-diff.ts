// What changed between two inventory documents (the inputs of two assessments), row by row,
// matched by natural keys rather than by position, so a deleted row does not make every later
// row look changed. Pure: no database, no server-only, unit-tested on its own.
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { compareInputFields, describeInputValue, inputFieldLabel, type InputNames, inputNames } from "./input-fields";

export const INPUT_SECTIONS = ["organisation", "offices", "vendors", "models", "aiSystems", "dependencies", "fallbacks", "dataFlows", "policyEvents"] as const;
export type InputSection = (typeof INPUT_SECTIONS)[number];

export const INPUT_SECTION_LABELS: Record<InputSection, string> = {
  organisation: "Organisation",
  offices: "Office",
  vendors: "Vendor",
  models: "Model",
  aiSystems: "AI system",
  dependencies: "Dependency",
  fallbacks: "Fallback",
  dataFlows: "Data flow",
  policyEvents: "Policy event",
};

export interface FieldChange {
  /** The document's field, a dotted path for a nested one ("exitPlan.documented"). */
  field: string;
  /** The field as people know it ("Exit plan documented"). */
  label: string;
  before: unknown;
  after: unknown;
  /** The values in words, with names for keys ("Mistral Small" for `mistral-small-3`); null for a value too rich to say in a line (a policy's scope). */
  beforeText: string | null;
  afterText: string | null;
}

export interface InputChange {
  section: InputSection;
  /** The row's natural key within its section (see `naturalKey`). */
  key: string;
  /** A readable name: the row's name, or for dependencies and fallbacks what they connect. */
  label: string;
  change: "added" | "removed" | "changed";
  /** For "changed": the fields that differ (absent and undefined count as the same). */
  fields: FieldChange[];
}

type Row = Record<string, unknown>;

/** JSON with sorted keys, so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** What a route (dependency or fallback) reaches: model, access path, cloud and hosting region. */
const routeKey = (r: Row) => {
  const region = (r.hostingRegion ?? {}) as Row;
  return [str(r.model), str(r.accessPath), str(r.cloud), str(region.country), str(region.region)].join("|");
};

/**
 * A row's identity across two documents. Keys are derived from names, so for most sections the
 * key is the natural key. A fallback's key carries its position among all fallbacks
 * (`…/fallback-3`), so fallbacks are matched by their dependency and route instead.
 */
export function naturalKey(section: InputSection, row: Row): string {
  if (section === "fallbacks") return `${str(row.dependency)}→${routeKey(row)}`;
  return str(row.key);
}

const NO_NAMES = inputNames();

/** Each list's rows by key (the first of a key, as `find` answers), built once per list: labelling 100,000 dependencies by searching 20,000 systems for each took minutes. */
const rowsByKey = new WeakMap<readonly object[], Map<unknown, Row>>();
function rowByKey(list: readonly object[] | undefined, key: unknown): Row | undefined {
  if (!list) return undefined;
  let index = rowsByKey.get(list);
  if (!index) {
    index = new Map();
    for (const row of list as Row[]) if (!index.has(row.key)) index.set(row.key, row);
    rowsByKey.set(list, index);
  }
  return index.get(key);
}

function label(section: InputSection, row: Row, doc: InventoryDocumentInput): string {
  const name = (list: readonly { key: string; name?: string }[] | undefined, key: unknown) => (rowByKey(list, key)?.name as string | undefined) ?? str(key);
  const via = (r: Row) => `${name(doc.models, r.model)} (${describeInputValue("accessPath", r.accessPath, NO_NAMES)}${r.cloud ? ` on ${name(doc.vendors, r.cloud)}` : ""})`;
  if (section === "dependencies") return `${name(doc.aiSystems, row.system)} → ${via(row)}`;
  if (section === "fallbacks") {
    const dependency = rowByKey(doc.dependencies, row.dependency);
    const of = dependency ? `${name(doc.aiSystems, dependency.system)} → ${name(doc.models, dependency.model)}` : str(row.dependency);
    return `Fallback of ${of}: ${via(row)}`;
  }
  return str(row.name) || str(row.title) || str(row.key);
}

/** Fields that only identify a row (compared through the natural key) or restate it. */
const IGNORED: Partial<Record<InputSection, readonly string[]>> = { fallbacks: ["key"] };

/** Objects whose parts are fields in their own right (compared and named one by one). */
const NESTED = new Set(["exitPlan", "contract", "hostingRegion", "ultimateParent"]);

const isPlainObject = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);

/** A row as flat fields: `{ exitPlan: { documented } }` -> `{ "exitPlan.documented": … }`. */
function flatten(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (NESTED.has(k) && isPlainObject(v)) for (const [sub, x] of Object.entries(v)) out[`${k}.${sub}`] = x;
    else out[k] = v;
  }
  return out;
}

function fieldChanges(section: InputSection, a: Row, b: Row, names: InputNames): FieldChange[] {
  const ignored = IGNORED[section] ?? [];
  const fa = flatten(a);
  const fb = flatten(b);
  const fields = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].filter((f) => !ignored.includes(f)).sort((x, y) => compareInputFields(section, x, y));
  return fields
    .filter((f) => !same(fa[f], fb[f]))
    .map((field) => ({
      field,
      label: inputFieldLabel(section, field),
      before: fa[field],
      after: fb[field],
      beforeText: describeInputValue(field, fa[field], names),
      afterText: describeInputValue(field, fb[field], names),
    }));
}

const rowsOf = (doc: InventoryDocumentInput, section: Exclude<InputSection, "organisation">) => ((doc[section] ?? []) as unknown as Row[]);

/**
 * The rows added, removed and changed from document `a` to document `b`, section by section in
 * INPUT_SECTIONS order, each section sorted by label. `schemaVersion` is not compared.
 *
 * @example
 * diffInputs(before, after) //=> [{ section: "fallbacks", change: "changed", fields: [{ field: "lastTested", before: undefined, after: "2026-11-30" }], ... }]
 */
export function diffInputs(a: InventoryDocumentInput, b: InventoryDocumentInput): InputChange[] {
  const out: InputChange[] = [];
  const names = inputNames(a, b);
  const orgFields = fieldChanges("organisation", a.organisation as unknown as Row, b.organisation as unknown as Row, names);
  if (orgFields.length > 0) out.push({ section: "organisation", key: str(b.organisation.key), label: b.organisation.name, change: "changed", fields: orgFields });
  for (const section of INPUT_SECTIONS) {
    if (section === "organisation") continue;
    const before = new Map(rowsOf(a, section).map((r) => [naturalKey(section, r), r]));
    const after = new Map(rowsOf(b, section).map((r) => [naturalKey(section, r), r]));
    const changes: InputChange[] = [];
    for (const [key, row] of after) {
      const old = before.get(key);
      if (!old) changes.push({ section, key, label: label(section, row, b), change: "added", fields: [] });
      else {
        const fields = fieldChanges(section, old, row, names);
        if (fields.length > 0) changes.push({ section, key, label: label(section, row, b), change: "changed", fields });
      }
    }
    for (const [key, row] of before) if (!after.has(key)) changes.push({ section, key, label: label(section, row, a), change: "removed", fields: [] });
    changes.sort((x, y) => x.label.localeCompare(y.label) || (x.key < y.key ? -1 : 1));
    // One by one: spread into push, 100,000 changes overflow the call stack.
    for (const c of changes) out.push(c);
  }
  return out;
}

/** One field's change in words: "Last tested — → 30 Nov 2026", or "Scope changed" for a value too rich for a line. */
export function describeFieldChange(f: FieldChange): string {
  if (f.beforeText === null || f.afterText === null) return `${f.label} changed`;
  return `${f.label} ${f.beforeText} → ${f.afterText}`;
}

/** "Fallback of Support chat → GPT-4o: Llama (self-hosted): Last tested — → 30 Nov 2026". */
export function describeChange(c: InputChange): string {
  const what = `${INPUT_SECTION_LABELS[c.section]} ${c.section === "fallbacks" ? c.label.replace(/^Fallback of /, "of ") : c.label}`;
  if (c.change === "added") return `${what} added`;
  if (c.change === "removed") return `${what} removed`;
  return `${what}: ${c.fields.map(describeFieldChange).join("; ")}`;
}
