// The dimensions and the default weights and thresholds, with no import: scoring/options.ts
// re-exports them beside the options' zod schema, and browser code (charts, ratings) imports
// them from here so that zod stays out of its first load (docs/decisions/051).

/** The four scoring dimensions. */
export const DIMENSIONS = ["access", "jurisdiction", "fallback", "concentration"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Default weights and thresholds (methodology 2026.11-1). Every value is explained in
 * docs/METHODOLOGY.md; an organisation may override any of them through {@link ScoringOptions}.
 */
export const DEFAULT_WEIGHTS = {
  /** Share of each dimension in a dependency's score (normalised to sum to 1). */
  dimensions: { access: 0.25, jurisdiction: 0.3, fallback: 0.3, concentration: 0.15 },
  /** Business criticality multiplier of a system. */
  criticality: { low: 1, medium: 2, high: 4, critical: 8 },
  /** Data sensitivity multiplier (the most sensitive category a dependency carries). */
  sensitivity: {
    public: 1,
    internal: 1.2,
    personal: 1.5,
    "trade-secret": 1.5,
    regulated: 1.8,
    "special-category": 2,
  },
  /** How much of a factor a restriction removes, by severity (share of affected countries x this). */
  severity: { block: 1, "licence-required": 0.5 },
} as const;

export const DEFAULT_THRESHOLDS = {
  /** Minimum score for each rating (inclusive). Below `low` is Very Low. */
  ratings: { veryHigh: 80, high: 65, medium: 50, low: 35 },
  /** A fallback drill within this many days earns full points... */
  fallbackTestedRecentlyDays: 180,
  /** ...within this many days, half; older or never, none. */
  fallbackTestedStaleDays: 365,
  /** An exit plan reviewed within this many days counts as periodically reviewed (DORA Art. 28(8)). */
  exitPlanReviewDays: 365,
} as const;
