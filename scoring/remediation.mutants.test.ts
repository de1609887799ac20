// Remediation, against the mutants of remediation.ts that survived remediation.edges.test.ts
// (issue 19): which candidates a factor gives rise to when nothing filters them out, what is
// done to the best fallback and only to it, what a promotion keeps (the other fallbacks, the
// demoted primary's cloud), what the placeholder open-weight model is, what happens when every
// dependency weighs 0, the minimum gain at its exact boundary, and ties ranked by id whatever
// order the systems come in. Every figure is worked out by hand from docs/METHODOLOGY.md and
// the factor rules (scoring/engine/factors), not read from the code's output.
//
// As in remediation.edges.test.ts, with the default weights (access 0.25, jurisdiction 0.3,
// fallback 0.3, concentration 0.15), GPT through OpenAI's direct API (hosted in the US) used
// from Frankfurt and New York scores: access 10 + 15 = 25 x 0.25 = 6.25; jurisdiction 35 + 8
// (US laws) + 25 (no personal data) + 15 = 83 x 0.3 = 24.9. A fallback scores exists 30,
// independence 25 (10 same jurisdiction or same cloud in the same country, 0 same vendor), drill
// 20 (within 180 days; 10 within 365), switch 15 (within the tolerated 4 h; 7 within 8 h).
import { describe, expect, it } from "vitest";
import { suggestRemediations, type Dependency, type Fallback, type InventoryDocument, type Model, type PolicyEvent, type Remediation } from ".";
import { buildContext } from "./engine/context";
import { gainOf } from "./remediation";
import { requireOptions, scoreContext } from "./score-inventory";
import { model, smallDoc, vendor } from "./testing/fixtures";
import type { ScoringOptions } from "./options";

const AS_OF = "2026-11-01";
const DRILLED = "2026-10-01"; // 31 days before AS_OF: a recent drill (20)
const STALE = "2026-01-01"; // 304 days before AS_OF: a stale drill (10)

type Options = Omit<ScoringOptions, "asOf"> & { limit?: number; minGain?: number };
const suggest = (over: Partial<InventoryDocument> = {}, opts: Options = {}) => suggestRemediations(smallDoc(over), { asOf: AS_OF, ...opts });
const fallback = (key: string, over: Partial<Fallback> = {}): Fallback => ({ key, dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted", ...over });
/** [kind, organisation, system, dependency] per suggestion, in rank order. */
const gains = (list: Remediation[]) => list.map((r) => [r.kind, r.expectedGain.organisation, r.expectedGain.system, r.expectedGain.dependency]);
const find = (list: Remediation[], kind: string, dependency = "bot/gpt") => list.find((r) => r.kind === kind && r.dependency === dependency);
const gpt = (over: Partial<Dependency> = {}): Dependency => ({ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api", ...over });
const restriction = (key: string, scope: Extract<PolicyEvent, { kind: "impose" }>["scope"], countries: string[], locus: "users" | "any", severity: "block" | "licence-required"): PolicyEvent => ({
  key,
  kind: "impose",
  type: "vendor-restriction",
  issuer: "test",
  title: key,
  effectiveDate: "2026-01-01",
  source: "test",
  scope,
  restrictions: [{ countries: { only: countries }, locus, severity }],
});

describe("with a minimum gain of 0, only the factors that lose points give rise to candidates", () => {
  // A minimum gain of 0 keeps the candidates that gain nothing, so the list shows every candidate.

  it("no fallback: one to add, no drill or switch time of a fallback that does not exist, and the exit plan, residency and transfer basis that lose points", () => {
    // smallDoc (personal data under SCCs to the US: transfer 15 of 25). A residency commitment leaves GPT in the US
    // (hosting still 15) and the SCCs are already there: both gain 0, ranked by id.
    expect(gains(suggest({}, { minGain: 0 }))).toEqual([
      ["add-independent-fallback", 27, 27, 27],
      ["document-exit-plan", 3, 3, 3],
      ["fix-transfer-basis", 0, 0, 0],
      ["move-hosting-home", 0, 0, 0],
    ]);
  });

  it("open weights run at home on the organisation's own servers, without personal data: nothing at all", () => {
    // Every fallback factor is full (nothing to withdraw), hosting 30 (self-hosted at home), transfer 25, no concentration.
    expect(suggest({ dependencies: [{ key: "bot/llama", system: "bot", model: "llama", accessPath: "self-hosted" }], dataFlows: [] }, { minGain: 0 })).toEqual([]);
  });

  it("a closed model on a cloud at home with residency, a reviewed exit plan and exit terms: only the missing fallback", () => {
    // GPT through Azure's marketplace in Germany: hosting 30 (home, committed), exit plan 4 + 3 + 3 = 10, no personal data.
    // No fallback: exists 0 -> 90 with a drilled self-hosted Mistral Small (+90 x 0.3 = 27).
    const list = suggest(
      {
        dependencies: [gpt({ accessPath: "cloud-marketplace", cloud: "azure", hostingRegion: { country: "DE" }, contract: { dataResidency: true, exitTerms: true }, exitPlan: { documented: true, lastReviewed: "2026-06-01" } })],
        dataFlows: [],
      },
      { minGain: 0 },
    );
    expect(gains(list)).toEqual([["add-independent-fallback", 27, 27, 27]]);
  });
});

describe("a model the organisation runs on its own servers abroad", () => {
  it.each<[string, Dependency]>([
    ["open weights (Llama) in the US", { key: "bot/gpt", system: "bot", model: "llama", accessPath: "self-hosted", hostingRegion: { country: "US" } }],
    ["a closed model (GPT) in the US", gpt({ accessPath: "self-hosted", hostingRegion: { country: "US" } })],
  ])("%s: is never told to negotiate a data-residency commitment, since no provider runs it", (_label, dep) => {
    const list = suggest({ dependencies: [dep], dataFlows: [{ key: "f1", fromOffice: "fra", dependency: "bot/gpt", categories: ["personal"], transferMechanism: "none" }] });
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((r) => /data.residency/i.test(`${r.title} ${r.change}`)).map((r) => r.kind)).toEqual([]);
  });

  // Hosting in the US with users there scores 15 of 30; at home, self-hosted, 30. Moving Llama from the organisation's
  // US servers to German ones would gain hosting +15 x 0.25 = 3.75, foreign access laws 8 -> 25 (+5.1) and the
  // transfer 0 -> 25 (Frankfurt's data stays in Germany, +7.5): +16.35, more than the +4.5 of the SCCs that are
  // suggested. remediation.ts leaves self-hosted routes out of "move-hosting-home" on purpose (its sentence speaks
  // of negotiating with a provider); whether a self-hosted deployment abroad should be told to move is a product
  // decision, reported with issue 19 rather than decided here.
  it.todo("suggests moving a self-hosted deployment abroad home (+16.35 for Llama on the organisation's own US servers)");
});

describe("with several fallbacks, the best one is drilled, sped up or promoted, and no other", () => {
  // Fallbacks are read in key order: the first one ("a-...") is never the best here.

  it("drills only the best fallback, though drilling the runner-up too would have lifted it higher", () => {
    // a-llama, self-hosted, never drilled, 2 h: 30 + 25 + 0 + 15 = 70. b-mistral, self-hosted, drilled 304 days ago,
    // 6 h: 30 + 25 + 10 + 7 = 72, the best: N = 6.25 + 24.9 + 21.6 = 52.75.
    // Drilling b-mistral: 82 (+10 x 0.3 = 3; drilling both would give 90, +5.4). A 4 h switch: 80 (+2.4).
    // Promoting b-mistral, self-hosted open weights: 100 (+47.25). The exit plan +3 ties with the drill: by id.
    const list = suggest({
      dataFlows: [],
      fallbacks: [fallback("a-llama", { model: "llama", switchTimeHours: 2 }), fallback("b-mistral", { lastTested: STALE, switchTimeHours: 6 })],
    });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 47.25, 47.25, 47.25],
      ["document-exit-plan", 3, 3, 3],
      ["test-fallback", 3, 3, 3],
      ["shorten-switch-time", 2.4, 2.4, 2.4],
    ]);
    expect(find(list, "test-fallback")!.title).toBe("Run a fallback drill for Support bot: switch to Model mistral-small (self-hosted) and record the result");
    expect(find(list, "reduce-concentration")!.title).toBe("Reduce reliance on OPENAI: promote Model mistral-small to primary for Support bot and keep Model gpt as the fallback");
  });

  it("cuts only the best fallback's switch time, though cutting the runner-up's too would have lifted it higher", () => {
    // a-llama-api, Llama through Meta's API (another US vendor: independence 10), drilled, 10 h: 30 + 10 + 20 + 0 = 60.
    // b-mistral, self-hosted, never drilled, 6 h: 30 + 25 + 0 + 7 = 62, the best: N = 6.25 + 24.9 + 18.6 = 49.75.
    // A 4 h switch for b-mistral: 70 (+8 x 0.3 = 2.4; for both, a-llama-api would reach 75, +3.9). Drilling it: 82 (+6).
    // Promoting it: 100 (+50.25).
    const list = suggest({
      dataFlows: [],
      fallbacks: [fallback("a-llama-api", { model: "llama", accessPath: "direct-api", lastTested: DRILLED, switchTimeHours: 10 }), fallback("b-mistral", { switchTimeHours: 6 })],
    });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 50.25, 50.25, 50.25],
      ["test-fallback", 6, 6, 6],
      ["document-exit-plan", 3, 3, 3],
      ["shorten-switch-time", 2.4, 2.4, 2.4],
    ]);
    expect(find(list, "shorten-switch-time")!.title).toBe("Cut the switch time to Model mistral-small (self-hosted) for Support bot to within 4 h");
  });

  it("promotes the best fallback and keeps the others, which may then be better than the demoted primary", () => {
    // A licence requirement on OpenAI's models where they run (the US; severity 0.5) reaches GPT: restrictions
    // 35 x 0.5 = 17.5, jurisdiction 65.5 x 0.3 = 19.65. Fallbacks: a-llama, self-hosted, drilled 304 days ago, 2 h:
    // 30 + 25 + 10 + 15 = 80; b-mistral-api, Mistral's API (France), drilled, 6 h: 30 + 25 + 20 + 7 = 82, the best.
    // N = 6.25 + 19.65 + 24.6 = 50.5.
    // Promoted: Mistral's API 8.5 + 30; GPT demoted with b-mistral-api's drill and 6 h, but under the licence
    // requirement: exists 15, so 15 + 25 + 20 + 7 = 67; a-llama, kept, 80 is now the best: 24. 62.5 (+12; +8.1 had
    // a-llama been dropped). A 4 h switch for b-mistral-api: 90 (+2.4).
    const list = suggest({
      dataFlows: [],
      fallbacks: [fallback("a-llama", { model: "llama", lastTested: STALE, switchTimeHours: 2 }), fallback("b-mistral-api", { accessPath: "direct-api", lastTested: DRILLED, switchTimeHours: 6 })],
      policyEvents: [restriction("openai-licence-us", { vendors: ["openai"] }, ["US"], "any", "licence-required")],
    });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 12, 12, 12],
      ["document-exit-plan", 3, 3, 3],
      ["shorten-switch-time", 2.4, 2.4, 2.4],
    ]);
  });
});

describe("promoting a fallback that runs on the same cloud as the primary", () => {
  it("keeps the demoted primary on its cloud, so the two still share it", () => {
    // OVH (France) runs both: GPT through its marketplace in Germany, and Mistral Small's open weights in Germany.
    // GPT: access 25 + 24 (home, no commitment) = 12.25; jurisdiction 35 + 25 (OVH and Germany: no foreign law) + 25
    // + 15 = 30. The fallback, drilled, 2 h: different vendors and jurisdictions (US, OVH's France) but the same
    // cloud in the same country: independence 10, so 30 + 10 + 20 + 15 = 75 x 0.3 = 22.5. N = 64.75.
    // Promoted: open weights on a cloud 55 + 24 = 19.75; jurisdiction 30; GPT demoted, still on OVH in Germany:
    // 75 x 0.3 = 22.5: 72.25 (+7.5; +12 had GPT lost its cloud and become independent).
    // A self-hosted Mistral Small: 90 (+4.5). The exit plan +3. Residency committed on OVH: hosting 30 (+1.5).
    const list = suggest({
      vendors: [...smallDoc().vendors, vendor("ovh", "FR", { type: "hyperscaler" })],
      dependencies: [gpt({ accessPath: "cloud-marketplace", cloud: "ovh", hostingRegion: { country: "DE" } })],
      dataFlows: [],
      fallbacks: [fallback("fb", { accessPath: "third-party-hosted", cloud: "ovh", hostingRegion: { country: "DE" }, lastTested: DRILLED, switchTimeHours: 2 })],
    });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 7.5, 7.5, 7.5],
      ["add-independent-fallback", 4.5, 4.5, 4.5],
      ["document-exit-plan", 3, 3, 3],
      ["move-hosting-home", 1.5, 1.5, 1.5],
    ]);
  });
});

describe("the placeholder open-weight model, when the inventory has no permissive one", () => {
  // Only GPT and Llama (no licence recorded): the suggested fallback is the placeholder, self-hosted in Germany,
  // drilled today, switching within 4 h. Unrestricted it scores 30 + 25 + 20 + 15 = 90 (+27).
  const models: Model[] = [model("gpt", "openai", "closed"), model("llama", "meta", "open")];

  it("is open weights: a restriction in force on open weights reaches it", () => {
    // Open weights blocked for Germany (1 of 2 offices): exists 30 x 0.5 = 15: 75 (+22.5).
    const list = suggest({ models, policyEvents: [restriction("open-weights-de", { weights: "open" }, ["DE"], "users", "block")] });
    expect(find(list, "add-independent-fallback")).toMatchObject({
      title: "Add an independent fallback for Support bot: self-host a permissively licensed open-weight model in Germany and drill the switch",
      expectedGain: { organisation: 22.5, system: 22.5, dependency: 22.5 },
    });
  });

  it("comes from a vendor of the organisation's own country: a restriction on that country's vendors reaches it", () => {
    // German vendors' models blocked for the United States (1 of 2 offices): exists 15: 75 (+22.5).
    const germanVendorsBlockedInUs = restriction("de-vendors-us", { vendorCountries: { only: ["DE"] } }, ["US"], "users", "block");
    expect(find(suggest({ models, policyEvents: [germanVendorsBlockedInUs] }), "add-independent-fallback")!.expectedGain).toEqual({ organisation: 22.5, system: 22.5, dependency: 22.5 });
    // Mistral Small (Apache-2.0), from France, is not reached: +27.
    expect(find(suggest({ policyEvents: [germanVendorsBlockedInUs] }), "add-independent-fallback")!.expectedGain).toEqual({ organisation: 27, system: 27, dependency: 27 });
  });
});

describe("dependencies that all weigh 0", () => {
  // Criticality "high" weighted 0: no concentration share can be computed (every axis full: 100 x 0.15 = 15) and the
  // organisation scores 100 whatever its systems score (engine/aggregate.test.ts), so it gains nothing.
  const zero: Options = { weights: { criticality: { high: 0 } } };

  it("gain for their system and dependency, never for the organisation", () => {
    // A self-hosted fallback +27, the exit plan +3; ranked by the system's gain.
    expect(gains(suggest({}, zero))).toEqual([
      ["add-independent-fallback", 0, 27, 27],
      ["document-exit-plan", 0, 3, 3],
    ]);
  });

  it("re-score a dependency moved to another vendor with every share at 0, and leave its twin as it was", () => {
    // Support bot on two identical GPT dependencies (no personal data): 6.25 + 24.9 + 0 + 15 = 46.15 each. bot/gpt
    // moved to Mistral's API (France): 8.5 + 30 + 0 + 15 = 53.5 (+7.35); the system stays at its twin's 46.15.
    const doc = smallDoc({ dependencies: [gpt(), gpt({ key: "bot/gpt-2" })], dataFlows: [] });
    const state = scoreContext(buildContext(doc, requireOptions({ asOf: AS_OF, ...zero }))).state;
    const p = state.ctx.preparedByKey.get("bot/gpt")!;
    const gain = gainOf(state, p, { kind: "reduce-concentration", title: "", change: "", addresses: [], dep: { ...p.dep, model: "mistral-small" }, fallbacks: [], flows: p.flows }, state.ctx);
    expect(gain.organisation).toBe(0);
    expect(gain.system).toBe(0);
    expect(gain.dependency).toBeCloseTo(7.35, 9);
  });
});

describe("gainOf", () => {
  it("gains nothing from a modification whose model is not in the inventory", () => {
    const state = scoreContext(buildContext(smallDoc(), requireOptions({ asOf: AS_OF }))).state;
    const p = state.ctx.preparedByKey.get("bot/gpt")!;
    const mod = { kind: "reduce-concentration" as const, title: "", change: "", addresses: [], dep: { ...p.dep, model: "not-in-the-inventory" }, fallbacks: p.fallbacks, flows: p.flows };
    expect(gainOf(state, p, mod, state.ctx)).toEqual({ organisation: 0, system: 0, dependency: 0 });
  });
});

describe("a minimum gain at its exact boundary", () => {
  // Dimension weights 1:1:1:1 (0.25 each) and whole criticality weights: every figure below is exact in binary
  // floating point, so a gain can equal the minimum exactly. A gain equal to the minimum is kept.
  const exact: Options = { weights: { dimensions: { access: 1, jurisdiction: 1, fallback: 1, concentration: 1 } } };

  it("keeps an action whose system gain equals the minimum, though its organisation gain is below it", () => {
    // Two systems of weight 4 on GPT (a-sys through z/gpt, z-sys through a/gpt). The exit plan: +10 x 0.25 = 2.5 for
    // the system, 2.5 x 4 / 8 = 1.25 for the organisation. A self-hosted fallback: +90 x 0.25 = 22.5 (11.25).
    const list = suggest(
      {
        aiSystems: [
          { key: "a-sys", name: "A", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
          { key: "z-sys", name: "Z", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
        ],
        dependencies: [gpt({ key: "z/gpt", system: "a-sys" }), gpt({ key: "a/gpt", system: "z-sys" })],
        dataFlows: [],
      },
      { ...exact, minGain: 2.5 },
    );
    expect(list.map((r) => [r.id, r.expectedGain.organisation, r.expectedGain.system])).toEqual([
      ["add-independent-fallback:a/gpt", 11.25, 22.5],
      ["add-independent-fallback:z/gpt", 11.25, 22.5],
      ["document-exit-plan:a/gpt", 1.25, 2.5],
      ["document-exit-plan:z/gpt", 1.25, 2.5],
    ]);
  });

  it("keeps an action whose organisation gain equals the minimum, though its system gains less", () => {
    // A (high, weighted 3) on GPT with Mistral's API as a drilled 2 h fallback; B (low, 1) on GPT alone. Total weight
    // 4; every share on OpenAI, GPT and the US is 1. A: 6.25 + 20.75 + 90 x 0.25 = 22.5 + 0 = 49.5.
    // Promoting Mistral's API for A: 8.5 + 25 + 22.5 (GPT demoted, drilled, 2 h: 90) + concentration 4 x 25 x (1 - 3/4)
    // x 0.25 = 6.25: 62.25 (+12.75). B: OpenAI, GPT and the US fall from 1 to 1/4: 4 x 25 x 3/4 x 0.25 = +18.75.
    // Organisation: (3 x 12.75 + 1 x 18.75) / 4 = +14.25, more than A's own +12.75.
    // B's self-hosted fallback gains 22.5 for B (organisation 5.625); the exit plans 2.5 each: dropped.
    const list = suggest(
      {
        aiSystems: [
          { key: "a", name: "A", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
          { key: "b", name: "B", criticality: "low", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
        ],
        dependencies: [gpt({ key: "a/gpt", system: "a" }), gpt({ key: "b/gpt", system: "b" })],
        dataFlows: [],
        fallbacks: [fallback("fb", { dependency: "a/gpt", accessPath: "direct-api", lastTested: DRILLED, switchTimeHours: 2 })],
      },
      { weights: { ...exact.weights, criticality: { high: 3, low: 1 } }, minGain: 14.25 },
    );
    expect(list.map((r) => r.id)).toEqual(["reduce-concentration:a/gpt", "add-independent-fallback:b/gpt"]);
    expect(list[0]!.expectedGain).toEqual({ organisation: 14.25, system: 12.75, dependency: 12.75 });
  });
});

describe("ranking equal gains", () => {
  it("orders them by id, whatever order their systems come in", () => {
    // Systems s1, s2, s3 (read in that order) on b/gpt, c/gpt and a/gpt, each of weight 4: a fallback +27 (organisation
    // 27 x 4 / 12 = 9) and an exit plan +3 (1) each.
    const system = (key: string) => ({ key, name: key.toUpperCase(), criticality: "high" as const, toleratedDowntimeHours: 4, offices: ["fra", "ny"] });
    const list = suggest({
      aiSystems: [system("s1"), system("s2"), system("s3")],
      dependencies: [gpt({ key: "b/gpt", system: "s1" }), gpt({ key: "c/gpt", system: "s2" }), gpt({ key: "a/gpt", system: "s3" })],
      dataFlows: [],
    });
    expect(list.map((r) => [r.id, r.expectedGain.organisation, r.expectedGain.system])).toEqual([
      ["add-independent-fallback:a/gpt", 9, 27],
      ["add-independent-fallback:b/gpt", 9, 27],
      ["add-independent-fallback:c/gpt", 9, 27],
      ["document-exit-plan:a/gpt", 1, 3],
      ["document-exit-plan:b/gpt", 1, 3],
      ["document-exit-plan:c/gpt", 1, 3],
    ]);
  });
});
