"use client";
// A list screen's table. The server owns the data: it sorts, filters and pages, and sends one
// page. This component owns nothing but the URL: every change (sort, search, filter, columns,
// page) is written to the query string with router.replace, the server renders the new page,
// and meanwhile the table shows the new state at once (useOptimistic) and that it is loading.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { memo, useEffect, useMemo, useOptimistic, useRef, useSyncExternalStore, useTransition } from "react";
import {
  columnVisibilityFeature,
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type PaginationState,
  type SortingState,
} from "@tanstack/react-table";
import type { ListSpec } from "@/lib/list-params";
import { DEFAULT_PAGE_SIZE } from "@/lib/page-sizes";
import { COUNTRY_OPTIONS, countryName, isCountryCode } from "@/lib/country-codes";
import { cn } from "@/components/ui/cn";
import { Card } from "@/components/ui/card";
import { ColumnChooser } from "./column-chooser";
import { DebouncedInput } from "./debounced-input";
import { Pagination } from "./pagination";
import { RatingBadge } from "@/components/scores/rating-badge";
import type { DataTableCell, RatingCell, DataTableColumn, DataTableFilter, DataTableRow, SelectOption, TableDefaults, TableState } from "./types";
import { toSearchParams } from "./url-state";

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature, rowPaginationFeature });
const helper = createColumnHelper<typeof features, DataTableRow>();

export interface DataTableProps {
  /** Names the table for screen readers, e.g. "AI systems of Mainfeld". */
  caption: string;
  /** What the rows are, in running text, for the search box and the empty state: "AI systems", "offices". */
  noun: string;
  spec: Pick<ListSpec, "columns" | "defaultColumns" | "alwaysShown" | "defaultSort">;
  columns: readonly DataTableColumn[];
  filters?: readonly DataTableFilter[];
  rows: DataTableRow[];
  total: number;
  state: TableState;
  /** Shown when the organisation has no rows at all (not when a search finds none). */
  emptyText: string;
  /** The search box's label and placeholder when it searches something narrower than the rows' names ("Entity id"). */
  searchLabel?: string;
  searchPlaceholder?: string;
}

export function DataTable({ caption, noun, spec, columns, filters = [], rows, total, state, emptyText, searchLabel = "Search", searchPlaceholder }: DataTableProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [view, setView] = useOptimistic(state);
  const defaults = useMemo<TableDefaults>(() => ({ sort: spec.defaultSort, cols: spec.defaultColumns ?? spec.columns, size: DEFAULT_PAGE_SIZE }), [spec]);

  // Debounced inputs commit after a delay: they must start from the newest state, not the one
  // of the render in which the timer was set.
  const latest = useRef(view);
  useEffect(() => {
    latest.current = view;
  });
  const update = (change: (current: TableState) => TableState) => {
    const next = change(latest.current);
    latest.current = next;
    const search = toSearchParams(next, defaults);
    startTransition(() => {
      setView(next);
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
    });
  };

  const alwaysShown = spec.alwaysShown;
  const columnDefs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row) => row.cells[c.id] ?? null, {
            id: c.id,
            header: c.header,
            cell: (info) => <CellValue value={info.getValue()} />,
            enableSorting: c.sortable ?? false,
            sortDescFirst: c.descFirst ?? false,
            enableHiding: !(alwaysShown ?? []).includes(c.id),
          }),
        ),
      ),
    [columns, alwaysShown],
  );

  const sorting = useMemo<SortingState>(() => [{ id: view.sort.id, desc: view.sort.desc }], [view.sort.id, view.sort.desc]);
  const columnVisibility = useMemo<ColumnVisibilityState>(() => Object.fromEntries(columns.map((c) => [c.id, view.cols.includes(c.id)])), [columns, view.cols]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: view.page - 1, pageSize: view.size }), [view.page, view.size]);

  const table = useTable({
    features,
    columns: columnDefs,
    data: rows,
    getRowId: (row) => row.id,
    state: { sorting, columnVisibility, pagination },
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const [next] = functionalUpdate(updater, sorting);
      if (next) update((v) => ({ ...v, sort: { id: next.id, desc: next.desc }, page: 1 }));
    },
    onColumnVisibilityChange: (updater) => {
      const next = functionalUpdate(updater, columnVisibility);
      update((v) => ({ ...v, cols: columns.map((c) => c.id).filter((id) => next[id] !== false) }));
    },
    onPaginationChange: (updater) => {
      const next = functionalUpdate(updater, pagination);
      update((v) => ({ ...v, page: next.pageIndex + 1, size: next.pageSize }));
    },
  });

  const filtered = view.q !== "" || Object.values(view.filters).some(Boolean);
  const visibleCount = table.getVisibleLeafColumns().length;
  // The body's columns, as TanStack's visibility rule has them (shown unless the state hides
  // them), in the columns' order like the header (no column ordering or pinning here).
  const visibleColumns = useMemo(() => columns.filter((c) => columnVisibility[c.id] !== false), [columns, columnVisibility]);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="data-table-search" className="block text-sm font-medium text-slate-800">
            {searchLabel}
          </label>
          <DebouncedInput
            id="data-table-search"
            type="search"
            value={view.q}
            onCommit={(q) => update((v) => ({ ...v, q, page: 1 }))}
            placeholder={searchPlaceholder ?? `Search ${noun}…`}
            className="mt-1"
          />
        </div>
        {filters.length > 0 && (
          <div role="group" aria-label="Filters" className="flex flex-wrap items-end gap-3">
            {filters.map((f) => (
              <FilterControl key={f.id} filter={f} value={view.filters[f.id] ?? ""} onChange={(value) => update((v) => ({ ...v, filters: { ...v.filters, [f.id]: value }, page: 1 }))} />
            ))}
          </div>
        )}
        <ColumnChooser table={table} />
        {filtered && (
          <button type="button" onClick={() => update((v) => ({ ...v, q: "", filters: {}, page: 1 }))} className="rounded-md px-2 py-2 text-sm font-medium text-brand-700 hover:underline">
            Clear search and filters
          </button>
        )}
        <p role="status" className={cn("flex items-center gap-2 py-2 text-sm text-slate-600", !pending && "sr-only")}>
          {pending && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-brand-600 border-r-transparent" />}
          {pending ? "Loading…" : ""}
        </p>
      </div>

      <Card className="overflow-x-auto p-0">
        <table aria-busy={pending} className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const sorted = column.getIsSorted();
                  const align = columns.find((c) => c.id === column.id)?.align;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={column.getCanSort() ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                      className={cn("px-4 py-2", align === "end" && "text-right")}
                    >
                      {column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={column.getToggleSortingHandler()}
                          className={cn("inline-flex items-center gap-1 rounded py-1 uppercase tracking-wide hover:text-slate-900", sorted && "text-slate-900")}
                        >
                          <table.FlexRender header={header} />
                          <SortIcon sorted={sorted} />
                        </button>
                      ) : (
                        <span className="inline-block py-1">
                          <table.FlexRender header={header} />
                        </span>
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={cn("divide-y divide-slate-100 transition-opacity", pending && "opacity-60")}>
            {rows.length === 0 && (
              <tr>
                <td colSpan={visibleCount} className="px-4 py-10 text-center text-slate-500">
                  {filtered ? `No ${noun} match the search and filters.` : emptyText}
                </td>
              </tr>
            )}
            <TableRows rows={rows} columns={visibleColumns} />
          </tbody>
        </table>
      </Card>

      <Pagination table={table} total={total} page={view.page} size={view.size} />
    </div>
  );
}

/**
 * The rows of one page. Memoised: a sort or page change first shows the new state in the header
 * at once (optimistic) while the old rows stay; re-rendering up to 250 unchanged rows for that
 * would only delay the feedback. A new page of rows or other visible columns invalidates it.
 *
 * Drawn straight from the rows' cells rather than through TanStack's row model: the server sorts
 * and pages, so the row model is the rows as given, and its per-row and per-cell objects (a cell,
 * a context and memoised getters for each of up to 2,000 cells) were a tenth of a 100-row list's
 * server CPU, and more in garbage collection, on every request. The output is the same.
 */
const TableRows = memo(function TableRows({ rows, columns }: { rows: readonly DataTableRow[]; columns: readonly DataTableColumn[] }) {
  return rows.map((row) => (
    <tr key={row.id} className="hover:bg-slate-50">
      {columns.map((column, i) => {
        const content = <CellValue value={row.cells[column.id] ?? null} />;
        const key = `${row.id}_${column.id}`; // TanStack's cell id, as before
        if (i === 0) {
          return (
            <th key={key} scope="row" className="px-4 py-2.5 text-left font-medium text-slate-900">
              {row.href ? (
                <Link href={row.href} className="hover:text-brand-700 hover:underline">
                  {content}
                </Link>
              ) : (
                content
              )}
            </th>
          );
        }
        return (
          <td key={key} className={cn("px-4 py-2.5 text-slate-700", column.align === "end" && "text-right tabular-nums", column.wide && "min-w-64")}>
            {content}
          </td>
        );
      })}
    </tr>
  ));
});

/** Built once: `toLocaleString("en")` on every numeric cell looks its formatter up again each time. */
const NUMBER = new Intl.NumberFormat("en");

function CellValue({ value }: { value: DataTableCell }) {
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return (
      <span className="text-slate-500">
        <span aria-hidden>—</span>
        <span className="sr-only">none</span>
      </span>
    );
  }
  if (typeof value === "number") return <>{NUMBER.format(value)}</>;
  if (Array.isArray(value)) return <>{value.join(", ")}</>;
  if (typeof value === "object") return <RatingBadge rating={(value as RatingCell).rating} score={(value as RatingCell).score} />;
  return <>{value}</>;
}

export function SortIcon({ sorted }: { sorted: false | "asc" | "desc" }) {
  return (
    <span aria-hidden className={cn("text-[10px]", !sorted && "text-slate-300")}>
      {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
    </span>
  );
}

const controlClass = "mt-1 block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500";

const COUNTRY_SELECT_OPTIONS: readonly SelectOption[] = COUNTRY_OPTIONS.map((c) => ({ value: c.code, label: c.name }));
const noSubscription = () => () => undefined;

/** Every country once the page runs in the browser; before that (server render) only the chosen one. */
function countryOptions(value: string, hydrated: boolean): readonly SelectOption[] {
  if (hydrated) return COUNTRY_SELECT_OPTIONS;
  return value && isCountryCode(value) ? [{ value, label: countryName(value) }] : [];
}

function FilterControl({ filter, value, onChange }: { filter: DataTableFilter; value: string; onChange: (value: string) => void }) {
  const id = `filter-${filter.id}`;
  // false while rendering on the server and hydrating, true afterwards (no effect needed).
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {filter.label}
      </label>
      {filter.kind === "select" || filter.kind === "country" ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={cn(controlClass, "max-w-56")}>
          <option value="">All</option>
          {(filter.kind === "select" ? filter.options : countryOptions(value, hydrated)).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : filter.kind === "date" ? (
        // A date input reports a value only once the day is complete (or cleared): no debounce needed.
        <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} className={cn(controlClass, "w-40")} />
      ) : (
        <DebouncedInput id={id} type="text" value={value} onCommit={onChange} placeholder={filter.placeholder ?? "Contains…"} className="mt-1 w-40" />
      )}
    </div>
  );
}
