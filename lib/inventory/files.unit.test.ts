import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCsv, writeCsv } from "./csv";
import { IMPORT_LIMITS } from "./file-limits";
import { documentToTables } from "./tabular";
import { readXlsx, writeXlsx } from "./xlsx";
import { rowXml, zip } from "@/lib/testing/xlsx-files";

const utf8 = (s: string) => new TextEncoder().encode(s);
const errorsOf = (r: Awaited<ReturnType<typeof readXlsx>>) => r.problems.filter((p) => p.severity === "error");

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * How the importer read workbooks before it read them as a stream (exceljs loading the whole
 * workbook), kept here as the reference the streaming reader must agree with.
 */
async function readWithExceljs(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const known = new Set(["offices", "vendors", "policy events"]);
  const dateText = (d: Date) => (d.toISOString().endsWith("T00:00:00.000Z") ? d.toISOString().slice(0, 10) : d.toISOString());
  const readCell = (value: ExcelJS.CellValue): { cell: string | number | boolean | null; problem?: string } => {
    if (value === null || value === undefined) return { cell: null };
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { cell: value };
    if (value instanceof Date) return { cell: dateText(value) };
    if ("formula" in value || "sharedFormula" in value) return { cell: null, problem: "formulas are not accepted: type the value itself (copy the cell, then paste values only)" };
    if ("richText" in value) return { cell: value.richText.map((r) => r.text).join("") };
    if ("error" in value) return { cell: null, problem: `the cell holds the error ${value.error}` };
    if ("text" in value) return { cell: typeof value.text === "string" ? value.text : null };
    return { cell: null, problem: "the cell's content cannot be read" };
  };
  const tables: { entity: string; sheet: string; headers: string[]; rows: { row: number; cells: unknown[] }[] }[] = [];
  const problems: { sheet: string; row?: number; column?: string; message: string; severity: string }[] = [];
  for (const sheet of wb.worksheets) {
    const name = sheet.name.trim().toLowerCase().replace(/[\s_]+/g, " ");
    if (!known.has(name)) continue;
    let headers: string[] | undefined;
    const rows: { row: number; cells: unknown[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const width = headers?.length ?? row.cellCount;
      const cells: unknown[] = [];
      for (let c = 1; c <= width; c++) {
        const { cell, problem: message } = readCell(row.getCell(c).value);
        if (message) problems.push({ sheet: sheet.name, row: rowNumber, column: headers?.[c - 1] ?? `column ${c}`, message, severity: "error" });
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
    tables.push({ entity: name === "policy events" ? "policy_events" : name, sheet: sheet.name, headers: headers!, rows });
  }
  return { tables, problems };
}

describe("reading CSV files", () => {
  it("reads a comma separated UTF-8 file with a BOM, numbering rows as a spreadsheet does", () => {
    const r = readCsv(utf8("\uFEFFName,Country\nMünchen,DE\n\n\"Zürich, Nord\",CH\n"), "offices", "offices.csv");
    expect(r).toMatchObject({ ok: true, tables: [{ headers: ["Name", "Country"], rows: [{ row: 2, cells: ["München", "DE"] }, { row: 4, cells: ["Zürich, Nord", "CH"] }] }] });
  });

  it("reads the semicolons Excel writes in German locales, and UTF-16 with a byte order mark", () => {
    expect(readCsv(utf8("Name;Country\nKöln;DE\n"), "offices", "o.csv")).toMatchObject({ ok: true, tables: [{ rows: [{ cells: ["Köln", "DE"] }] }] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name\tCountry\r\nGraz\tAT\r\n", "utf16le")]);
    expect(readCsv(new Uint8Array(utf16), "offices", "o.csv")).toMatchObject({ ok: true, tables: [{ rows: [{ cells: ["Graz", "AT"] }] }] });
  });

  it("refuses Latin-1 text and names the first line that is not UTF-8", () => {
    const latin1 = Buffer.from("Name,Country\nBerlin,DE\nDüsseldorf,DE\n", "latin1");
    const r = readCsv(new Uint8Array(latin1), "offices", "o.csv");
    expect(r).toEqual({ ok: false, problems: [{ sheet: "o.csv", row: 3, message: expect.stringMatching(/^line 3 is not valid UTF-8.*Latin-1.*CSV UTF-8/), severity: "error" }] });
  });

  it("refuses UTF-16 without a byte order mark, binary files and PDFs with a message saying what they are", () => {
    expect(readCsv(new Uint8Array(Buffer.from("Name,Country\nGraz,AT\n", "utf16le")), "offices", "o.csv").problems[0]!.message).toContain("UTF-16 text without a byte order mark");
    expect(readCsv(new Uint8Array([1, 2, 0, 3, 4, 5, 6, 7, 0, 8, 9, 10, 11, 12, 13, 14]), "offices", "o.csv").problems[0]!.message).toContain("binary file");
    expect(readCsv(utf8("%PDF-1.7\n..."), "offices", "o.csv").problems[0]!.message).toBe("this is a PDF document, not a CSV file");
    expect(readCsv(new Uint8Array(), "offices", "o.csv").problems[0]!.message).toBe("the file is empty");
  });

  it("reports a malformed CSV (an unclosed quote) with its line", () => {
    const r = readCsv(utf8('Name,Country\nBerlin,DE\n"Hamburg,DE\nKiel,DE\n'), "offices", "o.csv");
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toMatch(/^the CSV is malformed at line \d+: .*quote/i);
  });

  it("refuses a file over the size limit and over the row limit before reading rows", () => {
    const big = new Uint8Array(IMPORT_LIMITS.maxUploadBytes + 1).fill(0x41);
    expect(readCsv(big, "offices", "o.csv").problems[0]!.message).toMatch(/^the file is 26,214,401 bytes; at most 25 MB \(26,214,400 bytes\) can be imported at once$/);
    const many = utf8(`Name,Country\n${"X,DE\n".repeat(IMPORT_LIMITS.maxRows + 1)}`);
    expect(readCsv(many, "offices", "o.csv").problems[0]!.message).toContain("more than 50,000 rows");
  });

  it("writes cells that cannot run as formulas, with a BOM", () => {
    const csv = writeCsv({ headers: ["Name", "Headcount"], rows: [["=1+1", 3], ["@SUM(A1)", null], ["\tx", -1], ["plain", 0]] });
    expect(csv).toBe("\uFEFFName,Headcount\r\n'=1+1,3\r\n'@SUM(A1),\r\n'\tx,-1\r\nplain,0\r\n");
  });
});

describe("reading XLSX workbooks", () => {
  it("reads the sheets it knows, warns about the others, and names the row and column of a formula", async () => {
    const bytes = await workbook((wb) => {
      const offices = wb.addWorksheet("Offices");
      offices.addRow(["Name", "Country", "Headcount"]);
      offices.addRow(["Berlin", "DE", 10]);
      offices.addRow(["Paris", "FR", { formula: "1+1", result: 2 }]);
      wb.addWorksheet("Notes").addRow(["anything"]);
    });
    const r = await readXlsx(bytes, "book.xlsx");
    expect(r.ok && r.tables).toMatchObject([{ entity: "offices", sheet: "Offices", rows: [{ row: 2, cells: ["Berlin", "DE", 10] }, { row: 3, cells: ["Paris", "FR", null] }] }]);
    expect(r.problems).toEqual([
      { sheet: "Offices", row: 3, column: "Headcount", message: expect.stringContaining("formulas are not accepted"), severity: "error" },
      { sheet: "Notes", message: expect.stringContaining("is ignored"), severity: "warning" },
    ]);
  });

  it("refuses a PDF renamed to .xlsx, an old .xls, a damaged ZIP and a ZIP that is not a workbook", async () => {
    expect(errorsOf(await readXlsx(utf8("%PDF-1.4 hello"), "b.xlsx"))[0]!.message).toBe('this is a PDF document, not an Excel workbook (.xlsx); save it as "Excel Workbook (.xlsx)"');
    expect(errorsOf(await readXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), "b.xlsx"))[0]!.message).toContain("old Excel 97-2003");
    const good = await writeXlsx(documentToTables({ schemaVersion: "1.0", organisation: { key: "o", name: "O", hqCountry: "DE" }, offices: [], vendors: [], models: [], aiSystems: [], dependencies: [] }));
    expect(errorsOf(await readXlsx(good.subarray(0, good.length - 200), "b.xlsx"))[0]!.message).toContain("damaged");
    const cut = new Uint8Array(good);
    cut.fill(0x20, 200, 400); // inside the first entry's compressed data
    expect(errorsOf(await readXlsx(cut, "b.xlsx"))[0]!.message).toMatch(/damaged|unpack/);
    expect(errorsOf(await readXlsx(zip([{ name: "word/document.xml", data: utf8("<w/>") }]), "b.docx.xlsx"))[0]!.message).toContain("not an Excel workbook");
  });

  it("refuses a ZIP bomb from its directory, without inflating it", async () => {
    // 40 entries sharing one deflated blob of 10 MB zeros: 400 MB declared, ~10 KB on disk.
    const blob = deflateRawSync(Buffer.alloc(10 * 1024 * 1024));
    const bomb = zip([{ name: "xl/workbook.xml", data: utf8("<workbook/>") }, ...Array.from({ length: 40 }, (_, i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: new Uint8Array(), compressed: blob, realSize: 10 * 1024 * 1024 }))]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const r = await readXlsx(bomb, "bomb.xlsx");
    expect(errorsOf(r)).toEqual([{ sheet: "bomb.xlsx", message: "the workbook would unpack to 400 MB; at most 100 MB is accepted (is it a ZIP bomb?)", severity: "error" }]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses a ZIP of more entries than a workbook has, from its directory", async () => {
    const count = IMPORT_LIMITS.maxZipEntries + 1;
    const many = zip([{ name: "xl/workbook.xml", data: utf8("<workbook/>") }, ...Array.from({ length: count - 1 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: utf8("x") }))]);
    expect(errorsOf(await readXlsx(many, "many.xlsx"))).toEqual([{ sheet: "many.xlsx", message: `the workbook holds ${count} files; an inventory workbook has far fewer (at most ${IMPORT_LIMITS.maxZipEntries})`, severity: "error" }]);
  });

  it("refuses a ZIP whose directory lies about sizes, stopping at the declared size", async () => {
    const blob = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const liar = zip([{ name: "xl/workbook.xml", data: utf8("<workbook/>") }, { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(), compressed: blob, declaredSize: 1024 }]);
    expect(errorsOf(await readXlsx(liar, "liar.xlsx"))[0]!.message).toContain("unpacks to more than its directory declares");
  });

  it("expands no XML entities: a sheet declaring an external entity (XXE) or nested ones (billion laughs) is refused as damaged, and the file named is never read", async () => {
    const secret = path.join(mkdtempSync(path.join(tmpdir(), "sovra-xxe-")), "secret.txt");
    writeFileSync(secret, "TOP-SECRET-CONTENT");
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const book = (doctype: string, name: string) =>
      zip([
        { name: "xl/_rels/workbook.xml.rels", data: utf8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
        { name: "xl/workbook.xml", data: utf8(`<workbook ${ns}><sheets><sheet name="Offices" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
        { name: "xl/worksheets/sheet1.xml", data: utf8(`<?xml version="1.0" encoding="UTF-8"?>${doctype}<worksheet ${ns}><sheetData>${rowXml(1, ["Name", "Country"])}<row r="2"><c r="A2" t="inlineStr"><is><t>${name}</t></is></c><c r="B2" t="inlineStr"><is><t>DE</t></is></c></row></sheetData></worksheet>`) },
      ]);
    // The same sheet with a DTD but no entity reference reads normally: the refusals below are the entities'.
    const plain = await readXlsx(book(`<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "${pathToFileURL(secret).href}">]>`, "Bonn"), "plain.xlsx");
    expect(plain.problems).toEqual([]);
    expect(plain.ok && plain.tables[0]!.rows).toEqual([{ row: 2, cells: ["Bonn", "DE"] }]);
    const laughs = `<!DOCTYPE worksheet [<!ENTITY l0 "ha">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("")}]>`;
    for (const [doctype, name] of [
      [`<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "${pathToFileURL(secret).href}">]>`, "&xxe;"],
      [`<!DOCTYPE worksheet SYSTEM "${pathToFileURL(secret).href}">`, "&xxe;"],
      [laughs, "&l9;"],
    ]) {
      const read = await readXlsx(book(doctype!, name!), "entities.xlsx");
      expect(read.ok, name).toBe(false);
      expect(errorsOf(read), name).toEqual([{ sheet: "entities.xlsx", message: expect.stringContaining("the workbook is damaged (xl/worksheets/sheet1.xml is not readable XML)"), severity: "error" }]);
      expect(JSON.stringify(read)).not.toContain("TOP-SECRET");
    }
  });

  it("reads, as a stream, what loading the whole workbook with exceljs reads: text, numbers, dates, booleans, rich text, links, errors and formulas", async () => {
    const bytes = await workbook((wb) => {
      const offices = wb.addWorksheet("Offices");
      offices.getRow(1).getCell(5).style = { font: { bold: true } }; // a styled empty cell above the header
      offices.addRow([]);
      offices.getRow(2).values = ["Name", "Country", "Headcount", "Teams"];
      offices.getRow(3).values = ["München Süd", "DE", 1200.5, { richText: [{ text: "Eng" }, { font: { bold: true }, text: "ineering" }] }];
      offices.getRow(5).values = ["  ", null, null, null]; // blank, skipped
      offices.getRow(6).values = ["Lyon", "FR", -3, { text: "Wiki", hyperlink: "https://example.org" }, "beyond the header"];
      offices.getRow(7).values = ["Formel", "DE", { formula: "1+1", result: 2 }, { error: "#N/A" }];
      const events = wb.addWorksheet("policy_events");
      events.addRow(["Key", "Kind", "Effective date", "Date estimated", "Expires", "Summary"]);
      events.addRow(["k1", "impose", new Date("2026-03-02T00:00:00Z"), true, new Date("2026-07-13T12:30:00Z"), "<b>&amp; \"quoted\"</b>"]);
      events.addRow(["k2", "lift", 46000, false, null, "x"]);
      wb.addWorksheet("Read me").addRow(["ignored"]);
    });
    const expected = await readWithExceljs(bytes);
    const read = await readXlsx(bytes, "book.xlsx");
    expect(read.ok && read.tables).toEqual(expected.tables);
    expect(read.problems).toEqual(expected.problems);
    // The rows themselves, so the comparison cannot pass on two empty reads.
    expect(read.ok && read.tables.map((t) => t.rows.map((r) => [r.row, ...r.cells]))).toEqual([
      [
        [3, "München Süd", "DE", 1200.5, "Engineering"],
        [6, "Lyon", "FR", -3, "Wiki"],
        [7, "Formel", "DE", null, null],
      ],
      [
        ["k1", "impose", "2026-03-02", true, "2026-07-13T12:30:00.000Z", '<b>&amp; "quoted"</b>'],
        ["k2", "lift", 46000, false, null, "x"],
      ].map((cells, i) => [i + 2, ...cells]),
    ]);
    expect(read.problems.map((p) => [p.sheet, p.row, p.column, p.message.slice(0, 25)])).toEqual([
      ["Offices", 2, undefined, "the header is on row 2; r"],
      ["Offices", 7, "Headcount", "formulas are not accepted"],
      ["Offices", 7, "Teams", "the cell holds the error "],
    ]);
  });

  it("reads dates of a workbook counted from 1904 as exceljs does", async () => {
    const bytes = await workbook((wb) => {
      wb.properties.date1904 = true;
      wb.addWorksheet("Vendors").addRows([["Name", "As of"], ["Acme", new Date("2025-12-31T00:00:00Z")]]);
    });
    const read = await readXlsx(bytes, "1904.xlsx");
    expect(read.ok && read.tables[0]!.rows[0]!.cells).toEqual(["Acme", "2025-12-31"]);
    expect(read.ok && read.tables).toEqual((await readWithExceljs(bytes)).tables);
  });

  it("writes plain values, never formulas, and neutralises text that would run as one", async () => {
    const bytes = await writeXlsx([{ entity: "offices", title: "Offices", headers: ["Name", "Country", "Headcount"], rows: [["=cmd|' /C calc'!A0", "DE", 5]] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const row = wb.getWorksheet("Offices")!.getRow(2);
    expect(row.getCell(1).value).toBe("'=cmd|' /C calc'!A0");
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(3).value).toBe(5);
    const read = await readXlsx(bytes, "x.xlsx");
    expect(read.ok && read.tables[0]!.rows[0]!.cells).toEqual(["'=cmd|' /C calc'!A0", "DE", 5]);
  });
});
