import { keyer } from "@/lib/inventory/document-rows";
import {
  ACCESS_PATH_LABELS,
  CRITICALITY_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_VOLUME_LABELS,
  POLICY_EVENT_TYPE_LABELS,
  TRAINING_COMPUTE_LABELS,
  TRANSFER_MECHANISM_LABELS,
  VENDOR_TYPE_LABELS,
  WEIGHTS_LABELS,
} from "@/lib/labels";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { Issue } from "@/scoring/schema/issues";
import { POLICY_EVENT_TYPES } from "@/scoring/schema/policy-event";
import { ACCESS_PATHS, COMPUTE_BANDS, CRITICALITIES, DATA_CATEGORIES, TRANSFER_MECHANISMS, VENDOR_TYPES } from "@/scoring/schema/primitives";
import { TABLE_ENTITIES, TABLE_TITLES, type TableEntity } from "./table-names";
import { choiceOf, choices, countryCodeOf, type Choice } from "./spelling";
import { cellProblem, problemMessage } from "./import-messages";

// The inventory document (scoring/schema) as tables a person can fill by hand: one table per
// entity, human column headers, rows referring to other rows by NAME (never by document key).
// Pure: no I/O, so the XLSX and CSV readers/writers and the unit tests share it.
//
//   cells  <->  records (document rows with names in place of keys)  <->  document
//
// Reading reports problems as { sheet, row, column, message }: row 1 is the header, as the user
// sees it in a spreadsheet. See docs/decisions/008-spreadsheet-import.md.

/** A cell as read from or written to a file. */
export type Cell = string | number | boolean | null;

export { TABLE_ENTITIES, TABLE_TITLES, type TableEntity } from "./table-names";

/** The document list each table fills. */
const DOCUMENT_LIST = {
  offices: "offices",
  vendors: "vendors",
  models: "models",
  ai_systems: "aiSystems",
  dependencies: "dependencies",
  fallbacks: "fallbacks",
  data_flows: "dataFlows",
  policy_events: "policyEvents",
} as const satisfies Record<TableEntity, keyof InventoryDocumentInput>;

type Kind = "text" | "number" | "boolean" | "list" | "date" | "enum" | "country" | "json";

export interface ColumnSpec {
  header: string;
  /** Where the value lives in the record (dot path); the document field has the same path. */
  path: string;
  /** The document field problems on which are shown in this column, when it differs from `path`. */
  field?: string;
  kind: Kind;
  required?: boolean;
  /** For an enum, or a list of enum values: the values and the labels a cell may give (./spelling.ts). */
  options?: readonly Choice[];
  /** An example value, shown in the "Read me" sheet; the examples of a table form a valid row. */
  example: Cell;
  /** One line for the "Read me" sheet. */
  help: string;
}

const col = (header: string, path: string, kind: Kind, example: Cell, help: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ header, path, kind, example, help, ...extra });
const req = { required: true };
const ACCESS = "direct-api, cloud-marketplace, third-party-hosted or self-hosted";

const ACCESS_PATH_CHOICES = choices(ACCESS_PATHS, ACCESS_PATH_LABELS);
const DATA_CATEGORY_CHOICES = choices(DATA_CATEGORIES, DATA_CATEGORY_LABELS);

/** The three columns that name a dependency: its AI system, its model and the model's vendor, and its access path. */
const dependencyColumns = (prefix: string, field: string): ColumnSpec[] => [
  col("AI system", `${prefix}system`, "text", "Customer support chatbot", "Name of a row in AI systems", { required: true, field: prefix ? field : "system" }),
  col("Model", `${prefix}model`, "text", "Mistral Large", "Name of a row in Models", { required: true, field: prefix ? field : "model" }),
  col("Vendor of model", `${prefix}modelVendor`, "text", "Mistral AI", "Vendor of that model (models are named per vendor)", { required: true, field: prefix ? field : "model" }),
  col("Access path", `${prefix}accessPath`, "enum", "direct-api", ACCESS, { required: true, field: prefix ? field : "accessPath", options: ACCESS_PATH_CHOICES }),
];

export const TABLE_COLUMNS: Record<TableEntity, ColumnSpec[]> = {
  offices: [
    col("Name", "name", "text", "Frankfurt HQ", "Unique office name", req),
    col("Country", "country", "country", "DE", "The country's name in English or its ISO code, e.g. Germany, DE or DEU", req),
    col("Headcount", "headcount", "number", 1200, "Whole number"),
    col("Teams", "teams", "list", "Engineering; Finance", "Separate several with ;"),
  ],
  vendors: [
    col("Name", "name", "text", "Mistral AI", "Unique vendor name", req),
    col("Type", "type", "enum", "frontier-lab", "frontier-lab, hyperscaler, cloud-provider, open-weight-publisher, reseller or other", { ...req, options: choices(VENDOR_TYPES, VENDOR_TYPE_LABELS) }),
    col("HQ country", "hqCountry", "country", "FR", "The country's name in English or its ISO code", req),
    col("Ultimate parent", "ultimateParent.name", "text", null, "Name of the ultimate parent company, if any"),
    col("Parent country", "ultimateParent.country", "country", null, "Country of the ultimate parent (needed with a parent)"),
    col("Catalogue key", "catalogueKey", "text", null, "Key of the matching catalogue entry, if any"),
    col("DPF certified", "dpfCertified", "boolean", "no", "yes or no: certified under the EU-US Data Privacy Framework"),
    col("Source", "source", "text", null, "Where the facts come from"),
    col("As of", "asOf", "date", null, "Date of the source, YYYY-MM-DD"),
  ],
  models: [
    col("Name", "name", "text", "Mistral Large", "Model name, unique per vendor", req),
    col("Vendor", "vendor", "text", "Mistral AI", "Name of a row in Vendors", req),
    col("Family", "family", "text", "Mistral", "Model family"),
    col("Weights", "weights", "enum", "open", "open or closed", { ...req, options: choices(["open", "closed"], WEIGHTS_LABELS) }),
    col("Licence", "licence", "text", "Mistral Research Licence", "Licence name"),
    col("Training compute", "trainingCompute", "enum", "1e25-1e26", "below-1e25, 1e25-1e26, above-1e26 or unknown", { options: choices(COMPUTE_BANDS, TRAINING_COMPUTE_LABELS) }),
    col("Catalogue key", "catalogueKey", "text", null, "Key of the matching catalogue entry, if any"),
    col("Source", "source", "text", null, "Where the facts come from"),
    col("As of", "asOf", "date", null, "Date of the source, YYYY-MM-DD"),
  ],
  ai_systems: [
    col("Name", "name", "text", "Customer support chatbot", "Unique AI system name", req),
    col("Owner", "owner", "text", "Head of Customer Service", "Who answers for it"),
    col("Criticality", "criticality", "enum", "high", "low, medium, high or critical", { ...req, options: choices(CRITICALITIES, CRITICALITY_LABELS) }),
    col("Tolerated downtime (hours)", "toleratedDowntimeHours", "number", 4, "The longest outage the business tolerates (RTO), in hours", req),
    col("Offices", "offices", "list", "Frankfurt HQ", "Names of rows in Offices, separated by ;"),
    col("Teams", "teams", "list", null, "Separate several with ;"),
    col("Data sensitivity", "dataSensitivity", "enum", "personal", "public, internal, personal, trade-secret, regulated or special-category", { options: DATA_CATEGORY_CHOICES }),
  ],
  dependencies: [
    ...dependencyColumns("", ""),
    col("Cloud", "cloud", "text", null, "Vendor operating the cloud; needed for cloud-marketplace and third-party-hosted"),
    col("Hosting country", "hostingRegion.country", "country", "FR", "Where the model runs; needed for cloud-marketplace and third-party-hosted"),
    col("Hosting region", "hostingRegion.region", "text", null, "The provider's region name"),
    col("Exit plan documented", "exitPlan.documented", "boolean", "yes", "yes or no"),
    col("Exit plan last reviewed", "exitPlan.lastReviewed", "date", "2026-03-01", "YYYY-MM-DD"),
    col("Contract data residency", "contract.dataResidency", "boolean", null, "yes or no: the contract fixes where data stays"),
    col("Contract exit terms", "contract.exitTerms", "boolean", null, "yes or no: the contract has exit terms"),
    col("Data sent", "dataSent", "list", "personal; internal", "public, internal, personal, trade-secret, regulated, special-category; separate with ;", { options: DATA_CATEGORY_CHOICES }),
    col("Notes", "notes", "text", null, "Free text, not scored"),
  ],
  fallbacks: [
    ...dependencyColumns("dependency.", "dependency"),
    col("Fallback model", "model", "text", "Mistral Large", "Name of a row in Models", req),
    col("Vendor of fallback model", "modelVendor", "text", "Mistral AI", "Vendor of that model", { required: true, field: "model" }),
    col("Fallback access path", "accessPath", "enum", "self-hosted", ACCESS, { ...req, options: ACCESS_PATH_CHOICES }),
    col("Fallback cloud", "cloud", "text", null, "Vendor operating the cloud; needed for cloud-marketplace and third-party-hosted"),
    col("Fallback hosting country", "hostingRegion.country", "country", "DE", "Where the fallback runs"),
    col("Fallback hosting region", "hostingRegion.region", "text", null, "The provider's region name"),
    col("Last tested", "lastTested", "date", "2026-02-15", "YYYY-MM-DD"),
    col("Switch time (hours)", "switchTimeHours", "number", 2, "How long switching takes, in hours"),
    col("Quality parity measured", "qualityParityMeasured", "boolean", "no", "yes or no"),
    col("Exit plan", "exitPlan", "text", null, "How and by whom the switch is made"),
    col("Exit plan link", "exitPlanUrl", "text", null, "Where the full exit plan lives, an http(s) address"),
  ],
  data_flows: [
    col("From office", "fromOffice", "text", "Frankfurt HQ", "Name of a row in Offices", req),
    ...dependencyColumns("dependency.", "dependency"),
    col("Data categories", "categories", "list", "personal; internal", "public, internal, personal, trade-secret, regulated, special-category; separate with ;", { ...req, options: DATA_CATEGORY_CHOICES }),
    col("Volume", "volume", "enum", "medium", "low, medium or high", { options: choices(["low", "medium", "high"], DATA_VOLUME_LABELS) }),
    col("Transfer mechanism", "transferMechanism", "enum", "scc", "not-required, adequacy, scc, bcr, derogation or none", { options: choices(TRANSFER_MECHANISMS, TRANSFER_MECHANISM_LABELS) }),
    col("Encrypted", "encrypted", "boolean", "yes", "yes or no"),
  ],
  policy_events: [
    col("Key", "key", "text", "example-export-control", "Unique key: letters, digits, . _ : / -", req),
    col("Kind", "kind", "enum", "impose", "impose or lift", { ...req, options: choices(["impose", "lift"]) }),
    col("Title", "title", "text", "Example export control", "Short title", req),
    col("Effective date", "effectiveDate", "date", "2027-01-01", "YYYY-MM-DD", req),
    col("Date estimated", "dateEstimated", "boolean", null, "yes when no source gives the date and the effective date is an estimate"),
    col("Date note", "dateNote", "text", null, "How the date was read, e.g. why it is an estimate"),
    col("Source", "source", "text", "https://example.org/notice", "Where it is announced", req),
    col("References (JSON)", "references", "json", null, 'The published texts it rests on, as a JSON list: [{"publisher":"…","title":"…","url":"https://…","note":"…"}] (title required)'),
    col("Summary", "summary", "text", null, "One or two sentences"),
    col("Type", "type", "enum", "export-control", "impose only: export-control, sanction, vendor-restriction, ban, disruption or licence-term", { options: choices(POLICY_EVENT_TYPES, POLICY_EVENT_TYPE_LABELS) }),
    col("Issuer", "issuer", "text", "US", "impose only: a country code, EU or vendor"),
    col("Expires", "expires", "date", null, "impose only: YYYY-MM-DD"),
    col("Lifts", "lifts", "text", null, "lift only: key of the event it ends"),
    col("Countries lifted (JSON)", "countries", "json", null, 'lift only, for a partial lift: the countries it frees, e.g. {"only":[],"sets":["us-key-allies"]}; empty: lifted for everyone'),
    col("Scope (JSON)", "scope", "json", '{"vendorCountries":{"only":["US"]}}', "impose only: which dependencies it reaches, as JSON (see the document format)"),
    col("Restrictions (JSON)", "restrictions", "json", '[{"countries":{"only":["CN"]},"locus":"users","severity":"block"}]', "impose only: who is restricted, as a JSON list (locus users, hosting, any or licensee)"),
  ],
};

// ---- formula injection ----------------------------------------------------------------------

/** Text a spreadsheet would evaluate (OWASP CSV injection), possibly behind our own apostrophes. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Makes text safe to open in a spreadsheet: values that start (after any apostrophes) with
 * `= + - @`, a tab or a carriage return get a leading `'`, so they are shown, never evaluated.
 * The apostrophes make it reversible: {@link unneutralise} gives the original back.
 *
 * @example neutralise("=1+1") //=> "'=1+1"
 * @example neutralise("'=x") //=> "''=x"
 */
export const neutralise = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** Reverses {@link neutralise}: `'=1+1` -> `=1+1`; other text is returned as is. */
export const unneutralise = (text: string) => (text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text);

// ---- records ----------------------------------------------------------------------------------

/** A document row with names where the document has keys; values as read, not yet validated. */
export type TableRecord = Record<string, unknown>;
/** Where a record came from, for problems. `row` is the spreadsheet row (header = 1). */
export interface Origin {
  sheet: string;
  row: number;
}
export type Records = Record<TableEntity, { record: TableRecord; origin?: Origin }[]>;

export interface TableProblem {
  sheet: string;
  /** 1-based as the user sees it; the header is row 1. Absent for file-level problems. */
  row?: number;
  column?: string;
  message: string;
  severity: "error" | "warning";
}

/** A table as read from a file: headers and rows of cells, with their spreadsheet row numbers. */
export interface RawTable {
  entity: TableEntity;
  /** The sheet name or the file name, as problems name it. */
  sheet: string;
  headers: string[];
  rows: { row: number; cells: Cell[] }[];
}

/** A table to write: headers and rows of cells. */
export interface OutputTable {
  entity: TableEntity;
  title: string;
  headers: string[];
  rows: Cell[][];
}

const emptyRecords = (): Records => Object.fromEntries(TABLE_ENTITIES.map((e) => [e, []])) as unknown as Records;

function getPath(o: TableRecord, path: string): unknown {
  let v: unknown = o;
  for (const p of path.split(".")) v = v && typeof v === "object" ? (v as TableRecord)[p] : undefined;
  return v;
}
function setPath(o: TableRecord, path: string, value: unknown) {
  const parts = path.split(".");
  let target = o;
  for (const p of parts.slice(0, -1)) target = (target[p] ??= {}) as TableRecord;
  target[parts.at(-1)!] = value;
}

// ---- document -> tables (export) ----------------------------------------------------------------

type Row = Record<string, unknown>;
const rows = (doc: InventoryDocumentInput, list: keyof InventoryDocumentInput): Row[] => ((doc[list] as Row[] | undefined) ?? []);

/** The document's rows with names in place of keys. Assumes a valid document (every key resolves). */
export function documentToRecords(doc: InventoryDocumentInput): Records {
  const name = (list: keyof InventoryDocumentInput) => new Map(rows(doc, list).map((r) => [r.key as string, r]));
  const offices = name("offices");
  const vendors = name("vendors");
  const models = name("models");
  const systems = name("aiSystems");
  const dependencies = name("dependencies");
  const vendorName = (key: unknown) => (key === undefined ? undefined : (vendors.get(key as string)?.name as string | undefined));
  const modelRef = (key: unknown) => {
    const m = models.get(key as string);
    return { model: m?.name, modelVendor: vendorName(m?.vendor) };
  };
  const depRef = (key: unknown) => {
    const d = dependencies.get(key as string);
    return { system: systems.get(d?.system as string)?.name, ...modelRef(d?.model), accessPath: d?.accessPath };
  };
  const strip = ({ key: _key, ...r }: Row) => r;
  const out = emptyRecords();
  const push = (entity: TableEntity, list: Row[], map: (r: Row) => TableRecord) => (out[entity] = list.map((r) => ({ record: map(r) })));
  push("offices", rows(doc, "offices"), strip);
  push("vendors", rows(doc, "vendors"), strip);
  push("models", rows(doc, "models"), (m) => ({ ...strip(m), vendor: vendorName(m.vendor) }));
  push("ai_systems", rows(doc, "aiSystems"), (s) => ({ ...strip(s), offices: ((s.offices as string[] | undefined) ?? []).map((k) => offices.get(k)?.name) }));
  push("dependencies", rows(doc, "dependencies"), (d) => ({ ...strip(d), system: systems.get(d.system as string)?.name, ...modelRef(d.model), cloud: vendorName(d.cloud) }));
  push("fallbacks", rows(doc, "fallbacks"), (f) => ({ ...strip(f), dependency: depRef(f.dependency), ...modelRef(f.model), cloud: vendorName(f.cloud) }));
  push("data_flows", rows(doc, "dataFlows"), (f) => ({ ...strip(f), fromOffice: offices.get(f.fromOffice as string)?.name, dependency: depRef(f.dependency) }));
  push("policy_events", rows(doc, "policyEvents"), (e) => ({ ...e }));
  return out;
}

/** A record's value as a cell of its column. */
function toCell(value: unknown, kind: Kind): Cell {
  if (value === undefined || value === null) return null;
  if (kind === "boolean") return value ? "yes" : "no";
  if (kind === "list") return (value as unknown[]).join("; ");
  if (kind === "json") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/** The document as one table per entity, with the columns of {@link TABLE_COLUMNS}. */
export function documentToTables(doc: InventoryDocumentInput): OutputTable[] {
  const records = documentToRecords(doc);
  return TABLE_ENTITIES.map((entity) => ({
    entity,
    title: TABLE_TITLES[entity],
    headers: TABLE_COLUMNS[entity].map((c) => c.header),
    rows: records[entity].map(({ record }) => TABLE_COLUMNS[entity].map((c) => toCell(getPath(record, c.path), c.kind))),
  }));
}

/**
 * The template's tables: headers only. Their examples are in the "Read me" sheet (a column of
 * its own), which the import ignores: an example row in a table was imported as data, a made-up
 * policy event included (docs/decisions/033).
 */
export function templateTables(): OutputTable[] {
  return TABLE_ENTITIES.map((entity) => ({
    entity,
    title: TABLE_TITLES[entity],
    headers: TABLE_COLUMNS[entity].map((c) => c.header),
    rows: [],
  }));
}

// ---- tables -> records (import) ----------------------------------------------------------------

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, " ");

const TRUE = new Set(["yes", "y", "true", "1", "ja", "x"]);
const FALSE = new Set(["no", "n", "false", "0", "nein"]);

/** Reads one cell as its column's kind; `undefined` for an empty cell, or a problem in the column's words. */
function fromCell(cell: Cell, spec: Pick<ColumnSpec, "header" | "kind" | "options">): { value?: unknown; problem?: string } {
  const { header, kind, options } = spec;
  if (cell === null) return {};
  if (typeof cell === "string") {
    const text = unneutralise(cell).trim();
    if (text === "") return {};
    switch (kind) {
      case "number": {
        const n = Number(/^-?\d+,\d+$/.test(text) ? text.replace(",", ".") : text);
        return Number.isFinite(n) ? { value: n } : { problem: cellProblem.number(header, text) };
      }
      case "boolean": {
        const t = text.toLowerCase();
        return TRUE.has(t) ? { value: true } : FALSE.has(t) ? { value: false } : { problem: cellProblem.boolean(header, text) };
      }
      case "list": {
        const items = text.split(";").map((s) => unneutralise(s.trim())).filter((s) => s !== "");
        if (!options) return items.length ? { value: items } : {};
        const values = items.map((item) => choiceOf(item, options));
        const unknown = items.find((_, i) => values[i] === undefined);
        if (unknown !== undefined) return { problem: cellProblem.choiceInList(header, options.map((o) => o.value), unknown) };
        return values.length ? { value: values } : {};
      }
      case "enum": {
        if (!options) return { value: text.toLowerCase().replace(/[\s_]+/g, "-") };
        const value = choiceOf(text, options);
        return value === undefined ? { problem: cellProblem.choice(header, options.map((o) => o.value), text) } : { value };
      }
      case "country": {
        const code = countryCodeOf(text);
        return code === undefined ? { problem: cellProblem.country(header, text) } : { value: code };
      }
      case "json":
        try {
          return { value: JSON.parse(text) };
        } catch (e) {
          return { problem: cellProblem.json(header, (e as Error).message) };
        }
      default:
        return { value: text };
    }
  }
  if (typeof cell === "number") {
    if (kind === "number") return { value: cell };
    if (kind === "boolean" && (cell === 0 || cell === 1)) return { value: cell === 1 };
    if (kind === "text" || kind === "list") return fromCell(String(cell), spec);
    return { problem: cellProblem.text(header, cell) };
  }
  if (kind === "boolean") return { value: cell };
  return fromCell(cell ? "yes" : "no", spec);
}

/** The natural key of a record: what the import matches rows on (docs/decisions/008). */
function naturalKey(entity: TableEntity, r: TableRecord): { key: string; column: string; label: string } | undefined {
  const s = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v ?? null));
  const dep = (d: unknown) => [getPath(d as TableRecord, "system"), getPath(d as TableRecord, "modelVendor"), getPath(d as TableRecord, "model"), getPath(d as TableRecord, "accessPath")].map(s);
  switch (entity) {
    case "offices":
    case "vendors":
    case "ai_systems":
      return { key: s(r.name), column: "Name", label: `${TABLE_TITLES[entity].replace(/s$/, "").toLowerCase().replace("ai system", "AI system")} "${s(r.name)}"` };
    case "models":
      return { key: JSON.stringify([r.vendor, r.name].map(s)), column: "Name", label: `model "${s(r.name)}" of vendor "${s(r.vendor)}"` };
    case "dependencies": {
      const [system, vendor, model, path] = dep(r);
      return { key: JSON.stringify(dep(r)), column: "AI system", label: `dependency of "${system}" on "${model}" (${vendor}) via ${path}` };
    }
    case "fallbacks":
      return { key: JSON.stringify([...dep(r.dependency), s(r.modelVendor), s(r.model), s(r.accessPath)]), column: "Fallback model", label: `fallback to "${s(r.model)}" via ${s(r.accessPath)} for the same dependency` };
    case "policy_events":
      return { key: s(r.key), column: "Key", label: `policy event key "${s(r.key)}"` };
    case "data_flows":
      return undefined; // no natural key in the document: a data flow table replaces the current one
  }
}

const recognised = (entity: TableEntity, headers: readonly string[]) => {
  const known = new Set(TABLE_COLUMNS[entity].map((c) => normaliseHeader(c.header)));
  return new Set(headers.map((h) => normaliseHeader(unneutralise(h))).filter((h) => known.has(h)));
};

/**
 * The table a header row belongs to, for a CSV file whose table was not chosen: among the
 * tables whose required columns are all there, the one that leaves the fewest headers unknown,
 * then the one that knows the most. Undefined when none fits, or when two fit equally well: the
 * import then refuses the file rather than guess (docs/decisions/033).
 *
 * @example tableOfHeaders(["Name", "Country", "Headcount"]) //=> "offices"
 * @example tableOfHeaders(["Colour", "Size"]) //=> undefined
 */
export function tableOfHeaders(headers: readonly string[]): TableEntity | undefined {
  const filled = headers.filter((h) => h.trim() !== "");
  const fits = TABLE_ENTITIES.flatMap((entity) => {
    if (!fitsTable(entity, filled)) return [];
    const known = recognised(entity, filled).size;
    return [{ entity, unknown: filled.length - known, known }];
  }).sort((a, b) => a.unknown - b.unknown || b.known - a.known);
  const [best, next] = fits;
  if (!best || (next && next.unknown === best.unknown && next.known === best.known)) return undefined;
  return best.entity;
}

/** Whether a header row holds every required column of the table. */
export const fitsTable = (entity: TableEntity, headers: readonly string[]) => {
  const known = recognised(entity, headers);
  return TABLE_COLUMNS[entity].every((c) => !c.required || known.has(normaliseHeader(c.header)));
};

/** Whether a header row names at least one column of the table. */
export const hasColumnsOf = (entity: TableEntity, headers: readonly string[]) => recognised(entity, headers).size > 0;

/** What a file whose header row fits no table is told: the tables and their columns (required ones marked). */
export function noTableMessage(headers: readonly string[], chosen?: TableEntity): string {
  const found = headers.filter((h) => h.trim() !== "").map((h) => `"${h.trim()}"`);
  const tables = TABLE_ENTITIES.map((e) => `${TABLE_TITLES[e]}: ${TABLE_COLUMNS[e].map((c) => `${c.header}${c.required ? " (required)" : ""}`).join(", ")}`);
  const what = chosen ? `none of the columns of ${TABLE_TITLES[chosen]}` : "no inventory table";
  return `the header row (${found.join(", ") || "empty"}) matches ${what}, so the file was not read. Use the header row of one of these tables (the first row of its CSV export), or choose the table the file holds. ${tables.join(". ")}.`;
}

/**
 * Reads tables into records: checks headers (missing required columns are errors, unknown ones
 * warnings), reads every cell by its column's kind and reports rows whose natural key repeats.
 */
export function tablesToRecords(tables: RawTable[]): { records: Partial<Records>; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  const records: Partial<Records> = {};
  for (const table of tables) {
    const { entity, sheet } = table;
    const specs = TABLE_COLUMNS[entity];
    const byHeader = new Map(specs.map((c) => [normaliseHeader(c.header), c]));
    const columns: (ColumnSpec | undefined)[] = [];
    const seen = new Set<string>();
    table.headers.forEach((h) => {
      const spec = byHeader.get(normaliseHeader(unneutralise(h)));
      if (h.trim() !== "" && !spec) problems.push({ sheet, row: 1, column: h, message: `unknown column "${h}" is ignored (expected: ${specs.map((c) => c.header).join(", ")})`, severity: "warning" });
      if (spec && seen.has(spec.header)) {
        problems.push({ sheet, row: 1, column: spec.header, message: `the column "${spec.header}" appears twice`, severity: "error" });
        columns.push(undefined);
        return;
      }
      if (spec) seen.add(spec.header);
      columns.push(spec);
    });
    const missing = specs.filter((c) => c.required && !seen.has(c.header));
    for (const c of missing) problems.push({ sheet, row: 1, column: c.header, message: `the required column "${c.header}" is missing`, severity: "error" });
    if (missing.length > 0) continue;

    const out: Records[TableEntity] = [];
    const firstRow = new Map<string, number>();
    for (const { row, cells } of table.rows) {
      const record: TableRecord = {};
      cells.forEach((cell, i) => {
        const spec = columns[i];
        if (!spec) return;
        const { value, problem } = fromCell(cell, spec);
        if (problem) problems.push({ sheet, row, column: spec.header, message: problem, severity: "error" });
        if (value !== undefined) setPath(record, spec.path, value);
      });
      for (const c of specs) {
        if (c.required && getPath(record, c.path) === undefined && !problems.some((p) => p.sheet === sheet && p.row === row && p.column === c.header)) {
          problems.push({ sheet, row, column: c.header, message: `${c.header} is required`, severity: "error" });
        }
      }
      const natural = naturalKey(entity, record);
      if (natural) {
        const first = firstRow.get(natural.key);
        if (first !== undefined) {
          problems.push({ sheet, row, column: natural.column, message: `${natural.label} appears twice (already on row ${first}); rows are matched by it, so it must be unique`, severity: "error" });
          continue;
        }
        firstRow.set(natural.key, row);
      }
      out.push({ record, origin: { sheet, row } });
    }
    records[entity] = [...(records[entity] ?? []), ...out];
  }
  return { records, problems };
}

/**
 * The current inventory with the uploaded records laid over it: an uploaded row replaces the
 * current row with the same natural key (or is added), so a file may hold one sheet and still
 * refer to rows it does not repeat. An uploaded data flow table replaces the current one (data
 * flows have no natural key in the document; the import never deletes rows either way).
 */
export function mergeRecords(current: Records, uploaded: Partial<Records>): Records {
  const merged = emptyRecords();
  for (const entity of TABLE_ENTITIES) {
    const upload = uploaded[entity];
    if (!upload) {
      merged[entity] = current[entity];
      continue;
    }
    if (entity === "data_flows") {
      merged[entity] = upload;
      continue;
    }
    const position = new Map<string, number>();
    const list = [...current[entity]];
    list.forEach((r, i) => position.set(naturalKey(entity, r.record)!.key, i));
    for (const r of upload) {
      const at = position.get(naturalKey(entity, r.record)!.key);
      if (at === undefined) list.push(r);
      else list[at] = r;
    }
    merged[entity] = list;
  }
  return merged;
}

// ---- records -> document -------------------------------------------------------------------------


export interface TabularDocument {
  document: InventoryDocumentInput;
  /** Where each document row came from (per document list, by index); absent for current rows. */
  origins: Partial<Record<keyof InventoryDocumentInput, (Origin | undefined)[]>>;
  problems: TableProblem[];
}

/**
 * Builds the inventory document from records: gives rows keys and turns names into references.
 * A name that matches no row is a problem on that cell; the document then leaves the reference
 * out, and the validator's own issue on that field is dropped as a repeat.
 */
export function recordsToDocument(records: Records, organisation: InventoryDocumentInput["organisation"]): TabularDocument {
  const problems: TableProblem[] = [];
  const origins: TabularDocument["origins"] = {};
  const unresolved = (origin: Origin | undefined, column: string, message: string) =>
    problems.push({ sheet: origin?.sheet ?? "current inventory", row: origin?.row, column, message, severity: "error" });
  const str = (v: unknown) => (typeof v === "string" ? v : "");

  const keyed = (entity: TableEntity, nameOf: (r: TableRecord) => string) => {
    const next = keyer();
    const byName = new Map<string, string>();
    const list = records[entity].map(({ record, origin }) => {
      const key = next(nameOf(record) || entity);
      if (!byName.has(nameOf(record))) byName.set(nameOf(record), key);
      return { record, origin, key };
    });
    origins[DOCUMENT_LIST[entity]] = list.map((r) => r.origin);
    return { list, byName };
  };
  const offices = keyed("offices", (r) => str(r.name));
  const vendors = keyed("vendors", (r) => str(r.name));
  const models = keyed("models", (r) => str(r.name));
  const modelKey = new Map(models.list.map((m) => [JSON.stringify([str(m.record.vendor), str(m.record.name)]), m.key]));
  const systems = keyed("ai_systems", (r) => str(r.name));

  const ref = (map: Map<string, string>, name: unknown, origin: Origin | undefined, column: string, what: string) => {
    if (name === undefined) return undefined;
    const key = map.get(str(name));
    if (key === undefined) unresolved(origin, column, `no ${what} named "${str(name)}"${origin ? ` (add it to ${what === "office" ? "Offices" : what === "vendor" ? "Vendors" : "AI systems"} first)` : ""}`);
    return key;
  };
  const modelRef = (r: TableRecord, origin: Origin | undefined, column: string) => {
    if (r.model === undefined || r.modelVendor === undefined) return undefined;
    const key = modelKey.get(JSON.stringify([str(r.modelVendor), str(r.model)]));
    if (key === undefined) unresolved(origin, column, `no model "${str(r.model)}" of vendor "${str(r.modelVendor)}" (add it to Models first)`);
    return key;
  };

  const deps = (() => {
    const next = keyer();
    const byIdentity = new Map<string, string>();
    const list = records.dependencies.map(({ record, origin }) => {
      const system = ref(systems.byName, record.system, origin, "AI system", "AI system");
      const model = modelKey.get(JSON.stringify([str(record.modelVendor), str(record.model)])); // reported by route() below
      const key = next(`${system ?? str(record.system)} ${model ?? str(record.model)} ${str(record.accessPath)}`);
      const identity = JSON.stringify([str(record.system), str(record.modelVendor), str(record.model), str(record.accessPath)]);
      if (!byIdentity.has(identity)) byIdentity.set(identity, key);
      return { record, origin, key, system };
    });
    origins.dependencies = list.map((d) => d.origin);
    return { list, byIdentity };
  })();
  const depRef = (d: unknown, origin: Origin | undefined) => {
    const r = (d ?? {}) as TableRecord;
    if ([r.system, r.model, r.modelVendor, r.accessPath].some((v) => v === undefined)) return undefined;
    const key = deps.byIdentity.get(JSON.stringify([str(r.system), str(r.modelVendor), str(r.model), str(r.accessPath)]));
    if (key === undefined) unresolved(origin, "AI system", `no dependency of "${str(r.system)}" on "${str(r.model)}" (${str(r.modelVendor)}) via ${str(r.accessPath)} (add it to Dependencies first)`);
    return key;
  };

  const route = (r: TableRecord, origin: Origin | undefined, prefix: string) => ({
    model: modelRef(r, origin, prefix ? "Fallback model" : "Model"),
    accessPath: r.accessPath,
    cloud: ref(vendors.byName, r.cloud, origin, prefix ? "Fallback cloud" : "Cloud", "vendor"),
    hostingRegion: r.hostingRegion,
  });

  const withoutUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const document = {
    schemaVersion: "1.0",
    organisation,
    offices: offices.list.map(({ record, key }) => withoutUndefined({ key, ...record })),
    vendors: vendors.list.map(({ record, key }) => withoutUndefined({ key, ...record })),
    models: models.list.map(({ record, origin, key }) => withoutUndefined({ key, ...record, vendor: ref(vendors.byName, record.vendor, origin, "Vendor", "vendor") })),
    aiSystems: systems.list.map(({ record, origin, key }) =>
      withoutUndefined({
        key,
        ...record,
        offices: ((record.offices as unknown[] | undefined) ?? []).map((o) => ref(offices.byName, o, origin, "Offices", "office")).filter((k) => k !== undefined),
      }),
    ),
    dependencies: deps.list.map(({ record, origin, key, system }) => {
      const { modelVendor: _v, ...rest } = record;
      return withoutUndefined({ key, ...rest, system, ...route(record, origin, ""), exitPlan: exitPlanOf(record) });
    }),
    fallbacks: records.fallbacks.map(({ record, origin }, i) => {
      const { modelVendor: _v, ...rest } = record;
      const dependency = depRef(record.dependency, origin);
      return withoutUndefined({ ...rest, key: `${dependency ?? "unknown"}/fallback-${i + 1}`, dependency, ...route(record, origin, "fallback") });
    }),
    dataFlows: (() => {
      const next = keyer();
      return records.data_flows.map(({ record, origin }) => {
        const fromOffice = ref(offices.byName, record.fromOffice, origin, "From office", "office");
        const dependency = depRef(record.dependency, origin);
        return withoutUndefined({ ...record, key: next(`${fromOffice ?? "office"} ${dependency ?? "dependency"}`), fromOffice, dependency });
      });
    })(),
    policyEvents: records.policy_events.map(({ record }) => record),
  } as unknown as InventoryDocumentInput;
  origins.fallbacks = records.fallbacks.map((r) => r.origin);
  origins.dataFlows = records.data_flows.map((r) => r.origin);
  origins.policyEvents = records.policy_events.map((r) => r.origin);
  return { document, origins, problems };
}

/** A dependency's exit plan: "documented" defaults to no when only the review date is given. */
function exitPlanOf(record: TableRecord) {
  const plan = record.exitPlan as TableRecord | undefined;
  return plan ? { documented: false, ...plan } : undefined;
}

// ---- document issues -> table problems ------------------------------------------------------------

const LIST_ENTITY = Object.fromEntries(Object.entries(DOCUMENT_LIST).map(([entity, list]) => [list, entity as TableEntity])) as Record<string, TableEntity>;

/**
 * Maps the validator's issues (JSON paths such as `$.dependencies[3].hostingRegion.country`) to
 * the sheet, row and column the row came from. Issues on a cell that already has a problem are
 * dropped (an unknown name is reported once, by name, not again as a missing key).
 */
export function issuesToProblems(issues: Issue[], origins: TabularDocument["origins"], already: TableProblem[] = []): TableProblem[] {
  const taken = new Set(already.map((p) => `${p.sheet}\u0000${p.row}\u0000${p.column}`));
  const out: TableProblem[] = [];
  for (const issue of issues) {
    const m = /^\$\.(\w+)\[(\d+)\](.*)$/.exec(issue.path);
    const entity = m ? LIST_ENTITY[m[1]!] : undefined;
    if (!m || !entity) {
      out.push({ sheet: issue.path.startsWith("$.organisation") ? "organisation" : "document", column: issue.path, message: issue.message, severity: "error" });
      continue;
    }
    const origin = origins[m[1] as keyof InventoryDocumentInput]?.[Number(m[2])];
    const field = m[3]!.replace(/^\./, "").replace(/\[\d+\]/g, "");
    const spec =
      TABLE_COLUMNS[entity].find((c) => field !== "" && (c.field ?? c.path) === field) ??
      TABLE_COLUMNS[entity].find((c) => field !== "" && (field.startsWith(`${c.field ?? c.path}.`) || (c.field ?? c.path).startsWith(`${field}.`)));
    const problem: TableProblem = { sheet: origin?.sheet ?? "current inventory", row: origin?.row, column: spec?.header, message: problemMessage(spec?.header, issue.message), severity: "error" };
    const cell = `${problem.sheet}\u0000${problem.row}\u0000${problem.column}`;
    if (taken.has(cell)) continue;
    taken.add(cell);
    out.push(problem);
  }
  return out;
}
