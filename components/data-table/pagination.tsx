"use client";
import { PAGE_SIZES } from "@/lib/page-sizes";
import { cn } from "@/components/ui/cn";
import { rowRange } from "./url-state";

/** The part of a TanStack table (rowPaginationFeature) the pager uses. */
interface PagedTable {
  getPageCount: () => number;
  getCanPreviousPage: () => boolean;
  getCanNextPage: () => boolean;
  firstPage: () => void;
  previousPage: () => void;
  nextPage: () => void;
  lastPage: () => void;
  setPageSize: (size: number) => void;
}

const buttonClass = "rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";

export function Pagination({ table, total, page, size }: { table: PagedTable; total: number; page: number; size: number }) {
  const pageCount = Math.max(1, table.getPageCount());
  // A shared link may carry another size (1-250); offer it too so the select shows the truth.
  const sizes = (PAGE_SIZES as readonly number[]).includes(size) ? PAGE_SIZES : [...PAGE_SIZES, size].sort((a, b) => a - b);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p aria-live="polite" className="tabular-nums">
        {rowRange(page, size, total)}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2">
          Rows per page
          <select
            value={size}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
            className="rounded-md border-0 bg-white py-1.5 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          >
            {sizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span className="tabular-nums">
          Page {page.toLocaleString("en")} of {pageCount.toLocaleString("en")}
        </span>
        <div className="flex gap-1">
          <button type="button" aria-label="First page" className={buttonClass} disabled={!table.getCanPreviousPage()} onClick={() => table.firstPage()}>
            «
          </button>
          <button type="button" aria-label="Previous page" className={buttonClass} disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
            ‹
          </button>
          <button type="button" aria-label="Next page" className={buttonClass} disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
            ›
          </button>
          <button type="button" aria-label="Last page" className={cn(buttonClass)} disabled={!table.getCanNextPage()} onClick={() => table.lastPage()}>
            »
          </button>
        </div>
      </div>
    </nav>
  );
}
