import type { DoraPackageQuery } from "./package-options";

/** The query string of a package download or check; empty values are left out (absent, not blank). */
export function doraPackageSearch(query: Partial<Record<keyof DoraPackageQuery, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
