import type { Dimension } from "../../options";
import type { Source } from "../sources";

/** Every factor, in the fixed order results list them. */
export const FACTORS = [
  { id: "access.path", dimension: "access", label: "Who holds the off switch", max: 70 },
  { id: "access.hosting", dimension: "access", label: "Where the model runs", max: 30 },
  { id: "jurisdiction.restrictions", dimension: "jurisdiction", label: "Export controls and restrictions in force", max: 35 },
  { id: "jurisdiction.extraterritorial", dimension: "jurisdiction", label: "Reach of foreign access laws", max: 25 },
  { id: "jurisdiction.transfer", dimension: "jurisdiction", label: "Lawful basis for personal-data transfers", max: 25 },
  { id: "jurisdiction.sanctions", dimension: "jurisdiction", label: "Sanctions", max: 15 },
  { id: "fallback.exists", dimension: "fallback", label: "A usable fallback exists", max: 30 },
  { id: "fallback.independence", dimension: "fallback", label: "Fallback avoids the same choke point", max: 25 },
  { id: "fallback.tested", dimension: "fallback", label: "Fallback tested recently", max: 20 },
  { id: "fallback.switch-time", dimension: "fallback", label: "Switch time within tolerated downtime", max: 15 },
  { id: "fallback.exit-plan", dimension: "fallback", label: "Documented, reviewed exit plan", max: 10 },
  { id: "concentration.vendor", dimension: "concentration", label: "Concentration on one vendor", max: 25 },
  { id: "concentration.model-family", dimension: "concentration", label: "Concentration on one model family", max: 25 },
  { id: "concentration.cloud", dimension: "concentration", label: "Concentration on one cloud operator", max: 25 },
  { id: "concentration.jurisdiction", dimension: "concentration", label: "Concentration on one jurisdiction", max: 25 },
  // Not one of a dimension's factors: what a restriction in force takes from the sum of the 15
  // above when it switches the dependency off today (0 or negative; see evaluate.ts).
  { id: "jurisdiction.switched-off", dimension: "jurisdiction", label: "Switched off today by a restriction in force", max: 0 },
] as const satisfies readonly { id: string; dimension: Dimension; label: string; max: number }[];

export type FactorId = (typeof FACTORS)[number]["id"];

/** The 15 structural factors come first; dimension scores are made of them alone. */
export const STRUCTURAL_FACTOR_COUNT = 15;
/** Index of the switched-off adjustment: its points are not weighted by a dimension (weight 1). */
export const SWITCHED_OFF_INDEX = 15;
export const FACTOR_INDEX: Record<FactorId, number> = Object.fromEntries(FACTORS.map((f, i) => [f.id, i])) as Record<FactorId, number>;
export const MAX_POINTS: Record<FactorId, number> = Object.fromEntries(FACTORS.map((f) => [f.id, f.max])) as Record<FactorId, number>;

/** A factor before dimension weighting: raw points out of its maximum within its dimension. */
export interface FactorDraft {
  id: FactorId;
  raw: number;
  sentence: string;
  sources: readonly import("../sources").Source[];
  /** A short phrase for risk profiles when the factor is below its maximum. */
  gap?: string | undefined;
}

/**
 * One named contribution to a score: `points` is what it adds to the entity's 0-100 score
 * (raw points x dimension weight); `rawPoints`/`maxPoints` are within its dimension.
 */
export interface Factor {
  id: FactorId;
  dimension: Dimension;
  label: string;
  points: number;
  rawPoints: number;
  maxPoints: number;
  sentence: string;
  sources: readonly Source[];
}
