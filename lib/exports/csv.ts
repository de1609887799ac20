import { stringify } from "csv-stringify/sync";
import { writeCsv } from "@/lib/inventory/csv";
import { neutralise } from "@/lib/inventory/tabular";
import type { DoraTable } from "./dora/build";
import type { ExportGap } from "./source";

// Two CSV dialects. The DORA templates follow the EBA's plain-CSV (xBRL-CSV) reporting tables:
// UTF-8 without a byte order mark, comma separated, CRLF, a header row of column codes (c0010,
// c0020, ...) and an empty cell where a value is absent. The files people read in a spreadsheet
// (gaps, AI Act inventory) are the inventory export's: UTF-8 with a BOM so Excel shows accents.
// Both neutralise free text against formula injection (lib/inventory/tabular.ts); coded cells
// (eba_..., dates, numbers) cannot start with a formula character, so they pass unchanged.

/** A DORA template as the EBA's CSV table: codes as headers, free text neutralised. */
export function writeDoraCsv(table: Pick<DoraTable, "template" | "rows">): string {
  const free = table.template.columns.map((c) => c.type === "alphanumerical");
  const rows = table.rows.map((r) => r.map((cell, i) => (free[i] ? neutralise(cell) : cell)));
  return stringify([table.template.columns.map((c) => c.code), ...rows], { record_delimiter: "\r\n" });
}

export const GAP_HEADERS = ["File", "Row", "Column", "Column label", "About", "Kind", "What to do"] as const;

/** The gaps as a CSV a risk officer works through (row numbers count data rows, not the header). */
export function writeGapsCsv(gaps: readonly ExportGap[]): string {
  return writeCsv({ headers: [...GAP_HEADERS], rows: gaps.map((g) => [g.file, g.row, g.column, g.label, g.subject, g.kind === "missing" ? "missing: fill in" : "filled by Sovra: confirm", g.note]) });
}

export { writeCsv };
