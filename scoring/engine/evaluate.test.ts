import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateInventory } from "../bench/generate";
import { requireOptions } from "../score-inventory";
import type { ImposeEvent } from "../schema/policy-event";
import { buildContext, dependencyWeight, type PreparedDependency } from "./context";
import { computeDependency, contextShare, evaluateDependency } from "./evaluate";
import { MODE } from "./explain-mode";
import { propertyRuns } from "../testing/mutation";

// The scoring pass computes numbers only (evaluateDependency); explanations are rebuilt by
// computeDependency. Both must agree on every factor, for every dependency and landscape.

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261206) });

const SMALL = { offices: 8, vendors: 10, models: 16, systems: 8, dependencies: 24, dataFlows: 80 };
const COUNTRIES = ["DE", "US", "CN", "IN", "GB", "FR", "JP", "SG", "BR", "RU", "IE", "CH"];

const eventArb: fc.Arbitrary<ImposeEvent> = fc
  .record({
    n: fc.integer({ min: 0, max: 1e6 }),
    type: fc.constantFrom("export-control", "sanction", "vendor-restriction", "disruption" as const),
    countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 4 }),
    except: fc.boolean(),
    locus: fc.constantFrom("users", "hosting", "any", "licensee" as const),
    severity: fc.constantFrom("block", "licence-required" as const),
    weights: fc.option(fc.constantFrom("open", "closed" as const), { nil: undefined }),
    compute: fc.option(fc.constantFrom("1e25-1e26", "above-1e26" as const), { nil: undefined }),
  })
  .map((r) => ({
    key: `random-${r.n}`,
    kind: "impose" as const,
    type: r.type,
    issuer: "US" as const,
    title: `Random ${r.n}`,
    effectiveDate: "2020-01-01",
    source: "test",
    scope: { ...(r.weights ? { weights: r.weights } : {}), ...(r.compute ? { minTrainingCompute: r.compute } : {}) },
    restrictions: [{ countries: r.except ? { allExcept: r.countries } : { only: r.countries }, locus: r.locus, severity: r.severity }],
  }));

function explained(...args: Parameters<typeof computeDependency>) {
  const prev = MODE.explain;
  MODE.explain = true;
  try {
    return computeDependency(...args);
  } finally {
    MODE.explain = prev;
  }
}

describe("numbers-only evaluation", () => {
  it("agrees with the explained evaluation on every factor, the best fallback and the restricting events", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(eventArb, { maxLength: 4 }),
        fc.constantFrom("2025-03-01", "2026-11-01"),
        fc.constantFrom(0, 0.5, 1),
        (seed, events, asOf, licence) => {
          const g = generateInventory(SMALL, seed);
          const aiSystems = g.aiSystems.map((s, i) => (i % 3 === 0 ? { ...s, dataSensitivity: "internal" as const } : i % 3 === 1 ? { ...s, dataSensitivity: "public" as const } : s));
          const doc = { ...g, aiSystems, policyEvents: events };
          const ctx = buildContext(doc, requireOptions({ asOf, weights: { severity: { "licence-required": licence }, sensitivity: { internal: 1.5, personal: 1.5 } } }));
          const share = contextShare(ctx);
          for (const p of ctx.prepared) {
            const e = evaluateDependency(ctx, p, ctx.active, share);
            const x = explained(ctx, p, ctx.active, share);
            expect(Array.from(e.raw)).toEqual(x.drafts.map((d) => d.raw));
            expect(e.bestFallback).toBe(x.bestFallback);
            expect(e.restrictedBy).toEqual(x.restrictedBy);
            expect(e.switchedOff).toEqual(x.switchedOff);
            // The one-pass flow summary gives the same weight as the per-dependency computation.
            expect({ weight: p.weight, sensitivity: p.sensitivity }).toEqual(dependencyWeight(p.system, p.flows, ctx.opts));
          }
        },
      ),
      { numRuns: propertyRuns(40) },
    );
  });

  it("reuses a baseline's landscape-independent factors without changing any result", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(eventArb, { minLength: 1, maxLength: 3 }), (seed, shocks) => {
        const ctx = buildContext(generateInventory(SMALL, seed), requireOptions({ asOf: "2026-11-01" }));
        const share = contextShare(ctx);
        const landscape = { restrictions: [...ctx.active.restrictions, ...shocks.filter((s) => s.type !== "sanction")], sanctions: [...ctx.active.sanctions, ...shocks.filter((s) => s.type === "sanction")] };
        for (const p of ctx.prepared) {
          const base = evaluateDependency(ctx, p, ctx.active, share);
          const reused = evaluateDependency(ctx, p, landscape, share, undefined, undefined, base);
          const fresh = evaluateDependency(ctx, p, landscape, share);
          expect(Array.from(reused.raw)).toEqual(Array.from(fresh.raw));
          expect(reused.total).toBe(fresh.total);
          expect(reused.bestFallback).toBe(fresh.bestFallback);
          expect(reused.restrictedBy).toEqual(fresh.restrictedBy);
        }
      }),
      { numRuns: propertyRuns(25) },
    );
  });

  it("ignores the flow summary of a what-if copy whose flows were replaced", () => {
    const ctx = buildContext(generateInventory(SMALL, 7), requireOptions({ asOf: "2026-11-01" }));
    const share = contextShare(ctx);
    let checked = 0;
    for (const p of ctx.prepared) {
      const next: PreparedDependency = { ...p, flows: p.flows.map((f) => ({ ...f, transferMechanism: "scc" as const })) };
      const e = evaluateDependency(ctx, next, ctx.active, share);
      expect(Array.from(e.raw)).toEqual(explained(ctx, next, ctx.active, share).drafts.map((d) => d.raw));
      if (e.raw[4] !== evaluateDependency(ctx, p, ctx.active, share).raw[4]) checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
