import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { AppError } from "@/lib/errors";
import { numbersWorkbook, rawWorkbook, rowXml } from "@/lib/testing/xlsx-files";
import { readCsv } from "./csv";
import { IMPORT_LIMITS } from "./file-limits";
import { fileRouteError, PayloadTooLargeError, readUploadForm } from "./file-routes";
import { readXlsx } from "./xlsx";

// Issue 7 (docs/decisions/031): files inside the size limit must not exhaust memory. Workbooks
// are read as a stream and refused at the first limit crossed, naming the limit and the place;
// the request body limit is the documented import limit everywhere, answered 413 beyond it.

const errorsOf = (r: Awaited<ReturnType<typeof readXlsx>>) => r.problems.filter((p) => p.severity === "error");
const OFFICE_HEADERS = ["Name", "Country", "Headcount", "Teams"];

describe("reading a workbook as a stream", () => {
  it("refuses the 47,000 x 64 workbook at the filled-cell limit, naming the limit, the sheet and the row, without reading on", async () => {
    const bytes = numbersWorkbook({ sheet: "Offices", rows: 47_000, columns: 64, headers: OFFICE_HEADERS });
    expect(bytes.byteLength).toBeLessThan(IMPORT_LIMITS.maxUploadBytes); // inside the size limit, as in the issue
    const started = performance.now();
    const read = await readXlsx(bytes, "wide.xlsx");
    const ms = performance.now() - started;
    // 1,000,000 cells are 15,625 rows of 64 (the header row included): the next cell passes the limit.
    expect(read).toEqual({
      ok: false,
      problems: [
        {
          sheet: "Offices",
          row: 15_626,
          message:
            'the workbook has more than 1,000,000 filled cells, the most one import reads (passed at A15626 of the sheet "Offices"); an inventory sheet has at most 16 columns: delete the columns it does not need, or split the file',
          severity: "error",
        },
      ],
    });
    expect(ms).toBeLessThan(8_000);
  }, 60_000);

  it("does not read a sheet that is not an inventory table, however large", async () => {
    // 1,280,000 cells: read, they would cross the cell limit.
    const bytes = numbersWorkbook({ sheet: "Sheet1", rows: 20_000, columns: 64 });
    const read = await readXlsx(bytes, "numbers.xlsx");
    expect(read.problems.map((p) => [p.severity, p.message.slice(0, 48)])).toEqual([
      ["warning", 'the sheet "Sheet1" is not an inventory table and'],
      ["error", "the workbook has none of the inventory sheets (O"],
    ]);
  }, 60_000);

  it("refuses more than 50,000 rows where the limit is passed, naming the sheet and the row", async () => {
    const bytes = numbersWorkbook({ sheet: "Offices", rows: IMPORT_LIMITS.maxRows + 1, columns: 2, headers: ["Name", "Headcount"] });
    expect(errorsOf(await readXlsx(bytes, "long.xlsx"))).toEqual([
      {
        sheet: "Offices",
        row: 50_002,
        message: 'the workbook has more than 50,000 rows, the most one import reads (passed on row 50,002 of the sheet "Offices"); split it into several files',
        severity: "error",
      },
    ]);
  });

  it("refuses a value beyond the 64th column and a cell longer than a spreadsheet cell can be", async () => {
    const wide = rawWorkbook([{ name: "Vendors", rows: [rowXml(1, ["Name", "Type"]), rowXml(2, ["Acme", "other", ...Array<null>(62).fill(null), "far out"])] }]);
    expect(errorsOf(await readXlsx(wide, "wide.xlsx"))).toEqual([
      {
        sheet: "Vendors",
        row: 2,
        column: "BM",
        message: 'the sheet "Vendors" has a value in column BM (column 65) on row 2; at most 64 columns are read: delete the columns the inventory does not need',
        severity: "error",
      },
    ]);
    const long = rawWorkbook([{ name: "Vendors", rows: [rowXml(1, ["Name", "Type"]), rowXml(2, ["x".repeat(40_000), "other"])] }]);
    expect(errorsOf(await readXlsx(long, "long.xlsx"))).toEqual([
      { sheet: "Vendors", row: 2, column: "A", message: 'the cell A2 of the sheet "Vendors" has more than 32,767 characters, more than a spreadsheet cell can hold', severity: "error" },
    ]);
  });

  it("counts cells across sheets: the limit is for the whole file", async () => {
    // 64 filled cells a row: 10,000 rows (640,000 cells) in each of two sheets.
    const sheet = (name: string) => ({
      name,
      rows: function* () {
        yield rowXml(1, Array.from({ length: 64 }, (_, c) => OFFICE_HEADERS[c] ?? `Extra ${c}`));
        for (let r = 2; r <= 10_000; r++) yield rowXml(r, Array.from({ length: 64 }, (_, c) => c + r));
      },
    });
    const read = await readXlsx(rawWorkbook([sheet("Offices"), sheet("Vendors")]), "two.xlsx");
    // 10,000 x 64 in Offices; in Vendors, 5,625 rows of 64 make the 1,000,000th cell.
    expect(errorsOf(read)).toEqual([{ sheet: "Vendors", row: 5_626, message: expect.stringContaining("more than 1,000,000 filled cells"), severity: "error" }]);
  }, 60_000);
});

describe("reading a CSV file", () => {
  it("stops at the filled-cell limit, naming the line", () => {
    const line = (n: number) => Array.from({ length: 64 }, (_, c) => n * 64 + c).join(",");
    const csv = new TextEncoder().encode(`${OFFICE_HEADERS.join(",")}${",x".repeat(60)}\n${Array.from({ length: 20_000 }, (_, i) => line(i)).join("\n")}\n`);
    expect(readCsv(csv, "offices", "wide.csv").problems).toEqual([
      {
        sheet: "wide.csv",
        row: 15_626,
        message: "the file has more than 1,000,000 filled cells, the most one import reads (passed on line 15,626); delete the columns the inventory does not need, or split the file",
        severity: "error",
      },
    ]);
  });
});

describe("the request body limit", () => {
  it("lets a body of the import limit through Next's proxy whole, with room for the form around it", () => {
    // proxy.ts makes Next buffer each body and pass on only the first proxyClientMaxBodySize bytes
    // (10 MB unless set): a 15.6 MB document arrived cut short and was answered "malformed JSON".
    // A body the proxy cuts must still read as larger than the limit, so the headroom is more than
    // one read chunk (64 KB) beyond the upload form.
    const proxyLimit = nextConfig.experimental?.proxyClientMaxBodySize;
    expect(typeof proxyLimit).toBe("number");
    expect(proxyLimit as number).toBeGreaterThanOrEqual(IMPORT_LIMITS.maxUploadBytes + IMPORT_LIMITS.maxFormOverheadBytes + 512 * 1024);
    expect(IMPORT_LIMITS.maxUploadBytes).toBe(25 * 1024 * 1024); // the documented limit (README, ADR 006 and 031)
  });

  const form = (bytes: number) => {
    const f = new FormData();
    f.set("intent", "preview");
    f.set("file", new File([new Uint8Array(bytes)], "inventory.xlsx"));
    return f;
  };
  const request = async (body: FormData, { declareLength = true, chunked = false } = {}) => {
    const probe = new Request("http://localhost/x", { method: "POST", body });
    const bytes = new Uint8Array(await probe.arrayBuffer());
    const headers = new Headers({ "content-type": probe.headers.get("content-type")! });
    if (declareLength) headers.set("content-length", String(bytes.byteLength));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    return new Request("http://localhost/x", { method: "POST", headers, body: chunked ? stream : bytes, duplex: "half" } as RequestInit);
  };

  it("reads an upload form up to the import limit, however it is sent", async () => {
    const read = await readUploadForm(await request(form(IMPORT_LIMITS.maxUploadBytes), { declareLength: false, chunked: true }));
    expect((read.get("file") as File).size).toBe(IMPORT_LIMITS.maxUploadBytes);
  });

  it("refuses an upload over the limit as too large (413), by its declared length or by counting the bytes as they come", async () => {
    const over = form(IMPORT_LIMITS.maxUploadBytes + IMPORT_LIMITS.maxFormOverheadBytes);
    for (const options of [{ declareLength: true }, { declareLength: false, chunked: true }]) {
      const error = await readUploadForm(await request(over, options)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayloadTooLargeError);
      const response = fileRouteError(error);
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/^The upload is .*25 MB.*Nothing was imported\.$/) });
    }
  });

  it("answers a busy refusal with Retry-After", async () => {
    const response = fileRouteError(new AppError("RATE_LIMITED", "busy", { retryAfterSeconds: 10 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("10");
  });
});
