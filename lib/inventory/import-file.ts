import "server-only";
import { createHash } from "node:crypto";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { parseJsonText } from "@/scoring/parse";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { Issue } from "@/scoring/schema/issues";
import { decodeText, readCsv, writeCsv, type ReadResult } from "./csv";
import { loadInventoryDocument } from "./document";
import { IMPORT_LIMITS, tooLargeMessage } from "./file-limits";
import { applyInventoryImport, planInventoryImport, type ImportEntityType, type InventoryImportPlan } from "./import";
import { IMPORT_ENTITY_TYPES } from "./import-plan";
import { fieldLabel, tableTitleOf } from "./import-fields";
import { problemMessage } from "./import-messages";
import { withImportSlot } from "./import-slots";
import {
  documentToRecords,
  documentToTables,
  issuesToProblems,
  mergeRecords,
  recordsToDocument,
  TABLE_TITLES,
  tablesToRecords,
  templateTables,
  type TableEntity,
  type TableProblem,
  type TabularDocument,
} from "./tabular";
import { readXlsx, writeXlsx } from "./xlsx";
import { isCycloneDxBom } from "./cyclonedx-bom";
import { bomPathOf, type BomMappingEntry, type CycloneDxTranslation } from "./cyclonedx-import";
import { translateBomForOrganisation } from "./import-cyclonedx";

// Files in and out of the inventory: the JSON document, one CSV per entity, an XLSX workbook.
// Every format becomes the inventory document and goes through planInventoryImport /
// applyInventoryImport (one transaction, all or nothing, upsert on natural keys). Nothing is
// kept on the server between preview and confirm: the browser sends the file again with the
// SHA-256 the preview returned, and everything is checked again. See ADR 008. A JSON file that is
// a CycloneDX BOM (recognised by its content, decision 047) is translated into the document first.

export const IMPORT_FORMATS = ["json", "csv", "xlsx"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface InventoryUpload {
  fileName: string;
  bytes: Uint8Array;
  /** Which table a CSV file holds; unset, its header row says (or the file is refused). */
  entity?: TableEntity;
}

export interface EntityCounts {
  create: number;
  update: number;
  unchanged: number;
}

/** What a preview or an import reports: never the rows themselves, only counts and problems. */
export interface ImportSummary {
  format: ImportFormat;
  fileName: string;
  bytes: number;
  sha256: string;
  /** Errors block the import; warnings do not. At most MAX_LISTED_PROBLEMS, errors first. */
  problems: TableProblem[];
  /** All problems found, listed or not. */
  problemCount: number;
  errorCount: number;
  counts: Record<ImportEntityType, EntityCounts>;
  totals: EntityCounts;
  /** The rows the import changes, with the fields it changes, in the user's words; at most MAX_LISTED_CHANGES. */
  changes: RowChange[];
  notes: string[];
  applied: boolean;
  /** For a CycloneDX BOM: its version and what could not be mapped or was assumed (at most MAX_LISTED_CHANGES of each). */
  bom?: BomSummary;
}

export interface BomSummary {
  specVersion: string;
  madeBySovra: boolean;
  notMapped: BomMappingEntry[];
  notMappedCount: number;
  assumed: BomMappingEntry[];
  assumedCount: number;
}

/** A changed row as the preview lists it: its table, its name and the fields that change. */
export interface RowChange {
  table: string;
  row: string;
  fields: string[];
}

const ENTITY_LIST: Record<ImportEntityType, keyof InventoryDocumentInput> = {
  office: "offices",
  vendor: "vendors",
  model: "models",
  ai_system: "aiSystems",
  dependency: "dependencies",
  fallback: "fallbacks",
  data_flow: "dataFlows",
  policy_event: "policyEvents",
};

/** The format a file name says, or undefined. */
export function formatOf(fileName: string): ImportFormat | undefined {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === "json") return "json";
  if (ext === "csv" || ext === "tsv") return "csv";
  if (ext === "xlsx") return "xlsx";
  return undefined;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const zeroCounts = () => Object.fromEntries(IMPORT_ENTITY_TYPES.map((t) => [t, { create: 0, update: 0, unchanged: 0 }])) as Record<ImportEntityType, EntityCounts>;
const hasErrors = (problems: TableProblem[]) => problems.some((p) => p.severity === "error");

/** The document a file holds, with where its rows came from; or the problems that stop it. */
async function documentFromFile(ctx: OrgContext, upload: InventoryUpload, format: ImportFormat): Promise<{ tabular?: TabularDocument; json?: unknown; bom?: CycloneDxTranslation; problems: TableProblem[] }> {
  const { fileName, bytes } = upload;
  if (format === "json") {
    if (bytes.byteLength > IMPORT_LIMITS.maxUploadBytes) return { problems: [{ sheet: fileName, message: tooLargeMessage(bytes.byteLength), severity: "error" }] };
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { problems: [{ sheet: fileName, row: decoded.line, message: decoded.message.replace("not a CSV file", "not a JSON document"), severity: "error" }] };
    const parsed = parseJsonText(decoded.text, (value) => ({ ok: true, value }));
    if (!parsed.ok) return { problems: parsed.issues.map((i) => ({ sheet: fileName, message: i.message, severity: "error" as const })) };
    if (!isCycloneDxBom(parsed.value)) return { json: parsed.value, problems: [] };
    const translated = await translateBomForOrganisation(ctx, parsed.value);
    if (!translated.ok) return { problems: translated.issues.map((i) => ({ sheet: fileName, column: i.path, message: i.message, severity: "error" as const })) };
    return { json: translated.translation.document, bom: translated.translation, problems: [] };
  }
  let read: ReadResult;
  if (format === "csv") {
    read = readCsv(bytes, upload.entity, fileName); // without a table chosen, its header row says which

  } else {
    read = await readXlsx(bytes, fileName);
  }
  if (!read.ok) return { problems: read.problems };
  const { records, problems } = tablesToRecords(read.tables);
  // Rows may refer to rows the file does not repeat: lay the file over the current inventory.
  const { document: current } = await loadInventoryDocument(ctx);
  const tabular = recordsToDocument(mergeRecords(documentToRecords(current), records), current.organisation);
  return { tabular, problems: [...read.problems, ...problems, ...tabular.problems] };
}

/** Plan counts per entity. For tables, rows that only came from the current inventory are not counted as unchanged. */
function countsOf(plan: InventoryImportPlan, tabular: TabularDocument | undefined) {
  const counts = zeroCounts();
  const fromFile = (type: ImportEntityType, path: string) => {
    if (!tabular) return true;
    const index = Number(/\[(\d+)\]$/.exec(path)?.[1]);
    return tabular.origins[ENTITY_LIST[type]]?.[index] !== undefined;
  };
  for (const type of IMPORT_ENTITY_TYPES) {
    const e = plan.entities[type];
    counts[type] = { create: e.create.length, update: e.update.length, unchanged: e.unchanged.filter((u) => fromFile(type, u.path)).length };
  }
  const totals = Object.values(counts).reduce((t, c) => ({ create: t.create + c.create, update: t.update + c.update, unchanged: t.unchanged + c.unchanged }), { create: 0, update: 0, unchanged: 0 });
  return { counts, totals };
}

/** Enough to fix a file row by row; a file with more is likely the wrong file altogether. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** Changed rows the preview lists by name; beyond, the counts say how many. */
export const MAX_LISTED_CHANGES = 1_000;

/** Each changed row with the fields it changes, named for people (./import-fields.ts), in table order. */
function changesOf(plan: InventoryImportPlan): RowChange[] {
  return IMPORT_ENTITY_TYPES.flatMap((type) =>
    plan.entities[type].update.map((u) => ({ table: tableTitleOf(type), row: u.label, fields: Object.keys(u.changes).map((f) => fieldLabel(type, f)) })),
  ).slice(0, MAX_LISTED_CHANGES);
}

async function run(ctx: OrgContext, upload: InventoryUpload, apply: boolean, expectedSha256?: string): Promise<ImportSummary> {
  const summary = await plan(ctx, upload, apply, expectedSha256);
  const errors = summary.problems.filter((p) => p.severity === "error");
  summary.problemCount = summary.problems.length;
  summary.errorCount = errors.length;
  summary.problems = [...errors, ...summary.problems.filter((p) => p.severity !== "error")].slice(0, MAX_LISTED_PROBLEMS);
  return summary;
}

async function plan(ctx: OrgContext, upload: InventoryUpload, apply: boolean, expectedSha256?: string): Promise<ImportSummary> {
  const format = formatOf(upload.fileName);
  if (!format) throw new AppError("INVALID_INPUT", `"${upload.fileName}" is not a file this import reads: choose a .json, .csv or .xlsx file.`);
  const summary: ImportSummary = {
    format,
    fileName: upload.fileName,
    bytes: upload.bytes.byteLength,
    sha256: sha256(upload.bytes),
    problems: [],
    problemCount: 0,
    errorCount: 0,
    counts: zeroCounts(),
    totals: { create: 0, update: 0, unchanged: 0 },
    changes: [],
    notes: [],
    applied: false,
  };
  if (expectedSha256 !== undefined && expectedSha256 !== summary.sha256) {
    throw new AppError("CONFLICT", "This is not the file that was previewed. Preview it again before importing.");
  }
  const { tabular, json, bom, problems } = await documentFromFile(ctx, upload, format);
  summary.problems = problems;
  if (bom) {
    const cap = (entries: BomMappingEntry[]) => entries.slice(0, MAX_LISTED_CHANGES);
    summary.bom = { specVersion: bom.specVersion, madeBySovra: bom.madeBySovra, notMapped: cap(bom.notMapped), notMappedCount: bom.notMapped.length, assumed: cap(bom.assumed), assumedCount: bom.assumed.length };
  }
  const input = tabular?.document ?? json;
  if (input === undefined) return summary;
  // A preview plans even with table problems, to list every problem at once; an import does not start.
  if (apply && hasErrors(problems)) return summary;
  const result = apply ? await applyInventoryImport(ctx, input) : await planInventoryImport(ctx, input);
  if (!result.ok) {
    summary.problems = [...problems, ...(tabular ? issuesToProblems(result.issues, tabular.origins, problems) : jsonProblems(upload.fileName, result.issues, bom && ((path) => bomPathOf(bom.origins, path))))];
    return summary;
  }
  Object.assign(summary, countsOf(result.plan, tabular), { changes: changesOf(result.plan), notes: result.plan.notes, applied: apply && !hasErrors(problems) });
  return summary;
}

/** The document's problems at their JSON path (for a BOM, the place in the BOM the row came from), in words naming the field (./import-messages.ts). */
const jsonProblems = (fileName: string, issues: Issue[], pathOf: (path: string) => string = (path) => path): TableProblem[] =>
  issues.map((i) => ({ sheet: fileName, column: pathOf(i.path), message: problemMessage(/\.(\w+)$/.exec(i.path)?.[1], i.message), severity: "error" }));

/**
 * What importing the file would do, and every problem in it. Changes nothing. Previews and imports
 * run in one of the process's import slots (./import-slots.ts): RATE_LIMITED when all are taken.
 */
export async function previewInventoryFile(ctx: OrgContext, upload: InventoryUpload): Promise<ImportSummary> {
  assertCan(ctx, "inventory:read");
  return withImportSlot(() => run(ctx, upload, false));
}

/**
 * Imports the file in one transaction, or nothing when it has an error. With `expectedSha256`
 * (from the preview), refuses a different file.
 */
export async function importInventoryFile(ctx: OrgContext, upload: InventoryUpload, expectedSha256?: string): Promise<ImportSummary> {
  assertCan(ctx, "inventory:write"); // before reading: a file with errors must not tell a viewer more than "forbidden"
  return withImportSlot(() => run(ctx, upload, true, expectedSha256));
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Uint8Array;
}

export const EXPORT_CONTENT_TYPES = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** The caller's inventory as the JSON document, an XLSX workbook, or one entity's CSV. */
export async function exportInventoryFile(ctx: OrgContext, format: ImportFormat, entity?: TableEntity): Promise<ExportFile> {
  const { document } = await loadInventoryDocument(ctx);
  const base = `${ctx.organisationSlug}-inventory`;
  if (format === "json") return { fileName: `${base}.json`, contentType: EXPORT_CONTENT_TYPES.json, body: new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`) };
  const tables = documentToTables(document);
  if (format === "xlsx") return { fileName: `${base}.xlsx`, contentType: EXPORT_CONTENT_TYPES.xlsx, body: await writeXlsx(tables) };
  const table = tables.find((t) => t.entity === entity);
  if (!table) throw new AppError("INVALID_INPUT", "Choose which table to export as CSV.");
  return { fileName: `${base}-${TABLE_TITLES[table.entity].toLowerCase().replaceAll(" ", "-")}.csv`, contentType: EXPORT_CONTENT_TYPES.csv, body: new TextEncoder().encode(writeCsv(table)) };
}

/** The empty workbook to fill in: every sheet with its headers only, and "Read me" with an example per column. */
export async function inventoryTemplateFile(): Promise<ExportFile> {
  return { fileName: "sovra-inventory-template.xlsx", contentType: EXPORT_CONTENT_TYPES.xlsx, body: await writeXlsx(templateTables()) };
}
