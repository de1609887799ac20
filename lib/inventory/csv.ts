import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { IMPORT_LIMITS, sniffBinary, tooLargeMessage } from "./file-limits";
import { fitsTable, hasColumnsOf, neutralise, noTableMessage, TABLE_TITLES, tableOfHeaders, type Cell, type OutputTable, type RawTable, type TableEntity, type TableProblem } from "./tabular";

// One entity per CSV file. Read: UTF-8 (with or without BOM) or UTF-16 with a BOM, comma,
// semicolon or tab separated (Excel writes ";" where the decimal separator is ","). Written:
// UTF-8 with a BOM (so Excel opens umlauts correctly), comma separated, CRLF, formula-safe cells.

export type ReadResult = { ok: true; tables: RawTable[]; problems: TableProblem[] } | { ok: false; problems: TableProblem[] };

class CellLimitCrossed extends Error {
  constructor(readonly line: number) {
    super("cell limit crossed");
  }
}

const fileProblem = (sheet: string, message: string, row?: number): ReadResult => ({ ok: false, problems: [{ sheet, row, message, severity: "error" }] });

/**
 * Decodes a text file: UTF-8 (BOM optional) or UTF-16 with a BOM. Refuses binary files and
 * bytes that are not UTF-8, naming the first line that is not.
 */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string; line?: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith("utf-16le", bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith("utf-16be", bytes.subarray(2));
  const binary = sniffBinary(bytes);
  if (binary) return { ok: false, message: `this is ${binary}, not a CSV file` };
  const head = bytes.subarray(0, 4096);
  const nuls = head.filter((b) => b === 0).length;
  if (nuls > 0) {
    const oddNuls = head.filter((b, i) => b === 0 && i % 2 === 1).length;
    return {
      ok: false,
      message:
        nuls > head.length / 4 && (oddNuls === nuls || oddNuls === 0)
          ? "the file looks like UTF-16 text without a byte order mark; save it as \"CSV UTF-8\""
          : "this is a binary file, not a CSV file (it contains NUL bytes)",
    };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    const line = firstInvalidUtf8Line(bytes.subarray(start));
    return {
      ok: false,
      line,
      message: `line ${line} is not valid UTF-8: the file is probably in Latin-1 / Windows-1252 (as older Excel writes "CSV"). Save it as "CSV UTF-8" and upload it again`,
    };
  }
}

function decodeWith(encoding: "utf-16le" | "utf-16be", bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: `the file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()} text` };
  }
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** The separator the header line uses: the most frequent of `,` `;` and tab outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, unquoted.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

/**
 * Reads one entity's CSV file into a table. Row numbers are records as a spreadsheet shows
 * them (header = row 1); blank rows are skipped but counted. Without `entity`, the header row
 * says which table the file holds; a header row that fits no table (or none of the columns of
 * the table chosen) is refused, naming the tables and their columns.
 */
export function readCsv(bytes: Uint8Array, chosen: TableEntity | undefined, fileName: string): ReadResult {
  if (bytes.byteLength > IMPORT_LIMITS.maxUploadBytes) {
    return fileProblem(fileName, tooLargeMessage(bytes.byteLength));
  }
  if (bytes.byteLength === 0) return fileProblem(fileName, "the file is empty");
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fileProblem(fileName, decoded.message, decoded.line);
  let records: string[][];
  // Filled cells are counted as records are parsed: the first record that passes the limit stops
  // the parse (ADR 031), before the rest of a wide file is held as strings.
  let cells = 0;
  const countCells = (record: string[], { lines }: { lines: number }) => {
    for (const c of record) if (c !== "") cells++;
    if (cells > IMPORT_LIMITS.maxCells) throw new CellLimitCrossed(lines);
    return record;
  };
  try {
    records = parse(decoded.text, {
      delimiter: detectDelimiter(decoded.text),
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: 1_000_000,
      to: IMPORT_LIMITS.maxRows + 2,
      on_record: countCells,
    }) as string[][];
  } catch (e) {
    if (e instanceof CellLimitCrossed) {
      return fileProblem(fileName, `the file has more than ${IMPORT_LIMITS.maxCells.toLocaleString("en")} filled cells, the most one import reads (passed on line ${e.line.toLocaleString("en")}); delete the columns the inventory does not need, or split the file`, e.line);
    }
    if (e instanceof CsvError) {
      const line = typeof e.lines === "number" ? e.lines : undefined;
      return fileProblem(fileName, `the CSV is malformed${line ? ` at line ${line}` : ""}: ${e.message.replace(/^Invalid Record Length: /, "")}`, line);
    }
    throw e;
  }
  const [headers, ...body] = records;
  if (!headers || headers.every((h) => h.trim() === "")) return fileProblem(fileName, "the file has no header row", 1);
  if (body.length > IMPORT_LIMITS.maxRows) return fileProblem(fileName, `the file has more than ${IMPORT_LIMITS.maxRows.toLocaleString("en")} rows; split it into several files`);
  if (headers.length > IMPORT_LIMITS.maxColumns) return fileProblem(fileName, `the file has ${headers.length} columns; at most ${IMPORT_LIMITS.maxColumns} are read`, 1);
  const detected = tableOfHeaders(headers);
  const entity = chosen ?? detected;
  if (!entity || !hasColumnsOf(entity, headers)) return fileProblem(fileName, noTableMessage(headers, chosen), 1);
  if (chosen && detected && detected !== chosen && !fitsTable(chosen, headers)) {
    return fileProblem(fileName, `the header row is that of ${TABLE_TITLES[detected]}, not ${TABLE_TITLES[chosen]}: choose ${TABLE_TITLES[detected]} as the table in the file, or let its header row say`, 1);
  }

  const problems: TableProblem[] = [];
  const rows: RawTable["rows"] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    if (cells.slice(headers.length).some((c) => c.trim() !== "")) {
      problems.push({ sheet: fileName, row, message: `the row has ${cells.length} cells but the header has ${headers.length} columns; the extra cells are ignored`, severity: "warning" });
    }
    rows.push({ row, cells: headers.map((_, c) => cells[c] ?? null) });
  });
  return { ok: true, tables: [{ entity, sheet: fileName, headers, rows }], problems };
}

/** Writes a table as CSV: UTF-8 with BOM, CRLF, text cells neutralised against formula injection. */
export function writeCsv(table: Pick<OutputTable, "headers" | "rows">): string {
  const text = (c: Cell) => (c === null ? "" : typeof c === "string" ? neutralise(c) : String(c));
  return `\uFEFF${stringify([table.headers.map(text), ...table.rows.map((r) => r.map(text))], { record_delimiter: "\r\n" })}`;
}
