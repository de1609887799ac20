import "server-only";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { parseInventoryDocument, type Issue } from "@/scoring/parse";
import { scoreInventory } from "@/scoring/score-inventory";
import type { ScoringResult } from "@/scoring/results";

export type LiveScore =
  | { ok: true; result: ScoringResult; skippedDataFlows: number }
  | { ok: false; issues: Issue[] };

/** Today's date as the engine wants it (YYYY-MM-DD, UTC). */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * Scores the caller's organisation as its inventory stands, against the policy events in force
 * on `asOf`. An inventory the engine cannot read (e.g. a marketplace dependency without its
 * cloud) answers the problems instead of a score.
 */
export async function scoreOrganisation(ctx: OrgContext, asOf: string = today()): Promise<LiveScore> {
  assertCan(ctx, "scores:read");
  const { document, skippedDataFlows } = await loadInventoryDocument(ctx);
  const parsed = parseInventoryDocument(document);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, result: scoreInventory(parsed.value, { asOf }), skippedDataFlows };
}
