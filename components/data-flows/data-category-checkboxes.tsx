"use client";
import { useId } from "react";
import { DATA_CATEGORY_LABELS, optionsFrom } from "@/lib/labels";
import { cn } from "@/components/ui/cn";

/**
 * The data categories a flow carries, one checkbox each, with the field's error: the data flow form
 * lays them out in columns, the workshop's one-row capture in a line that wraps.
 */
export function DataCategoryCheckboxes({ checked, errors, layout = "columns" }: { checked: ReadonlySet<string>; errors?: string[]; layout?: "columns" | "wrap" }) {
  const id = useId();
  return (
    <fieldset aria-describedby={errors ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Data categories</legend>
      <div className={cn("mt-1", layout === "columns" ? "grid gap-1 sm:grid-cols-3" : "flex flex-wrap gap-x-5 gap-y-1")}>
        {optionsFrom(DATA_CATEGORY_LABELS).map((c) => (
          <label key={c.value} className={cn("flex items-center gap-2 text-sm text-slate-700", layout === "wrap" && "whitespace-nowrap")}>
            <input type="checkbox" name="dataCategories" value={c.value} defaultChecked={checked.has(c.value)} aria-invalid={errors ? true : undefined} className="size-4 rounded border-slate-300" />
            {c.label}
          </label>
        ))}
      </div>
      {errors && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
