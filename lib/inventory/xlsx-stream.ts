import { SaxesParser } from "saxes";
import { IMPORT_LIMITS } from "./file-limits";
import { TABLE_COLUMNS, type Cell } from "./tabular";
import { readZipEntry, ZipRefusal, type ZipEntry } from "./zip";

// SpreadsheetML (the XML inside an .xlsx) read as a stream: each part of the workbook is inflated
// chunk by chunk (./zip.ts) and parsed by a SAX parser, so a sheet is never held whole, neither
// as bytes nor as a model. Rows reach the caller one at a time; filled cells and the characters
// of a cell are counted as they arrive, and the first limit crossed stops the read. Only what an
// importer needs is read: sheet names and parts, shared strings, which cell styles are dates, and
// cell values. See docs/decisions/031-import-limits-and-idempotency.md.
//
// Why not exceljs's own streaming WorkbookReader: when sheets come before the shared strings in
// the archive (as in files written by Excel and by exceljs itself), it spools every sheet to a
// temporary file first, and a read stopped early leaves those files behind until the process
// exits. The upload is already in memory, so entries are read in the order we need instead.
// saxes is the SAX parser exceljs uses; it expands no DTD entities (no XXE, no billion laughs).

/** The first limit a workbook crosses: which limit, where. The message is for the user. */
export class LimitCrossed extends Error {
  override name = "LimitCrossed";
  constructor(
    message: string,
    readonly sheet?: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

type Attributes = Record<string, string>;
interface XmlHandlers {
  open?(name: string, attributes: Attributes): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** `x:row` -> `row`: some writers prefix SpreadsheetML's elements. */
const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** Parses one entry of the archive as XML, chunk by chunk. Handlers may throw LimitCrossed to stop. */
async function parseEntry(bytes: Uint8Array, entry: ZipEntry, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: false });
  const { open, text, close } = handlers;
  if (open) parser.on("opentag", (tag) => open(localName(tag.name), tag.attributes as Attributes));
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  if (close) parser.on("closetag", (tag) => close(localName(tag.name)));
  const decoder = new TextDecoder("utf-8");
  try {
    for await (const chunk of readZipEntry(bytes, entry)) parser.write(decoder.decode(chunk, { stream: true }));
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof LimitCrossed || e instanceof ZipRefusal) throw e;
    throw new ZipRefusal(`the workbook is damaged (${entry.name} is not readable XML); open it in Excel and save it again`);
  }
}

/** `worksheets/sheet1.xml` relative to `xl/` -> `xl/worksheets/sheet1.xml`; `/xl/…` is absolute. */
function resolvePart(base: string, target: string): string {
  const parts = target.startsWith("/") ? [] : base.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

export interface WorkbookParts {
  /** In the workbook's order; `path` is the sheet's entry in the archive, when the workbook names one. */
  sheets: { name: string; path?: string }[];
  date1904: boolean;
  sharedStrings: string;
  styles: string;
}

/** The workbook's sheets (name and part) and where its shared strings and styles are. */
export async function readWorkbookParts(bytes: Uint8Array, entries: Map<string, ZipEntry>): Promise<WorkbookParts> {
  const rels = new Map<string, { type: string; target: string }>();
  const relsEntry = entries.get("xl/_rels/workbook.xml.rels");
  if (relsEntry) {
    await parseEntry(bytes, relsEntry, {
      open(name, a) {
        if (name === "Relationship" && a.Id && a.Target) rels.set(a.Id, { type: a.Type ?? "", target: resolvePart("xl", a.Target) });
      },
    });
  }
  const sheets: WorkbookParts["sheets"] = [];
  let date1904 = false;
  await parseEntry(bytes, entries.get("xl/workbook.xml")!, {
    open(name, a) {
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      if (name !== "sheet") return;
      const relId = Object.entries(a).find(([k]) => k.includes(":") && localName(k) === "id")?.[1];
      sheets.push({ name: a.name ?? "", path: relId === undefined ? undefined : rels.get(relId)?.target });
    },
  });
  const part = (type: string, fallback: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target ?? fallback;
  return { sheets, date1904, sharedStrings: part("sharedStrings", "xl/sharedStrings.xml"), styles: part("styles", "xl/styles.xml") };
}

const tooLong = () => `more than ${IMPORT_LIMITS.maxCellCharacters.toLocaleString("en")} characters, more than a spreadsheet cell can hold`;

/** The shared strings table: the text of each `<si>` (rich text runs joined, phonetic hints left out). */
export async function readSharedStrings(bytes: Uint8Array, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let text = "";
  let inText = false;
  let inPhonetic = false;
  await parseEntry(bytes, entry, {
    open(name) {
      if (name === "si") text = "";
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t" && !inPhonetic) inText = true;
    },
    text(t) {
      if (!inText) return;
      text += t;
      if (text.length > IMPORT_LIMITS.maxCellCharacters) throw new LimitCrossed(`a text in the workbook has ${tooLong()}`);
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "si") {
        strings.push(text);
        // Each entry is used by at least one cell, so more entries than cells cannot be read anyway.
        if (strings.length > IMPORT_LIMITS.maxCells) throw new LimitCrossed(`the workbook holds more than ${IMPORT_LIMITS.maxCells.toLocaleString("en")} different texts, more than one import reads; split it into several files`);
      }
    },
  });
  return strings;
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, with the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a format code shows a date or time: a y m d h s token outside quotes, brackets and escapes (as exceljs decides). */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILT_IN_DATE_FORMATS.has(id);
  const bare = code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/[\\_*]./g, "");
  return /[ymdhs]/i.test(bare);
}

/** For each cell style (index = a cell's `s`), whether it formats numbers as dates. */
export async function readDateStyles(bytes: Uint8Array, entry: ZipEntry): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellStyles = false;
  await parseEntry(bytes, entry, {
    open(name, a) {
      if (name === "numFmt") formats.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (name === "cellXfs") inCellStyles = true;
      else if (name === "xf" && inCellStyles) styleFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellStyles = false;
    },
  });
  return styleFormats.map((id) => isDateFormat(id, formats.get(id)));
}

/** A cell as read: its value, or a problem (formula, error value) and no value. */
export interface ReadCell {
  cell: Cell;
  problem?: string;
}
/** A row with at least one filled cell; cells by column number (1 = A). */
export interface SheetRow {
  row: number;
  cells: Map<number, ReadCell>;
}

export interface SheetContext {
  sheet: string;
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  /** Filled cells read so far in the whole workbook: the cell limit is for the file. */
  counter: { cells: number };
}

/** `BM` -> 65. */
const columnNumber = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
/** 65 -> `BM`. */
export function columnLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** `2026-03-01T00:00:00Z` -> `2026-03-01`; a date with a time keeps it. */
const dateText = (d: Date) => (Number.isNaN(d.getTime()) ? "" : d.toISOString().endsWith("T00:00:00.000Z") ? d.toISOString().slice(0, 10) : d.toISOString());
/** A spreadsheet serial date (days since 1899-12-30, or 1904-01-01) as a Date. */
const serialDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** The widest inventory table's columns (16, policy events): a real inventory file has no more per row. */
const MAX_TABLE_COLUMNS = Math.max(...Object.values(TABLE_COLUMNS).map((c) => c.length));

export const FORMULA_PROBLEM = "formulas are not accepted: type the value itself (copy the cell, then paste values only)";

/**
 * Reads one sheet's rows, calling `onRow` for each row that has a filled cell. Counts filled cells
 * for the whole workbook and refuses, at the first one that crosses it, the cell limit, the column
 * limit and the characters a cell may hold. `onRow` may throw LimitCrossed to stop.
 */
export async function readSheetRows(bytes: Uint8Array, entry: ZipEntry, context: SheetContext, onRow: (row: SheetRow) => void): Promise<void> {
  const { sheet, sharedStrings, dateStyles, date1904, counter } = context;
  let rowNumber = 0;
  let cells: Map<number, ReadCell> | undefined;
  // The cell being read.
  let inCell = false;
  let column = 0;
  let type = "n";
  let style = 0;
  let formula = false;
  let value: string | undefined;
  let inValue = false;
  let inInline = false;
  let inText = false;
  let inPhonetic = false;

  const where = () => `${columnLetters(column)}${rowNumber} of the sheet "${sheet}"`;
  const cellOf = (): ReadCell | undefined => {
    if (formula) return { cell: null, problem: FORMULA_PROBLEM };
    if (value === undefined) return undefined; // a cell with a style and nothing in it
    switch (type) {
      case "s": {
        const text = sharedStrings[Number(value)];
        return text === undefined ? { cell: null, problem: "the cell's content cannot be read" } : { cell: text };
      }
      case "str":
      case "inlineStr":
        return { cell: value };
      case "b":
        return { cell: value.trim() !== "0" && value.trim().toLowerCase() !== "false" };
      case "e":
        return { cell: null, problem: `the cell holds the error ${value}` };
      case "d":
        return { cell: dateText(new Date(value)) };
      default: {
        if (value.trim() === "") return undefined;
        const n = Number(value);
        if (!Number.isFinite(n)) return { cell: null, problem: "the cell's content cannot be read" };
        return { cell: dateStyles[style] ? dateText(serialDate(n, date1904)) : n };
      }
    }
  };

  await parseEntry(bytes, entry, {
    open(name, a) {
      switch (name) {
        case "row":
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          cells = new Map();
          column = 0;
          return;
        case "c": {
          if (!cells) return;
          const ref = a.r ? /^([A-Za-z]+)\d*$/.exec(a.r) : null;
          column = ref ? columnNumber(ref[1]!) : column + 1;
          [inCell, type, style, formula, value] = [true, a.t ?? "n", a.s ? Number(a.s) : 0, false, undefined];
          return;
        }
        case "f":
          if (inCell) formula = true;
          return;
        case "v":
          if (inCell) [inValue, value] = [true, value ?? ""];
          return;
        case "is":
          if (inCell) [inInline, value] = [true, value ?? ""];
          return;
        case "rPh":
          inPhonetic = true;
          return;
        case "t":
          if (inInline && !inPhonetic) inText = true;
          return;
      }
    },
    text(t) {
      if (!(inValue || inText)) return;
      value += t;
      if (value!.length > IMPORT_LIMITS.maxCellCharacters) throw new LimitCrossed(`the cell ${where()} has ${tooLong()}`, sheet, rowNumber, columnLetters(column));
    },
    close(name) {
      switch (name) {
        case "v":
          inValue = false;
          return;
        case "t":
          inText = false;
          return;
        case "rPh":
          inPhonetic = false;
          return;
        case "is":
          inInline = false;
          return;
        case "c": {
          if (!inCell) return;
          inCell = false;
          const read = cellOf();
          if (!read || !cells) return;
          if (++counter.cells > IMPORT_LIMITS.maxCells) {
            throw new LimitCrossed(
              `the workbook has more than ${IMPORT_LIMITS.maxCells.toLocaleString("en")} filled cells, the most one import reads (passed at ${where()}); an inventory sheet has at most ${MAX_TABLE_COLUMNS} columns: delete the columns it does not need, or split the file`,
              sheet,
              rowNumber,
            );
          }
          if (column > IMPORT_LIMITS.maxColumns) {
            throw new LimitCrossed(
              `the sheet "${sheet}" has a value in column ${columnLetters(column)} (column ${column}) on row ${rowNumber}; at most ${IMPORT_LIMITS.maxColumns} columns are read: delete the columns the inventory does not need`,
              sheet,
              rowNumber,
              columnLetters(column),
            );
          }
          cells.set(column, read);
          return;
        }
        case "row":
          if (cells && cells.size > 0) onRow({ row: rowNumber, cells });
          cells = undefined;
          return;
      }
    },
  });
}
