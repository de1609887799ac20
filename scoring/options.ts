import { z } from "zod";
import { policyEventSchema, type PolicyEvent } from "./schema/policy-event";
import { isoDateSchema } from "./schema/primitives";
// The defaults live in a file without zod, which the browser can import (the charts need
// DIMENSIONS and the ratings' thresholds) without loading zod with them.
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, DIMENSIONS, type Dimension } from "./defaults";

export { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, DIMENSIONS, type Dimension };

const positive = z.number().finite().nonnegative();

/** Per-organisation overrides; every field is optional and merged over the defaults. */
export const scoringOptionsSchema = z.strictObject({
  asOf: isoDateSchema,
  weights: z
    .strictObject({
      dimensions: z
        .strictObject({ access: positive, jurisdiction: positive, fallback: positive, concentration: positive })
        .partial()
        .optional(),
      criticality: z.strictObject({ low: positive, medium: positive, high: positive, critical: positive }).partial().optional(),
      sensitivity: z
        .strictObject({
          public: positive,
          internal: positive,
          personal: positive,
          "trade-secret": positive,
          regulated: positive,
          "special-category": positive,
        })
        .partial()
        .optional(),
      severity: z
        .strictObject({ block: z.number().min(0).max(1), "licence-required": z.number().min(0).max(1) })
        .partial()
        .optional(),
    })
    .optional(),
  thresholds: z
    .strictObject({
      ratings: z
        .strictObject({
          veryHigh: z.number().min(0).max(100),
          high: z.number().min(0).max(100),
          medium: z.number().min(0).max(100),
          low: z.number().min(0).max(100),
        })
        .partial()
        .optional(),
      fallbackTestedRecentlyDays: z.number().int().positive().optional(),
      fallbackTestedStaleDays: z.number().int().positive().optional(),
      exitPlanReviewDays: z.number().int().positive().optional(),
    })
    .optional(),
  /** Replace the catalogue's policy events (compare two landscapes). The document's own events still apply. */
  landscape: z.array(policyEventSchema).optional(),
});
export type ScoringOptions = z.input<typeof scoringOptionsSchema>;

export interface ResolvedOptions {
  asOf: string;
  weights: {
    dimensions: Record<Dimension, number>;
    criticality: Record<keyof typeof DEFAULT_WEIGHTS.criticality, number>;
    sensitivity: Record<keyof typeof DEFAULT_WEIGHTS.sensitivity, number>;
    severity: Record<keyof typeof DEFAULT_WEIGHTS.severity, number>;
  };
  thresholds: {
    ratings: { veryHigh: number; high: number; medium: number; low: number };
    fallbackTestedRecentlyDays: number;
    fallbackTestedStaleDays: number;
    exitPlanReviewDays: number;
  };
  landscape: PolicyEvent[] | undefined;
}

export type OptionsResult = { ok: true; value: ResolvedOptions } | { ok: false; issues: { path: string; message: string }[] };

/**
 * Validates options and merges them over the defaults. Dimension weights are normalised to sum to 1.
 *
 * @example
 * resolveOptions({ asOf: "2026-11-01", weights: { dimensions: { fallback: 0.4 } } })
 * //=> { ok: true, value: { asOf: "2026-11-01", weights: { dimensions: { access: 0.2272..., ... } }, ... } }
 */
export function resolveOptions(input: unknown): OptionsResult {
  const parsed = scoringOptionsSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: "$" + i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join(""),
        message: i.message,
      })),
    };
  }
  const o = parsed.data;
  const dims = { ...DEFAULT_WEIGHTS.dimensions, ...o.weights?.dimensions };
  const sum = dims.access + dims.jurisdiction + dims.fallback + dims.concentration;
  if (!(sum > 0)) return { ok: false, issues: [{ path: "$.weights.dimensions", message: "expected dimension weights with a positive sum" }] };
  const ratings = { ...DEFAULT_THRESHOLDS.ratings, ...o.thresholds?.ratings };
  if (!(ratings.veryHigh >= ratings.high && ratings.high >= ratings.medium && ratings.medium >= ratings.low)) {
    return { ok: false, issues: [{ path: "$.thresholds.ratings", message: "expected veryHigh >= high >= medium >= low" }] };
  }
  return {
    ok: true,
    value: {
      asOf: o.asOf,
      weights: {
        dimensions: {
          access: dims.access / sum,
          jurisdiction: dims.jurisdiction / sum,
          fallback: dims.fallback / sum,
          concentration: dims.concentration / sum,
        },
        criticality: { ...DEFAULT_WEIGHTS.criticality, ...o.weights?.criticality },
        sensitivity: { ...DEFAULT_WEIGHTS.sensitivity, ...o.weights?.sensitivity },
        severity: { ...DEFAULT_WEIGHTS.severity, ...o.weights?.severity },
      },
      thresholds: {
        ratings,
        fallbackTestedRecentlyDays: o.thresholds?.fallbackTestedRecentlyDays ?? DEFAULT_THRESHOLDS.fallbackTestedRecentlyDays,
        fallbackTestedStaleDays: o.thresholds?.fallbackTestedStaleDays ?? DEFAULT_THRESHOLDS.fallbackTestedStaleDays,
        exitPlanReviewDays: o.thresholds?.exitPlanReviewDays ?? DEFAULT_THRESHOLDS.exitPlanReviewDays,
      },
      landscape: o.landscape,
    },
  };
}
