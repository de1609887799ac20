// What an assessment freezes, built from a document and the engine's result. Pure (no database,
// no server-only): freezeAssessment uses it, and the demo seed freezes its dated history with it.
import { createHash } from "node:crypto";
import { packResults } from "@/lib/assessments/frozen-format";
import { canonicalJson } from "@/lib/assessments/input-diff";
import type { FrozenLandscape, FrozenResults } from "@/lib/assessments/queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import type { ScoringResult } from "@/scoring/results";

/** sha256 of the canonical (key-sorted) JSON of an inventory document. */
export const inputsHashOf = (document: unknown) => createHash("sha256").update(canonicalJson(document)).digest("hex");

/** JSON as Prisma stores it: the result's lazy getters are evaluated once, here. */
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/**
 * The columns of an assessment: the canonical document and its hash, the landscape (the
 * catalogue's events, so it can be re-scored later), the methodology and the engine's full result
 * (its factor lists packed, lib/assessments/frozen-format.ts; read it back with unpackResults).
 */
export function frozenAssessmentData(document: unknown, result: ScoringResult, extra: { skippedDataFlows: number; note: string | null }) {
  const landscape: FrozenLandscape = { catalogueEvents: [...DEFAULT_POLICY_EVENTS], active: result.landscape.active };
  const results: FrozenResults = { ...result, ...extra };
  return {
    asOf: new Date(`${result.asOf}T00:00:00Z`),
    methodologyVersion: result.methodologyVersion,
    inputsHash: inputsHashOf(document),
    inputs: json(document),
    landscape: json(landscape),
    results: packResults(results) as Prisma.InputJsonValue,
    score: result.organisation.score,
    rating: result.organisation.rating,
  };
}
