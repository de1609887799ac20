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

const INVENTORY_TABLES = ["Office", "Vendor", "Model", "AiSystem", "AiSystemOffice", "Dependency", "Fallback", "DataFlow", "PolicyEvent"] as const;

/**
 * Fingerprints of everything the score depends on, for several organisations in one query: per
 * inventory table the row count and the latest change. Any create, update or delete changes it
 * (AiSystemOffice has no timestamps, but links only change together with their AI system's row
 * or count). One query for a portfolio of 200 clients, not 200 (issue 15's budget).
 */
async function inventoryFingerprints(organisationIds: readonly string[]): Promise<Map<string, string>> {
  if (organisationIds.length === 0) return new Map();
  const parts = INVENTORY_TABLES.map((t) =>
    t === "AiSystemOffice"
      ? `(SELECT count(*)::text FROM "AiSystemOffice" WHERE "organisationId" = o.id)`
      : `(SELECT count(*)::text || '@' || coalesce(max("updatedAt")::text, '') FROM "${t}" WHERE "organisationId" = o.id)`,
  );
  const rows = await db().$queryRawUnsafe<{ id: string; f: string }[]>(`SELECT o.id::text AS id, concat_ws('|', ${parts.join(", ")}) AS f FROM unnest($1::uuid[]) AS o(id)`, [...new Set(organisationIds)]);
  return new Map(rows.map((r) => [r.id, r.f]));
}

// Live scores of recently viewed organisations, reused while their inventory is unchanged.
// Per process; a change on another instance changes the fingerprint, so nothing goes stale.
const CACHE_SIZE = 500;
const cache = new Map<string, { fingerprint: string; score: LiveScore }>();

/**
 * Scores the caller's organisation as its inventory stands, against the policy events in force
 * on `asOf`. An inventory the engine cannot read (e.g. a marketplace dependency without its
 * cloud) answers the problems instead of a score. Unchanged inventories are not re-read.
 */
export async function scoreOrganisation(ctx: OrgContext, asOf: string = today()): Promise<LiveScore> {
  return (await scoreOrganisations([ctx], asOf))[0]!;
}

/**
 * `scoreOrganisation` for several organisations (a practice's portfolio): each context's role is
 * checked, the fingerprints are read in one query, and only organisations whose inventory changed
 * since they were last scored in this process are read and scored again. In the order given.
 */
export async function scoreOrganisations(ctxs: readonly OrgContext[], asOf: string = today()): Promise<LiveScore[]> {
  for (const ctx of ctxs) assertCan(ctx, "scores:read");
  const fingerprints = await inventoryFingerprints(ctxs.map((c) => c.organisationId));
  const out: LiveScore[] = [];
  for (const ctx of ctxs) {
    const key = `${ctx.organisationId}@${asOf}`;
    const fingerprint = fingerprints.get(ctx.organisationId) ?? "";
    const hit = cache.get(key);
    if (hit && hit.fingerprint === fingerprint) {
      // Most recently used last, so that the organisations people look at stay cached.
      cache.delete(key);
      cache.set(key, hit);
      out.push(hit.score);
      continue;
    }
    const { document, skippedDataFlows, systemIds, rowIds } = await loadInventoryDocument(ctx);
    const parsed = parseInventoryDocument(document);
    const score: LiveScore = parsed.ok
      ? { ok: true, result: scoreInventory(parsed.value, { asOf }), skippedDataFlows, document: parsed.value, systemIds, rowIds }
      : { ok: false, issues: parsed.issues };
    cache.delete(key);
    cache.set(key, { fingerprint, score });
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    out.push(score);
  }
  return out;
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
