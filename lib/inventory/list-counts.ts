import "server-only";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/auth/org-context";
import { VersionedLru } from "@/lib/scores/score-cache";

/**
 * The organisation's inventory version (docs/decisions/052): bumped by the database on every write
 * to its inventory; 0 before the first write.
 */
export async function readInventoryVersion(organisationId: string): Promise<bigint> {
  const row = await db().inventoryVersion.findUnique({ where: { organisationId }, select: { version: true } });
  return row?.version ?? 0n;
}

// Filtered list views' row counts by organisation and view, valid for one inventory version:
// "Rows 226-250 of N" counted every matching row on every page (500,000 data flows filtered by
// vendor: 115-160 ms a page, more than the page itself once it is read by an index; decision 056).
const counts = new VersionedLru<number>(2_000);

/**
 * How many rows a filtered list view matches: `count` runs once per organisation, view and
 * inventory version, and paging, re-sorting or coming back to the view reuses it until the
 * inventory changes. Only for views whose rows are inventory (what the version covers): `view`
 * names the list and its search and filters (lib/list-params.ts, viewKey), and `count` must be
 * scoped to the caller's organisation by the caller, as every query is.
 */
export async function countPerInventoryVersion(ctx: OrgContext, view: string, count: () => Promise<number>): Promise<number> {
  const org = ctx.organisationId;
  // Read before counting (lib/scores/score-cache.ts says why that order never serves a stale count).
  const version = await readInventoryVersion(org);
  return counts.getOrLoad(`${org} ${view}`, version, count);
}
