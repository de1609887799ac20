import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { can } from "@/lib/auth/permissions";
import { loadInventoryDocument } from "@/lib/inventory/document";
import type { InventoryRowIds } from "@/lib/inventory/document-rows";
import { parseInventoryDocument, type Issue } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { ScoringResult } from "@/scoring/results";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { throughVersionCache, VersionedLru } from "./score-cache";

export type LiveScore =
  | {
      ok: true;
      result: ScoringResult;
      skippedDataFlows: number;
      /** The inventory as the engine read it (model weights, clouds, fallbacks the result does not repeat). */
      document: InventoryDocument;
      /** AI system row ids by the document's system key, for links. */
      systemIds: Record<string, string>;
      /** Every list's row ids by document key (stable identifiers for exports). */
      rowIds: InventoryRowIds;
    }
  | { ok: false; issues: Issue[] };

/** Today's date as the engine wants it (YYYY-MM-DD, UTC). */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * The inventory version of each organisation, in one indexed read however many there are (a
 * practice's portfolio of 200 clients: one query, not 200). The database bumps it on every write
 * to what a score reads (prisma/migrations/20261210100000_inventory_version, docs/decisions/052);
 * an organisation without a row has not been written to since: version 0.
 */
export async function inventoryVersions(ctxs: readonly OrgContext[]): Promise<Map<string, bigint>> {
  for (const ctx of ctxs) assertCan(ctx, "scores:read");
  if (ctxs.length === 0) return new Map();
  const rows = await db().inventoryVersion.findMany({
    where: { organisationId: { in: [...new Set(ctxs.map((c) => c.organisationId))] } },
    select: { organisationId: true, version: true },
  });
  return new Map(rows.map((r) => [r.organisationId, r.version]));
}

/** Reads and scores the caller's organisation, without the cache: what an entry of the cache holds. */
export async function loadLiveScore(ctx: OrgContext, asOf: string = today()): Promise<LiveScore> {
  assertCan(ctx, "scores:read");
  const { document, skippedDataFlows, systemIds, rowIds } = await loadInventoryDocument(ctx);
  const parsed = parseInventoryDocument(document);
  return parsed.ok
    ? { ok: true, result: scoreInventory(parsed.value, { asOf }), skippedDataFlows, document: parsed.value, systemIds, rowIds }
    : { ok: false, issues: parsed.issues };
}

// Live scores of recently viewed organisations, reused while their inventory version is
// unchanged. Per process; the version lives in PostgreSQL, so a write through another instance
// bumps it and every instance's entry stops matching. The date is part of the key: the same
// inventory scores differently against the policy events in force on another day.
const CACHE_SIZE = 500;
const liveScores = new VersionedLru<LiveScore>(CACHE_SIZE);

/**
 * Scores the caller's organisation as its inventory stands, against the policy events in force
 * on `asOf`. An inventory the engine cannot read (e.g. a marketplace dependency without its
 * cloud) answers the problems instead of a score. Unchanged inventories are not re-read: the same
 * object is answered while the inventory version stands (lib/scores/derived.ts keys the pages'
 * derived data on that object).
 */
export async function scoreOrganisation(ctx: OrgContext, asOf: string = today()): Promise<LiveScore> {
  return (await scoreOrganisations([ctx], asOf))[0]!;
}

/**
 * `scoreOrganisation` for several organisations (a practice's portfolio): each context's role is
 * checked, the inventory versions are read in one query, and only organisations whose inventory
 * changed since they were last scored in this process are read and scored again. In the order given.
 */
export async function scoreOrganisations(ctxs: readonly OrgContext[], asOf: string = today()): Promise<LiveScore[]> {
  for (const ctx of ctxs) assertCan(ctx, "scores:read");
  return throughVersionCache(liveScores, ctxs, (ctx) => `${ctx.organisationId}@${asOf}`, inventoryVersions, (ctx) => loadLiveScore(ctx, asOf));
}

/** A row's live score and rating, by its database id. */
export interface LiveRating {
  score: number;
  rating: ScoringResult["organisation"]["rating"];
}

/**
 * The live score and rating of each AI system, by row id: for lists that show them beside the
 * inventory. Empty when the caller may not read scores or the inventory cannot be scored yet
 * (the list then shows "—"; the Scores page says why).
 */
export async function liveSystemRatings(ctx: OrgContext): Promise<Map<string, LiveRating>> {
  if (!can(ctx.role, "scores:read")) return new Map();
  const live = await scoreOrganisation(ctx);
  if (!live.ok) return new Map();
  const out = new Map<string, LiveRating>();
  for (const s of live.result.systems) {
    const id = live.systemIds[s.key];
    if (id) out.set(id, { score: s.score, rating: s.rating });
  }
  return out;
}

/** The live score and rating of each vendor with something depending on it, by vendor name (unique in an organisation). */
export async function liveVendorRatings(ctx: OrgContext): Promise<Map<string, LiveRating>> {
  if (!can(ctx.role, "scores:read")) return new Map();
  const live = await scoreOrganisation(ctx);
  if (!live.ok) return new Map();
  return new Map(live.result.vendors.map((v) => [v.name, { score: v.score, rating: v.rating }]));
}
