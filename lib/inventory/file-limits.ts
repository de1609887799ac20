// Limits on uploaded inventory files (docs/decisions/008-spreadsheet-import.md). They bound the
// memory and time one import can take before anything is parsed.

export const IMPORT_LIMITS = {
  /**
   * Largest upload. Below Next's 10 MB proxy body buffer (proxy.ts runs on every request), so a
   * file at the limit still arrives whole and is refused by us with a clear message.
   */
  maxUploadBytes: 8 * 1024 * 1024,
  /** Data rows in one file, all sheets together (the JSON document allows more: 100,000). */
  maxRows: 50_000,
  /** Columns in one sheet or CSV file (the widest table has 16). */
  maxColumns: 64,
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
