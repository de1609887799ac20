import { crc32, deflateRawSync } from "node:zlib";

// Workbooks built byte by byte for tests and benchmarks: shapes a spreadsheet program would not
// write (ZIP bombs, lying directories) and large sheets written in a second rather than the
// minutes and gigabytes a workbook library takes for millions of cells.

export interface ZipFile {
  name: string;
  data: Uint8Array;
  /** Write this as the uncompressed size instead of the real one (a lying directory). */
  declaredSize?: number;
  /** Reuse compressed bytes (many entries pointing at one deflated blob, as bombs do). */
  compressed?: Uint8Array;
  realSize?: number;
}

/** A minimal ZIP writer (deflate, no data descriptors). */
export function zip(files: ZipFile[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const body = f.compressed ?? deflateRawSync(f.data, { level: 1 });
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

const utf8 = (s: string) => new TextEncoder().encode(s);
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** 65 -> `BM`. */
function letters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A cell of a raw sheet: text (written inline), a number, or raw XML for the `<c>` element's inside. */
export type RawCell = string | number | null | { xml: string; type?: string };

/** One row as `<row>` XML, its cells from column A on (null leaves a cell out). */
export function rowXml(row: number, cells: RawCell[]): string {
  let out = `<row r="${row}">`;
  cells.forEach((cell, i) => {
    if (cell === null) return;
    const ref = `${letters(i + 1)}${row}`;
    if (typeof cell === "number") out += `<c r="${ref}"><v>${cell}</v></c>`;
    else if (typeof cell === "string") out += `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`;
    else out += `<c r="${ref}"${cell.type ? ` t="${cell.type}"` : ""}>${cell.xml}</c>`;
  });
  return `${out}</row>`;
}

/**
 * An .xlsx of raw sheets: each sheet's rows are given as `<row>` XML (see {@link rowXml}), or as
 * a function that yields them, for sheets too large to hold as one string twice.
 */
export function rawWorkbook(sheets: { name: string; rows: string[] | (() => Iterable<string>) }[]): Uint8Array {
  const files: ZipFile[] = [
    {
      name: "[Content_Types].xml",
      data: utf8(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: utf8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: utf8(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      data: utf8(`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`),
    },
  ];
  sheets.forEach((s, i) => {
    const parts: Buffer[] = [Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`)];
    const rows = typeof s.rows === "function" ? s.rows() : s.rows;
    let batch: string[] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length < 1000) continue;
      parts.push(Buffer.from(batch.join("")));
      batch = [];
    }
    parts.push(Buffer.from(`${batch.join("")}</sheetData></worksheet>`));
    files.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: new Uint8Array(Buffer.concat(parts)) });
  });
  return zip(files);
}

/**
 * A workbook of one sheet holding `rows` data rows of `columns` numbers under a header row of
 * `headers` (then "Extra n" for the remaining columns): the shape of issue 7's 47,000 x 64 file.
 */
export function numbersWorkbook({ sheet, rows, columns, headers = [] }: { sheet: string; rows: number; columns: number; headers?: string[] }): Uint8Array {
  const header = Array.from({ length: columns }, (_, c) => headers[c] ?? `Extra ${c + 1}`);
  const refs = Array.from({ length: columns }, (_, c) => letters(c + 1));
  // Strings joined from parts, not grown with +=: V8 builds the latter ~10x slower here.
  const numbers = Array.from({ length: 997 }, (_, i) => String(((i * 7919) % 99_991) / 10));
  return rawWorkbook([
    {
      name: sheet,
      rows: function* () {
        yield rowXml(1, header);
        const cells: string[] = [];
        for (let r = 2; r <= rows + 1; r++) {
          for (let c = 0; c < columns; c++) cells[c] = `<c r="${refs[c]}${r}"><v>${numbers[(r * 31 + c) % 997]}</v></c>`;
          yield `<row r="${r}">${cells.join("")}</row>`;
        }
      },
    },
  ]);
}
