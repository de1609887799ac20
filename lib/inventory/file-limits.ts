// Limits on imported inventory files and documents (docs/decisions/008-spreadsheet-import.md and
// 031-import-limits-and-idempotency.md). They bound the memory and time one import can take:
// the size before anything is parsed, and rows, cells and columns as they are read, stopping at
// the first one crossed.

export const IMPORT_LIMITS = {
  /**
   * Largest import, however it arrives: a file uploaded on the import page (JSON, CSV or XLSX) or
   * the inventory document sent to the API. The one documented limit (README, ADR 006 and 031).
   * Next's proxy lets bodies this large through whole (`proxyClientMaxBodySize` in next.config.ts,
   * checked by a test), so a larger one is answered 413 by us, never cut short.
   */
  maxUploadBytes: 25 * 1024 * 1024,
  /** The upload form around the file: multipart boundaries, the intent, table and hash fields. */
  maxFormOverheadBytes: 64 * 1024,
  /** Data rows in one file, all sheets together (the JSON document allows more: 100,000). */
  maxRows: 50_000,
  /** Columns in one sheet or CSV file (the widest table has 16). */
  maxColumns: 64,
  /**
   * Filled cells in one file, all sheets together: 50,000 rows of the widest table are 800,000.
   * Counted while reading, so a file of many rows and many columns is refused early.
   */
  maxCells: 1_000_000,
  /** Characters in one cell: what Excel itself allows. */
  maxCellCharacters: 32_767,
  /** What an XLSX may unpack to, read from the ZIP directory before anything is inflated. */
  maxUnzippedBytes: 100 * 1024 * 1024,
  /** Files inside an XLSX (a workbook of 9 sheets has about 20). */
  maxZipEntries: 500,
} as const;

/** `8388608` -> `"8 MB"`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes >= 10 * 1024 ** 2 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * "the file is 31 MB; at most 25 MB can be imported at once", with the exact bytes where rounding
 * would make the size read as the limit itself.
 */
export function tooLargeMessage(bytes: number, what = "the file"): string {
  const limit = IMPORT_LIMITS.maxUploadBytes;
  const size = formatBytes(bytes) === formatBytes(limit) ? `${bytes.toLocaleString("en")} bytes` : formatBytes(bytes);
  return `${what} is ${size}; at most ${formatBytes(limit)} (${limit.toLocaleString("en")} bytes) can be imported at once`;
}

/** Recognises a file by its first bytes, to name what a wrongly typed file really is. */
export function sniffBinary(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return "a PDF document";
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return "a ZIP archive (an .xlsx workbook is one)";
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return "an old Excel 97-2003 (.xls) file or an encrypted workbook";
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "a PNG image";
  if (starts(0xff, 0xd8, 0xff)) return "a JPEG image";
  if (starts(0x1f, 0x8b)) return "a gzip archive";
  return undefined;
}
