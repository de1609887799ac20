// Remediation at its edges: which suggestions each factor of a system's weakest dependency gives
// rise to and which it does not, the exact gain of each (worked out by hand from the method), the
// sentence a reader sees, which open-weight model is suggested as a fallback, how a change that
// moves a concentration share re-scores the other dependencies, and how the list is ranked, cut
// and filtered. Written against the mutants of remediation.ts (issue 19). Every figure is worked
// out by hand from docs/METHODOLOGY.md, not read from the code.
//
// The fixture (smallDoc): Acme (Germany), Support bot (high criticality, 4 h tolerated, Frankfurt
// and New York), GPT through OpenAI's direct API (hosted in the US), personal data from Frankfurt
// under SCCs. Its factors:
//   access 10 + 15 (hosted where some users are)                 = 25 x 0.25 =  6.25
//   jurisdiction 35 + 8 (US laws) + 15 (SCCs, foreign access) + 15 = 73 x 0.30 = 21.90
//   fallback (none) 0, concentration (one dependency: shares 1) 0             -> N = 28.15
// Fallback points: exists 30, independence 25 (10 same jurisdiction, 0 same vendor), drill 20
// (within 180 days; 10 within 365), switch 15 (within the tolerated time; 7 within twice), exit
// plan 4 + 3 + 3; all x 0.30. Mistral Small (Apache-2.0) is the inventory's permissive open model.
import { describe, expect, it } from "vitest";
import { REMEDIATION_KINDS, scoreInventory, suggestRemediations, type Fallback, type InventoryDocument, type Model, type PolicyEvent, type Remediation } from ".";
import { model, smallDoc, vendor } from "./testing/fixtures";

const AS_OF = "2026-11-01";
const DRILLED = "2026-10-01"; // 31 days before AS_OF: a recent drill
const MISTRAL_SELF_HOSTED = "Model mistral-small (self-hosted)";

const suggest = (over: Partial<InventoryDocument> = {}, opts: { limit?: number; minGain?: number } = {}) => suggestRemediations(smallDoc(over), { asOf: AS_OF, ...opts });
const fallback = (over: Partial<Fallback> = {}): Fallback => ({ key: "fb", dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted", ...over });
/** [kind, organisation, system, dependency] per suggestion, in rank order. */
const gains = (list: Remediation[]) => list.map((r) => [r.kind, r.expectedGain.organisation, r.expectedGain.system, r.expectedGain.dependency]);
const find = (list: Remediation[], kind: string, dependency = "bot/gpt") => list.find((r) => r.kind === kind && r.dependency === dependency);
const block = (key: string, scope: Extract<PolicyEvent, { kind: "impose" }>["scope"], countries: string[]): PolicyEvent => ({
  key,
  kind: "impose",
  type: "vendor-restriction",
  issuer: "vendor",
  title: key,
  effectiveDate: "2026-01-01",
  source: "test",
  scope,
  restrictions: [{ countries: { only: countries }, locus: "users", severity: "block" }],
});

it("has the eight documented kinds", () => {
  expect(REMEDIATION_KINDS).toEqual(["add-independent-fallback", "test-fallback", "shorten-switch-time", "document-exit-plan", "move-hosting-home", "self-host-open-weights", "fix-transfer-basis", "reduce-concentration"]);
});

describe("a single API dependency without a fallback", () => {
  const list = suggest();

  it("gets a self-hosted fallback (+90 x 0.3 = 27) and an exit plan (+10 x 0.3 = 3), and nothing that gains nothing", () => {
    // A residency commitment leaves the model in the US (still 15) and the SCCs are already there: 0, not suggested.
    expect(gains(list)).toEqual([
      ["add-independent-fallback", 27, 27, 27],
      ["document-exit-plan", 3, 3, 3],
    ]);
  });

  it("says which model to self-host where, and what was re-scored", () => {
    expect(list[0]).toEqual({
      id: "add-independent-fallback:bot/gpt",
      kind: "add-independent-fallback",
      title: "Add an independent fallback for Support bot: self-host Model mistral-small in Germany and drill the switch",
      change: "Added fallback: Model mistral-small, self-hosted in Germany, tested on 2026-11-01, switch time 4 h.",
      system: "bot",
      dependency: "bot/gpt",
      vendor: "openai",
      addresses: ["fallback.exists", "fallback.independence", "fallback.tested", "fallback.switch-time"],
      expectedGain: { organisation: 27, system: 27, dependency: 27 },
    });
  });

  it("names the vendor in the exit plan", () => {
    expect(list[1]).toEqual({
      id: "document-exit-plan:bot/gpt",
      kind: "document-exit-plan",
      title: "Document and review an exit plan for Support bot on OPENAI, and negotiate contractual exit terms",
      change: "Exit plan documented and reviewed on 2026-11-01; exit terms in the contract.",
      system: "bot",
      dependency: "bot/gpt",
      vendor: "openai",
      addresses: ["fallback.exit-plan"],
      expectedGain: { organisation: 3, system: 3, dependency: 3 },
    });
  });

  it("gives the same suggestions from a baseline", () => {
    const doc = smallDoc();
    expect(suggestRemediations(doc, { asOf: AS_OF, baseline: scoreInventory(doc, { asOf: AS_OF }) })).toEqual(list);
  });
});

describe("the open-weight model suggested as a fallback", () => {
  const withModels = (models: Model[]) => suggest({ models: [model("gpt", "openai", "closed"), ...models] });
  const title = (name: string) => `Add an independent fallback for Support bot: self-host ${name} in Germany and drill the switch`;
  const PLACEHOLDER = "a permissively licensed open-weight model";

  it.each<[string, Model[], string]>([
    ["the first by key of two permissive ones, listed second", [model("b-open", "mistral", "open", { licence: "MIT" }), model("a-open", "mistral", "open", { licence: "Apache-2.0" })], "Model a-open"],
    ["the first by key of two permissive ones, listed first", [model("a-open", "mistral", "open", { licence: "Apache-2.0" }), model("b-open", "mistral", "open", { licence: "MIT" })], "Model a-open"],
    ["one under MIT in lower case", [model("small", "mistral", "open", { licence: "mit" })], "Model small"],
    ["a permissive one listed after a restrictive one that sorts first", [model("a-gpl", "mistral", "open", { licence: "GPL-3.0" }), model("z-mit", "mistral", "open", { licence: "MIT" })], "Model z-mit"],
    ["a placeholder when the only licence merely contains the letters m-i-t", [model("permit", "mistral", "open", { licence: "Permit-1.0" })], PLACEHOLDER],
    ["a placeholder when the Apache-licensed model has closed weights", [model("closed-apache", "mistral", "closed", { licence: "Apache-2.0" })], PLACEHOLDER],
    ["a placeholder when the open model records no licence", [model("llama", "meta", "open")], PLACEHOLDER],
  ])("is %s", (_label, models, name) => {
    expect(find(withModels(models), "add-independent-fallback")?.title).toBe(title(name));
  });

  it("as a placeholder, is scored as open weights self-hosted at home, and says so", () => {
    const s = find(withModels([model("llama", "meta", "open")]), "add-independent-fallback")!;
    expect(s.change).toBe(`Added fallback: ${PLACEHOLDER}, self-hosted in Germany, tested on 2026-11-01, switch time 4 h.`);
    expect(s.expectedGain).toEqual({ organisation: 27, system: 27, dependency: 27 });
  });
});

describe("suggestions about the fallback recorded", () => {
  it("for another OpenAI model on a cloud at home: never promote it, since it leaves the same vendor in charge", () => {
    // GPT mini through Azure's marketplace in Germany would score better as the primary (hosting at home, no
    // transfer abroad), but it is still OpenAI's.
    const list = suggest({ models: [...smallDoc().models, model("gpt-mini", "openai", "closed")], fallbacks: [fallback({ model: "gpt-mini", accessPath: "cloud-marketplace", cloud: "azure", hostingRegion: { country: "DE" }, lastTested: DRILLED, switchTimeHours: 1 })] });
    expect(list.map((r) => r.kind)).not.toContain("reduce-concentration");
    expect(list.map((r) => r.kind)).toContain("add-independent-fallback");
  });

  it("for an undrilled, slow, independent fallback: promote it, drill it, cut its switch time, write the exit plan", () => {
    // Fallback: 30 + 25 + 0 + 0 (10 h > 2 x 4 h) = 55 x 0.3 = 16.5: N = 44.65. Promoted to primary, self-hosted
    // open weights score 100 (+55.35); a drill +20 x 0.3 = 6; a 4 h switch +15 x 0.3 = 4.5; the exit plan +3.
    // No second fallback: the one recorded exists and is independent.
    const list = suggest({ fallbacks: [fallback({ switchTimeHours: 10 })] });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 55.35, 55.35, 55.35],
      ["test-fallback", 6, 6, 6],
      ["shorten-switch-time", 4.5, 4.5, 4.5],
      ["document-exit-plan", 3, 3, 3],
    ]);
    expect(list.map((r) => [r.title, r.change, r.addresses])).toEqual([
      [
        "Reduce reliance on OPENAI: promote Model mistral-small to primary for Support bot and keep Model gpt as the fallback",
        "Primary and fallback swapped: Model mistral-small first, Model gpt as the fallback.",
        ["concentration.vendor", "concentration.model-family", "concentration.cloud", "concentration.jurisdiction"],
      ],
      [`Run a fallback drill for Support bot: switch to ${MISTRAL_SELF_HOSTED} and record the result`, `Fallback to ${MISTRAL_SELF_HOSTED} tested on 2026-11-01.`, ["fallback.tested"]],
      [`Cut the switch time to ${MISTRAL_SELF_HOSTED} for Support bot to within 4 h`, `Switch time to ${MISTRAL_SELF_HOSTED} set to 4 h.`, ["fallback.switch-time"]],
      ["Document and review an exit plan for Support bot on OPENAI, and negotiate contractual exit terms", "Exit plan documented and reviewed on 2026-11-01; exit terms in the contract.", ["fallback.exit-plan"]],
    ]);
  });

  it("for another model of the same vendor: add an independent one, and never promote it", () => {
    // GPT mini by OpenAI, undrilled, switch time unknown: 30 + 0 + 0 + 0 = 30. A self-hosted Mistral Small
    // fallback scores 90 and becomes the best: +60 x 0.3 = 18. Drilling GPT mini: 50 (+6); a 4 h switch: 45 (+4.5).
    const list = suggest({ models: [...smallDoc().models, model("gpt-mini", "openai", "closed")], fallbacks: [fallback({ model: "gpt-mini", accessPath: "direct-api" })] });
    expect(gains(list)).toEqual([
      ["add-independent-fallback", 18, 18, 18],
      ["test-fallback", 6, 6, 6],
      ["shorten-switch-time", 4.5, 4.5, 4.5],
      ["document-exit-plan", 3, 3, 3],
    ]);
    expect(find(list, "test-fallback")!.title).toBe("Run a fallback drill for Support bot: switch to Model gpt-mini (direct API) and record the result");
  });

  it("for a fallback a restriction in force reaches: add another one", () => {
    // Mistral blocked for Germany (1 of 2 offices): exists 30 x 0.5 = 15, independence still 25 (the primary is
    // not reached): 40. The suggested Mistral Small is reached too: 15 + 25 + 20 + 15 = 75, +35 x 0.3 = 10.5.
    const list = suggest({ fallbacks: [fallback()], policyEvents: [block("mistral-de", { vendors: ["mistral"] }, ["DE"])] });
    expect(find(list, "add-independent-fallback")!.expectedGain.dependency).toBe(10.5);
  });

  it("for a fallback drilled 304 days ago: drill it again (+10 x 0.3), ranked by key against an exit plan that gains as much", () => {
    // 30 + 25 + 10 + 15 = 80: N = 52.15; promoted, 100 (+47.85).
    const list = suggest({ fallbacks: [fallback({ lastTested: "2026-01-01", switchTimeHours: 2 })] });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 47.85, 47.85, 47.85],
      ["document-exit-plan", 3, 3, 3],
      ["test-fallback", 3, 3, 3],
    ]);
  });

  it("for a drilled fallback within tolerance: neither a drill nor a shorter switch", () => {
    const kinds = suggest({ fallbacks: [fallback({ lastTested: DRILLED, switchTimeHours: 4 })] }).map((r) => r.kind);
    expect(kinds).toEqual(["reduce-concentration", "document-exit-plan"]);
  });
});

describe("promoting the fallback to primary", () => {
  it("carries the fallback's drill and switch time over to the demoted primary", () => {
    // Fallback: Mistral Small through Mistral's API (France), drilled, 2 h: 90 x 0.3 = 27; N = 55.15.
    // Promoted: access 10 + 24 (home bloc, no commitment) = 34 x 0.25 = 8.5; jurisdiction 35 + 25 + 25 + 15 = 100 x 0.3
    // = 30; GPT as the fallback (another vendor, another jurisdiction), drilled, 2 h: 90 x 0.3 = 27: 65.5 (+10.35).
    const list = suggest({ fallbacks: [fallback({ accessPath: "direct-api", lastTested: DRILLED, switchTimeHours: 2 })] });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 10.35, 10.35, 10.35],
      ["document-exit-plan", 3, 3, 3],
    ]);
  });

  it("keeps the fallback's cloud and hosting region", () => {
    // Fallback: Mistral Small on Azure in Germany, drilled, 2 h: 30 + 10 (Azure is a US cloud, like OpenAI) + 20 + 15
    // = 75 x 0.3 = 22.5; N = 50.65. Promoted: access 55 + 24 = 79 x 0.25 = 19.75; jurisdiction 35 + 8 (Azure: US
    // laws) + 25 (Frankfurt to Germany) + 15 = 83 x 0.3 = 24.9; GPT as the fallback, same US jurisdiction: 75 x 0.3
    // = 22.5: 67.15 (+16.5). An independent self-hosted fallback: 90 instead of 75 (+4.5).
    const list = suggest({ fallbacks: [fallback({ accessPath: "third-party-hosted", cloud: "azure", hostingRegion: { country: "DE" }, lastTested: DRILLED, switchTimeHours: 2 })] });
    expect(gains(list)).toEqual([
      ["reduce-concentration", 16.5, 16.5, 16.5],
      ["add-independent-fallback", 4.5, 4.5, 4.5],
      ["document-exit-plan", 3, 3, 3],
    ]);
  });

  describe("is suggested only where the dependency is concentrated (25% or more on its vendor or jurisdiction)", () => {
    // Support bot (low criticality, no personal data: weight 1) on GPT with a drilled self-hosted fallback, and one
    // other system of weight w: OpenAI's share is 1 / (1 + w); 25 x (1 - share) <= 18.75 is concentrated.
    const other = (criticality: "medium" | "high", dep: { model: string; accessPath: "self-hosted" | "direct-api" }, personal: boolean): Partial<InventoryDocument> => ({
      aiSystems: [
        { key: "bot", name: "Support bot", criticality: "low", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
        { key: "other", name: "Other", criticality, toleratedDowntimeHours: 4, offices: ["fra"] },
      ],
      dependencies: [
        { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
        { key: "other/x", system: "other", ...dep },
      ],
      dataFlows: personal ? [{ key: "f", fromOffice: "fra", dependency: "other/x", categories: ["personal"] }] : [],
      fallbacks: [fallback({ lastTested: DRILLED, switchTimeHours: 1 })],
    });
    it.each<[string, Partial<InventoryDocument>, boolean]>([
      // Medium x personal = 3: OpenAI 1 / 4 = 25% (18.75 points, the limit).
      ["25% on OpenAI", other("medium", { model: "mistral-small", accessPath: "self-hosted" }, true), true],
      // High, public = 4: 1 / 5 = 20% on OpenAI and on the US.
      ["20% on OpenAI and on the US", other("high", { model: "mistral-small", accessPath: "self-hosted" }, false), false],
      // 20% on OpenAI, but Llama through Meta's API is US too: 100% on the US.
      ["20% on OpenAI, 100% on the US", other("high", { model: "llama", accessPath: "direct-api" }, false), true],
      // Mistral's API is French: 20% on OpenAI and on the US.
      ["20% on OpenAI, 20% on the US beside a French API", other("high", { model: "mistral-small", accessPath: "direct-api" }, false), false],
    ])("%s", (_label, over, suggested) => {
      const list = suggest(over);
      expect(find(list, "reduce-concentration") !== undefined).toBe(suggested);
      expect(find(list, "document-exit-plan")).toBeDefined();
    });
  });
});

describe("where the model runs and under what access", () => {
  it("open weights run by a cloud abroad: self-host them, move them home, add a fallback", () => {
    // Llama on Azure in the US: access 55 + 15 = 70 x 0.25 = 17.5; jurisdiction 35 + 8 + 15 + 15 = 73 x 0.3 = 21.9: 39.4.
    // Self-hosted in Germany: 100 (+60.6). Moved to a German region with residency committed: hosting 30 (+3.75)
    // and Frankfurt's data stays in the EU/EEA (transfer 25, +3): +6.75.
    const list = suggest({ dependencies: [{ key: "bot/gpt", system: "bot", model: "llama", accessPath: "third-party-hosted", cloud: "azure", hostingRegion: { country: "US", region: "eastus" } }] });
    expect(gains(list)).toEqual([
      ["self-host-open-weights", 60.6, 60.6, 60.6],
      ["add-independent-fallback", 27, 27, 27],
      ["move-hosting-home", 6.75, 6.75, 6.75],
      ["document-exit-plan", 3, 3, 3],
    ]);
    expect(find(list, "self-host-open-weights")).toMatchObject({
      title: "Self-host the open weights of Model llama for Support bot in Germany",
      change: "Access path changed to self-hosted in Germany.",
      addresses: ["access.path", "access.hosting", "jurisdiction.extraterritorial", "concentration.vendor"],
      vendor: "meta",
    });
    expect(find(list, "move-hosting-home")).toMatchObject({
      title: "Move Support bot's Model llama deployment to a region in Germany and negotiate a data-residency commitment",
      change: "Hosting moved to a region in Germany; data residency committed in the contract.",
      addresses: ["access.hosting", "jurisdiction.transfer"],
    });
  });

  it("names a home country that takes an article inside the sentence (the United Kingdom)", () => {
    const base = smallDoc();
    const list = suggestRemediations(
      smallDoc({ organisation: { ...base.organisation, hqCountry: "GB" }, dependencies: [{ key: "bot/gpt", system: "bot", model: "llama", accessPath: "third-party-hosted", cloud: "azure", hostingRegion: { country: "US", region: "eastus" } }] }),
      { asOf: AS_OF },
    );
    expect(find(list, "move-hosting-home")).toMatchObject({
      title: "Move Support bot's Model llama deployment to a region in the United Kingdom and negotiate a data-residency commitment",
      change: "Hosting moved to a region in the United Kingdom; data residency committed in the contract.",
    });
  });

  it("open weights through a direct API at home: self-host them, or commit residency with the vendor", () => {
    // Mistral's API in France (no personal data: weight 4): access 10 + 24 = 8.5; jurisdiction 100 x 0.3 = 30: 38.5.
    // Self-hosted: 100 (+61.5). A residency commitment: hosting 30 (+6 x 0.25 = 1.5).
    const list = suggest({ dependencies: [{ key: "bot/mistral", system: "bot", model: "mistral-small", accessPath: "direct-api" }], dataFlows: [] });
    expect(gains(list)).toEqual([
      ["self-host-open-weights", 61.5, 61.5, 61.5],
      ["add-independent-fallback", 27, 27, 27],
      ["document-exit-plan", 3, 3, 3],
      ["move-hosting-home", 1.5, 1.5, 1.5],
    ]);
    expect(find(list, "move-hosting-home", "bot/mistral")).toMatchObject({ title: "Negotiate a data-residency commitment with MISTRAL for Support bot", change: "Data residency committed in the contract.", vendor: "mistral" });
  });

  it("open weights the organisation runs itself at home: nothing to suggest", () => {
    expect(suggest({ dependencies: [{ key: "bot/llama", system: "bot", model: "llama", accessPath: "self-hosted" }], dataFlows: [] })).toEqual([]);
  });

  it("open weights the organisation runs itself abroad: no fallback work, only the transfer basis", () => {
    // Llama self-hosted in the US, personal data from Frankfurt with no basis: transfer 0 -> 15 with SCCs (US laws reach
    // the hosting country): +4.5. The fallback factors are full: no vendor can withdraw the weights.
    const list = suggest({
      dependencies: [{ key: "bot/llama", system: "bot", model: "llama", accessPath: "self-hosted", hostingRegion: { country: "US" } }],
      dataFlows: [{ key: "f1", fromOffice: "fra", dependency: "bot/llama", categories: ["personal"], transferMechanism: "none" }],
    });
    expect(find(list, "fix-transfer-basis", "bot/llama")!.expectedGain).toEqual({ organisation: 4.5, system: 4.5, dependency: 4.5 });
    expect(list.filter((r) => r.addresses.some((a) => a.startsWith("fallback.")))).toEqual([]);
    expect(list.map((r) => r.kind)).not.toContain("self-host-open-weights");
  });

  it("a closed model on the organisation's own servers: a fallback and an exit plan, no move and no self-hosting", () => {
    expect(suggest({ dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "self-hosted" }] }).map((r) => r.kind)).toEqual(["add-independent-fallback", "document-exit-plan"]);
  });
});

describe("the exit plan", () => {
  it.each<[string, Partial<InventoryDocument["dependencies"][number]>, number | undefined]>([
    // 4 -> 10: +6 x 0.3.
    ["a plan only documented gains the review and the exit terms", { exitPlan: { documented: true } }, 1.8],
    // 7 -> 10: +3 x 0.3.
    ["a plan documented and reviewed gains the exit terms", { exitPlan: { documented: true, lastReviewed: "2026-01-01" } }, 0.9],
    ["a plan documented with exit terms gains the review", { exitPlan: { documented: true }, contract: { exitTerms: true } }, 0.9],
    // Exit terms kept beside a residency commitment: 3 -> 10, +7 x 0.3.
    ["exit terms alone, beside other contract terms, gain the plan and its review", { contract: { exitTerms: true, dataResidency: true } }, 2.1],
    ["a complete plan is not suggested", { exitPlan: { documented: true, lastReviewed: "2026-06-01" }, contract: { exitTerms: true } }, undefined],
  ])("%s", (_label, over, gain) => {
    const list = suggest({ dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api", ...over }] });
    expect(find(list, "document-exit-plan")?.expectedGain.dependency).toBe(gain);
  });
});

describe("the transfer basis of personal data", () => {
  const flows = (...mechanisms: (InventoryDocument["dataFlows"][number]["transferMechanism"] | undefined)[]) =>
    mechanisms.map((m, i) => ({ key: `f${i}`, fromOffice: "fra", dependency: "bot/gpt", categories: ["personal" as const], ...(m ? { transferMechanism: m } : {}) }));
  it.each<[string, ReturnType<typeof flows>, number | undefined]>([
    // The weakest flow sets the points; SCCs with US laws reaching the importer: 15.
    ["a flow with no basis gains 0 -> 15 points", flows("none"), 4.5],
    ["a flow with no basis recorded gains 0 -> 15 points", flows(undefined), 4.5],
    ["a flow under a derogation gains 8 -> 15 points", flows("derogation"), 2.1],
    ["a flow claiming adequacy that does not hold (OpenAI not DPF-certified) gains 0 -> 15 points", flows("adequacy"), 4.5],
    ["BCRs beside a flow with no basis gain 0 -> 15 points", flows("bcr", "none"), 4.5],
    ["flows under SCCs already are not suggested", flows("scc"), undefined],
    ["flows under BCRs already are not suggested", flows("bcr"), undefined],
  ])("%s", (_label, dataFlows, gain) => {
    expect(find(suggest({ dataFlows }), "fix-transfer-basis")?.expectedGain.dependency).toBe(gain);
  });

  it.each([
    ["Support bot", "Support bot's"],
    ["Sales tools", "Sales tools'"],
  ])("names the system (%s) and where the data goes", (name, possessive) => {
    const s = find(suggest({ aiSystems: [{ key: "bot", name, criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] }], dataFlows: flows("none") }), "fix-transfer-basis")!;
    expect(s.title).toBe(`Put standard contractual clauses and a transfer impact assessment in place for ${possessive} personal data to the United States`);
    expect(s.change).toBe("Transfer mechanism of personal-data flows without adequate basis set to SCCs.");
    expect(s.addresses).toEqual(["jurisdiction.transfer"]);
  });
});

describe("gains of a system and of the organisation", () => {
  it("a system gains only up to its next weakest dependency", () => {
    // Two dependencies of weight 4: 50% on OpenAI, 50% on Mistral, 12.5 x 4 = 50 x 0.15 = 7.5 each. GPT:
    // 6.25 + 24.9 (no personal data) + 7.5 = 38.65; Mistral's API: 8.5 + 30 + 7.5 = 46. A fallback for GPT: 65.65,
    // but the system is then as strong as Mistral's API: +7.35. Only the weakest dependency gets suggestions.
    const list = suggest({
      dependencies: [
        { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
        { key: "bot/mistral", system: "bot", model: "mistral-small", accessPath: "direct-api" },
      ],
      dataFlows: [],
    });
    expect(gains(list)).toEqual([
      ["add-independent-fallback", 7.35, 7.35, 27],
      ["document-exit-plan", 3, 3, 3],
    ]);
  });

  describe("a change that moves a concentration share re-scores the other dependencies on the same keys", () => {
    // Support bot (weight 6) on GPT; Notes (low, no data flows: weight 1) on OpenAI too. Total weight 7.
    const withNotes = (fallbacks: Fallback[], notesModel = "gpt", extra: Partial<InventoryDocument> = {}): Partial<InventoryDocument> => ({
      models: [...smallDoc().models, model("gpt4", "openai", "closed")],
      aiSystems: [...smallDoc().aiSystems, { key: "notes", name: "Notes", criticality: "low", toleratedDowntimeHours: 24, offices: ["fra", "ny"] }],
      dependencies: [...smallDoc().dependencies, { key: "notes/x", system: "notes", model: notesModel, accessPath: "direct-api" }],
      fallbacks,
      ...extra,
    });

    it("promoting Mistral's API: OpenAI's share for Notes falls from 1 to 1/7", () => {
      // Bot: 55.15 -> 65.5 + 4 x 25 x 1/7 x 0.15 (Mistral's share 6/7) = 67.64 (+12.49). Notes: every share 1 -> 1/7:
      // 4 x 25 x 6/7 x 0.15 = +12.86. Organisation: (6 x 12.4929 + 12.8571) / 7 = +12.54.
      const s = find(suggest(withNotes([fallback({ accessPath: "direct-api", lastTested: DRILLED, switchTimeHours: 2 })])), "reduce-concentration")!;
      expect(s.expectedGain).toEqual({ organisation: 12.54, system: 12.49, dependency: 12.49 });
    });

    it("promoting self-hosted open weights, which count on no axis", () => {
      // Bot: 55.15 -> 100 (+44.85). Notes: +12.86 as above. Organisation: (6 x 44.85 + 12.8571) / 7 = +40.28.
      const s = find(suggest(withNotes([fallback({ lastTested: DRILLED, switchTimeHours: 2 })])), "reduce-concentration")!;
      expect(s.expectedGain).toEqual({ organisation: 40.28, system: 44.85, dependency: 44.85 });
    });

    it("in full for a dependency switched off today, whose score is not linear in its factors", () => {
      // Notes on GPT-4 (family gpt4), blocked for New York (half its offices) by a restriction in force. Before:
      // bot family share 6/7 (+25/7 x 0.15 = 0.5357): 55.6857. Notes: 6.25 + (17.5 + 8 + 25 + 15) x 0.3 = 19.65
      // + family 25 x 6/7 x 0.15 = 3.2143: N = 29.1143, at half: 14.5571.
      // After: bot 67.6429 (+11.9571). Notes' vendor, cloud and jurisdiction shares 1 -> 1/7: N + 9.6429 = 38.7571,
      // at half 19.3786 (+4.8214, not +9.64). Organisation: (6 x 11.9571 + 4.8214) / 7 = +10.94.
      const s = find(
        suggest(withNotes([fallback({ accessPath: "direct-api", lastTested: DRILLED, switchTimeHours: 2 })], "gpt4", { policyEvents: [block("gpt4-us", { models: ["gpt4"] }, ["US"])] })),
        "reduce-concentration",
      )!;
      expect(s.expectedGain).toEqual({ organisation: 10.94, system: 11.96, dependency: 11.96 });
    });
  });
});

describe("ranking, limit and minimum gain", () => {
  // Two systems of weight 4 whose key order is the reverse of their dependencies': a-sys through z/gpt, z-sys
  // through a/gpt. Each: a fallback +27 (organisation 27 x 4 / 8 = 13.5), an exit plan +3 (organisation 1.5).
  const twins: Partial<InventoryDocument> = {
    aiSystems: [
      { key: "a-sys", name: "A", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
      { key: "z-sys", name: "Z", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
    ],
    dependencies: [
      { key: "z/gpt", system: "a-sys", model: "gpt", accessPath: "direct-api" },
      { key: "a/gpt", system: "z-sys", model: "gpt", accessPath: "direct-api" },
    ],
    dataFlows: [],
  };

  it("ranks by organisation gain, then by id when the gains are equal", () => {
    expect(suggest(twins).map((r) => [r.id, r.system, r.expectedGain.organisation, r.expectedGain.system])).toEqual([
      ["add-independent-fallback:a/gpt", "z-sys", 13.5, 27],
      ["add-independent-fallback:z/gpt", "a-sys", 13.5, 27],
      ["document-exit-plan:a/gpt", "z-sys", 1.5, 3],
      ["document-exit-plan:z/gpt", "a-sys", 1.5, 3],
    ]);
  });

  it("ranks equal organisation gains by the system's gain before the id", () => {
    // A (critical: weight 8) gains 3 from an exit plan: 8 x 3 / 12 = 2. B (high: 4) gains 6 from a drill: 4 x 6 / 12 = 2.
    const ids = suggest({
      aiSystems: [
        { key: "a", name: "A", criticality: "critical", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
        { key: "b", name: "B", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"] },
      ],
      dependencies: [
        { key: "a/gpt", system: "a", model: "gpt", accessPath: "direct-api" },
        { key: "b/gpt", system: "b", model: "gpt", accessPath: "direct-api" },
      ],
      dataFlows: [],
      fallbacks: [fallback({ dependency: "b/gpt", switchTimeHours: 1 })],
    }).map((r) => [r.id, r.expectedGain.organisation, r.expectedGain.system]);
    const drill = ids.findIndex(([id]) => id === "test-fallback:b/gpt");
    const exit = ids.findIndex(([id]) => id === "document-exit-plan:a/gpt");
    expect(ids[drill]).toEqual(["test-fallback:b/gpt", 2, 6]);
    expect(ids[exit]).toEqual(["document-exit-plan:a/gpt", 2, 3]);
    expect(drill).toBe(exit - 1);
  });

  it.each([
    [1, ["add-independent-fallback:a/gpt"]],
    [3, ["add-independent-fallback:a/gpt", "add-independent-fallback:z/gpt", "document-exit-plan:a/gpt"]],
    [0, []],
  ])("with a limit of %i, keeps that many from the top", (limit, ids) => {
    expect(suggest(twins, { limit }).map((r) => r.id)).toEqual(ids);
  });

  it.each<[string, number, string[]]>([
    // The exit plans gain 1.5 for the organisation but 3 for their system: a gain of either counts.
    ["of 2 keeps the exit plans, which gain 3 for their system", 2, ["add-independent-fallback:a/gpt", "add-independent-fallback:z/gpt", "document-exit-plan:a/gpt", "document-exit-plan:z/gpt"]],
    ["of 3.5 drops the exit plans", 3.5, ["add-independent-fallback:a/gpt", "add-independent-fallback:z/gpt"]],
    ["of 30 drops everything", 30, []],
  ])("a minimum gain %s", (_label, minGain, ids) => {
    expect(suggest(twins, { minGain }).map((r) => r.id)).toEqual(ids);
  });
});

describe("who the suggestion is about", () => {
  it("carries the system, the dependency and the vendor of the weakest dependency", () => {
    const list = suggest({
      vendors: [...smallDoc().vendors, vendor("acme-ai", "US")],
      models: [...smallDoc().models, model("claude", "acme-ai", "closed")],
      dependencies: [{ key: "bot/claude", system: "bot", model: "claude", accessPath: "direct-api" }],
      dataFlows: [],
    });
    expect(list.map((r) => [r.id, r.system, r.dependency, r.vendor])).toEqual([
      ["add-independent-fallback:bot/claude", "bot", "bot/claude", "acme-ai"],
      ["document-exit-plan:bot/claude", "bot", "bot/claude", "acme-ai"],
    ]);
  });
});
