// Mutation testing (docs/decisions/035) runs the unit tests once per mutant, thousands of times.
// vitest.mutation.config.ts sets SOVRA_MUTATION=1 for those runs; the two helpers below let the
// slowest tests cost less there without changing what they check in the normal suite.

/** True inside a Stryker run. */
export const underMutation = process.env.SOVRA_MUTATION === "1";

/**
 * How many cases a property test generates: `n` normally, a quarter of it (at least 8) under
 * mutation testing. A mutant that a property can find is almost always found in its first few
 * cases; the full count stays in CI, where the properties run once.
 */
export function propertyRuns(n: number): number {
  return underMutation ? Math.max(8, Math.ceil(n / 4)) : n;
}
