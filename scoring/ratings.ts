import { DEFAULT_THRESHOLDS } from "./defaults";

/** Sovereignty ratings, weakest first. */
export const RATINGS = ["Very Low", "Low", "Medium", "High", "Very High"] as const;
export type Rating = (typeof RATINGS)[number];

export type RatingThresholds = { veryHigh: number; high: number; medium: number; low: number };

/**
 * The rating for a 0-100 score (higher = more sovereign).
 *
 * @example
 * ratingFor(82) //=> "Very High"
 * ratingFor(64.9) //=> "Medium"
 * ratingFor(70, { veryHigh: 90, high: 75, medium: 60, low: 40 }) //=> "Medium"
 */
export function ratingFor(score: number, thresholds: RatingThresholds = DEFAULT_THRESHOLDS.ratings): Rating {
  if (score >= thresholds.veryHigh) return "Very High";
  if (score >= thresholds.high) return "High";
  if (score >= thresholds.medium) return "Medium";
  if (score >= thresholds.low) return "Low";
  return "Very Low";
}

/**
 * Parses a rating name leniently (case, spaces, dashes), or returns undefined.
 *
 * @example
 * parseRating("very-high") //=> "Very High"
 * parseRating("meh") //=> undefined
 */
export function parseRating(input: string): Rating | undefined {
  const norm = input.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  return RATINGS.find((r) => r.toLowerCase() === norm);
}

/**
 * True when `a` is a weaker rating than `b`.
 *
 * @example
 * isBelow("Medium", "High") //=> true
 */
export function isBelow(a: Rating, b: Rating): boolean {
  return RATINGS.indexOf(a) < RATINGS.indexOf(b);
}
