// The state of a list screen lives in its URL (?q=&sort=name.asc&f.country=DE&cols=name,country
// &page=2&size=50), so a view can be shared and survives a reload. The URL is client input: this
// module parses it against a list's whitelist of columns, sorts and filters, keeps what is valid
// and says in plain words what it ignored, and turns the result into Prisma arguments. Nothing
// from the URL reaches Prisma except through the mapping functions a list defines itself.
import { z } from "zod";
import { countryCodeSchema } from "@/lib/countries";
import { textProblem } from "@/lib/text";
// The page sizes are in a file without zod, which the list screens' browser code imports.
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZES } from "@/lib/page-sizes";

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZES };
const MAX_SEARCH = 100;
const MAX_TEXT_FILTER = 100;
const MAX_PAGE = 100_000;

/** How a filter's value is checked: free text (contains), one of a fixed set, a country code, a calendar day (YYYY-MM-DD) or a row's id (UUID). */
export type FilterSpec = { kind: "text" } | { kind: "enum"; values: readonly string[] } | { kind: "country" } | { kind: "date" } | { kind: "uuid" };

/** What a list allows, by column id. Only these ids are ever read from the URL. */
export interface ListSpec<C extends string = string, S extends C = C, F extends string = string> {
  /** Every column, in display order. */
  columns: readonly C[];
  /** Shown when the URL has no `cols`; all columns when unset. */
  defaultColumns?: readonly C[];
  /** Columns that cannot be hidden (the row's name, which links to its page). */
  alwaysShown?: readonly C[];
  sortable: readonly S[];
  defaultSort: { id: S; desc: boolean };
  filters: Readonly<Record<F, FilterSpec>>;
}

export interface ListState<S extends string = string, F extends string = string> {
  q: string;
  sort: { id: S; desc: boolean };
  filters: Partial<Record<F, string>>;
  /** Visible columns, in display order. */
  cols: string[];
  page: number;
  size: number;
}

export interface ParsedList<S extends string = string, F extends string = string> {
  state: ListState<S, F>;
  /** What was ignored or corrected, for a notice above the table. */
  notices: string[];
}

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: RawParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

function keys(params: RawParams): string[] {
  return params instanceof URLSearchParams ? [...new Set(params.keys())] : Object.keys(params);
}

const sortSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*\.(asc|desc)$/);
// Digits only: "1e3", "0x10" and " 2" are not page numbers, however Number() reads them.
const positiveInt = z.string().regex(/^\d{1,9}$/).transform(Number).pipe(z.number().int().positive());

/**
 * Parses a list's search params. Never throws: invalid parts fall back to defaults and are
 * reported in `notices`.
 * @example parseListParams(spec, { sort: "name.desc", size: "500" })
 *   // { state: { sort: { id: "name", desc: true }, size: 250, ... }, notices: ["Showing at most 250 rows per page."] }
 */
export function parseListParams<C extends string, S extends C, F extends string>(spec: ListSpec<C, S, F>, params: RawParams): ParsedList<S, F> {
  const notices: string[] = [];

  let q = (first(params, "q") ?? "").trim();
  // A control character (`?q=%00`) cannot be searched for, and NUL would fail in the database.
  // proxy.ts answers such an address with 400 before a page runs; this is the net under it.
  if (textProblem(q, "any")) {
    q = "";
    notices.push("The search contains an invisible control character and was ignored.");
  }
  if (q.length > MAX_SEARCH) {
    q = q.slice(0, MAX_SEARCH);
    notices.push(`The search was shortened to its first ${MAX_SEARCH} characters.`);
  }

  let sort: { id: S; desc: boolean } = { ...spec.defaultSort };
  const rawSort = first(params, "sort");
  if (rawSort) {
    const [id, dir] = sortSchema.safeParse(rawSort).success ? rawSort.split(".") : [];
    if (id && (spec.sortable as readonly string[]).includes(id)) sort = { id: id as S, desc: dir === "desc" };
    else notices.push(`The list cannot be sorted by "${truncate(rawSort)}"; it is sorted by ${spec.defaultSort.id} instead.`);
  }

  const filters: Partial<Record<F, string>> = {};
  for (const key of keys(params)) {
    if (!key.startsWith("f.")) continue;
    const id = key.slice(2);
    const value = (first(params, key) ?? "").trim();
    if (!value) continue;
    const filter = Object.hasOwn(spec.filters, id) ? spec.filters[id as F] : undefined;
    if (!filter) {
      notices.push(`There is no filter "${truncate(id)}"; it was ignored.`);
      continue;
    }
    const checked = checkFilter(filter, value);
    if (checked === null) notices.push(`"${truncate(value)}" is not a valid value for the ${id} filter; it was ignored.`);
    else filters[id as F] = checked;
  }

  const defaultCols = [...(spec.defaultColumns ?? spec.columns)];
  let cols = defaultCols;
  const rawCols = first(params, "cols");
  if (rawCols !== undefined) {
    const wanted = new Set(rawCols.split(",").map((c) => c.trim()).filter(Boolean));
    const unknown = [...wanted].filter((c) => !(spec.columns as readonly string[]).includes(c));
    if (unknown.length) notices.push(`Unknown column${unknown.length === 1 ? "" : "s"} ignored: ${unknown.map(truncate).join(", ")}.`);
    for (const c of spec.alwaysShown ?? []) wanted.add(c);
    const known = spec.columns.filter((c) => wanted.has(c));
    cols = known.length ? known : defaultCols;
  }

  let page = 1;
  const rawPage = first(params, "page");
  if (rawPage !== undefined) {
    const parsed = positiveInt.safeParse(rawPage);
    if (parsed.success && parsed.data <= MAX_PAGE) page = parsed.data;
    else notices.push(`"${truncate(rawPage)}" is not a page number; showing the first page.`);
  }

  let size = DEFAULT_PAGE_SIZE;
  const rawSize = first(params, "size");
  if (rawSize !== undefined) {
    const parsed = positiveInt.safeParse(rawSize);
    if (!parsed.success) notices.push(`"${truncate(rawSize)}" is not a page size; showing ${DEFAULT_PAGE_SIZE} rows per page.`);
    else if (parsed.data > MAX_PAGE_SIZE) {
      size = MAX_PAGE_SIZE;
      notices.push(`Showing at most ${MAX_PAGE_SIZE} rows per page.`);
    } else size = parsed.data;
  }

  return { state: { q, sort, filters, cols, page, size }, notices };
}

function checkFilter(filter: FilterSpec, value: string): string | null {
  switch (filter.kind) {
    case "text":
      return textProblem(value, "any") ? null : value.slice(0, MAX_TEXT_FILTER);
    case "enum":
      return filter.values.includes(value) ? value : null;
    case "country": {
      const parsed = countryCodeSchema.safeParse(value);
      return parsed.success ? parsed.data : null;
    }
    case "date":
      return z.iso.date().safeParse(value).success ? value : null;
    case "uuid":
      return z.uuid().safeParse(value).success ? value.toLowerCase() : null;
  }
}

/** A value from the URL as a notice quotes it: at most 40 characters, control characters as "?". */
function truncate(raw: string): string {
  const s = [...raw].map((c) => (textProblem(c, "any") ? "?" : c)).join("");
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

// ---- to Prisma ------------------------------------------------------------------------------

export type SortDir = "asc" | "desc";

/** `skip`/`take` for the state's page. */
export function pageArgs(state: Pick<ListState, "page" | "size">): { skip: number; take: number } {
  return { skip: (state.page - 1) * state.size, take: state.size };
}

/**
 * `orderBy` for the state's sort, then `tiebreak` (a unique column) so that pages never overlap
 * or skip rows when the sorted values repeat.
 */
export function toOrderBy<S extends string, O>(state: Pick<ListState<S>, "sort">, orderBy: Record<S, (dir: SortDir) => O | O[]>, tiebreak: O[]): O[] {
  const chosen = orderBy[state.sort.id](state.sort.desc ? "desc" : "asc");
  return [...(Array.isArray(chosen) ? chosen : [chosen]), ...tiebreak];
}

/** The `AND` parts of a `where` for the search and filters; the caller adds the organisation. */
export function toWhereParts<F extends string, W>(state: Pick<ListState<string, F>, "q" | "filters">, map: { search: (q: string) => W; filters: Record<F, (value: string) => W> }): W[] {
  const parts: W[] = [];
  if (state.q) parts.push(map.search(state.q));
  for (const [id, value] of Object.entries(state.filters) as [F, string | undefined][]) {
    if (value !== undefined && Object.hasOwn(map.filters, id)) parts.push(map.filters[id](value));
  }
  return parts;
}

/**
 * Case-insensitive "contains" for a text column. Prisma sends `ILIKE '%' || value || '%'` and
 * leaves LIKE's own wildcards in the value alone: `%`, `_` and the escape character `\` are
 * escaped here, so a search for "50%" or "p_1" finds those characters, not every row.
 */
export function contains(value: string) {
  return { contains: escapeLike(value), mode: "insensitive" as const };
}

/** `value` with LIKE's wildcards and its escape character (PostgreSQL's default, `\`) escaped. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The page a list actually shows: past the last page, the last one. */
export function lastPageFor(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export interface Page<R> {
  rows: R[];
  /** Rows matching the search and filters, on all pages. */
  total: number;
  /** The page shown: the one asked for, or the last one when that was past the end. */
  page: number;
  size: number;
}

/** Whether a list shows every row: no search, no filter (its total is then the inventory's count). */
export function isUnfiltered(state: Pick<ListState, "q" | "filters">): boolean {
  return !state.q && Object.values(state.filters).every((v) => v === undefined);
}

/**
 * What a view's row count depends on, as a string: its search and filters (in a fixed order), not
 * its sort, columns or page. Two views with the same key match the same rows.
 */
export function viewKey(state: Pick<ListState, "q" | "filters">): string {
  const filters = Object.entries(state.filters)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([state.q, filters]);
}

/**
 * Runs a list's page query: rows and total as two statements at once (`Promise.all`, two pooled
 * connections), not a `$transaction`, which serialises them with BEGIN/COMMIT and, under load,
 * fails after waiting 2 s for a connection. A page past the end (a shared link after rows were
 * deleted) is answered with the last page, at the cost of a second query.
 */
export async function fetchPage<R>(state: Pick<ListState, "page" | "size">, query: (args: { skip: number; take: number }) => Promise<[R[], number]>): Promise<Page<R>> {
  const [rows, total] = await query(pageArgs(state));
  const last = lastPageFor(total, state.size);
  if (rows.length === 0 && state.page > last && total > 0) {
    const [lastRows, lastTotal] = await query(pageArgs({ page: last, size: state.size }));
    return { rows: lastRows, total: lastTotal, page: last, size: state.size };
  }
  return { rows, total, page: state.page, size: state.size };
}

/**
 * A page sorted by a value the database does not hold (a live score): `ids` are every matching
 * row's id in the tie-break order, `rank` gives each one's value, and `load` fetches one page's
 * rows by id. Ascending puts the lowest first; rows without a value come last either way.
 */
export async function fetchRankedPage<R extends { id: string }>(
  state: Pick<ListState, "page" | "size" | "sort">,
  ids: readonly string[],
  rank: (id: string) => number | undefined,
  load: (ids: string[]) => Promise<R[]>,
): Promise<Page<R>> {
  const dir = state.sort.desc ? -1 : 1;
  const ranked = [...ids].sort((x, y) => {
    const a = rank(x);
    const b = rank(y);
    if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
    return (a - b) * dir;
  });
  return fetchPage(state, async ({ skip, take }) => {
    const pageIds = ranked.slice(skip, skip + take);
    const byId = new Map((await load(pageIds)).map((r) => [r.id, r]));
    return [pageIds.flatMap((id) => byId.get(id) ?? []), ranked.length];
  });
}
