import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCsv, writeCsv } from "./csv";
import { IMPORT_LIMITS } from "./file-limits";
import { documentToTables } from "./tabular";
import { readXlsx, writeXlsx } from "./xlsx";

const utf8 = (s: string) => new TextEncoder().encode(s);
const errorsOf = (r: Awaited<ReturnType<typeof readXlsx>>) => r.problems.filter((p) => p.severity === "error");

interface ZipFile {
  name: string;
  data: Uint8Array;
  /** Write this as the uncompressed size instead of the real one (a lying directory). */
  declaredSize?: number;
  /** Reuse compressed bytes (many entries pointing at one deflated blob, as bombs do). */
  compressed?: Uint8Array;
  realSize?: number;
}

/** A minimal ZIP writer (deflate, no data descriptors), to build bombs a real writer would not. */
function zip(files: ZipFile[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const body = f.compressed ?? deflateRawSync(f.data);
    const size = f.declaredSize ?? f.realSize ?? f.data.length;
    const crc = f.compressed ? 0 : crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(body));
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
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
    expect(readCsv(big, "offices", "o.csv").problems[0]!.message).toMatch(/at most 8\.0 MB/);
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

  it("refuses a ZIP whose directory lies about sizes, stopping at the declared size", async () => {
    const blob = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const liar = zip([{ name: "xl/workbook.xml", data: utf8("<workbook/>") }, { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(), compressed: blob, declaredSize: 1024 }]);
    expect(errorsOf(await readXlsx(liar, "liar.xlsx"))[0]!.message).toContain("unpacks to more than its directory declares");
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
