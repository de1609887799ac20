// An assessment frozen under an earlier methodology, re-scored under today's: the same frozen
// inputs against the same frozen landscape (the catalogue's events as they were frozen, with the
// document's own on top), only the method differs. The frozen record itself never changes; this
// is what the assessment page shows beside it. Pure: the assessment is loaded by the caller.
import type { Assessment } from "@/lib/assessments/queries";
import { restrictionsInForce, type RestrictionInForce } from "@/lib/scores/active-restrictions";
import { parseInventoryDocument, type Issue } from "@/scoring/parse";
import type { Rating } from "@/scoring/ratings";
import { scoreInventory, ScoringOptionsError } from "@/scoring/score-inventory";
import { METHODOLOGY_VERSION } from "@/scoring/version";

export interface ScoreLine {
  score: number;
  rating: Rating;
}

export interface MethodologyRescore {
  ok: true;
  frozenVersion: string;
  currentVersion: string;
  asOf: string;
  organisation: { frozen: ScoreLine; current: ScoreLine };
  /** Every vendor the organisation depends on in either result, weakest under the current method first; null where a result does not score it. */
  vendors: { key: string; name: string; frozen: ScoreLine | null; current: ScoreLine | null }[];
  /** The restrictions in force that reach the organisation, as the current method reads them. */
  restrictions: RestrictionInForce[];
}

/** The frozen inputs or landscape no longer read under today's engine (its format changed): nothing to compare. */
export interface RescoreFailure {
  ok: false;
  frozenVersion: string;
  currentVersion: string;
  issues: Issue[];
}

const line = (x: { score: number; rating: Rating }): ScoreLine => ({ score: x.score, rating: x.rating });

/**
 * Re-scores a frozen assessment under the current methodology, or null when it was frozen under
 * the current one (there is nothing to compare).
 *
 * @example
 * rescoreWithCurrentMethodology(frozenUnder202611)
 * //=> { ok: true, frozenVersion: "2026.11-1", currentVersion: "2026.12-1", organisation: { frozen: { score: 58.2, ... }, current: { score: 51.7, ... } }, ... }
 */
export function rescoreWithCurrentMethodology(
  assessment: Pick<Assessment, "methodologyVersion" | "asOf" | "inputs" | "landscape" | "results">,
): MethodologyRescore | RescoreFailure | null {
  if (assessment.methodologyVersion === METHODOLOGY_VERSION) return null;
  const versions = { frozenVersion: assessment.methodologyVersion, currentVersion: METHODOLOGY_VERSION };
  const parsed = parseInventoryDocument(assessment.inputs);
  if (!parsed.ok) return { ok: false, ...versions, issues: parsed.issues };
  // The frozen landscape (an assessment always keeps its catalogue events); without it, today's
  // catalogue would be a different landscape, not a different method.
  let current;
  try {
    current = scoreInventory(parsed.value, { asOf: assessment.asOf, landscape: assessment.landscape.catalogueEvents });
  } catch (e) {
    if (e instanceof ScoringOptionsError) return { ok: false, ...versions, issues: e.issues };
    throw e;
  }
  const frozen = assessment.results;

  const used = <T extends { dependencyCount: number }>(xs: readonly T[]) => xs.filter((x) => x.dependencyCount > 0);
  const before = new Map(used(frozen.vendors).map((v) => [v.key, v]));
  const after = new Map(used(current.vendors).map((v) => [v.key, v]));
  const vendors = [...new Set([...after.keys(), ...before.keys()])].map((key) => {
    const x = before.get(key);
    const y = after.get(key);
    return { key, name: (y ?? x)!.name, frozen: x ? line(x) : null, current: y ? line(y) : null };
  });
  vendors.sort((a, b) => (a.current?.score ?? 101) - (b.current?.score ?? 101) || a.name.localeCompare(b.name));

  return {
    ok: true,
    ...versions,
    asOf: assessment.asOf,
    organisation: { frozen: line(frozen.organisation), current: line(current.organisation) },
    vendors,
    restrictions: restrictionsInForce(current),
  };
}
