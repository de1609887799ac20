"use client";
import { useRef } from "react";

/** Which columns are shown: a disclosure with one checkbox per column (Escape closes it). */
export function ColumnChooser({ table }: { table: { getAllLeafColumns: () => ColumnLike[] } }) {
  const details = useRef<HTMLDetailsElement>(null);
  const columns = table.getAllLeafColumns();
  const shown = columns.filter((c) => c.getIsVisible()).length;
  return (
    <details
      ref={details}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && details.current?.open) {
          details.current.open = false;
          details.current.querySelector("summary")?.focus();
        }
      }}
    >
      <summary className="cursor-pointer list-none rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
        Columns <span className="text-slate-500">({shown}/{columns.length})</span>
      </summary>
      <fieldset className="absolute right-0 z-20 mt-2 w-60 space-y-1 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">
        <legend className="sr-only">Columns shown</legend>
        {columns.map((column) => (
          <label key={column.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-800 hover:bg-slate-50">
            <input
              type="checkbox"
              checked={column.getIsVisible()}
              disabled={!column.getCanHide()}
              onChange={column.getToggleVisibilityHandler()}
              className="size-4 rounded border-slate-300 text-brand-600"
            />
            {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** The part of a TanStack column the chooser uses. */
export interface ColumnLike {
  id: string;
  columnDef: { header?: unknown };
  getIsVisible: () => boolean;
  getCanHide: () => boolean;
  getToggleVisibilityHandler: () => (event: unknown) => void;
}
