// Scenario simulation at its edges: the policy event each shock becomes, which offices a shock
// newly cuts off (users, hosting, data flows, offices already lost), which fallback decides the
// recovery and what the sentence says, how systems, offices, teams and flows add up, and the score
// before and after. Written against the mutants of scenario.ts (issue 19). Every figure is worked
// out by hand from docs/METHODOLOGY.md, not read from the code.
//
// The fixture is the methodology's worked example ("Switched off today"): Support bot (high
// criticality, personal data from Frankfurt: weight 4 x 1.5 = 6), 700 people in Frankfurt (DE) and
// 300 in New York (US), GPT through OpenAI's direct API, hosted in the US. Its factors:
//   access 10 + 15 (hosted where some users are)                 = 25 x 0.25 =  6.25
//   jurisdiction 35 + 8 (US laws) + 15 (SCCs, foreign access) + 15 = 73 x 0.30 = 21.90
//   fallback (none) 0, concentration (one dependency: shares 1) 0             -> N = 28.15
// A self-hosted Mistral Small fallback adds exists 30 + independence 25 + drill (20 within 180
// days) + switch (15 within the tolerated 4 h) to the fallback dimension, x 0.30.
import { describe, expect, it } from "vitest";
import { METHODOLOGY_VERSION, scoreInventory, shockEvents, simulateScenario, type Fallback, type InventoryDocument, type Office, type Scenario, type ScenarioResult, type ScoringOptions, type Shock } from ".";
import { buildContext } from "./engine/context";
import { requireOptions, scoreContext } from "./score-inventory";
import { simulateOnState, unmatchedReferences } from "./scenario";
import { model, smallDoc, vendor } from "./testing/fixtures";

const AS_OF = "2026-11-01";
const DRILLED = "2026-10-01"; // 31 days before AS_OF: a recent drill
const PEOPLE: Office[] = [
  { key: "fra", name: "Frankfurt", country: "DE", headcount: 700, teams: ["support"] },
  { key: "ny", name: "New York", country: "US", headcount: 300, teams: ["sales"] },
];
const MISTRAL = "Model mistral-small (MISTRAL, self-hosted)";

const scenario = (shocks: Shock[], over: Partial<Scenario> = {}): Scenario => ({ schemaVersion: "1.0", key: "t", name: "Test", shocks, ...over });
const blockOpenAi = (...countries: string[]): Shock => ({ type: "vendor-blocked", vendor: "openai", countries: { only: countries } });
const blockMistral = (...countries: string[]): Shock => ({ type: "vendor-blocked", vendor: "mistral", countries: { only: countries } });
const usClosedModelsLost = (...countries: string[]): Shock => ({ type: "closed-models-unavailable", vendorCountries: ["US"], region: { only: countries } });
const fallback = (over: Partial<Fallback> = {}): Fallback => ({ key: "fb", dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted", ...over });
const inForce = (key: string, vendorKey: string, countries: string[]) => ({
  key,
  kind: "impose" as const,
  type: "vendor-restriction" as const,
  issuer: "vendor" as const,
  title: `${vendorKey} blocks`,
  effectiveDate: "2026-01-01",
  source: "test",
  scope: { vendors: [vendorKey] },
  restrictions: [{ countries: { only: countries }, locus: "users" as const, severity: "block" as const }],
});

function run(over: Partial<InventoryDocument>, shocks: Shock[], opts: Partial<ScoringOptions> = {}): ScenarioResult {
  return simulateScenario(smallDoc({ offices: PEOPLE, ...over }), scenario(shocks), { asOf: AS_OF, ...opts });
}
function onlySystem(r: ScenarioResult) {
  expect(r.systems).toHaveLength(1);
  return r.systems[0]!;
}
function onlyDependency(r: ScenarioResult) {
  const s = onlySystem(r);
  expect(s.dependencies).toHaveLength(1);
  return s.dependencies[0]!;
}

describe("each shock becomes a policy event in force on the as-of date", () => {
  const base = { kind: "impose", effectiveDate: AS_OF, source: 'Scenario "Cut-off"' };
  const events = (...shocks: Shock[]) => shockEvents(scenario(shocks, { key: "cut", name: "Cut-off" }), AS_OF);

  it("a vendor blocked for users in some countries blocks the users there", () => {
    expect(events({ type: "vendor-blocked", vendor: "openai", countries: { only: ["DE", "FR"] } })).toEqual([
      {
        description: "openai blocked for users in Germany and France",
        event: {
          ...base,
          key: "scenario:cut:0",
          type: "vendor-restriction",
          issuer: "vendor",
          title: "Scenario: openai blocked for users in Germany and France",
          scope: { vendors: ["openai"] },
          restrictions: [{ countries: { only: ["DE", "FR"] }, locus: "users", severity: "block" }],
        },
      },
    ]);
  });

  it("a vendor blocked on some access paths only carries them in its scope", () => {
    const [e] = events({ type: "vendor-blocked", vendor: "openai", countries: { allExcept: ["US"] }, accessPaths: ["direct-api"] });
    expect(e!.description).toBe("openai blocked for users in every country except the United States");
    expect(e!.event.scope).toEqual({ vendors: ["openai"], accessPaths: ["direct-api"] });
  });

  it("closed models of vendors from given countries become unavailable wherever users or hosting are in the region", () => {
    expect(events({ type: "closed-models-unavailable", vendorCountries: ["CN", "JP"], region: { only: ["DE"] } })).toEqual([
      {
        description: "closed models of vendors headquartered in China and Japan unavailable in Germany",
        event: {
          ...base,
          key: "scenario:cut:0",
          type: "export-control",
          issuer: "CN",
          title: "Scenario: closed models of vendors headquartered in China and Japan unavailable in Germany",
          scope: { vendorCountries: { only: ["CN", "JP"] }, weights: "closed" },
          restrictions: [{ countries: { only: ["DE"] }, locus: "any", severity: "block" }],
        },
      },
    ]);
  });

  it.each([
    ["a named region", { region: "eu-west-1" }, "azure loses eu-west-1", { clouds: ["azure"], hostingRegions: ["eu-west-1"] }, { allExcept: [] }],
    ["every region in a country", { country: "DE" }, "azure loses every region in Germany", { clouds: ["azure"] }, { only: ["DE"] }],
    ["a named region in a country", { region: "eu-central-1", country: "DE" }, "azure loses eu-central-1 in Germany", { clouds: ["azure"], hostingRegions: ["eu-central-1"] }, { only: ["DE"] }],
  ])("a cloud losing %s is a disruption of hosting there", (_label, where, description, scope, countries) => {
    expect(events({ type: "cloud-region-lost", cloud: "azure", ...where })).toEqual([
      {
        description,
        event: { ...base, key: "scenario:cut:0", type: "disruption", issuer: "vendor", title: `Scenario: ${description}`, scope, restrictions: [{ countries, locus: "hosting", severity: "block" }] },
      },
    ]);
  });

  it("weights placed under licence require a licence wherever they are held or used in the countries", () => {
    expect(events({ type: "weights-under-licence", models: ["llama", "mistral-small"], countries: { allExcept: ["US"] } })).toEqual([
      {
        description: "weights of llama, mistral-small placed under export licence in every country except the United States",
        event: {
          ...base,
          key: "scenario:cut:0",
          type: "export-control",
          issuer: "vendor",
          title: "Scenario: weights of llama, mistral-small placed under export licence in every country except the United States",
          scope: { models: ["llama", "mistral-small"] },
          restrictions: [{ countries: { allExcept: ["US"] }, locus: "any", severity: "licence-required" }],
        },
      },
    ]);
  });

  it("numbers the events by the shock's position in the scenario", () => {
    expect(events(blockOpenAi("DE"), blockMistral("FR"), usClosedModelsLost("US")).map((e) => e.event.key)).toEqual(["scenario:cut:0", "scenario:cut:1", "scenario:cut:2"]);
  });
});

describe("shock references the inventory does not have", () => {
  const ctx = {
    vendors: new Map([["openai", vendor("openai", "US", { catalogueKey: "openai-inc" })], ["azure", vendor("azure", "US")]]),
    models: new Map([["gpt", model("gpt", "openai", "closed", { catalogueKey: "gpt-5" })]]),
  };

  it.each<[string, Shock]>([
    ["a vendor by its key", { type: "vendor-blocked", vendor: "openai", countries: { only: ["DE"] } }],
    ["a vendor by its catalogue key", { type: "vendor-blocked", vendor: "openai-inc", countries: { only: ["DE"] } }],
    ["a cloud by its key", { type: "cloud-region-lost", cloud: "azure", region: "eu-1" }],
    ["a cloud by a vendor's catalogue key", { type: "cloud-region-lost", cloud: "openai-inc", country: "US" }],
    ["a model by its key", { type: "weights-under-licence", models: ["gpt"], countries: { only: ["DE"] } }],
    ["a model by its catalogue key", { type: "weights-under-licence", models: ["gpt-5"], countries: { only: ["DE"] } }],
    ["closed models of a country (which names nothing)", { type: "closed-models-unavailable", vendorCountries: ["CN"], region: { only: ["DE"] } }],
  ])("finds %s", (_label, shock) => {
    expect(unmatchedReferences(ctx, [shock])).toEqual([]);
  });

  it.each<[string, Shock, string]>([
    ["an unknown vendor", { type: "vendor-blocked", vendor: "acme", countries: { only: ["DE"] } }, 'vendor "acme"'],
    ["a model's key named as a vendor", { type: "vendor-blocked", vendor: "gpt", countries: { only: ["DE"] } }, 'vendor "gpt"'],
    ["an unknown cloud", { type: "cloud-region-lost", cloud: "gone", region: "eu-1" }, 'cloud "gone"'],
    ["a model's key named as a cloud", { type: "cloud-region-lost", cloud: "gpt", region: "eu-1" }, 'cloud "gpt"'],
    ["a vendor's key named as a model", { type: "weights-under-licence", models: ["gpt", "openai"], countries: { only: ["DE"] } }, 'model "openai"'],
  ])("names %s", (_label, shock, words) => {
    expect(unmatchedReferences(ctx, [shock])).toEqual([words]);
  });

  it("names each reference once, in the order the shocks first name it", () => {
    const acme: Shock = { type: "vendor-blocked", vendor: "acme", countries: { only: ["DE"] } };
    const gone: Shock = { type: "cloud-region-lost", cloud: "gone", country: "DE" };
    expect(unmatchedReferences(ctx, [gone, acme, { ...acme, countries: { only: ["FR"] } }, gone])).toEqual(['cloud "gone"', 'vendor "acme"']);
  });

  it("adds them to the summary in words, and says nothing when every reference is found", () => {
    const r = run({}, [{ type: "vendor-blocked", vendor: "acme", countries: { only: ["DE"] } }, { type: "weights-under-licence", models: ["nope"], countries: { only: ["DE"] } }]);
    expect(r.unmatched).toEqual(['vendor "acme"', 'model "nope"']);
    expect(r.summary).toBe('Test: no AI system loses service. Not in this inventory (not used, or renamed since the scenario was written): vendor "acme", model "nope".');
    const found = run({}, [blockOpenAi("JP")]);
    expect(found.unmatched).toEqual([]);
    expect(found.summary).toBe("Test: no AI system loses service.");
  });
});

describe("which offices a shock newly cuts off", () => {
  it.each<[string, Shock[], string[], number]>([
    // Locus "users": only the users in the countries, even where the model runs (the US).
    ["users blocked in Germany cut off Frankfurt, 70% of the people", [blockOpenAi("DE")], ["fra"], 0.7],
    ["users blocked in the United States, where the model runs, cut off New York only", [blockOpenAi("US")], ["ny"], 0.3],
    // Locus "any": the model runs in the US, so closed US models lost in the US cut off everyone.
    ["closed US models lost in the United States, where the model runs, cut off everyone", [usClosedModelsLost("US")], ["fra", "ny"], 1],
    ["closed US models lost in Germany only cut off Frankfurt", [usClosedModelsLost("DE")], ["fra"], 0.7],
    // A licence requirement reaches the users too (severity 0.5 weighs the score, not who is reached).
    ["GPT's weights put under licence in Germany reach Frankfurt", [{ type: "weights-under-licence", models: ["gpt"], countries: { only: ["DE"] } }], ["fra"], 0.7],
  ])("%s", (_label, shocks, offices, share) => {
    const s = onlySystem(run({}, shocks));
    expect(s.affectedOffices).toEqual(offices);
    expect(s.affectedShare).toBe(share);
  });

  describe("a cloud region lost cuts off everyone whose model runs there", () => {
    const onAzure = { dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "cloud-marketplace" as const, cloud: "azure", hostingRegion: { country: "US", region: "eastus" } }] };
    it.each<[string, Shock, string[]]>([
      ["its region by name", { type: "cloud-region-lost", cloud: "azure", region: "eastus" }, ["bot"]],
      ["every region in its country", { type: "cloud-region-lost", cloud: "azure", country: "US" }, ["bot"]],
      ["another region", { type: "cloud-region-lost", cloud: "azure", region: "westeurope" }, []],
      ["every region in another country", { type: "cloud-region-lost", cloud: "azure", country: "DE" }, []],
      ["the same region of another cloud", { type: "cloud-region-lost", cloud: "amazon", region: "eastus" }, []],
    ])("losing %s", (_label, shock, systems) => {
      const r = run(onAzure, [shock]);
      expect(r.systems.map((s) => s.key)).toEqual(systems);
      for (const s of r.systems) expect(s.affectedOffices).toEqual(["fra", "ny"]);
    });
  });

  it("lists the offices in key order whatever order the system lists them in", () => {
    const r = run({ aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["ny", "fra"] }] }, [usClosedModelsLost("US")]);
    expect(onlySystem(r).affectedOffices).toEqual(["fra", "ny"]);
  });

  it("ignores an office key the inventory does not have, in the offices and in the share", () => {
    const r = run({ aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ghost", "ny"] }] }, [usClosedModelsLost("US")]);
    expect(onlySystem(r)).toMatchObject({ affectedOffices: ["fra", "ny"], affectedShare: 1 });
    expect(r.offices.map((o) => o.key)).toEqual(["fra", "ny"]);
    const de = run({ aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ghost", "ny"] }] }, [blockOpenAi("DE")]);
    expect(onlySystem(de)).toMatchObject({ affectedOffices: ["fra"], affectedShare: 0.7 });
  });

  it("counts an office its data flows come from, though the system does not list it", () => {
    const r = run(
      {
        offices: [...PEOPLE, { key: "par", name: "Paris", country: "FR", headcount: 100, teams: ["legal"] }],
        dataFlows: [
          { key: "f1", fromOffice: "fra", dependency: "bot/gpt", categories: ["personal"], transferMechanism: "scc" },
          { key: "f-par", fromOffice: "par", dependency: "bot/gpt", categories: ["internal"] },
        ],
      },
      [blockOpenAi("FR")],
    );
    expect(onlySystem(r).affectedOffices).toEqual(["par"]);
    expect(r.offices).toEqual([{ key: "par", name: "Paris", country: "FR", systemsAffected: 1 }]);
    expect(r.dataFlows).toEqual({ count: 1, keys: ["f-par"] });
    // Paris's team and the system's own.
    expect(r.teams).toEqual(["legal", "support"]);
  });

  it("does not count users that a restriction in force already blocks", () => {
    // OpenAI already blocks Germany: blocking Germany and the US newly takes only New York.
    const r = run({ policyEvents: [inForce("openai-de", "openai", ["DE"])] }, [blockOpenAi("DE", "US")]);
    expect(onlySystem(r)).toMatchObject({ affectedOffices: ["ny"], affectedShare: 0.3 });
    // ... and blocking Germany again takes nothing new.
    const again = run({ policyEvents: [inForce("openai-de", "openai", ["DE"])] }, [blockOpenAi("DE")]);
    expect(again.systems).toEqual([]);
    expect(again.weightedImpactPercent).toBe(0);
  });

  it("takes nothing from a dependency that a restriction in force already cuts off for everyone", () => {
    // Closed US models already unavailable where GPT runs (the US): everyone is lost already.
    const already = { ...inForce("us-closed", "openai", ["US"]), restrictions: [{ countries: { only: ["US"] }, locus: "hosting" as const, severity: "block" as const }] };
    const r = run({ policyEvents: [already] }, [blockOpenAi("DE")]);
    expect(r.systems).toEqual([]);
    expect(r.summary).toBe("Test: no AI system loses service.");
  });

  describe("a system that records no office", () => {
    const noOffices = { aiSystems: [{ key: "bot", name: "Support bot", criticality: "high" as const, toleratedDowntimeHours: 4, offices: [] }], dataFlows: [] };
    it("loses service entirely when the model's hosting country is cut off (weight 4 x share 1 x no recovery 1)", () => {
      const s = onlySystem(run(noOffices, [usClosedModelsLost("US")]));
      expect(s).toMatchObject({ affectedOffices: [], affectedShare: 1, weightedImpact: 4, status: "no-recovery" });
    });
    it("has nobody a block on users can reach", () => {
      expect(run(noOffices, [blockOpenAi("DE", "US")]).systems).toEqual([]);
    });
  });
});

describe("the share of a system's people that loses service", () => {
  const bot = (offices: string[]) => ({ aiSystems: [{ key: "bot", name: "Support bot", criticality: "high" as const, toleratedDowntimeHours: 4, offices }] });
  it.each<[string, Office[], string[], Shock, number]>([
    ["by headcount where every office records one", PEOPLE, ["fra", "ny"], blockOpenAi("DE"), 0.7],
    ["by offices when one headcount is missing", [PEOPLE[0]!, { ...PEOPLE[1]!, headcount: undefined }], ["fra", "ny"], blockOpenAi("DE"), 0.5],
    ["by offices when every headcount is 0", [{ ...PEOPLE[0]!, headcount: 0 }, { ...PEOPLE[1]!, headcount: 0 }], ["fra", "ny"], blockOpenAi("DE"), 0.5],
    // 0 in Frankfurt, 100 in New York, 50 in Paris; Germany and France blocked: (0 + 50) / 150.
    [
      "by headcount when some (not all) offices are empty",
      [{ ...PEOPLE[0]!, headcount: 0 }, { ...PEOPLE[1]!, headcount: 100 }, { key: "par", name: "Paris", country: "FR", headcount: 50 }],
      ["fra", "ny", "par"],
      blockOpenAi("DE", "FR"),
      0.33,
    ],
    ["counting an office listed twice once", [{ ...PEOPLE[0]!, headcount: undefined }, { ...PEOPLE[1]!, headcount: undefined }], ["fra", "fra", "ny"], blockOpenAi("DE"), 0.5],
  ])("%s", (_label, offices, systemOffices, shock, share) => {
    const s = onlySystem(run({ offices, ...bot(systemOffices) }, [shock]));
    expect(s.affectedShare).toBe(share);
  });
});

describe("every shock that reaches a system counts towards its loss", () => {
  it("two shocks on Germany and on the US lose both offices, as one shock on both does", () => {
    // Frankfurt 700 and New York 300 people, no fallback: 1000 of 1000 lose service; impact
    // 1 (share) x 1 (no recovery) = 100%. Before the fix only the stronger shock's Frankfurt counted: 70%.
    for (const shocks of [[blockOpenAi("DE"), blockOpenAi("US")], [blockOpenAi("US"), blockOpenAi("DE")], [blockOpenAi("DE", "US")]]) {
      const r = run({}, shocks);
      expect(onlySystem(r)).toMatchObject({ affectedOffices: ["fra", "ny"], affectedShare: 1 });
      expect(r.weightedImpactPercent).toBe(100);
    }
  });

  it("counts the people of an office that only sends data to the system", () => {
    // The bot serves Frankfurt (700); Paris (300) only sends it data. France blocked: 300 of
    // 1000 people lose service, no fallback: 30%. Before the fix Paris was listed but counted 0%.
    const offices: Office[] = [PEOPLE[0]!, { key: "par", name: "Paris", country: "FR", headcount: 300 }];
    const r = run({ offices, aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra"] }], dataFlows: [{ key: "par-flow", fromOffice: "par", dependency: "bot/gpt", categories: ["internal"] }] }, [blockOpenAi("FR")]);
    expect(onlySystem(r)).toMatchObject({ affectedOffices: ["par"], affectedShare: 0.3 });
    expect(r.weightedImpactPercent).toBe(30);
    expect(r.dataFlows.keys).toEqual(["par-flow"]);
  });
});

describe("the strongest shock on the primary route decides", () => {
  it("takes the stronger of two shocks, in either order", () => {
    // Germany holds 70% of the people, the US 30%.
    expect(onlyDependency(run({}, [blockOpenAi("US"), blockOpenAi("DE")])).shock).toBe("scenario:t:1");
    expect(onlyDependency(run({}, [blockOpenAi("DE"), blockOpenAi("US")])).shock).toBe("scenario:t:0");
  });

  it("takes the first of two equally strong shocks, in either order", () => {
    // Both reach the 70% in Germany; the model runs in the US, outside the region.
    expect(onlyDependency(run({}, [blockOpenAi("DE"), usClosedModelsLost("DE")])).shock).toBe("scenario:t:0");
    expect(onlyDependency(run({}, [usClosedModelsLost("DE"), blockOpenAi("DE")])).shock).toBe("scenario:t:0");
  });

  it("counts a block that a zero severity weight makes weightless: the service still stops", () => {
    const s = onlySystem(run({}, [blockOpenAi("DE")], { weights: { severity: { block: 0 } } }));
    expect(s).toMatchObject({ affectedOffices: ["fra"], status: "no-recovery" });
  });
});

describe("recovery through the best usable fallback", () => {
  // Germany blocked: 70% of the people, weight 6, so the impact is 6 x 0.7 x (0, 0.25, 0.5 or 1)
  // out of a total weight of 6.
  it.each<[string, Fallback[], { status: string; fallback: string | undefined; switchTimeHours: number | undefined; withinTolerance: boolean; recoveryHours: number | undefined; weightedImpact: number; percent: number; explanation: string }]>([
    ["no fallback", [], { status: "no-recovery", fallback: undefined, switchTimeHours: undefined, withinTolerance: false, recoveryHours: undefined, weightedImpact: 4.2, percent: 70, explanation: "No usable fallback: service stops for the affected offices." }],
    [
      "a drilled fallback switching in 2 h",
      [fallback({ lastTested: DRILLED, switchTimeHours: 2 })],
      { status: "recovers", fallback: "fb", switchTimeHours: 2, withinTolerance: true, recoveryHours: 2, weightedImpact: 0, percent: 0, explanation: `Recovers through the tested fallback ${MISTRAL} in about 2 hours, within the tolerated 4 hours.` },
    ],
    [
      "a drilled fallback switching in exactly the tolerated 4 h",
      [fallback({ lastTested: DRILLED, switchTimeHours: 4 })],
      { status: "recovers", fallback: "fb", switchTimeHours: 4, withinTolerance: true, recoveryHours: 4, weightedImpact: 0, percent: 0, explanation: `Recovers through the tested fallback ${MISTRAL} in about 4 hours, within the tolerated 4 hours.` },
    ],
    [
      "a drilled fallback switching in half an hour",
      [fallback({ lastTested: DRILLED, switchTimeHours: 0.5 })],
      { status: "recovers", fallback: "fb", switchTimeHours: 0.5, withinTolerance: true, recoveryHours: 0.5, weightedImpact: 0, percent: 0, explanation: `Recovers through the tested fallback ${MISTRAL} in about 30 minutes, within the tolerated 4 hours.` },
    ],
    [
      "a drilled fallback drilled 365 days before (the last day it counts)",
      [fallback({ lastTested: "2025-11-01", switchTimeHours: 2 })],
      { status: "recovers", fallback: "fb", switchTimeHours: 2, withinTolerance: true, recoveryHours: 2, weightedImpact: 0, percent: 0, explanation: `Recovers through the tested fallback ${MISTRAL} in about 2 hours, within the tolerated 4 hours.` },
    ],
    [
      "a drilled fallback switching in 4.5 h, over the tolerated 4 h",
      [fallback({ lastTested: DRILLED, switchTimeHours: 4.5 })],
      {
        status: "recovers-slowly",
        fallback: "fb",
        switchTimeHours: 4.5,
        withinTolerance: false,
        recoveryHours: 4.5,
        weightedImpact: 1.05,
        percent: 17.5,
        explanation: `Recovers through the tested fallback ${MISTRAL}, but the switch takes about 4.5 hours against a tolerated 4 hours.`,
      },
    ],
    [
      "a drilled fallback of unknown switch time",
      [fallback({ lastTested: DRILLED })],
      { status: "recovers-slowly", fallback: "fb", switchTimeHours: undefined, withinTolerance: false, recoveryHours: undefined, weightedImpact: 1.05, percent: 17.5, explanation: `Recovers through the tested fallback ${MISTRAL}, but the switch time is unknown against a tolerated 4 hours.` },
    ],
    [
      "a fallback never drilled, switching in 2 h",
      [fallback({ switchTimeHours: 2 })],
      { status: "uncertain", fallback: "fb", switchTimeHours: 2, withinTolerance: true, recoveryHours: undefined, weightedImpact: 2.1, percent: 35, explanation: `A fallback, ${MISTRAL}, exists but has not been tested recently: recovery is uncertain.` },
    ],
    [
      "a fallback drilled 366 days before",
      [fallback({ lastTested: "2025-10-31", switchTimeHours: 2 })],
      { status: "uncertain", fallback: "fb", switchTimeHours: 2, withinTolerance: true, recoveryHours: undefined, weightedImpact: 2.1, percent: 35, explanation: `A fallback, ${MISTRAL}, exists but has not been tested recently: recovery is uncertain.` },
    ],
    ["only a fallback whose model the inventory does not have", [fallback({ model: "ghost", lastTested: DRILLED, switchTimeHours: 1 })], { status: "no-recovery", fallback: undefined, switchTimeHours: undefined, withinTolerance: false, recoveryHours: undefined, weightedImpact: 4.2, percent: 70, explanation: "No usable fallback: service stops for the affected offices." }],
  ])("%s", (_label, fallbacks, want) => {
    const r = run({ fallbacks }, [blockOpenAi("DE")]);
    const s = onlySystem(r);
    expect(s.dependencies).toEqual([{ key: "bot/gpt", model: "gpt", vendor: "openai", shock: "scenario:t:0", status: want.status, fallback: want.fallback, switchTimeHours: want.switchTimeHours, withinTolerance: want.withinTolerance, explanation: want.explanation }]);
    expect(s).toMatchObject({ status: want.status, recoveryHours: want.recoveryHours, weightedImpact: want.weightedImpact, toleratedDowntimeHours: 4 });
    expect(r.weightedImpactPercent).toBe(want.percent);
  });

  it("says one hour in the singular", () => {
    const r = run({ aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 1, offices: ["fra", "ny"] }], fallbacks: [fallback({ lastTested: DRILLED, switchTimeHours: 1 })] }, [blockOpenAi("DE")]);
    expect(onlyDependency(r).explanation).toBe(`Recovers through the tested fallback ${MISTRAL} in about 1 hour, within the tolerated 1 hour.`);
  });

  it("names a fallback on a cloud by its model, its vendor and the way it is reached", () => {
    const onCloud = fallback({ accessPath: "third-party-hosted", cloud: "azure", hostingRegion: { country: "DE" }, lastTested: DRILLED, switchTimeHours: 2 });
    expect(onlyDependency(run({ fallbacks: [onCloud] }, [blockOpenAi("DE")])).explanation).toBe(
      "Recovers through the tested fallback Model mistral-small (MISTRAL, open weights on a cloud) in about 2 hours, within the tolerated 4 hours.",
    );
  });

  describe("between several usable fallbacks (fallbacks are read in key order)", () => {
    const fb = (key: string, over: Partial<Fallback>) => fallback({ key, ...over });
    it.each<[string, Fallback[], string]>([
      ["a drilled one over an undrilled one listed first", [fb("a-undrilled", { switchTimeHours: 1 }), fb("z-drilled", { lastTested: DRILLED, switchTimeHours: 2 })], "z-drilled"],
      ["a drilled one over an undrilled one listed second", [fb("a-drilled", { lastTested: DRILLED, switchTimeHours: 2 }), fb("z-undrilled", { switchTimeHours: 1 })], "a-drilled"],
      ["one within tolerance over a slow one listed first", [fb("a-slow", { lastTested: DRILLED, switchTimeHours: 9 }), fb("z-fast", { lastTested: DRILLED, switchTimeHours: 3 })], "z-fast"],
      ["the faster of two within tolerance, listed second", [fb("a-3h", { lastTested: DRILLED, switchTimeHours: 3 }), fb("z-1h", { lastTested: DRILLED, switchTimeHours: 1 })], "z-1h"],
      ["the faster of two within tolerance, listed first", [fb("a-1h", { lastTested: DRILLED, switchTimeHours: 1 }), fb("z-3h", { lastTested: DRILLED, switchTimeHours: 3 })], "a-1h"],
      ["the first of two equally good ones", [fb("a-one", { lastTested: DRILLED, switchTimeHours: 2 }), fb("b-two", { lastTested: DRILLED, switchTimeHours: 2 })], "a-one"],
      ["a known slow switch over an unknown one listed first", [fb("a-unknown", { lastTested: DRILLED }), fb("z-20h", { lastTested: DRILLED, switchTimeHours: 20 })], "z-20h"],
      ["a known slow switch over an unknown one listed second", [fb("a-20h", { lastTested: DRILLED, switchTimeHours: 20 }), fb("z-unknown", { lastTested: DRILLED })], "a-20h"],
      ["a usable one over one whose model is missing", [fb("a-ghost", { model: "ghost", lastTested: DRILLED, switchTimeHours: 1 }), fb("z-real", { switchTimeHours: 2 })], "z-real"],
    ])("takes %s", (_label, fallbacks, key) => {
      expect(onlyDependency(run({ fallbacks }, [blockOpenAi("DE")])).fallback).toBe(key);
    });
  });

  describe("a fallback the shocks or the restrictions in force block is not usable", () => {
    const drilled = fallback({ lastTested: DRILLED, switchTimeHours: 2 });
    it.each<[string, Partial<InventoryDocument>, Shock[], string]>([
      ["another OpenAI model, blocked by the same shock", { models: [...smallDoc().models, model("gpt-mini", "openai", "closed")], fallbacks: [fallback({ model: "gpt-mini", accessPath: "direct-api", lastTested: DRILLED, switchTimeHours: 1 })] }, [blockOpenAi("DE")], "no-recovery"],
      ["Mistral, blocked by a second shock in the same country", { fallbacks: [drilled] }, [blockOpenAi("DE"), blockMistral("DE")], "no-recovery"],
      ["Mistral, blocked by a second shock where the users were lost and beyond", { fallbacks: [drilled] }, [blockOpenAi("DE"), blockMistral("DE", "US")], "no-recovery"],
      ["Mistral, blocked by a second shock only where nobody was lost", { fallbacks: [drilled] }, [blockOpenAi("DE"), blockMistral("US")], "recovers"],
      ["Mistral, only put under licence where the users were lost", { fallbacks: [drilled] }, [blockOpenAi("DE"), { type: "weights-under-licence", models: ["mistral-small"], countries: { only: ["DE"] } }], "recovers"],
      // Everyone is lost where GPT runs (the US): a block on the fallback anywhere leaves it unusable.
      ["Mistral, blocked anywhere when the primary is lost for everyone", { fallbacks: [drilled] }, [usClosedModelsLost("US"), blockMistral("DE")], "no-recovery"],
      ["Mistral, blocked by a restriction already in force where the users were lost", { fallbacks: [drilled], policyEvents: [inForce("mistral-de", "mistral", ["DE"])] }, [blockOpenAi("DE")], "no-recovery"],
      ["Mistral, blocked by a restriction already in force elsewhere", { fallbacks: [drilled], policyEvents: [inForce("mistral-us", "mistral", ["US"])] }, [blockOpenAi("DE")], "recovers"],
    ])("%s", (_label, over, shocks, status) => {
      expect(onlyDependency(run(over, shocks)).status).toBe(status);
    });
  });
});

describe("systems, offices, teams and data flows in the blast radius", () => {
  // Two systems whose key order is the reverse of their dependencies': z-bot (high, personal data:
  // weight 6) through a/gpt, a-notes (low, New York only: weight 1) through z/gpt. Total weight 7.
  const two = (): Partial<InventoryDocument> => ({
    aiSystems: [
      { key: "z-bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"], teams: ["support"] },
      { key: "a-notes", name: "Notes", criticality: "low", toleratedDowntimeHours: 24, offices: ["ny"], teams: ["notes"] },
    ],
    dependencies: [
      { key: "a/gpt", system: "z-bot", model: "gpt", accessPath: "direct-api" },
      { key: "z/gpt", system: "a-notes", model: "gpt", accessPath: "direct-api" },
    ],
    dataFlows: [{ key: "f1", fromOffice: "fra", dependency: "a/gpt", categories: ["personal"], transferMechanism: "scc" }],
  });

  it("lists systems in key order, with offices counted per system and in key order", () => {
    // Everyone blocked: z-bot 6 x 1 x 1 + a-notes 1 x 1 x 1 = 7 of 7.
    const r = run(two(), [blockOpenAi("DE", "US")]);
    expect(r.systems.map((s) => [s.key, s.name, s.criticality, s.affectedOffices, s.weightedImpact])).toEqual([
      ["a-notes", "Notes", "low", ["ny"], 1],
      ["z-bot", "Support bot", "high", ["fra", "ny"], 6],
    ]);
    expect(r.offices).toEqual([
      { key: "fra", name: "Frankfurt", country: "DE", systemsAffected: 1 },
      { key: "ny", name: "New York", country: "US", systemsAffected: 2 },
    ]);
    expect(r.weightedImpactPercent).toBe(100);
    expect(r.teams).toEqual(["notes", "sales", "support"]);
    expect(r.summary).toBe("Test: 2 AI systems lose service in 2 offices; 0 recover through a tested fallback within tolerance, 2 do not recover. Criticality-weighted impact 100%.");
  });

  it.each<[string, string[], string[], number]>([
    // z-bot loses New York (0.3 of its people): 6 x 0.3 = 1.8; a-notes loses everyone: 1. (1.8 + 1) / 7 = 40%.
    ["the United States", ["US"], ["a-notes", "z-bot"], 40],
    // Only z-bot loses Frankfurt: 6 x 0.7 = 4.2; 4.2 / 7 = 60%.
    ["Germany", ["DE"], ["z-bot"], 60],
  ])("weighs each system by its criticality and the share it loses: OpenAI blocked in %s", (_label, countries, systems, percent) => {
    const r = run(two(), [blockOpenAi(...countries)]);
    expect(r.systems.map((s) => s.key)).toEqual(systems);
    expect(r.weightedImpactPercent).toBe(percent);
  });

  it("counts each status once per system, and says how many recover and how many do not", () => {
    // Four low-criticality systems (weight 1 each) used only in Frankfurt, each on GPT with a different fallback.
    const keys = ["s-drilled", "s-none", "s-slow", "s-undrilled"];
    const fallbacks: Fallback[] = [
      { key: "f-drilled", dependency: "s-drilled/gpt", model: "mistral-small", accessPath: "self-hosted", lastTested: DRILLED, switchTimeHours: 2 },
      { key: "f-slow", dependency: "s-slow/gpt", model: "mistral-small", accessPath: "self-hosted", lastTested: DRILLED, switchTimeHours: 30 },
      { key: "f-undrilled", dependency: "s-undrilled/gpt", model: "mistral-small", accessPath: "self-hosted", switchTimeHours: 2 },
    ];
    const r = run(
      {
        aiSystems: keys.map((key) => ({ key, name: key, criticality: "low" as const, toleratedDowntimeHours: 4, offices: ["fra"] })),
        dependencies: keys.map((k) => ({ key: `${k}/gpt`, system: k, model: "gpt", accessPath: "direct-api" as const })),
        dataFlows: [],
        fallbacks,
      },
      [blockOpenAi("DE")],
    );
    expect(r.systems.map((s) => [s.key, s.status])).toEqual([
      ["s-drilled", "recovers"],
      ["s-none", "no-recovery"],
      ["s-slow", "recovers-slowly"],
      ["s-undrilled", "uncertain"],
    ]);
    expect(r.counts).toEqual({ systemsAffected: 4, recovers: 1, recoversSlowly: 1, uncertain: 1, noRecovery: 1 });
    // (0 + 1 + 0.25 + 0.5) / 4 = 43.75%.
    expect(r.weightedImpactPercent).toBe(43.75);
    expect(r.summary).toBe("Test: 4 AI systems lose service in 1 office; 1 recovers through a tested fallback within tolerance, 1 does not recover. Criticality-weighted impact 43.75%.");
    expect(r.offices).toEqual([{ key: "fra", name: "Frankfurt", country: "DE", systemsAffected: 4 }]);
  });

  describe("a system with two dependencies", () => {
    const twoDeps = (fallbacks: Fallback[]): Partial<InventoryDocument> => ({
      dependencies: [
        { key: "bot/a", system: "bot", model: "gpt", accessPath: "direct-api" },
        { key: "bot/b", system: "bot", model: "gpt", accessPath: "direct-api" },
      ],
      dataFlows: [],
      fallbacks,
    });
    const fb = (dependency: string, over: Partial<Fallback>): Fallback => ({ key: `${dependency}:fb`, dependency, model: "mistral-small", accessPath: "self-hosted", ...over });
    it("lists the offices either dependency loses, in key order", () => {
      // bot/a on GPT loses New York (OpenAI blocked in the US), bot/b on Mistral's API loses Frankfurt.
      const r = run(
        {
          dependencies: [
            { key: "bot/a", system: "bot", model: "gpt", accessPath: "direct-api" },
            { key: "bot/b", system: "bot", model: "mistral-small", accessPath: "direct-api" },
          ],
          dataFlows: [],
        },
        [blockOpenAi("US"), blockMistral("DE")],
      );
      expect(onlySystem(r).dependencies.map((d) => [d.key, d.shock])).toEqual([
        ["bot/a", "scenario:t:0"],
        ["bot/b", "scenario:t:1"],
      ]);
      expect(onlySystem(r).affectedOffices).toEqual(["fra", "ny"]);
      expect(onlySystem(r).affectedShare).toBe(1);
    });

    it.each<[string, Fallback[], string, number | undefined]>([
      ["recovers and does not recover (the first recovering)", [fb("bot/a", { lastTested: DRILLED, switchTimeHours: 1 })], "no-recovery", undefined],
      ["does not recover and recovers (the second recovering)", [fb("bot/b", { lastTested: DRILLED, switchTimeHours: 1 })], "no-recovery", undefined],
      ["recovers and recovers uncertainly", [fb("bot/a", { lastTested: DRILLED, switchTimeHours: 1 }), fb("bot/b", { switchTimeHours: 1 })], "uncertain", undefined],
      ["recovers uncertainly and recovers", [fb("bot/a", { switchTimeHours: 1 }), fb("bot/b", { lastTested: DRILLED, switchTimeHours: 1 })], "uncertain", undefined],
      ["recovers slowly and recovers", [fb("bot/a", { lastTested: DRILLED, switchTimeHours: 6 }), fb("bot/b", { lastTested: DRILLED, switchTimeHours: 1 })], "recovers-slowly", 6],
      ["recovers in 1 h and in 3 h", [fb("bot/a", { lastTested: DRILLED, switchTimeHours: 1 }), fb("bot/b", { lastTested: DRILLED, switchTimeHours: 3 })], "recovers", 3],
      ["recovers in 3 h and in 1 h", [fb("bot/a", { lastTested: DRILLED, switchTimeHours: 3 }), fb("bot/b", { lastTested: DRILLED, switchTimeHours: 1 })], "recovers", 3],
    ])("takes the worse status and the slower recovery: %s", (_label, fallbacks, status, hours) => {
      const s = onlySystem(run(twoDeps(fallbacks), [blockOpenAi("DE")]));
      expect(s.dependencies.map((d) => d.key)).toEqual(["bot/a", "bot/b"]);
      expect(s.status).toBe(status);
      expect(s.recoveryHours).toBe(hours);
    });
  });

  describe("teams", () => {
    it.each<[string, string[], string[]]>([
      // Frankfurt's team and the system's own.
      ["Germany", ["DE"], ["support"]],
      // New York's team (sales) and the system's (support), sorted.
      ["the United States", ["US"], ["sales", "support"]],
    ])("come from the offices cut off and the system: OpenAI blocked in %s", (_label, countries, teams) => {
      expect(run({}, [blockOpenAi(...countries)]).teams).toEqual(teams);
    });

    it("are sorted, whichever comes first", () => {
      const r = run({ offices: [{ ...PEOPLE[0]!, teams: ["zeta"] }, PEOPLE[1]!], aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"], teams: ["alpha"] }] }, [blockOpenAi("DE")]);
      expect(r.teams).toEqual(["alpha", "zeta"]);
    });

    it("are none when neither the office nor the system records any", () => {
      const r = run({ offices: [{ key: "fra", name: "Frankfurt", country: "DE", headcount: 700 }, PEOPLE[1]!], aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] }] }, [blockOpenAi("DE")]);
      expect(r.teams).toEqual([]);
    });
  });

  describe("data flows", () => {
    const flows = {
      dataFlows: [
        { key: "z-fra", fromOffice: "fra", dependency: "bot/gpt", categories: ["personal" as const], transferMechanism: "scc" as const },
        { key: "m-ghost", fromOffice: "ghost", dependency: "bot/gpt", categories: ["internal" as const] },
        { key: "a-ny", fromOffice: "ny", dependency: "bot/gpt", categories: ["internal" as const] },
      ],
    };
    it.each<[string, Shock[], string[]]>([
      ["are those from the office cut off (Frankfurt)", [blockOpenAi("DE")], ["z-fra"]],
      ["are those from the office cut off (New York)", [blockOpenAi("US")], ["a-ny"]],
      // Every office the system knows is cut off: every flow of the dependency goes, also one from an unknown office.
      ["are all of the dependency's, sorted, when every office is cut off", [blockOpenAi("DE", "US")], ["a-ny", "m-ghost", "z-fra"]],
    ])("%s", (_label, shocks, keys) => {
      expect(run(flows, shocks).dataFlows).toEqual({ count: keys.length, keys });
    });
  });
});

describe("the score before and after the shock", () => {
  it.each<[string, Fallback[], Shock[], { before: number; after: number; delta: number; ratingBefore: string; ratingAfter: string }]>([
    // Worked example: N 28.15; blocked in Germany, N 20.80 (35 -> 10.5 raw, -7.35); 0.3 x 20.80 = 6.24.
    ["no fallback, Germany blocked", [], [blockOpenAi("DE")], { before: 28.15, after: 6.24, delta: -21.91, ratingBefore: "Very Low", ratingAfter: "Very Low" }],
    // Blocked in the US: N = 28.15 - 35 x 0.3 x 0.3 = 25.00; 0.7 x 25 = 17.50.
    ["no fallback, the US blocked", [], [blockOpenAi("US")], { before: 28.15, after: 17.5, delta: -10.65, ratingBefore: "Very Low", ratingAfter: "Very Low" }],
    // Drilled fallback: N = 28.15 + 90 x 0.3 = 55.15 (Medium); blocked in Germany N = 47.80 and it recovers fully: 47.80 (Low).
    ["a drilled fallback, Germany blocked", [fallback({ lastTested: DRILLED, switchTimeHours: 2 })], [blockOpenAi("DE")], { before: 55.15, after: 47.8, delta: -7.35, ratingBefore: "Medium", ratingAfter: "Low" }],
    // Undrilled: N = 28.15 + 70 x 0.3 = 49.15; blocked N = 41.80; 0.3 x 41.80 + 0.7 x 41.80 x 0.5 = 27.17, capped at 2 x 0.3 x 35 = 21.
    ["an undrilled fallback, Germany blocked", [fallback({ switchTimeHours: 2 })], [blockOpenAi("DE")], { before: 49.15, after: 21, delta: -28.15, ratingBefore: "Low", ratingAfter: "Very Low" }],
    // A shock on the fallback alone: Mistral blocked for 70% leaves fallback.exists 30 x 0.3 = 9: -21 x 0.3 = -6.3.
    ["a drilled fallback, only the fallback's vendor blocked", [fallback({ lastTested: DRILLED, switchTimeHours: 2 })], [blockMistral("DE")], { before: 55.15, after: 48.85, delta: -6.3, ratingBefore: "Medium", ratingAfter: "Low" }],
    ["a drilled fallback, a shock that reaches nothing", [fallback({ lastTested: DRILLED, switchTimeHours: 2 })], [blockOpenAi("JP")], { before: 55.15, after: 55.15, delta: 0, ratingBefore: "Medium", ratingAfter: "Medium" }],
  ])("%s", (_label, fallbacks, shocks, score) => {
    expect(run({ fallbacks }, shocks).score).toEqual(score);
  });

  it("gives the system's score before and after, rounded to cents", () => {
    expect(onlySystem(run({}, [blockOpenAi("DE")]))).toMatchObject({ scoreBefore: 28.15, scoreAfter: 6.24 });
  });

  it("re-scores a dependency that only its fallback is shocked on, but reports no system losing service", () => {
    const r = run({ fallbacks: [fallback({ lastTested: DRILLED, switchTimeHours: 2 })] }, [blockMistral("DE")]);
    expect(r.systems).toEqual([]);
    expect(r.weightedImpactPercent).toBe(0);
    expect(r.summary).toBe("Test: no AI system loses service.");
  });

  it("skips a fallback whose model is missing when screening what a shock reaches", () => {
    const r = run({ fallbacks: [fallback({ key: "a-ghost", model: "ghost" }), fallback({ key: "z-real", lastTested: DRILLED, switchTimeHours: 2 })] }, [blockMistral("DE")]);
    expect(r.systems).toEqual([]);
    expect(r.score).toMatchObject({ before: 55.15, after: 48.85 });
  });

  it("re-scores the weakest dependency of a system hit on two", () => {
    // Two dependencies on GPT, no data flows (weight 4): each N = 6.25 + (35 + 8 + 25 + 15) x 0.3 = 31.15,
    // concentration 0 (all on OpenAI). Blocked in Germany (70%): N = 31.15 - 7.35 = 23.80, 0.3 x 23.80 = 7.14.
    const r = run({ dependencies: [{ key: "bot/a", system: "bot", model: "gpt", accessPath: "direct-api" }, { key: "bot/b", system: "bot", model: "gpt", accessPath: "direct-api" }], dataFlows: [] }, [blockOpenAi("DE")]);
    expect(r.score).toMatchObject({ before: 31.15, after: 7.14, delta: -24.01 });
  });

  it("re-scores a system whose weakest dependency the shock reaches beside a stronger one it does not", () => {
    // bot/gpt (personal data: weight 6) and self-hosted Mistral Small (weight 4, 100 points: counts on no axis).
    // OpenAI's share is 6 / 10: concentration 4 x 25 x 0.4 = 40 x 0.15 = 6, so bot/gpt is 28.15 + 6 = 34.15.
    // Germany blocked: N = 34.15 - 7.35 = 26.80; 0.3 x 26.80 = 8.04 (under the cap of 21). The system is its weakest.
    const r = run({ dependencies: [...smallDoc().dependencies, { key: "bot/mistral", system: "bot", model: "mistral-small", accessPath: "self-hosted" }] }, [blockOpenAi("DE")]);
    expect(onlySystem(r)).toMatchObject({ scoreBefore: 34.15, scoreAfter: 8.04 });
    expect(r.score).toMatchObject({ before: 34.15, after: 8.04, delta: -26.11 });
  });

  it("weighs the change by the systems' weights: an untouched system keeps its score", () => {
    // z-bot (weight 6) goes 28.15 -> 6.24; a-notes (weight 1, New York only, no data flows) is not reached by
    // a block on Germany: N = 6.25 + (35 + 8 + 25 + 15) x 0.3 = 31.15. Both on GPT through OpenAI, so every
    // concentration share is 1 (0 points). Before: (6 x 28.15 + 31.15) / 7 = 28.578.. -> 28.58; the change
    // 6 x (6.24 - 28.15) / 7 = -18.78; after 28.58 - 18.78 = 9.80.
    const r = run(
      {
        aiSystems: [
          { key: "z-bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
          { key: "a-notes", name: "Notes", criticality: "low", toleratedDowntimeHours: 24, offices: ["ny"] },
        ],
        dependencies: [
          { key: "bot/gpt", system: "z-bot", model: "gpt", accessPath: "direct-api" },
          { key: "notes/gpt", system: "a-notes", model: "gpt", accessPath: "direct-api" },
        ],
      },
      [blockOpenAi("DE")],
    );
    expect(r.score).toEqual({ before: 28.58, after: 9.8, delta: -18.78, ratingBefore: "Very Low", ratingAfter: "Very Low" });
  });

  it("takes the score before from the baseline it is given, and never reports a score below 0", () => {
    const doc = smallDoc({ offices: PEOPLE });
    const baseline = scoreInventory(doc, { asOf: AS_OF });
    // A baseline whose organisation score reads 10: 10 - 21.91 would be negative.
    baseline.organisation.score = 10;
    const r = simulateScenario(doc, scenario([blockOpenAi("DE")]), { asOf: AS_OF, baseline });
    expect(r.score).toEqual({ before: 10, after: 0, delta: -10, ratingBefore: "Very Low", ratingAfter: "Very Low" });
  });

  it("computes the score before from the scoring state when none is given", () => {
    const { state } = scoreContext(buildContext(smallDoc({ offices: PEOPLE }), requireOptions({ asOf: AS_OF })));
    expect(simulateOnState(state, scenario([blockOpenAi("DE")]), AS_OF).score).toEqual({ before: 28.15, after: 6.24, delta: -21.91, ratingBefore: "Very Low", ratingAfter: "Very Low" });
  });

  it("leaves an inventory without AI systems at 100 with no impact", () => {
    const r = run({ aiSystems: [], dependencies: [], dataFlows: [] }, [blockOpenAi("DE")]);
    expect(r.score).toEqual({ before: 100, after: 100, delta: 0, ratingBefore: "Very High", ratingAfter: "Very High" });
    expect(r.weightedImpactPercent).toBe(0);
    expect(r.counts).toEqual({ systemsAffected: 0, recovers: 0, recoversSlowly: 0, uncertain: 0, noRecovery: 0 });
    expect(r.dataFlows).toEqual({ count: 0, keys: [] });
    expect(r.offices).toEqual([]);
    expect(r.teams).toEqual([]);
  });
});

describe("what the result carries", () => {
  it("the method version, the date, the scenario and each shock in words", () => {
    const chinese: Shock = { type: "closed-models-unavailable", vendorCountries: ["CN"], region: { only: ["FR"] } };
    const r = simulateScenario(smallDoc({ offices: PEOPLE }), scenario([blockOpenAi("DE"), chinese], { key: "cut", name: "Cut-off", description: "What if" }), { asOf: AS_OF });
    expect(r.methodologyVersion).toBe(METHODOLOGY_VERSION);
    expect(r.asOf).toBe(AS_OF);
    expect(r.scenario).toEqual({ key: "cut", name: "Cut-off", description: "What if" });
    expect(r.shocks).toEqual([
      { index: 0, type: "vendor-blocked", description: "openai blocked for users in Germany", eventKey: "scenario:cut:0" },
      { index: 1, type: "closed-models-unavailable", description: "closed models of vendors headquartered in China unavailable in France", eventKey: "scenario:cut:1" },
    ]);
    expect(r.summary).toBe("Cut-off: 1 AI system loses service in 1 office; 0 recover through a tested fallback within tolerance, 1 does not recover. Criticality-weighted impact 70%.");
  });
});
