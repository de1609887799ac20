// One dependency's evaluation at its edges, with every figure worked out by hand from
// docs/METHODOLOGY.md: the points of each factor (where it runs, the strongest restriction, the
// sanction after a restriction, the weakest transfer, the best fallback on ties, concentration
// shares), the switched-off rule (the blocked share on both sides of "most users", everyone cut off
// by hosting, licence or sanction, each recovery status, a fallback scoring below the dependency, a
// fallback blocked for the same or for other users), reuse of a baseline evaluation, and what is
// listed as "not recorded: verify". Written against the mutants of evaluate.ts (issue 19); the
// property tests in evaluate.test.ts check that the two evaluations agree, these pin what they say.
// Both evaluateDependency (numbers) and computeDependency (explanations) are held to each figure.
//
// The inventory is smallDoc's: Acme in Germany; a high-criticality support bot (tolerated downtime
// 4 h) used by 750 people in Frankfurt and 250 in New York; GPT (OpenAI, US, closed) by direct API
// with no hosting region (assumed the US); personal data from Frankfurt under SCCs. No catalogue
// events: only the document's own. Its 15 factors add up to N = 28.15:
//   access (10 direct API + 15 hosted where some users are) x 0.25 = 6.25
//   jurisdiction (35 + 8 one foreign law + 15 SCCs with foreign access + 15) x 0.30 = 21.90
//   no fallback, and the only dependency: concentration 0 on every axis.
import { describe, expect, it } from "vitest";
import type { ScoringOptions } from "../options";
import { requireOptions } from "../score-inventory";
import type { DataFlow, Fallback, InventoryDocument, Office } from "../schema/inventory";
import type { ImposeEvent, Restriction } from "../schema/policy-event";
import { model, smallDoc, vendor } from "../testing/fixtures";
import { buildContext, type ActiveLandscape, type Context, type PreparedDependency } from "./context";
import { computeDependency, contextShare, DependencyEvaluation, evaluateDependency, factorWeights, PointsArena, SWITCHED_OFF_MOST, type ShareFn, type SwitchedOff } from "./evaluate";
import { MODE, withoutExplanations } from "./explain-mode";
import { FACTORS } from "./factors/types";

const AS_OF = "2026-11-01";
const DRILLED = "2026-10-01"; // 31 days before: a recent drill (20 points)
const FRA: Office = { key: "fra", name: "Frankfurt", country: "DE", headcount: 750 };
const NY: Office = { key: "ny", name: "New York", country: "US", headcount: 250 };

const options = (over: Partial<ScoringOptions> = {}) => requireOptions({ asOf: AS_OF, landscape: [], ...over });
const contextOf = (over: Partial<InventoryDocument> = {}, opts: Partial<ScoringOptions> = {}) => buildContext(smallDoc({ offices: [FRA, NY], ...over }), options(opts));
const prep = (ctx: Context, key = "bot/gpt"): PreparedDependency => {
  const p = ctx.preparedByKey.get(key);
  if (!p) throw new Error(`no prepared dependency ${key}`);
  return p;
};

/** An event imposed on 2026-01-01 on OpenAI's models (unless the scope says otherwise), blocking users in `countries`. */
function event(key: string, countries: string[], restriction: Partial<Restriction> = {}, over: Partial<ImposeEvent> = {}): ImposeEvent {
  return { key, kind: "impose", type: "vendor-restriction", issuer: "vendor", title: `Event ${key}`, effectiveDate: "2026-01-01", source: "test", scope: { vendors: ["openai"] }, restrictions: [{ countries: { only: countries }, locus: "users", severity: "block", ...restriction }], ...over };
}
const sanction = (key: string, countries: string[], restriction: Partial<Restriction> = {}) => event(key, countries, restriction, { type: "sanction", issuer: "EU", scope: {} });
/** A self-hosted Mistral Small fallback (open weights, in Germany) for the bot's GPT, switching in 2 h. */
const fallback = (key: string, over: Partial<Fallback> = {}): Fallback => ({ key, dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted", switchTimeHours: 2, ...over });
const personalFlow = (key: string, over: Partial<DataFlow> = {}): DataFlow => ({ key, fromOffice: "fra", dependency: "bot/gpt", categories: ["personal"], transferMechanism: "scc", ...over });

// Factor points by short name, in FACTORS order, rounded to 1e-9 (so that 0.3 x 35 and friends compare exactly).
const NAMES = ["path", "hosting", "restrictions", "extraterritorial", "transfer", "sanctions", "exists", "independence", "tested", "switch", "exit", "vendor", "family", "cloud", "jurisdiction", "off"] as const;
type Named = Record<(typeof NAMES)[number], number>;
const near = (x: number) => Math.round(x * 1e9) / 1e9 + 0;
const named = (raw: ArrayLike<number>): Named => Object.fromEntries(NAMES.map((n, i) => [n, near(raw[i]!)])) as Named;
const BASE: Named = { path: 10, hosting: 15, restrictions: 35, extraterritorial: 8, transfer: 15, sanctions: 15, exists: 0, independence: 0, tested: 0, switch: 0, exit: 0, vendor: 0, family: 0, cloud: 0, jurisdiction: 0, off: 0 };
const OPEN_FALLBACK = { exists: 30, independence: 25, tested: 20, switch: 15, exit: 10 };
const NO_CONCENTRATION = { vendor: 25, family: 25, cloud: 25, jurisdiction: 25 };
const offNear = (off: SwitchedOff | undefined) =>
  off && { ...off, share: near(off.share), structural: near(off.structural), effective: near(off.effective), cap: off.cap === undefined ? undefined : near(off.cap), fallbackScore: off.fallbackScore === undefined ? undefined : near(off.fallbackScore) };

/** Both evaluations of one dependency in the context's own landscape. */
function scored(over: Partial<InventoryDocument> = {}, opts: Partial<ScoringOptions> = {}, key = "bot/gpt") {
  const ctx = contextOf(over, opts);
  const p = prep(ctx, key);
  const share = contextShare(ctx);
  return { ctx, p, e: evaluateDependency(ctx, p, ctx.active, share), x: computeDependency(ctx, p, ctx.active, share) };
}
/** Holds both evaluations to the hand-worked points (BASE where not given) and total. */
function expectPoints(s: ReturnType<typeof scored>, expected: Partial<Named>, total: number) {
  const want = { ...BASE, ...expected };
  expect(named(s.e.raw)).toEqual(want);
  expect(named(s.x.drafts.map((d) => d.raw))).toEqual(want);
  expect(near(s.e.total)).toBe(total);
}
function expectOff(s: ReturnType<typeof scored>, expected: Partial<SwitchedOff> | undefined) {
  const want = expected && { allBecause: undefined, fallback: undefined, switchTimeHours: undefined, fallbackScore: undefined, cap: undefined, ...expected };
  expect(offNear(s.e.switchedOff)).toEqual(want);
  expect(offNear(s.x.switchedOff)).toEqual(want);
}

describe("the weight of each factor in a score, and concentration shares", () => {
  it("weighs each factor by its dimension, and the switched-off adjustment by 1", () => {
    const fw = Array.from(factorWeights(contextOf()), near);
    expect(fw).toEqual([0.25, 0.25, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.15, 0.15, 0.15, 0.15, 1]);
    expect(fw).toHaveLength(FACTORS.length);
  });

  it("follows overridden dimension weights (2 : 1 : 1 : 0, normalised), the adjustment still at 1", () => {
    const ctx = contextOf({}, { weights: { dimensions: { access: 2, jurisdiction: 1, fallback: 1, concentration: 0 } } });
    expect(Array.from(factorWeights(ctx))).toEqual([0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0, 0, 0, 0, 1]);
  });

  it("computes the weights once per context", () => {
    const ctx = contextOf();
    expect(factorWeights(ctx)).toBe(factorWeights(ctx));
  });

  // bot/gpt: high 4 x personal 1.5 = 6; hr/mistral: medium 2 x public 1 = 2. Total 8.
  const twoVendors = { aiSystems: [...smallDoc().aiSystems, { key: "hr", name: "HR", criticality: "medium" as const, toleratedDowntimeHours: 8, offices: ["fra"] }], dependencies: [...smallDoc().dependencies, { key: "hr/mistral", system: "hr", model: "mistral-small", accessPath: "direct-api" as const }] };

  it("gives a key's criticality-weighted share of all dependencies, 0 for a key nobody uses", () => {
    const share = contextShare(contextOf(twoVendors));
    expect(share("vendor", "openai")).toBe(0.75);
    expect(share("cloud", "mistral")).toBe(0.25);
    expect(share("jurisdiction", "EEA")).toBe(0.25);
    expect(share("vendor", "nobody")).toBe(0);
  });

  it("gives every key a share of 0 when the dependencies weigh nothing", () => {
    const ctx = contextOf({}, { weights: { criticality: { high: 0 } } });
    expect(ctx.totalWeight).toBe(0);
    expect(contextShare(ctx)("vendor", "openai")).toBe(0);
    // Concentration is then at its maximum on every axis.
    expect(named(evaluateDependency(ctx, prep(ctx)).raw)).toMatchObject(NO_CONCENTRATION);
  });

  it("hands out one share function per context", () => {
    const ctx = contextOf();
    expect(contextShare(ctx)).toBe(contextShare(ctx));
  });
});

describe("points arena: views of shared buffers, one per dependency", () => {
  const n = FACTORS.length;

  it("hands out consecutive views of one buffer until a chunk is used up", () => {
    const arena = new PointsArena(2);
    const a = arena.take();
    const b = arena.take();
    const c = arena.take();
    expect([a.length, b.length, c.length]).toEqual([n, n, n]);
    expect(b.buffer).toBe(a.buffer);
    expect([a.byteOffset, b.byteOffset]).toEqual([0, n * 8]);
    expect(a.buffer.byteLength).toBe(2 * n * 8);
    expect(c.buffer).not.toBe(a.buffer);
    expect(c.byteOffset).toBe(0);
    a[n - 1] = 7;
    expect(b[0]).toBe(0);
  });

  it("holds 512 dependencies per chunk by default", () => {
    const arena = new PointsArena();
    const a = arena.take();
    expect(a.buffer.byteLength).toBe(512 * n * 8);
    expect(arena.take().buffer).toBe(a.buffer);
  });
});

describe("access: who holds the off switch and where it runs", () => {
  it("scores the reference dependency at N = 28.15", () => {
    const s = scored();
    expectPoints(s, {}, 28.15);
    expect(s.e.bestFallback).toBeUndefined();
    expect(s.e.restrictedBy).toEqual([]);
    expect(s.e.switchedOff).toBeUndefined();
  });

  it("gives 0 for hosting abroad when no user is there: 28.15 - 15 x 0.25 = 24.40", () => {
    expectPoints(scored({ aiSystems: [{ ...smallDoc().aiSystems[0]!, offices: ["fra"] }] }), { hosting: 0 }, 24.4);
  });

  it.each([
    // Hosted in Germany: the chain is OpenAI (US) and Germany, one foreign law (8); the flow stays in Germany (25).
    ["no residency commitment: 24", undefined, 24],
    ["residency not committed: 24", { dataResidency: false }, 24],
    ["residency contractually committed: 30", { dataResidency: true }, 30],
  ])("hosted at home with %s", (_title, contract, hosting) => {
    const s = scored({ dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api", hostingRegion: { country: "DE" }, ...(contract ? { contract } : {}) }] });
    // access (10 + h) x 0.25 + (35 + 8 + 25 + 15) x 0.3 = 2.5 + h/4 + 24.9
    expectPoints(s, { hosting, transfer: 25 }, near(2.5 + hosting / 4 + 24.9));
  });

  it("gives open weights run at home full marks everywhere: 100", () => {
    const s = scored({ dependencies: [{ key: "bot/llama", system: "bot", model: "llama", accessPath: "self-hosted" }], dataFlows: [] }, {}, "bot/llama");
    expectPoints(s, { path: 70, hosting: 30, extraterritorial: 25, transfer: 25, ...OPEN_FALLBACK, ...NO_CONCENTRATION }, 100);
  });

  it("gives 15 for hosting in the bloc of some users, though not at home (a UK organisation, Mistral in France, users in Germany)", () => {
    const s = scored({ organisation: { key: "acme", name: "Acme", hqCountry: "GB" }, dependencies: [{ key: "bot/mistral", system: "bot", model: "mistral-small", accessPath: "direct-api" }], dataFlows: [] }, {}, "bot/mistral");
    // France: no foreign access law (25); no personal data (25). (10 + 15) x 0.25 + (35 + 25 + 25 + 15) x 0.3 = 6.25 + 30.
    expectPoints(s, { hosting: 15, extraterritorial: 25, transfer: 25 }, 36.25);
  });
});

describe("extraterritorial reach and personal-data transfers", () => {
  const withFlows = (...flows: DataFlow[]) => scored({ dataFlows: flows });

  it("gives 25 for transfers when the importer is certified under the Data Privacy Framework (US adequacy): 28.15 + 10 x 0.3 = 31.15", () => {
    expectPoints(scored({ vendors: [vendor("openai", "US", { dpfCertified: true }), ...smallDoc().vendors.slice(1)] }), { transfer: 25 }, 31.15);
  });

  it.each<[string, DataFlow[], number, number]>([
    ["a derogation: 8", [personalFlow("f1", { transferMechanism: "derogation" })], 8, 26.05],
    ["no mechanism recorded: 0", [personalFlow("f1", { transferMechanism: undefined })], 0, 23.65],
    ["SCCs then a derogation: the weakest, 8", [personalFlow("f1"), personalFlow("f2", { transferMechanism: "derogation" })], 8, 26.05],
    ["a derogation then SCCs: the weakest, 8", [personalFlow("f2", { transferMechanism: "derogation" }), personalFlow("f1")], 8, 26.05],
    ["special-category data under SCCs: 15", [personalFlow("f1", { categories: ["special-category"] })], 15, 28.15],
    ["internal data only: no transfer to assess, 25", [personalFlow("f1", { categories: ["internal"] })], 25, 31.15],
    ["personal data from New York only (not a GDPR origin): 25", [personalFlow("f1", { fromOffice: "ny" })], 25, 31.15],
    ["personal data from an office not in the inventory (counted from the HQ, Germany): 15", [personalFlow("f1", { fromOffice: "nowhere" })], 15, 28.15],
  ])("scores the transfer of %s", (_title, flows, transfer, total) => {
    // total = 28.15 + (transfer - 15) x 0.3
    expectPoints(withFlows(...flows), { transfer }, total);
  });

  it("gives SCCs 18 when no foreign access law reaches the importer (a vendor in India, hosted there)", () => {
    const s = scored({ vendors: [...smallDoc().vendors, vendor("sarvam", "IN")], models: [...smallDoc().models, model("sarvam-m", "sarvam", "closed")], dependencies: [{ key: "bot/gpt", system: "bot", model: "sarvam-m", accessPath: "direct-api" }] });
    // India is no user's country: hosting 0. (10 + 0) x 0.25 + (35 + 25 + 18 + 15) x 0.3 = 2.5 + 27.9
    expectPoints(s, { hosting: 0, extraterritorial: 25, transfer: 18 }, 30.4);
  });

  it("gives 0 for reach when two foreign jurisdictions are in the chain (a Chinese vendor hosted in the US)", () => {
    const s = scored({ vendors: [...smallDoc().vendors, vendor("deepseek", "CN")], models: [...smallDoc().models, model("deepseek-chat", "deepseek", "closed")], dependencies: [{ key: "bot/gpt", system: "bot", model: "deepseek-chat", accessPath: "direct-api", hostingRegion: { country: "US" } }] });
    // 28.15 - 8 x 0.3 = 25.75
    expectPoints(s, { extraterritorial: 0 }, 25.75);
  });

  it.each([
    ["certified: US adequacy, 25", true, 25],
    ["not recorded: SCCs with foreign access, 15", undefined, 15],
  ])("takes the organisation as the importer of a model it runs itself in the US, %s", (_title, dpfCertified, transfer) => {
    const s = scored({
      organisation: { key: "acme", name: "Acme", hqCountry: "DE", ...(dpfCertified === undefined ? {} : { dpfCertified }) },
      dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "self-hosted", hostingRegion: { country: "US" } }],
    });
    // A licensed closed model at home: 50; no third-party operator, so no cloud key (25 on that axis).
    // (50 + 15) x 0.25 + (35 + 8 + t + 15) x 0.3 + 25 x 0.15 = 16.25 + 17.4 + 0.3t + 3.75
    expectPoints(s, { path: 50, transfer, cloud: 25 }, near(37.4 + 0.3 * transfer));
  });

  describe("a what-if copy whose flows were replaced (the one-pass summary no longer applies)", () => {
    const ctx = contextOf();
    const p = prep(ctx);
    it.each<[string, DataFlow[], number]>([
      ["a derogation: 8", [personalFlow("w1", { transferMechanism: "derogation" })], 8],
      ["no mechanism: 0", [personalFlow("w1", { transferMechanism: "none" })], 0],
      ["internal data only: 25", [personalFlow("w1", { categories: ["internal"], transferMechanism: "none" })], 25],
      ["special-category data under a derogation: 8", [personalFlow("w1", { categories: ["special-category"], transferMechanism: "derogation" })], 8],
      ["personal data from New York only: 25", [personalFlow("w1", { fromOffice: "ny", transferMechanism: "none" })], 25],
      ["personal data from an unknown office (the HQ, Germany) under a derogation: 8", [personalFlow("w1", { fromOffice: "nowhere", transferMechanism: "derogation" })], 8],
    ])("reads the new flows: %s", (_title, flows, transfer) => {
      const copy: PreparedDependency = { ...p, flows };
      expect(evaluateDependency(ctx, copy).raw[4]).toBe(transfer);
      expect(computeDependency(ctx, copy, ctx.active, contextShare(ctx)).drafts[4]!.raw).toBe(transfer);
    });

    it("reads the flows when there is no summary at all", () => {
      expect(evaluateDependency(ctx, { ...p, personal: undefined, personalOf: undefined }).raw[4]).toBe(15);
    });
  });
});

describe("restrictions in force", () => {
  it("removes the blocked share of the people: 35 x (1 - 0.75) = 8.75 for a block on Germany", () => {
    const s = scored({ policyEvents: [event("openai-block", ["DE"])] });
    expect(s.e.raw[2]).toBe(8.75);
    expect(s.e.restrictedBy).toEqual(["openai-block"]);
    expect(s.x.restrictedBy).toEqual(["openai-block"]);
  });

  it("removes half as much for a licence requirement, which switches nothing off: 35 x (1 - 0.75 x 0.5) = 21.875", () => {
    const s = scored({ policyEvents: [event("openai-licence", ["DE"], { severity: "licence-required" })] });
    // 28.15 - 13.125 x 0.3 = 24.2125
    expectPoints(s, { restrictions: 21.875 }, 24.2125);
    expectOff(s, undefined);
    expect(s.e.restrictedBy).toEqual(["openai-licence"]);
  });

  it("lists an event whose severity weighs nothing as restricting nothing, and removes nothing", () => {
    const s = scored({ policyEvents: [event("openai-licence", ["DE"], { severity: "licence-required" })] }, { weights: { severity: { "licence-required": 0 } } });
    expectPoints(s, {}, 28.15);
    expect(s.e.restrictedBy).toEqual([]);
    expect(s.x.restrictedBy).toEqual([]);
  });

  it("ignores an event whose scope does not select the dependency", () => {
    const s = scored({ policyEvents: [event("mistral-block", ["DE"], {}, { scope: { vendors: ["mistral"] } })] });
    expectPoints(s, {}, 28.15);
    expect(s.e.restrictedBy).toEqual([]);
  });

  it.each([
    ["the stronger listed first", ["de-licence", "us-licence"]],
    ["the stronger listed last", ["us-licence", "de-licence"]],
  ])("counts the strongest of several events (%s): 0.75 x 0.5 beats 0.25 x 0.5", (_title, order) => {
    const ctx = contextOf();
    const events: Record<string, ImposeEvent> = { "de-licence": event("de-licence", ["DE"], { severity: "licence-required" }), "us-licence": event("us-licence", ["US"], { severity: "licence-required" }) };
    const landscape: ActiveLandscape = { restrictions: order.map((k) => events[k]!), sanctions: [] };
    const e = evaluateDependency(ctx, prep(ctx), landscape);
    expect(e.raw[2]).toBe(21.875);
    expect(e.restrictedBy).toEqual(["de-licence", "us-licence"]);
    expect(computeDependency(ctx, prep(ctx), landscape, contextShare(ctx)).restrictedBy).toEqual(["de-licence", "us-licence"]);
  });

  it("lists the restricting events sorted, each once, restrictions and sanctions together", () => {
    const ctx = contextOf();
    const z = event("z-licence", ["US"], { severity: "licence-required" });
    const a = event("a-licence", ["DE"], { severity: "licence-required" });
    const landscape: ActiveLandscape = { restrictions: [z, a], sanctions: [{ ...sanction("a-licence", ["DE"], { severity: "licence-required" }) }] };
    expect(evaluateDependency(ctx, prep(ctx), landscape).restrictedBy).toEqual(["a-licence", "z-licence"]);
    expect(computeDependency(ctx, prep(ctx), landscape, contextShare(ctx)).restrictedBy).toEqual(["a-licence", "z-licence"]);
  });
});

describe("sanctions", () => {
  it("removes all 15 points when a sanction touches the chain, and switches everyone off", () => {
    const s = scored({ policyEvents: [sanction("us-sanction", ["US"])] });
    // N = 28.15 - 15 x 0.3 = 23.65; everyone cut off, no fallback: 0.
    expectPoints(s, { sanctions: 0, off: -23.65 }, 0);
    expectOff(s, { share: 1, allBecause: "chain", countries: [], events: ["us-sanction"], status: "no-recovery", structural: 23.65, effective: 0, cap: 0 });
  });

  it("removes the sanctioned share of the users otherwise: 15 x (1 - 0.75) = 3.75", () => {
    const s = scored({ policyEvents: [sanction("de-sanction", ["DE"])] });
    // N = 28.15 - 11.25 x 0.3 = 24.775; s = 0.75: 0.25 x 24.775 = 6.19375, below the cap of 2 x 0.25 x 35 = 17.5.
    expectPoints(s, { sanctions: 3.75, off: -18.58125 }, 6.19375);
    expectOff(s, { share: 0.75, countries: ["DE"], events: ["de-sanction"], status: "no-recovery", structural: 24.775, effective: 6.19375, cap: 17.5 });
  });

  it("leaves the 15 points when a sanction reaches nobody on the route", () => {
    const s = scored({ policyEvents: [sanction("ru-sanction", ["RU"])] });
    expectPoints(s, {}, 28.15);
    expectOff(s, undefined);
  });

  it("weighs a sanction by its own impact, not by a stronger restriction's", () => {
    // Restriction: block on Germany, 0.75 -> 8.75. Sanction: a licence on Germany, 0.75 x 0.5 -> 15 x 0.625 = 9.375.
    // N = 28.15 - 26.25 x 0.3 - 5.625 x 0.3 = 18.5875; only the block switches off: 0.25 x 18.5875 = 4.646875.
    const s = scored({ policyEvents: [event("openai-block", ["DE"]), sanction("de-licence", ["DE"], { severity: "licence-required" })] });
    expectPoints(s, { restrictions: 8.75, sanctions: 9.375, off: -13.940625 }, 4.646875);
    expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "no-recovery", structural: 18.5875, effective: 4.646875, cap: 17.5 });
  });
});

describe("fallback readiness in points", () => {
  it("counts an untested self-hosted open-weight fallback switching within tolerance: 30 + 25 + 0 + 15 (28.15 + 21 = 49.15)", () => {
    const s = scored({ fallbacks: [fallback("fb")] });
    expectPoints(s, { exists: 30, independence: 25, switch: 15 }, 49.15);
    expect(s.e.bestFallback).toBe("fb");
    expect(s.x.bestFallback).toBe("fb");
  });

  it("adds 20 for a recent drill and 10 for a documented, reviewed exit plan with exit terms (28.15 + 30 x 0.3 = 58.15)", () => {
    const s = scored({
      dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api", exitPlan: { documented: true, lastReviewed: "2026-06-01" }, contract: { exitTerms: true } }],
      fallbacks: [fallback("fb", { lastTested: DRILLED })],
    });
    expectPoints(s, { exists: 30, independence: 25, tested: 20, switch: 15, exit: 10 }, 58.15);
  });

  it("skips a fallback whose model is not in the inventory", () => {
    const s = scored({ fallbacks: [fallback("ghost", { model: "ghost" })] });
    expectPoints(s, {}, 28.15);
    expect(s.e.bestFallback).toBeUndefined();
    expect(s.x.bestFallback).toBeUndefined();
  });

  it("lowers a fallback's existence by the restriction on the fallback itself: 30 x (1 - 0.25) = 22.5", () => {
    const s = scored({ fallbacks: [fallback("fb")], policyEvents: [event("mistral-block", ["US"], {}, { scope: { vendors: ["mistral"] } })] });
    // 28.15 + (22.5 + 25 + 0 + 15) x 0.3 = 28.15 + 18.75
    expectPoints(s, { exists: 22.5, independence: 25, switch: 15 }, 46.9);
    expectOff(s, undefined);
  });

  it("gives no independence when a restriction in force reaches both the dependency and its fallback", () => {
    // A licence for US users on every route: 0.25 x 0.5 = 0.125. Restrictions 35 x 0.875 = 30.625;
    // the fallback exists at 30 x 0.875 = 26.25, independence 0. 28.15 - 4.375 x 0.3 + (26.25 + 15) x 0.3 = 39.2125
    const s = scored({ fallbacks: [fallback("fb")], policyEvents: [event("all-licence", ["US"], { severity: "licence-required" }, { scope: {} })] });
    expectPoints(s, { restrictions: 30.625, exists: 26.25, independence: 0, switch: 15 }, 39.2125);
  });

  describe("choosing between fallbacks (first four factors; ties to the key that sorts first), in either order", () => {
    const pick = (fallbacks: Fallback[]) => {
      const ctx = contextOf({ fallbacks });
      const p = prep(ctx);
      const reversed: PreparedDependency = { ...p, fallbacks: [...p.fallbacks].reverse(), fallbackRoutes: [...p.fallbackRoutes!].reverse() };
      const share = contextShare(ctx);
      return [p, reversed].map((q) => [evaluateDependency(ctx, q).bestFallback, computeDependency(ctx, q, ctx.active, share).bestFallback]);
    };

    it("takes the key that sorts first between two equally good fallbacks", () => {
      expect(pick([fallback("b-fb"), fallback("a-fb")])).toEqual([
        ["a-fb", "a-fb"],
        ["a-fb", "a-fb"],
      ]);
    });

    it("takes the better fallback wherever it is listed", () => {
      expect(pick([fallback("a-untested"), fallback("b-drilled", { lastTested: DRILLED })])).toEqual([
        ["b-drilled", "b-drilled"],
        ["b-drilled", "b-drilled"],
      ]);
    });
  });

  it("resolves the fallbacks of a what-if copy that has no resolved routes, with the same points", () => {
    const ctx = contextOf({ fallbacks: [fallback("fb", { lastTested: DRILLED })] });
    const p = prep(ctx);
    const copy: PreparedDependency = { ...p, fallbackRoutes: undefined };
    expect(named(evaluateDependency(ctx, copy).raw)).toEqual({ ...BASE, exists: 30, independence: 25, tested: 20, switch: 15 });
    expect(computeDependency(ctx, copy, ctx.active, contextShare(ctx)).bestFallback).toBe("fb");
  });

  it("gives open weights run at home full fallback marks whatever fallback is recorded, and assesses none", () => {
    const s = scored({ dependencies: [{ key: "bot/llama", system: "bot", model: "llama", accessPath: "self-hosted" }], fallbacks: [fallback("fb", { dependency: "bot/llama" })], dataFlows: [] }, {}, "bot/llama");
    expect(named(s.e.raw)).toMatchObject(OPEN_FALLBACK);
    expect(s.e.bestFallback).toBeUndefined();
    expect(s.x.bestFallback).toBeUndefined();
  });
});

describe("concentration on each axis: 25 x (1 - share)", () => {
  // bot/gpt weighs 6 (high x personal); a medium HR system's dependency weighs 2 (public). Total 8.
  const hr = { key: "hr", name: "HR", criticality: "medium" as const, toleratedDowntimeHours: 8, offices: ["fra"] };
  const withSecond = (second: { key: string; model: string; accessPath: "direct-api" | "self-hosted" }) => ({ aiSystems: [...smallDoc().aiSystems, hr], dependencies: [...smallDoc().dependencies, { ...second, system: "hr" }] });

  it("gives the only dependency 0 on every axis (share 1)", () => {
    expect(named(scored().e.raw)).toMatchObject({ vendor: 0, family: 0, cloud: 0, jurisdiction: 0 });
  });

  it("gives 25 x (1 - 6/8) = 6.25 and 25 x (1 - 2/8) = 18.75 to two dependencies on different vendors", () => {
    const doc = withSecond({ key: "hr/mistral", model: "mistral-small", accessPath: "direct-api" });
    expect(named(scored(doc).e.raw)).toMatchObject({ vendor: 6.25, family: 6.25, cloud: 6.25, jurisdiction: 6.25 });
    const other = scored(doc, {}, "hr/mistral");
    expect(named(other.e.raw)).toMatchObject({ vendor: 18.75, family: 18.75, cloud: 18.75, jurisdiction: 18.75 });
    expect(named(other.x.drafts.map((d) => d.raw))).toMatchObject({ vendor: 18.75, family: 18.75, cloud: 18.75, jurisdiction: 18.75 });
  });

  it("counts open weights run at home in the total but on no axis", () => {
    const doc = withSecond({ key: "hr/llama", model: "llama", accessPath: "self-hosted" });
    expect(named(scored(doc).e.raw)).toMatchObject({ vendor: 6.25, family: 6.25, cloud: 6.25, jurisdiction: 6.25 });
    expect(named(scored(doc, {}, "hr/llama").e.raw)).toMatchObject(NO_CONCENTRATION);
  });

  it("asks the share function for each axis's key, in axis order", () => {
    const ctx = contextOf();
    const asked: string[] = [];
    const half: ShareFn = (axis, key) => {
      asked.push(`${axis}=${key}`);
      return 0.5;
    };
    expect(named(evaluateDependency(ctx, prep(ctx), ctx.active, half).raw)).toMatchObject({ vendor: 12.5, family: 12.5, cloud: 12.5, jurisdiction: 12.5 });
    expect(asked).toEqual(["vendor=openai", "model-family=gpt", "cloud=openai", "jurisdiction=US"]);
  });
});

describe("reusing a baseline evaluation", () => {
  const block = event("openai-block", ["DE"]);
  const shocked = (ctx: Context): ActiveLandscape => ({ restrictions: [...ctx.active.restrictions, block], sanctions: ctx.active.sanctions });

  it("reuses the landscape-independent factors of the same dependency: the exit plan stays 10, the block counts", () => {
    const ctx = contextOf({ dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api", exitPlan: { documented: true, lastReviewed: "2026-06-01" }, contract: { exitTerms: true } }] });
    const p = prep(ctx);
    const share = contextShare(ctx);
    const base = evaluateDependency(ctx, p, ctx.active, share);
    const e = evaluateDependency(ctx, p, shocked(ctx), share, undefined, undefined, base);
    // N = 28.15 - 7.875 + 10 x 0.3 = 23.275; s = 0.75, no fallback: 0.25 x 23.275 = 5.81875.
    expect(named(e.raw)).toEqual({ ...BASE, restrictions: 8.75, exit: 10, off: -17.45625 });
    expect(near(e.total)).toBe(5.81875);
  });

  it("does not reuse another dependency's evaluation", () => {
    const ctx = contextOf({ dependencies: [...smallDoc().dependencies, { key: "bot/llama", system: "bot", model: "llama", accessPath: "self-hosted" }] });
    const other = evaluateDependency(ctx, prep(ctx, "bot/llama"));
    const e = evaluateDependency(ctx, prep(ctx), ctx.active, contextShare(ctx), undefined, undefined, other);
    // bot/gpt weighs 6 (high x personal); bot/llama, with no flow, 4 x 1 = 4 and no key. bot/gpt: 25 x (1 - 6/10) = 10.
    // (Reusing bot/llama's raw points would give open-weight marks instead.)
    expect(named(e.raw)).toEqual({ ...BASE, vendor: 10, family: 10, cloud: 10, jurisdiction: 10 });
  });

  it("does not reuse an evaluation made in another context", () => {
    const ctx = contextOf();
    const p = prep(ctx);
    const base = evaluateDependency(ctx, p);
    // The same dependency for an organisation whose home is the US: hosted at home without commitment (24),
    // no foreign law in the chain (25), SCCs without foreign access (18).
    const usHome: Context = { ...ctx, homeBloc: "US" };
    const e = evaluateDependency(usHome, p, usHome.active, contextShare(usHome), undefined, undefined, base);
    expect(named(e.raw)).toEqual({ ...BASE, hosting: 24, extraterritorial: 25, transfer: 18 });
  });

  it("recomputes concentration under another share function", () => {
    const ctx = contextOf();
    const p = prep(ctx);
    const base = evaluateDependency(ctx, p);
    const e = evaluateDependency(ctx, p, ctx.active, () => 0.2, undefined, undefined, base);
    expect(named(e.raw)).toMatchObject({ vendor: 20, family: 20, cloud: 20, jurisdiction: 20 });
  });

  it("fills the arrays it is given", () => {
    const ctx = contextOf({ policyEvents: [block] });
    const raw = new Float64Array(FACTORS.length);
    const points = new Float64Array(FACTORS.length);
    const e = evaluateDependency(ctx, prep(ctx), ctx.active, contextShare(ctx), raw, points);
    expect(e.raw).toBe(raw);
    expect(e.points).toBe(points);
    // Points: raw x dimension weight; the adjustment (5.06875 - 20.275) as it is.
    expect(Array.from(points, near)).toEqual([2.5, 3.75, 2.625, 2.4, 4.5, 4.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, -15.20625]);
  });
});

describe("switched off today: the blocked share counts at what the best usable fallback recovers", () => {
  it("keeps only the unblocked share when nothing recovers, most users blocked: 0.25 x 20.275, under the cap 17.5", () => {
    // Block on Germany: restrictions 8.75, N = 28.15 - 26.25 x 0.3 = 20.275; cap 2 x (1 - 0.75) x 35 = 17.5.
    const s = scored({ policyEvents: [event("openai-block", ["DE"])] });
    expectPoints(s, { restrictions: 8.75, off: -15.20625 }, 5.06875);
    expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "no-recovery", structural: 20.275, effective: 5.06875, cap: 17.5 });
  });

  it("has no cap when a minority is blocked: 0.75 x 25.525", () => {
    // Block on the US: restrictions 26.25, N = 28.15 - 8.75 x 0.3 = 25.525.
    const s = scored({ policyEvents: [event("openai-block", ["US"])] });
    expectPoints(s, { restrictions: 26.25, off: -6.38125 }, 19.14375);
    expectOff(s, { share: 0.25, countries: ["US"], events: ["openai-block"], status: "no-recovery", structural: 25.525, effective: 19.14375 });
  });

  it(`has no cap when exactly half the users are blocked (${SWITCHED_OFF_MOST} is not "most"): 0.5 x 22.9`, () => {
    // 500 and 500 people: restrictions 17.5, N = 28.15 - 17.5 x 0.3 = 22.9.
    const s = scored({ offices: [{ ...FRA, headcount: 500 }, { ...NY, headcount: 500 }], policyEvents: [event("openai-block", ["DE"])] });
    expectPoints(s, { restrictions: 17.5, off: -11.45 }, 11.45);
    expectOff(s, { share: 0.5, countries: ["DE"], events: ["openai-block"], status: "no-recovery", structural: 22.9, effective: 11.45 });
  });

  it.each<[string, string, Restriction["locus"], "hosting" | "licensee"]>([
    ["it runs in a blocked country", "US", "hosting", "hosting"],
    ["the organisation is a blocked licensee", "DE", "licensee", "licensee"],
  ])("cuts everyone off when %s (%s): restrictions 0, N = 17.65, score 0", (_title, country, locus, because) => {
    const s = scored({ policyEvents: [event("openai-all", [country], { locus })] });
    const countries = [country];
    expectPoints(s, { restrictions: 0, off: -17.65 }, 0);
    expectOff(s, { share: 1, allBecause: because, countries, events: ["openai-all"], status: "no-recovery", structural: 17.65, effective: 0, cap: 0 });
  });

  it("unites the users several events block, listing the events sorted", () => {
    const s = scored({ policyEvents: [event("b-de", ["DE"]), event("a-us", ["US"])] });
    expectPoints(s, { restrictions: 8.75, off: -20.275 }, 0);
    expectOff(s, { share: 1, countries: ["DE", "US"], events: ["a-us", "b-de"], status: "no-recovery", structural: 20.275, effective: 0, cap: 0 });
  });

  describe("with a self-hosted Mistral Small fallback (its own score: 100) while Germany is blocked", () => {
    const block = event("openai-block", ["DE"]);

    it("counts an untested fallback at half, capped at 17.5: 0.25 x 41.275 + 0.75 x 41.275 x 0.5 = 25.80", () => {
      // N = 20.275 + (30 + 25 + 0 + 15) x 0.3 = 41.275.
      const s = scored({ policyEvents: [block], fallbacks: [fallback("fb")] });
      expectPoints(s, { restrictions: 8.75, exists: 30, independence: 25, switch: 15, off: -23.775 }, 17.5);
      expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "uncertain", fallback: "fb", switchTimeHours: 2, fallbackScore: 100, structural: 41.275, effective: 17.5, cap: 17.5 });
    });

    it("leaves the score as it is when a drilled fallback switches within tolerance (no cap)", () => {
      // N = 20.275 + (30 + 25 + 20 + 15) x 0.3 = 47.275 = 0.25 x N + 0.75 x min(N, 100).
      const s = scored({ policyEvents: [block], fallbacks: [fallback("fb", { lastTested: DRILLED })] });
      expectPoints(s, { restrictions: 8.75, exists: 30, independence: 25, tested: 20, switch: 15 }, 47.275);
      expect(s.e.raw[15]).toBe(0);
      expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "recovers", fallback: "fb", switchTimeHours: 2, fallbackScore: 100, structural: 47.275, effective: 47.275 });
    });

    it("counts a drilled fallback slower than tolerated at three quarters, capped: 36.46 -> 17.5", () => {
      // Switch 6 h against 4: 7 points. N = 20.275 + 82 x 0.3 = 44.875; 0.25 x N + 0.75 x N x 0.75 = 36.4609375.
      const s = scored({ policyEvents: [block], fallbacks: [fallback("fb", { lastTested: DRILLED, switchTimeHours: 6 })] });
      expectPoints(s, { restrictions: 8.75, exists: 30, independence: 25, tested: 20, switch: 7, off: -27.375 }, 17.5);
      expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "recovers-slowly", fallback: "fb", switchTimeHours: 6, fallbackScore: 100, structural: 44.875, effective: 17.5, cap: 17.5 });
    });

    it("counts a drilled fallback of unknown switch time as slow", () => {
      // N = 20.275 + 75 x 0.3 = 42.775.
      const s = scored({ policyEvents: [block], fallbacks: [fallback("fb", { lastTested: DRILLED, switchTimeHours: undefined })] });
      expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "recovers-slowly", fallback: "fb", fallbackScore: 100, structural: 42.775, effective: 17.5, cap: 17.5 });
    });

    it("counts a slow fallback at three quarters without a cap when a minority is blocked", () => {
      // Block on the US: N = 25.525 + 24.6 = 50.125; 0.75 x N + 0.25 x N x 0.75 = 46.9921875.
      const s = scored({ policyEvents: [event("openai-block", ["US"])], fallbacks: [fallback("fb", { lastTested: DRILLED, switchTimeHours: 6 })] });
      expectOff(s, { share: 0.25, countries: ["US"], events: ["openai-block"], status: "recovers-slowly", fallback: "fb", switchTimeHours: 6, fallbackScore: 100, structural: 50.125, effective: 46.9921875 });
      expect(near(s.e.total)).toBe(46.9921875);
    });
  });

  it("leaves the score exactly as it was, whatever the split of the people, when a drilled fallback scoring above it carries the blocked users", () => {
    // (1 - s) x N + s x min(N, 100) is N, but not always to the last bit in floating point: a loss of
    // 1e-15 must not read as a loss. Splits of 1,000 people from 501 / 499 to 998 / 2, Germany blocked.
    const splits: number[] = [];
    for (let de = 501; de < 1000; de += 7) splits.push(de);
    for (const de of splits) {
      const s = scored({ offices: [{ ...FRA, headcount: de }, { ...NY, headcount: 1000 - de }], policyEvents: [event("openai-block", ["DE"])], fallbacks: [fallback("fb", { lastTested: DRILLED })] });
      const off = s.e.switchedOff!;
      expect(off.status).toBe("recovers");
      expect(off.effective).toBe(off.structural);
      expect(s.e.raw[15]).toBe(0);
      expect(s.e.total).toBe(off.structural);
    }
  });

  it("never lets the blocked share come back better than the dependency: a drilled fallback scoring 39.4 counts at 39.4, not N", () => {
    // Fallback: DeepSeek (China) by direct API, hosted there. Its own score: access (10 + 0) x 0.25 +
    // (35 + 8 + 15 + 15) x 0.3 + no fallback + concentration 100 x 0.15 = 2.5 + 21.9 + 15 = 39.4.
    // The dependency: N = 20.275 + (30 + 25 + 20 + 15) x 0.3 = 47.275; 0.25 x 47.275 + 0.75 x 39.4 = 41.36875.
    const s = scored({
      vendors: [...smallDoc().vendors, vendor("deepseek", "CN")],
      models: [...smallDoc().models, model("deepseek-chat", "deepseek", "closed")],
      policyEvents: [event("openai-block", ["DE"])],
      fallbacks: [fallback("fb", { model: "deepseek-chat", accessPath: "direct-api", lastTested: DRILLED })],
    });
    expectPoints(s, { restrictions: 8.75, exists: 30, independence: 25, tested: 20, switch: 15, off: -5.90625 }, 41.36875);
    expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "recovers", fallback: "fb", switchTimeHours: 2, fallbackScore: 39.4, structural: 47.275, effective: 41.36875 });
  });

  it("cannot use a fallback blocked for the same users", () => {
    // A block on Germany on every route: the fallback exists at 30 x 0.25 = 7.5, shares the restriction (independence 0).
    // N = 20.275 + (7.5 + 0 + 20 + 15) x 0.3 = 33.025; nothing recovers: 0.25 x 33.025 = 8.25625.
    const s = scored({ policyEvents: [event("all-block", ["DE"], {}, { scope: {} })], fallbacks: [fallback("fb", { lastTested: DRILLED })] });
    expectPoints(s, { restrictions: 8.75, exists: 7.5, independence: 0, tested: 20, switch: 15, off: -24.76875 }, 8.25625);
    expectOff(s, { share: 0.75, countries: ["DE"], events: ["all-block"], status: "no-recovery", structural: 33.025, effective: 8.25625, cap: 17.5 });
  });

  it("uses a fallback blocked only for other users, at its own switched-off score", () => {
    // OpenAI blocks Germany; Mistral blocks the US. The fallback exists at 30 x 0.75 = 22.5 and stays independent.
    // N = 20.275 + (22.5 + 25 + 20 + 15) x 0.3 = 45.025. Its own score: 100 - 8.75 x 0.3 = 97.375 structural, a quarter
    // of its users switched off with no fallback of its own: 0.75 x 97.375 = 73.03125. Recovered: 0.25 N + 0.75 min(N, F) = N.
    const s = scored({ policyEvents: [event("openai-block", ["DE"]), event("mistral-block", ["US"], {}, { scope: { vendors: ["mistral"] } })], fallbacks: [fallback("fb", { lastTested: DRILLED })] });
    expectPoints(s, { restrictions: 8.75, exists: 22.5, independence: 25, tested: 20, switch: 15 }, 45.025);
    expectOff(s, { share: 0.75, countries: ["DE"], events: ["openai-block"], status: "recovers", fallback: "fb", switchTimeHours: 2, fallbackScore: 73.03125, structural: 45.025, effective: 45.025 });
  });

  describe("everyone cut off (the model runs in a blocked country): the cap is 0", () => {
    const hostingBlock = event("openai-hosting", ["US"], { locus: "hosting" });

    it("prefers a fallback to none on a tie at 0 (a better recovery status), and the first of two equal ones", () => {
      // N = 17.65 + (30 + 25 + 0 + 15) x 0.3 = 38.65; every untested recovery is capped at 0, as is no recovery.
      const s = scored({ policyEvents: [hostingBlock], fallbacks: [fallback("b-fb"), fallback("a-fb")] });
      expectPoints(s, { restrictions: 0, exists: 30, independence: 25, switch: 15, off: -38.65 }, 0);
      expectOff(s, { share: 1, allBecause: "hosting", countries: ["US"], events: ["openai-hosting"], status: "uncertain", fallback: "a-fb", switchTimeHours: 2, fallbackScore: 100, structural: 38.65, effective: 0, cap: 0 });
    });

    it("lets a drilled fallback within tolerance carry everyone, uncapped", () => {
      // N = 17.65 + 90 x 0.3 = 44.65 = 0 x N + 1 x min(N, 100).
      const s = scored({ policyEvents: [hostingBlock], fallbacks: [fallback("a-untested"), fallback("b-drilled", { lastTested: DRILLED })] });
      expectPoints(s, { restrictions: 0, exists: 30, independence: 25, tested: 20, switch: 15 }, 44.65);
      expectOff(s, { share: 1, allBecause: "hosting", countries: ["US"], events: ["openai-hosting"], status: "recovers", fallback: "b-drilled", switchTimeHours: 2, fallbackScore: 100, structural: 44.65, effective: 44.65 });
    });
  });
});

describe("what the explanations say that the numbers do not", () => {
  const explain = (over: Partial<InventoryDocument> = {}, key = "bot/gpt") => scored(over, {}, key).x;
  const sentence = (over: Partial<InventoryDocument>, i: number, key = "bot/gpt") => explain(over, key).drafts[i]!.sentence;
  const dep = (over: Record<string, unknown> = {}) => ({ dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" as const, ...over }] });

  it("lists the sixteen factors in order", () => {
    expect(explain().drafts.map((d) => d.id)).toEqual(FACTORS.map((f) => f.id));
  });

  it.each<[string, Record<string, unknown>, string[], string]>([
    ["says when the hosting country is assumed", {}, ["fra", "ny"], "It runs in the United States, where some of its users are, but outside your home jurisdiction (the EU/EEA) (no hosting region recorded; assumed to be the vendor's home country)."],
    ["does not when it is recorded", { hostingRegion: { country: "US" } }, ["fra", "ny"], "It runs in the United States, where some of its users are, but outside your home jurisdiction (the EU/EEA)."],
    ["names no user there when none is", {}, ["fra"], "It runs in the United States, outside your home jurisdiction and outside the countries of its users (no hosting region recorded; assumed to be the vendor's home country)."],
    ["counts a residency commitment", { hostingRegion: { country: "DE" }, contract: { dataResidency: true } }, ["fra", "ny"], "It runs in Germany, inside your home jurisdiction, with residency under your control or contractually committed."],
    ["notes the lack of one", { hostingRegion: { country: "DE" } }, ["fra", "ny"], "It runs in Germany, inside your home jurisdiction, but no contract commits the provider to keep it there."],
  ])("hosting: %s", (_title, over, offices, expected) => {
    expect(sentence({ ...dep(over), aiSystems: [{ ...smallDoc().aiSystems[0]!, offices }] }, 1)).toBe(expected);
  });

  it("names the vendor as the importer whose certification is not recorded", () => {
    expect(sentence({}, 4)).toBe(
      "1 personal-data flow goes to the United States; it leaves from Germany and relies on standard contractual clauses, which need a transfer impact assessment because foreign authorities can reach the importer. Whether OPENAI is certified under the EU-US Data Privacy Framework is not recorded: verify (certified, the EU-US adequacy decision would cover this transfer).",
    );
  });

  it("names the organisation as the importer of a model it runs itself, and counts its certification", () => {
    const selfHosted = dep({ accessPath: "self-hosted", hostingRegion: { country: "US" } });
    expect(sentence(selfHosted, 4)).toContain("Whether Acme is certified under the EU-US Data Privacy Framework is not recorded");
    expect(sentence({ ...selfHosted, organisation: { key: "acme", name: "Acme", hqCountry: "DE", dpfCertified: true } }, 4)).toBe("1 personal-data flow goes to the United States under an adequacy decision in force.");
  });

  it("counts a flow from an office not in the inventory as leaving from the organisation's country", () => {
    expect(sentence({ dataFlows: [personalFlow("f1", { fromOffice: "nowhere" })] }, 4)).toContain("it leaves from Germany and relies on standard contractual clauses, which need");
  });

  it("asks for no transfer impact assessment when no foreign law reaches the importer", () => {
    const india = { vendors: [...smallDoc().vendors, vendor("sarvam", "IN")], models: [...smallDoc().models, model("sarvam-m", "sarvam", "closed")], ...dep({ model: "sarvam-m" }) };
    expect(sentence(india, 4)).toBe("1 personal-data flow goes to India; it leaves from Germany and relies on standard contractual clauses.");
  });

  describe("concentration names the key by its vendor's name on the vendor and cloud axes, by itself on the others", () => {
    const hr = { key: "hr", name: "HR", criticality: "medium" as const, toleratedDowntimeHours: 8, offices: ["fra"] };
    const two = { aiSystems: [...smallDoc().aiSystems, hr], dependencies: [...smallDoc().dependencies, { key: "hr/mistral", system: "hr", model: "mistral-small", accessPath: "direct-api" as const }] };

    it("with 75% on OpenAI", () => {
      expect(explain(two).drafts.slice(11, 15).map((d) => d.sentence)).toEqual([
        "75% of your criticality-weighted AI dependencies rest on the same vendor (OPENAI).",
        "75% of your criticality-weighted AI dependencies rest on the same model family (gpt).",
        "75% of your criticality-weighted AI dependencies rest on the same cloud operator (OPENAI).",
        "75% of your criticality-weighted AI dependencies rest on the same jurisdiction (United States).",
      ]);
    });

    it("keeps a model family's own name even when a vendor has the same key", () => {
      const models = [model("gpt", "openai", "closed", { family: "mistral" }), ...smallDoc().models.slice(1)];
      expect(explain({ models }).drafts[12]!.sentence).toBe("100% of your criticality-weighted AI dependencies rest on the same model family (mistral).");
    });

    it("uses the key of a vendor that is not in the inventory (a what-if's)", () => {
      const ctx = contextOf();
      const p = prep(ctx);
      const copy: PreparedDependency = { ...p, concKeys: { ...p.concKeys, vendor: "hypothetical" } };
      expect(computeDependency(ctx, copy, ctx.active, contextShare(ctx)).drafts[11]!.sentence).toBe("0% of your criticality-weighted AI dependencies rest on the same vendor (hypothetical).");
    });

    it("says no third party can withdraw open weights run at home", () => {
      const x = explain({ dependencies: [{ key: "bot/llama", system: "bot", model: "llama", accessPath: "self-hosted" }] }, "bot/llama");
      expect(x.drafts[11]!.sentence).toBe("No third-party vendor can withdraw this capability: you run the open weights yourself.");
    });
  });

  it("names the fallback that carries the blocked users by its model and vendor", () => {
    const over = { policyEvents: [event("openai-block", ["DE"])], fallbacks: [fallback("fb")] };
    // The structural score N (41.3 here) is below the fallback's own 100: the share counts at half of N (min(N, F), METHODOLOGY).
    expect(sentence(over, 15)).toMatch(/The fallback Model mistral-small \(MISTRAL\) has not been tested in a drill within a year, so that share counts at half of \d+\.\d, this dependency's own score \(the fallback alone would score 100\.0\)\./);
    // The same from a what-if copy whose fallback routes are not resolved yet.
    const ctx = contextOf(over);
    const copy: PreparedDependency = { ...prep(ctx), fallbackRoutes: undefined };
    expect(computeDependency(ctx, copy, ctx.active, contextShare(ctx)).drafts[15]!.sentence).toContain("The fallback Model mistral-small (MISTRAL) has not been tested");
  });

  describe("the switched-off sentence", () => {
    const blockGermany = event("openai-block", ["DE"]);

    it("names the event and the blocked share of the people, and says nothing recovers", () => {
      expect(sentence({ policyEvents: [blockGermany] }, 15)).toMatch(
        /^Event openai-block \(in force since 2026-01-01\) blocks this model for 75% of the people who rely on it \(offices in Germany\)\. No fallback recorded can carry those users: for them the service is off\. This takes /,
      );
    });

    it("counts offices when a headcount is missing, and says to verify", () => {
      expect(sentence({ offices: smallDoc().offices, policyEvents: [blockGermany] }, 15)).toContain(
        "blocks this model for 50% of the offices that rely on it (offices in Germany; headcount not recorded for Frankfurt and New York: counted by offices, verify).",
      );
    });

    it("names a sanction on the chain", () => {
      expect(sentence({ policyEvents: [sanction("us-sanction", ["US"])] }, 15)).toMatch(/^Event us-sanction \(in force since 2026-01-01\) blocks this model for everyone: a sanction in force touches a company or location in its chain\. /);
    });

    it("states the cap from the Low threshold: 2 x (1 - 75%) x 35 = 17.5", () => {
      expect(sentence({ policyEvents: [blockGermany], fallbacks: [fallback("fb")] }, 15)).toContain(
        "(the fallback alone would score 100.0). Switched off for most of its users without a tested fallback within the tolerated downtime, it scores at most 2 × (1 − 75%) × 35 = 17.5: Very Low.",
      );
    });

    it("follows an overridden Low threshold: 2 x (1 - 75%) x 40 = 20", () => {
      const x = scored({ policyEvents: [blockGermany], fallbacks: [fallback("fb")] }, { thresholds: { ratings: { low: 40 } } }).x;
      expect(x.drafts[15]!.sentence).toContain("it scores at most 2 × (1 − 75%) × 40 = 20.0: Very Low.");
      expect(near(x.switchedOff!.effective)).toBe(20);
    });

    it("names the tested fallback and the system's tolerated downtime when it recovers", () => {
      expect(sentence({ policyEvents: [blockGermany], fallbacks: [fallback("fb", { lastTested: DRILLED })] }, 15)).toContain(
        "The tested fallback Model mistral-small (MISTRAL) takes over within the tolerated 4 hours (switch 2 hours), so that share counts at ",
      );
    });
  });

  describe("facts nobody recorded", () => {
    const dpf = "whether OPENAI is certified under the EU-US Data Privacy Framework (scored as not certified)";
    const where = "where Model gpt runs (assumed the United States)";
    const headcount = "the headcount of Frankfurt and New York (restricted shares counted by offices)";
    const compute = "the training compute of Model gpt (assumed above every threshold)";
    const noHeadcount = { offices: smallDoc().offices };
    const recorded = { vendors: [vendor("openai", "US", { dpfCertified: true }), ...smallDoc().vendors.slice(1)], ...dep({ hostingRegion: { country: "US" } }) };
    const computeEvent = (scope: ImposeEvent["scope"]) => event("big-models", ["DE"], { severity: "licence-required" }, { scope });

    it.each<[string, Partial<InventoryDocument>, string[]]>([
      ["the importer's certification and where the model runs", {}, [dpf, where]],
      ["nothing when both are recorded", recorded, []],
      ["no headcount when no event reaches the dependency", noHeadcount, [dpf, where]],
      ["the headcounts when a restriction reaches the dependency", { ...noHeadcount, policyEvents: [event("openai-block", ["DE"])] }, [dpf, headcount, where]],
      ["the headcounts when only a sanction reaches it", { ...noHeadcount, policyEvents: [sanction("us-sanction", ["US"])] }, [dpf, headcount, where]],
      ["the training compute when an event applies only because it is undisclosed", { ...recorded, policyEvents: [computeEvent({ minTrainingCompute: "above-1e26" })] }, [compute]],
      ["no training compute when it is disclosed", { ...recorded, models: [model("gpt", "openai", "closed", { trainingCompute: "above-1e26" }), ...smallDoc().models.slice(1)], policyEvents: [computeEvent({ minTrainingCompute: "above-1e26" })] }, []],
      ["nothing for a model run at home, where it runs being the organisation's choice", { dependencies: [{ key: "bot/gpt", system: "bot", model: "llama", accessPath: "self-hosted" }] }, []],
      ["the organisation's certification when it is the importer", dep({ accessPath: "self-hosted", hostingRegion: { country: "US" } }), ["whether Acme is certified under the EU-US Data Privacy Framework (scored as not certified)"]],
    ])("lists %s", (_title, over, expected) => {
      const s = scored(over);
      expect(s.x.notRecorded).toEqual(expected);
      expect(s.e.notRecorded).toEqual(expected);
    });
  });
});

describe("an evaluation's explanations, rebuilt on first use", () => {
  it("builds the sentences even when explanations are off, and turns them off again", () => {
    const ctx = contextOf();
    const e = withoutExplanations(() => evaluateDependency(ctx, prep(ctx)));
    const drafts = withoutExplanations(() => {
      const d = e.drafts;
      expect(MODE.explain).toBe(false);
      return d;
    });
    expect(drafts[0]!.sentence).toBe("Model gpt is reached only through the direct API of OPENAI (United States): the vendor holds the off switch.");
    expect(e.drafts).toBe(drafts);
  });

  it("rebuilds the list of facts nobody recorded without being asked for the sentences first", () => {
    const ctx = contextOf();
    const e = evaluateDependency(ctx, prep(ctx));
    expect(e.notRecorded).toEqual(["whether OPENAI is certified under the EU-US Data Privacy Framework (scored as not certified)", "where Model gpt runs (assumed the United States)"]);
  });

  it("keeps the explanations it was built with, and the context, dependency and share function it was scored in", () => {
    const ctx = contextOf();
    const p = prep(ctx);
    const share = contextShare(ctx);
    const e = evaluateDependency(ctx, p, ctx.active, share);
    expect(e.ctx).toBe(ctx);
    expect(e.p).toBe(p);
    expect(e.share).toBe(share);
    const given = [{ id: "access.path" as const, raw: 1, sentence: "given", sources: [] }];
    const built = new DependencyEvaluation(p, e.raw, e.points, e.total, undefined, [], undefined, ctx, ctx.active, share, given);
    expect(built.drafts).toBe(given);
    // Typed as a list: never undefined, even when nothing rebuilt it.
    expect(built.notRecorded).toBeInstanceOf(Array);
  });
});
