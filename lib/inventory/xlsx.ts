import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { formatBytes, IMPORT_LIMITS, sniffBinary } from "./file-limits";
import type { ReadResult } from "./csv";
import { neutralise, TABLE_COLUMNS, TABLE_ENTITIES, TABLE_TITLES, type Cell, type OutputTable, type RawTable, type TableEntity, type TableProblem } from "./tabular";

// XLSX workbooks: one sheet per entity, named as TABLE_TITLES. Before exceljs sees a file we read
// the ZIP's central directory (no inflating) and refuse one that would unpack to more than the
// limit, then inflate each entry with an output cap of its declared size, so a directory that
// lies about sizes is refused too, after at most the limit was produced. See ADR 008.

export const README_SHEET = "Read me";

const problem = (sheet: string, message: string, row?: number, column?: string): TableProblem => ({ sheet, row, column, message, severity: "error" });
const refuse = (sheet: string, message: string): ReadResult => ({ ok: false, problems: [problem(sheet, message)] });

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Reads a ZIP's central directory without inflating anything. Throws an Error with a message
 * fit for the user when the bytes are not a ZIP this importer accepts.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("the workbook is damaged (its ZIP directory is missing); open it in Excel and save it again");
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new Error("the workbook uses ZIP64, which is only needed for files far larger than the import limit");
  if (count > IMPORT_LIMITS.maxZipEntries) throw new Error(`the workbook holds ${count} files; an inventory workbook has far fewer (at most ${IMPORT_LIMITS.maxZipEntries})`);
  if (dirOffset + dirSize > eocd) throw new Error("the workbook is damaged (its ZIP directory points outside the file)");
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw new Error("the workbook is damaged (a ZIP directory entry is unreadable)");
    const nameLength = view.getUint16(p + 28, true);
    const entry = {
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw new Error("the workbook uses ZIP64, which is only needed for files far larger than the import limit");
    entries.push(entry);
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

/**
 * Refuses a ZIP that would unpack to more than the limit: first by the sizes its directory
 * declares (nothing inflated), then by inflating each entry with its declared size as a hard cap.
 */
export function checkZipBomb(bytes: Uint8Array): string | undefined {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    return (e as Error).message;
  }
  const declared = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (declared > IMPORT_LIMITS.maxUnzippedBytes) {
    return `the workbook would unpack to ${formatBytes(declared)}; at most ${formatBytes(IMPORT_LIMITS.maxUnzippedBytes)} is accepted (is it a ZIP bomb?)`;
  }
  if (!entries.some((e) => e.name === "xl/workbook.xml")) return "this ZIP file is not an Excel workbook (.xlsx): it has no xl/workbook.xml";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    const at = e.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return `the workbook is damaged (${e.name} cannot be found)`;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) return `the workbook is damaged (${e.name} is cut short)`;
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) return `the workbook is damaged (${e.name} has inconsistent sizes)`;
      continue;
    }
    if (e.method !== 8) return `the workbook uses a compression method this importer does not read (${e.method} in ${e.name})`;
    try {
      const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
      if (out.length !== e.uncompressedSize) return `the workbook is damaged (${e.name} is not the size its directory declares)`;
    } catch (err) {
      return (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE"
        ? `the workbook is refused: ${e.name} unpacks to more than its directory declares (is it a ZIP bomb?)`
        : `the workbook is damaged (${e.name} cannot be unpacked)`;
    }
  }
  return undefined;
}

const normaliseName = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, " ");
const SHEET_ENTITY = new Map<string, TableEntity>(TABLE_ENTITIES.flatMap((e) => [[normaliseName(TABLE_TITLES[e]), e] as const, [normaliseName(e), e] as const]));

/** `2026-03-01T00:00:00Z` -> `2026-03-01`; a date with a time keeps it. */
const dateText = (d: Date) => (Number.isNaN(d.getTime()) ? "" : d.toISOString().endsWith("T00:00:00.000Z") ? d.toISOString().slice(0, 10) : d.toISOString());

/** One exceljs cell value as a plain cell, or a problem (formulas, error values). */
function readCell(value: ExcelJS.CellValue): { cell: Cell; problem?: string } {
  if (value === null || value === undefined) return { cell: null };
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { cell: value };
  if (value instanceof Date) return { cell: dateText(value) };
  if ("formula" in value || "sharedFormula" in value) return { cell: null, problem: "formulas are not accepted: type the value itself (copy the cell, then paste values only)" };
  if ("richText" in value) return { cell: value.richText.map((r) => r.text).join("") };
  if ("error" in value) return { cell: null, problem: `the cell holds the error ${value.error}` };
  if ("text" in value) return { cell: typeof value.text === "string" ? value.text : null };
  return { cell: null, problem: "the cell's content cannot be read" };
}

/** Reads a workbook's inventory sheets into tables. Never throws for a bad file: it reports. */
export async function readXlsx(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (bytes.byteLength > IMPORT_LIMITS.maxUploadBytes) return refuse(fileName, `the file is ${formatBytes(bytes.byteLength)}; at most ${formatBytes(IMPORT_LIMITS.maxUploadBytes)} can be imported at once`);
  if (bytes.byteLength === 0) return refuse(fileName, "the file is empty");
  const kind = sniffBinary(bytes);
  if (!kind?.startsWith("a ZIP")) return refuse(fileName, `this is ${kind ?? "not an Excel workbook (.xlsx)"}${kind ? ", not an Excel workbook (.xlsx)" : ""}; save it as "Excel Workbook (.xlsx)"`);
  const bomb = checkZipBomb(bytes);
  if (bomb) return refuse(fileName, bomb);

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return refuse(fileName, "the workbook is damaged or not an .xlsx file; open it in Excel and save it again");
  }

  const problems: TableProblem[] = [];
  const tables: RawTable[] = [];
  let totalRows = 0;
  for (const sheet of workbook.worksheets) {
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
    const columnCount = sheet.actualColumnCount;
    if (columnCount > IMPORT_LIMITS.maxColumns) {
      problems.push(problem(sheet.name, `the sheet has ${columnCount} columns; at most ${IMPORT_LIMITS.maxColumns} are read`));
      continue;
    }
    totalRows += Math.max(0, sheet.actualRowCount - 1);
    if (totalRows > IMPORT_LIMITS.maxRows) return refuse(fileName, `the workbook has more than ${IMPORT_LIMITS.maxRows.toLocaleString("en")} rows; split it into several files`);

    let headers: string[] | undefined;
    const rows: RawTable["rows"] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const width = headers?.length ?? row.cellCount;
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const { cell, problem: message } = readCell(row.getCell(c).value);
        if (message) problems.push(problem(sheet.name, message, rowNumber, headers?.[c - 1] ?? `column ${c}`));
        cells.push(cell);
      }
      if (!headers) {
        headers = cells.map((c) => (c === null ? "" : String(c)));
        if (rowNumber !== 1) problems.push({ sheet: sheet.name, row: rowNumber, message: `the header is on row ${rowNumber}; rows above it are ignored`, severity: "warning" });
        return;
      }
      if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) return;
      rows.push({ row: rowNumber, cells });
    });
    if (!headers) {
      problems.push({ sheet: sheet.name, message: `the sheet ${sheet.name} is empty and is ignored`, severity: "warning" });
      continue;
    }
    tables.push({ entity, sheet: sheet.name, headers, rows });
  }
  if (tables.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push(problem(fileName, `the workbook has none of the inventory sheets (${TABLE_ENTITIES.map((e) => TABLE_TITLES[e]).join(", ")}); download the template to see the layout`));
  }
  return { ok: true, tables, problems };
}

/**
 * Writes tables as a workbook: one sheet each with a bold, frozen header, plain values only
 * (never formulas), text neutralised against formula injection, and a "Read me" sheet.
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
    { header: "What to enter", width: 90 },
  ];
  readMe.getRow(1).font = { bold: true };
  for (const table of tables) for (const c of TABLE_COLUMNS[table.entity]) readMe.addRow([table.title, c.header, c.required ? "yes" : "", c.help]);
  readMe.addRow([]);
  readMe.addRow(["", "", "", "Rows refer to other rows by name. Importing a file twice changes nothing the second time; rows not in the file are kept."]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
