import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateInventory, mulberry32 } from "./bench/generate";
import { DEFAULT_POLICY_EVENTS, scoreInventory } from ".";
import type { ScoringResult } from "./results";
import type { InventoryDocument } from "./schema/inventory";
import type { ImposeEvent, PolicyEvent } from "./schema/policy-event";
import { smallDoc, vendor } from "./testing/fixtures";
import { propertyRuns } from "./testing/mutation";

// A fixed seed, so that a failure is reproducible (FC_SEED=<n> tries another); fast-check prints
// the seed and path of any counterexample.
const SEED = Number(process.env.FC_SEED ?? 20261206);
fc.configureGlobal({ seed: SEED });

const SMALL = { offices: 6, vendors: 8, models: 12, systems: 6, dependencies: 14, dataFlows: 30 };
const docArb = fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed) => generateInventory(SMALL, seed));
const dateArb = fc.constantFrom("2024-06-01", "2025-03-01", "2025-08-01", "2026-11-01");
const COUNTRIES = ["DE", "US", "CN", "IN", "GB", "FR", "JP", "SG", "BR", "RU"];

const eventArb: fc.Arbitrary<ImposeEvent> = fc
  .record({
    n: fc.integer({ min: 0, max: 1e6 }),
    type: fc.constantFrom("export-control", "sanction", "vendor-restriction", "ban", "disruption", "licence-term" as const),
    countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 4 }),
    except: fc.boolean(),
    locus: fc.constantFrom("users", "hosting", "any", "licensee" as const),
    severity: fc.constantFrom("block", "licence-required" as const),
    weights: fc.option(fc.constantFrom("open", "closed" as const), { nil: undefined }),
    vendorCountries: fc.option(fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map((r) => ({
    key: `random-${r.n}`,
    kind: "impose" as const,
    type: r.type,
    issuer: "US" as const,
    title: `Random ${r.n}`,
    effectiveDate: "2020-01-01",
    source: "property test",
    scope: { ...(r.weights ? { weights: r.weights } : {}), ...(r.vendorCountries ? { vendorCountries: { only: r.vendorCountries } } : {}) },
    restrictions: [{ countries: r.except ? { allExcept: r.countries } : { only: r.countries }, locus: r.locus, severity: r.severity }],
  }));

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every score in a result, keyed by entity. */
function scores(r: ScoringResult): Map<string, number> {
  const m = new Map<string, number>([["org", r.organisation.score]]);
  for (const v of r.vendors) m.set(`vendor:${v.key}`, v.score);
  for (const s of r.systems) m.set(`system:${s.key}`, s.score);
  for (const d of r.dependencies) m.set(`dep:${d.key}`, d.score);
  return m;
}

function expectNoneLower(before: ScoringResult, after: ScoringResult) {
  const a = scores(before);
  for (const [k, v] of scores(after)) expect(v, k).toBeGreaterThanOrEqual(a.get(k)! - 1e-9);
}

/** A block on a dependency's model for everyone, wherever it runs. */
const fullBlock = (model: string): ImposeEvent => ({
  key: "full-block",
  kind: "impose",
  type: "export-control",
  issuer: "US",
  title: "Full block",
  effectiveDate: "2020-01-01",
  source: "property test",
  scope: { models: [model] },
  restrictions: [{ countries: { allExcept: [] }, locus: "any", severity: "block" }],
});

/** A block for users in `countries` on every model. */
const usersBlocked = (countries: string[]): ImposeEvent => ({
  key: "users-blocked",
  kind: "impose",
  type: "vendor-restriction",
  issuer: "vendor",
  title: "Users blocked",
  effectiveDate: "2020-01-01",
  source: "property test",
  scope: {},
  restrictions: [{ countries: { only: countries }, locus: "users", severity: "block" }],
});

describe("scoring properties", () => {
  it("is deterministic and independent of the order of rows", () => {
    fc.assert(
      fc.property(docArb, dateArb, fc.integer(), (doc, asOf, seed) => {
        const shuffledDoc: InventoryDocument = {
          ...doc,
          offices: shuffled(doc.offices, seed),
          vendors: shuffled(doc.vendors, seed + 1),
          models: shuffled(doc.models, seed + 2),
          aiSystems: shuffled(doc.aiSystems, seed + 3),
          dependencies: shuffled(doc.dependencies, seed + 4),
          dataFlows: shuffled(doc.dataFlows, seed + 5),
          fallbacks: shuffled(doc.fallbacks, seed + 6),
        };
        const a = JSON.stringify(scoreInventory(doc, { asOf }));
        expect(JSON.stringify(scoreInventory(doc, { asOf }))).toBe(a);
        expect(JSON.stringify(scoreInventory(shuffledDoc, { asOf }))).toBe(a);
      }),
      { numRuns: propertyRuns(25) },
    );
  });

  it("keeps every score between 0 and 100", () => {
    fc.assert(
      fc.property(docArb, dateArb, fc.array(eventArb, { maxLength: 4 }), (doc, asOf, events) => {
        const r = scoreInventory({ ...doc, policyEvents: events }, { asOf });
        for (const [k, v] of scores(r)) {
          expect(v, k).toBeGreaterThanOrEqual(0);
          expect(v, k).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it("never lowers a score when an independent, recently tested fallback is added", () => {
    fc.assert(
      fc.property(docArb, fc.nat(), dateArb, (doc, pick, asOf) => {
        const dep = doc.dependencies[pick % doc.dependencies.length]!;
        const sovereign = { key: "sovereign", name: "Sovereign weights", type: "open-weight-publisher" as const, hqCountry: "DE" };
        const withFallback: InventoryDocument = {
          ...doc,
          vendors: [...doc.vendors, sovereign],
          models: [...doc.models, { key: "sovereign-model", name: "Sovereign model", vendor: "sovereign", weights: "open" as const, licence: "Apache-2.0" }],
          fallbacks: [...doc.fallbacks, { key: "added", dependency: dep.key, model: "sovereign-model", accessPath: "self-hosted", hostingRegion: { country: "DE" }, lastTested: asOf, switchTimeHours: 1 }],
        };
        expectNoneLower(scoreInventory(doc, { asOf }), scoreInventory(withFallback, { asOf }));
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it("never lowers a score when a policy event is lifted, never raises one when it is imposed", () => {
    fc.assert(
      fc.property(docArb, dateArb, fc.array(eventArb, { minLength: 1, maxLength: 4 }), fc.nat(), (doc, asOf, events, pick) => {
        const base: PolicyEvent[] = [...DEFAULT_POLICY_EVENTS, ...events];
        const target = events[pick % events.length]!;
        const lifted: PolicyEvent[] = [...base, { key: `lift-${target.key}`, kind: "lift", lifts: target.key, title: "Lifted", effectiveDate: "2020-01-01", source: "test" }];
        const withEvents = scoreInventory(doc, { asOf, landscape: base });
        expectNoneLower(withEvents, scoreInventory(doc, { asOf, landscape: lifted }));
        const without = scoreInventory(doc, { asOf, landscape: [...DEFAULT_POLICY_EVENTS] });
        expectNoneLower(withEvents, without); // imposing the events never raised anything
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it("never rates a dependency blocked for everyone above Very Low unless a tested fallback within tolerance carries it", () => {
    fc.assert(
      fc.property(docArb, fc.nat(), dateArb, fc.array(eventArb, { maxLength: 3 }), (doc, pick, asOf, events) => {
        const dep = doc.dependencies[pick % doc.dependencies.length]!;
        const tolerated = doc.aiSystems.find((s) => s.key === dep.system)!.toleratedDowntimeHours;
        // Its fallbacks stay, but none is tested, and a strong one (self-hosted open weights) is
        // tested but too slow: nothing carries the blocked users within the tolerated downtime.
        const slow = { key: "slow", dependency: dep.key, model: "sovereign-model", accessPath: "self-hosted" as const, hostingRegion: { country: "DE" }, lastTested: asOf, switchTimeHours: 3 * tolerated + 1 };
        const untested: InventoryDocument = {
          ...doc,
          vendors: [...doc.vendors, { key: "sovereign", name: "Sovereign weights", type: "open-weight-publisher", hqCountry: "DE" }],
          models: [...doc.models, { key: "sovereign-model", name: "Sovereign model", vendor: "sovereign", weights: "open", licence: "Apache-2.0" }],
          fallbacks: [...doc.fallbacks.map(({ lastTested: _t, ...f }) => f), slow],
          policyEvents: [...events, fullBlock(dep.model)],
        };
        const r = scoreInventory(untested, { asOf });
        const d = r.dependencies.find((x) => x.key === dep.key)!;
        expect(d.switchedOff?.share).toBe(1);
        expect(d.rating).toBe("Very Low");
        expect(r.systems.find((x) => x.key === dep.system)!.rating).toBe("Very Low");
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it("never lowers a score when a restriction is lifted for some of its countries", () => {
    fc.assert(
      fc.property(docArb, dateArb, fc.array(eventArb, { minLength: 1, maxLength: 4 }), fc.nat(), fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 5 }), (doc, asOf, events, pick, freed) => {
        const base: PolicyEvent[] = [...DEFAULT_POLICY_EVENTS, ...events];
        const target = events[pick % events.length]!;
        const partial: PolicyEvent = { key: `lift-${target.key}`, kind: "lift", lifts: target.key, title: "Lifted for some", effectiveDate: "2020-01-01", source: "test", countries: { only: freed } };
        expectNoneLower(scoreInventory(doc, { asOf, landscape: base }), scoreInventory(doc, { asOf, landscape: [...base, partial] }));
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it("never lowers a score when a tested fallback is added, whatever it is", () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.nat(), dateArb, fc.array(eventArb, { maxLength: 3 }), fc.constantFrom("direct-api", "self-hosted" as const), fc.integer({ min: 0, max: 100 }), (doc, pickDep, pickModel, asOf, events, accessPath, hours) => {
        const dep = doc.dependencies[pickDep % doc.dependencies.length]!;
        const model = doc.models[pickModel % doc.models.length]!;
        const before: InventoryDocument = { ...doc, policyEvents: events };
        const after: InventoryDocument = { ...before, fallbacks: [...doc.fallbacks, { key: "added", dependency: dep.key, model: model.key, accessPath, lastTested: asOf, switchTimeHours: hours }] };
        expectNoneLower(scoreInventory(before, { asOf }), scoreInventory(after, { asOf }));
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it("never raises a score when more of the users are blocked", () => {
    fc.assert(
      fc.property(docArb, dateArb, fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 4 }), fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 4 }), (doc, asOf, some, more) => {
        const smaller = scoreInventory({ ...doc, policyEvents: [usersBlocked(some)] }, { asOf });
        const larger = scoreInventory({ ...doc, policyEvents: [usersBlocked([...new Set([...some, ...more])])] }, { asOf });
        expectNoneLower(larger, smaller);
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it("gives identical results for identical inputs, dates and landscapes", () => {
    fc.assert(
      fc.property(docArb, dateArb, fc.array(eventArb, { maxLength: 4 }), (doc, asOf, events) => {
        const once = JSON.stringify(scoreInventory({ ...doc, policyEvents: events }, { asOf }));
        expect(JSON.stringify(scoreInventory(structuredClone({ ...doc, policyEvents: events }), { asOf }))).toBe(once);
      }),
      { numRuns: propertyRuns(25) },
    );
  });

  it("never scores hosting open weights yourself below reaching a closed model through an API", () => {
    fc.assert(
      fc.property(
        fc.record({
          vendorHq: fc.constantFrom("US", "FR", "CN", "CA", "DE"),
          orgHq: fc.constantFrom("DE", "GB", "US", "JP"),
          hosting: fc.constantFrom("DE", "US", "IN", "CN", "GB"),
          offices: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 3 }),
          criticality: fc.constantFrom("low", "medium", "high", "critical" as const),
          mechanism: fc.constantFrom(undefined, "scc", "none", "adequacy", "derogation" as const),
          exitPlan: fc.boolean(),
          fallback: fc.boolean(),
        }),
        dateArb,
        fc.array(eventArb.map((e) => ({ ...e, scope: { ...e.scope, weights: "closed" as const } })), { maxLength: 3 }),
        (p, asOf, events) => {
          const offices = p.offices.map((c, i) => ({ key: `o${i}`, name: `Office ${i}`, country: c }));
          const make = (model: string, accessPath: "direct-api" | "self-hosted"): InventoryDocument =>
            smallDoc({
              organisation: { key: "org", name: "Org", hqCountry: p.orgHq },
              offices,
              vendors: [vendor("v", p.vendorHq), vendor("alt", "FR")],
              models: [
                { key: "closed", name: "Closed", vendor: "v", family: "f", weights: "closed" },
                { key: "open", name: "Open", vendor: "v", family: "f", weights: "open" },
                { key: "alt", name: "Alt", vendor: "alt", weights: "open", licence: "Apache-2.0" },
              ],
              aiSystems: [{ key: "s", name: "S", criticality: p.criticality, toleratedDowntimeHours: 4, offices: offices.map((o) => o.key) }],
              dependencies: [{ key: "d", system: "s", model, accessPath, hostingRegion: { country: p.hosting }, ...(p.exitPlan ? { exitPlan: { documented: true, lastReviewed: asOf } } : {}) }],
              dataFlows: [{ key: "f", fromOffice: "o0", dependency: "d", categories: ["personal"], ...(p.mechanism ? { transferMechanism: p.mechanism } : {}) }],
              fallbacks: p.fallback ? [{ key: "fb", dependency: "d", model: "alt", accessPath: "self-hosted", lastTested: asOf, switchTimeHours: 1 }] : [],
              policyEvents: events,
            });
          const api = scoreInventory(make("closed", "direct-api"), { asOf });
          const self = scoreInventory(make("open", "self-hosted"), { asOf });
          expect(self.dependencies[0]!.score).toBeGreaterThanOrEqual(api.dependencies[0]!.score);
          expect(self.organisation.score).toBeGreaterThanOrEqual(api.organisation.score);
        },
      ),
      { numRuns: propertyRuns(60) },
    );
  });
});
