import type { TableDefaults, TableState } from "./types";

/**
 * The query string for a table state, with only what differs from the defaults, so a shared
 * link is short and a default view has a clean URL.
 * @example toSearchParams({ q: "", sort: { id: "name", desc: true }, filters: {}, cols: ["name"], page: 2, size: 25 }, defaults)
 *   // "sort=name.desc&page=2"
 */
export function toSearchParams(state: TableState, defaults: TableDefaults): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort.id !== defaults.sort.id || state.sort.desc !== defaults.sort.desc) params.set("sort", `${state.sort.id}.${state.sort.desc ? "desc" : "asc"}`);
  for (const [id, value] of Object.entries(state.filters)) if (value) params.set(`f.${id}`, value);
  if (!sameList(state.cols, defaults.cols)) params.set("cols", state.cols.join(","));
  if (state.page > 1) params.set("page", String(state.page));
  if (state.size !== defaults.size) params.set("size", String(state.size));
  return params.toString();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Rows "x–y of N" for a page, in words. */
export function rowRange(page: number, size: number, total: number): string {
  if (total === 0) return "No rows";
  const from = (page - 1) * size + 1;
  const to = Math.min(page * size, total);
  return `Rows ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${total.toLocaleString("en")}`;
}
