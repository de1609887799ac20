// What a server page hands the DataTable: plain, serialisable data (no functions), already in
// words. The server decides which columns exist and formats every cell.
import type { ListState } from "@/lib/list-params";
import type { Rating } from "@/scoring/ratings";

export type TableState = ListState<string, string>;

export interface SelectOption {
  value: string;
  label: string;
}

export interface DataTableColumn {
  id: string;
  header: string;
  sortable?: boolean;
  /** First click sorts descending (criticality, counts: the largest first). */
  descFirst?: boolean;
  align?: "start" | "end";
  /** Long text (a list of changes, a description): the column keeps a reading width on a phone instead of wrapping a word per line. */
  wide?: boolean;
}

/**
 * A filter control. `country` is a select of every ISO 3166 country, built in the browser: its
 * 249 options would otherwise be rendered into every list page's HTML and RSC payload. `date` is
 * a calendar day (YYYY-MM-DD), the browser's date picker.
 */
export type DataTableFilter = { id: string; label: string } & ({ kind: "text"; placeholder?: string } | { kind: "select"; options: readonly SelectOption[] } | { kind: "country" } | { kind: "date" });

/** A live sovereignty score with its rating, shown as the rating badge. */
export interface RatingCell {
  score: number;
  rating: Rating;
}

/** A cell: text, a number (formatted for display), a list (joined), a rating, or nothing recorded. */
export type DataTableCell = string | number | readonly string[] | RatingCell | null;

export interface DataTableRow {
  id: string;
  /** The row's detail page, linked from its first cell. */
  href?: string;
  cells: Record<string, DataTableCell>;
}

/** The state a URL without parameters means; only differences from it are written to the URL. */
export interface TableDefaults {
  sort: TableState["sort"];
  cols: readonly string[];
  size: number;
}
