import { describe, expect, it } from "vitest";
import { resolveOptions, type OptionsResult } from "./options";

// resolveOptions validates an organisation's overrides and merges them over the defaults of
// methodology 2026.11-1; the CLI and the app show its issues (path + message) to the user.

const AS_OF = "2026-11-01";

const issues = (r: OptionsResult) => (r.ok ? [] : r.issues);
const value = (r: OptionsResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("resolveOptions: defaults and merging", () => {
  it("returns the documented defaults when only the date is given", () => {
    const v = value(resolveOptions({ asOf: AS_OF }));
    expect(v.asOf).toBe(AS_OF);
    expect(v.weights.dimensions.access).toBeCloseTo(0.25, 10);
    expect(v.weights.dimensions.jurisdiction).toBeCloseTo(0.3, 10);
    expect(v.weights.dimensions.fallback).toBeCloseTo(0.3, 10);
    expect(v.weights.dimensions.concentration).toBeCloseTo(0.15, 10);
    expect(v.weights.criticality).toEqual({ low: 1, medium: 2, high: 4, critical: 8 });
    expect(v.weights.sensitivity).toEqual({ public: 1, internal: 1.2, personal: 1.5, "trade-secret": 1.5, regulated: 1.8, "special-category": 2 });
    expect(v.weights.severity).toEqual({ block: 1, "licence-required": 0.5 });
    expect(v.thresholds).toEqual({
      ratings: { veryHigh: 80, high: 65, medium: 50, low: 35 },
      fallbackTestedRecentlyDays: 180,
      fallbackTestedStaleDays: 365,
      exitPlanReviewDays: 365,
    });
    expect(v.landscape).toBeUndefined();
  });

  it("renormalises the dimension weights after a partial override (fallback 0.4: the sum becomes 1.1)", () => {
    const d = value(resolveOptions({ asOf: AS_OF, weights: { dimensions: { fallback: 0.4 } } })).weights.dimensions;
    expect(d.access).toBeCloseTo(0.25 / 1.1, 10);
    expect(d.jurisdiction).toBeCloseTo(0.3 / 1.1, 10);
    expect(d.fallback).toBeCloseTo(0.4 / 1.1, 10);
    expect(d.concentration).toBeCloseTo(0.15 / 1.1, 10);
  });

  it("keeps the defaults beside each overridden value", () => {
    const v = value(
      resolveOptions({
        asOf: AS_OF,
        weights: { criticality: { high: 5 }, sensitivity: { regulated: 3 }, severity: { "licence-required": 0.8 } },
        thresholds: { ratings: { low: 30 }, fallbackTestedRecentlyDays: 90, exitPlanReviewDays: 180 },
      }),
    );
    expect(v.weights.criticality).toEqual({ low: 1, medium: 2, high: 5, critical: 8 });
    expect(v.weights.sensitivity).toEqual({ public: 1, internal: 1.2, personal: 1.5, "trade-secret": 1.5, regulated: 3, "special-category": 2 });
    expect(v.weights.severity).toEqual({ block: 1, "licence-required": 0.8 });
    expect(v.thresholds).toEqual({
      ratings: { veryHigh: 80, high: 65, medium: 50, low: 30 },
      fallbackTestedRecentlyDays: 90,
      fallbackTestedStaleDays: 365,
      exitPlanReviewDays: 180,
    });
  });

  it("accepts one zero dimension weight as long as the sum stays positive", () => {
    const d = value(resolveOptions({ asOf: AS_OF, weights: { dimensions: { access: 0, jurisdiction: 0, fallback: 0, concentration: 2 } } })).weights.dimensions;
    expect(d).toEqual({ access: 0, jurisdiction: 0, fallback: 0, concentration: 1 });
  });

  it("accepts rating thresholds that are equal (the order is not strict)", () => {
    const v = value(resolveOptions({ asOf: AS_OF, thresholds: { ratings: { veryHigh: 60, high: 60, medium: 60, low: 60 } } }));
    expect(v.thresholds.ratings).toEqual({ veryHigh: 60, high: 60, medium: 60, low: 60 });
  });
});

describe("resolveOptions: what it refuses, and where", () => {
  it("refuses dimension weights that are all zero", () => {
    expect(resolveOptions({ asOf: AS_OF, weights: { dimensions: { access: 0, jurisdiction: 0, fallback: 0, concentration: 0 } } })).toEqual({
      ok: false,
      issues: [{ path: "$.weights.dimensions", message: "expected dimension weights with a positive sum" }],
    });
  });

  it.each([
    ["veryHigh below high", { veryHigh: 60, high: 70 }],
    ["high below medium", { veryHigh: 80, high: 50, medium: 60 }],
    ["medium below low", { medium: 30, low: 35 }],
  ])("refuses rating thresholds with %s", (_label, ratings) => {
    expect(resolveOptions({ asOf: AS_OF, thresholds: { ratings } })).toEqual({
      ok: false,
      issues: [{ path: "$.thresholds.ratings", message: "expected veryHigh >= high >= medium >= low" }],
    });
  });

  it("writes array indexes in brackets and field names after dots", () => {
    expect(issues(resolveOptions({ asOf: AS_OF, landscape: [{ key: "x" }] }))).toEqual([
      { path: "$.landscape[0].kind", message: "Invalid discriminator value. Expected 'impose' | 'lift'" },
    ]);
  });

  it.each([
    ["a malformed date", { asOf: "01/11/2026" }, "$.asOf", "expected a date as YYYY-MM-DD"],
    ["a missing date", {}, "$.asOf", "required field is missing (expected a date as YYYY-MM-DD)"],
    ["a negative weight", { asOf: AS_OF, weights: { criticality: { high: -1 } } }, "$.weights.criticality.high", "Too small: expected number to be >=0"],
    ["a severity above 1", { asOf: AS_OF, weights: { severity: { block: 1.5 } } }, "$.weights.severity.block", "Too big: expected number to be <=1"],
    ["a drill window of zero days", { asOf: AS_OF, thresholds: { fallbackTestedRecentlyDays: 0 } }, "$.thresholds.fallbackTestedRecentlyDays", "Too small: expected number to be >0"],
  ])("refuses %s", (_label, input, path, message) => {
    expect(issues(resolveOptions(input))).toEqual([{ path, message }]);
  });
});
