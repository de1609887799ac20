// Test support: what a result frozen under methodology 2026.11-1 looks like when read back from
// the Assessment table. That engine had 15 factors and no switched-off rule: its results lack
// `switchedOff`, `notRecorded` and `activeRestrictions`, and its landscape entries carry neither
// `dateEstimated` nor `partialLifts`. Every reader of frozen results must tolerate that.
import type { ScoringResult } from "@/scoring/results";

export const OLD_METHODOLOGY_VERSION = "2026.11-1";

/** `result` as JSON, stripped of what 2026.11-1 did not record (the stored shape, not a typed one). */
export function asFrozenUnder202611<T extends ScoringResult>(result: T): T {
  const r = JSON.parse(JSON.stringify(result)) as Record<string, unknown> & ScoringResult;
  const withoutSwitchedOff = (factors: { id: string }[]) => factors.filter((f) => f.id !== "jurisdiction.switched-off");
  const drop = (o: object, ...keys: string[]) => {
    for (const k of keys) delete (o as Record<string, unknown>)[k];
  };
  r.methodologyVersion = OLD_METHODOLOGY_VERSION;
  drop(r.organisation, "activeRestrictions");
  r.organisation.factors = withoutSwitchedOff(r.organisation.factors) as typeof r.organisation.factors;
  for (const v of r.vendors) {
    drop(v, "activeRestrictions", "notRecorded");
    v.factors = withoutSwitchedOff(v.factors) as typeof v.factors;
  }
  for (const s of r.systems) s.factors = withoutSwitchedOff(s.factors) as typeof s.factors;
  for (const d of r.dependencies) {
    drop(d, "switchedOff", "notRecorded");
    d.factors = withoutSwitchedOff(d.factors) as typeof d.factors;
  }
  for (const e of r.landscape.active) drop(e, "dateEstimated", "partialLifts");
  return r as T;
}
