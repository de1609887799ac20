import ExcelJS from "exceljs";
import { IMPORT_LIMITS, sniffBinary, tooLargeMessage } from "./file-limits";
import type { ReadResult } from "./csv";
import { neutralise, TABLE_COLUMNS, TABLE_ENTITIES, TABLE_TITLES, type Cell, type OutputTable, type RawTable, type TableEntity, type TableProblem } from "./tabular";
import { LimitCrossed, readDateStyles, readSharedStrings, readSheetRows, readWorkbookParts, type SheetContext } from "./xlsx-stream";
import { readWorkbookDirectory, verifyZipEntry, ZipRefusal } from "./zip";

// XLSX workbooks: one sheet per entity, named as TABLE_TITLES. Read as a stream (./xlsx-stream.ts):
// the ZIP directory first (a workbook declaring more than the unzipped limit is refused without
// inflating anything), then the parts an import needs, row by row, stopping at the first limit
// crossed (rows, filled cells, columns, characters in a cell). Every other part is still inflated
// once, into nothing, so a damaged or lying archive is refused whole. See ADR 008 and 031.
// Written with exceljs.

export const README_SHEET = "Read me";

const problem = (sheet: string, message: string, row?: number, column?: string): TableProblem => ({ sheet, row, column, message, severity: "error" });
const refuse = (sheet: string, message: string): ReadResult => ({ ok: false, problems: [problem(sheet, message)] });

const normaliseName = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, " ");
const SHEET_ENTITY = new Map<string, TableEntity>(TABLE_ENTITIES.flatMap((e) => [[normaliseName(TABLE_TITLES[e]), e] as const, [normaliseName(e), e] as const]));

/** Reads a workbook's inventory sheets into tables. Never throws for a bad file: it reports. */
export async function readXlsx(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (bytes.byteLength > IMPORT_LIMITS.maxUploadBytes) return refuse(fileName, tooLargeMessage(bytes.byteLength));
  if (bytes.byteLength === 0) return refuse(fileName, "the file is empty");
  const kind = sniffBinary(bytes);
  if (!kind?.startsWith("a ZIP")) return refuse(fileName, `this is ${kind ?? "not an Excel workbook (.xlsx)"}${kind ? ", not an Excel workbook (.xlsx)" : ""}; save it as "Excel Workbook (.xlsx)"`);
  try {
    return await readWorkbook(bytes, fileName);
  } catch (e) {
    if (e instanceof ZipRefusal) return refuse(fileName, e.message);
    if (e instanceof LimitCrossed) return { ok: false, problems: [problem(e.sheet ?? fileName, e.message, e.row, e.column)] };
    throw e;
  }
}

async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  const entries = new Map(readWorkbookDirectory(bytes).map((e) => [e.name, e]));
  const parts = await readWorkbookParts(bytes, entries);
  const read = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels"]);

  // Shared strings and styles are read before the first inventory sheet, and only if there is one.
  let shared: Pick<SheetContext, "sharedStrings" | "dateStyles"> | undefined;
  const sharedParts = async () => {
    if (shared) return shared;
    const strings = entries.get(parts.sharedStrings);
    const styles = entries.get(parts.styles);
    for (const e of [strings, styles]) if (e) read.add(e.name);
    shared = { sharedStrings: strings ? await readSharedStrings(bytes, strings) : [], dateStyles: styles ? await readDateStyles(bytes, styles) : [] };
    return shared;
  };

  const problems: TableProblem[] = [];
  const tables: RawTable[] = [];
  const counter = { cells: 0, rows: 0 };
  for (const sheet of parts.sheets) {
    const entity = SHEET_ENTITY.get(normaliseName(sheet.name));
    if (!entity) {
      if (normaliseName(sheet.name) !== normaliseName(README_SHEET)) {
        problems.push({ sheet: sheet.name, message: `the sheet "${sheet.name}" is not an inventory table and is ignored (expected: ${TABLE_ENTITIES.map((e) => TABLE_TITLES[e]).join(", ")})`, severity: "warning" });
      }
      continue;
    }
    if (tables.some((t) => t.entity === entity)) {
      problems.push(problem(sheet.name, `a second sheet for ${TABLE_TITLES[entity]}; keep one`));
      continue;
    }
    const entry = sheet.path === undefined ? undefined : entries.get(sheet.path);
    if (!entry) throw new ZipRefusal(`the workbook is damaged (the sheet "${sheet.name}" is not in it); open it in Excel and save it again`);
    read.add(entry.name);

    let headers: string[] | undefined;
    const rows: RawTable["rows"] = [];
    const context = { sheet: sheet.name, ...(await sharedParts()), date1904: parts.date1904, counter };
    await readSheetRows(bytes, entry, context, ({ row: rowNumber, cells: byColumn }) => {
      const width = headers?.length ?? Math.max(...byColumn.keys());
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const { cell = null, problem: message } = byColumn.get(c) ?? {};
        if (message) problems.push(problem(sheet.name, message, rowNumber, headers?.[c - 1] ?? `column ${c}`));
        cells.push(cell);
      }
      if (!headers) {
        headers = cells.map((c) => (c === null ? "" : String(c)));
        if (rowNumber !== 1) problems.push({ sheet: sheet.name, row: rowNumber, message: `the header is on row ${rowNumber}; rows above it are ignored`, severity: "warning" });
        return;
      }
      if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) return;
      if (++counter.rows > IMPORT_LIMITS.maxRows) {
        throw new LimitCrossed(
          `the workbook has more than ${IMPORT_LIMITS.maxRows.toLocaleString("en")} rows, the most one import reads (passed on row ${rowNumber.toLocaleString("en")} of the sheet "${sheet.name}"); split it into several files`,
          sheet.name,
          rowNumber,
        );
      }
      rows.push({ row: rowNumber, cells });
    });
    if (!headers) {
      problems.push({ sheet: sheet.name, message: `the sheet ${sheet.name} is empty and is ignored`, severity: "warning" });
      continue;
    }
    tables.push({ entity, sheet: sheet.name, headers, rows });
  }
  // Parts not read above (other sheets, the theme, properties) are inflated once into nothing: a
  // damaged or lying archive is refused whole, as when exceljs loaded every part (ADR 008).
  for (const e of entries.values()) if (!read.has(e.name)) await verifyZipEntry(bytes, e);
  if (tables.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push(problem(fileName, `the workbook has none of the inventory sheets (${TABLE_ENTITIES.map((e) => TABLE_TITLES[e]).join(", ")}); download the template to see the layout`));
  }
  return { ok: true, tables, problems };
}

/**
 * Writes tables as a workbook: one sheet each with a bold, frozen header, plain values only
 * (never formulas), text neutralised against formula injection, and a "Read me" sheet that
 * says, per column, whether it is required, an example and what to enter.
 */
export async function writeXlsx(tables: OutputTable[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sovra";
  for (const table of tables) {
    const specs = TABLE_COLUMNS[table.entity];
    const sheet = workbook.addWorksheet(table.title, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.headers.map((header, i) => ({
      header,
      width: Math.min(40, Math.max(12, header.length + 2)),
      // Text columns stay text when a person edits them (no "2026-03-01" turned into a date).
      style: specs[i]?.kind === "number" ? {} : { numFmt: "@" },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const cells of table.rows) sheet.addRow(cells.map((c) => (typeof c === "string" ? neutralise(c) : c)));
  }
  const readMe = workbook.addWorksheet(README_SHEET);
  readMe.columns = [
    { header: "Sheet", width: 16 },
    { header: "Column", width: 28 },
    { header: "Required", width: 10 },
    { header: "Example", width: 36, style: { numFmt: "@" } },
    { header: "What to enter", width: 90 },
  ];
  readMe.getRow(1).font = { bold: true };
  // The examples live here, not as rows of the tables: this sheet is never imported.
  for (const table of tables) {
    for (const c of TABLE_COLUMNS[table.entity]) readMe.addRow([table.title, c.header, c.required ? "yes" : "", typeof c.example === "string" ? neutralise(c.example) : c.example, c.help]);
  }
  readMe.addRow([]);
  readMe.addRow(["", "", "", "", "Rows refer to other rows by name. Importing a file twice changes nothing the second time; rows not in the file are kept."]);
  readMe.addRow(["", "", "", "", "A choice takes its value or the label the app shows, in any case (High, trade secret, Direct API); a country its name in English or its ISO code (Germany, DE, DEU)."]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
