// What an assessment freezes, built from a document and the engine's result. Pure (no database,
// no server-only): freezeAssessment uses it, and the demo seed freezes its dated history with it.
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/assessments/input-diff";
import { COMPRESSED_FORMAT, storeInputs, storeResults, type StoredInputs, type StoredResults } from "@/lib/assessments/frozen-storage";
import type { FrozenLandscape, FrozenResults } from "@/lib/assessments/queries";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import type { ScoringResult } from "@/scoring/results";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";

/** sha256 of the canonical (key-sorted) JSON of an inventory document. */
export const inputsHashOf = (document: unknown) => createHash("sha256").update(canonicalJson(document)).digest("hex");

/** What an assessment keeps of the policy landscape: the catalogue's events (so it can be re-scored later) and those in force. */
export function frozenLandscape(result: ScoringResult): Prisma.InputJsonValue {
  const landscape: FrozenLandscape = { catalogueEvents: [...DEFAULT_POLICY_EVENTS], active: result.landscape.active };
  return JSON.parse(JSON.stringify(landscape)) as Prisma.InputJsonValue;
}

/** The results as frozen: the engine's, with what the freeze adds. */
export const frozenResults = (result: ScoringResult, extra: { skippedDataFlows: number; note: string | null }): FrozenResults => ({ ...result, ...extra });

/**
 * The columns of an assessment (lib/assessments/frozen-storage.ts): the canonical document,
 * compressed, and its hash; the landscape; the methodology; the engine's full result, its summary
 * as jsonb and its dependencies and systems packed and compressed (read both back with readFrozen).
 */
export function assessmentColumns(document: InventoryDocumentInput, result: ScoringResult, landscape: Prisma.InputJsonValue, inputs: StoredInputs, results: StoredResults) {
  return {
    asOf: new Date(`${result.asOf}T00:00:00Z`),
    methodologyVersion: result.methodologyVersion,
    inputsHash: inputs.inputsHash,
    frozenFormat: COMPRESSED_FORMAT,
    inputs: Prisma.DbNull,
    inputsCompressed: inputs.compressed,
    aiSystemCount: document.aiSystems?.length ?? 0,
    landscape,
    results: results.summary as Prisma.InputJsonValue,
    resultsCompressed: results.compressed,
    score: result.organisation.score,
    rating: result.organisation.rating,
  };
}

/** The columns of an assessment of `document` scored as `result`, without limits (the seed's and the benches' way; freezeAssessment checks its limits step by step). */
export async function frozenAssessmentData(document: InventoryDocumentInput, result: ScoringResult, extra: { skippedDataFlows: number; note: string | null }) {
  const inputs = await storeInputs(document);
  const results = await storeResults(frozenResults(result, extra));
  return assessmentColumns(document, result, frozenLandscape(result), inputs, results);
}
