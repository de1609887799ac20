// The prepared context at its edges: which data category sets a dependency's weight (ties
// included, in both orders), who relies on a set of offices (by headcount, or by offices when one
// is missing), how a route is resolved (every hosting default, dangling references, hypothetical
// models and vendors), and what buildContext indexes: rows in key order whatever the document's
// order, skipped rows with their notes, each dependency's own flows, personal-data pairs and
// fallbacks, its users (the system's offices plus those its flows come from), weights and
// concentration totals. Written against the mutants of context.ts (issue 19); every expectation is
// worked out by hand from docs/METHODOLOGY.md ("Weights", "Who relies on a dependency", the hosting
// defaults of `access.hosting`), not read from the code.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_EVENTS } from "../catalogue";
import { DEFAULT_WEIGHTS, type ScoringOptions } from "../options";
import { requireOptions } from "../score-inventory";
import type { AiSystem, DataFlow, Dependency, Fallback, InventoryDocument, Office } from "../schema/inventory";
import type { ImposeEvent } from "../schema/policy-event";
import type { DataCategory } from "../schema/primitives";
import { model, smallDoc, vendor } from "../testing/fixtures";
import { buildContext, dependencyWeight, mostSensitive, resolveRoute, splitLandscape, usersOfOffices, type UsersSource } from "./context";
import type { ActiveEvent } from "./landscape";
import { NO_USERS, usersOfCountries } from "./route";

const AS_OF = "2026-11-01";
const W = DEFAULT_WEIGHTS.sensitivity;
/** Options without the catalogue's events, so that only a document's own events are in force. */
const options = (over: Partial<ScoringOptions> = {}) => requireOptions({ asOf: AS_OF, landscape: [], ...over });

// Offices whose headcounts give exact binary fractions: Frankfurt and New York are 3/4 and 1/4 of
// 1,000; Tokyo and Paris bring the total to 4,000 (DE 750, FR 2,000, JP 1,000, US 250).
const FRA: Office = { key: "fra", name: "Frankfurt", country: "DE", headcount: 750 };
const NY: Office = { key: "ny", name: "New York", country: "US", headcount: 250 };
const TOK: Office = { key: "tok", name: "Tokyo", country: "JP", headcount: 1000 };
const PAR: Office = { key: "par", name: "Paris", country: "FR", headcount: 2000 };
const OFFICES = [FRA, NY, TOK, PAR];

const system = (key: string, over: Partial<AiSystem> = {}): AiSystem => ({ key, name: `System ${key}`, criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"], ...over });
const dep = (key: string, over: Partial<Dependency> = {}): Dependency => ({ key, system: "bot", model: "gpt", accessPath: "direct-api", ...over });
const flow = (key: string, dependency: string, categories: DataCategory[], over: Partial<DataFlow> = {}): DataFlow => ({ key, fromOffice: "fra", dependency, categories, ...over });
const fallback = (key: string, dependency: string, over: Partial<Fallback> = {}): Fallback => ({ key, dependency, model: "mistral-small", accessPath: "self-hosted", ...over });
const doc = (over: Partial<InventoryDocument> = {}) => smallDoc({ offices: OFFICES, dataFlows: [], ...over });
const contextOf = (over: Partial<InventoryDocument> = {}, opts: Partial<ScoringOptions> = {}) => buildContext(doc(over), options(opts));
const preparedOf = (over: Partial<InventoryDocument>, key: string, opts: Partial<ScoringOptions> = {}) => {
  const p = contextOf(over, opts).prepared.find((x) => x.dep.key === key);
  if (!p) throw new Error(`no prepared dependency ${key}`);
  return p;
};

describe("the most sensitive category: the largest weight, ties going to the later one in the documented order", () => {
  it.each<[string, DataCategory[], DataCategory]>([
    ["nothing recorded reads as public", [], "public"],
    ["internal alone", ["internal"], "internal"],
    ["personal over internal (1.5 > 1.2)", ["internal", "personal"], "personal"],
    ["trade secret over personal on equal weights, personal first", ["personal", "trade-secret"], "trade-secret"],
    ["trade secret over personal on equal weights, trade secret first", ["trade-secret", "personal"], "trade-secret"],
    ["special category over regulated (2 > 1.8), listed first", ["special-category", "regulated"], "special-category"],
    ["special category over regulated (2 > 1.8), listed last", ["regulated", "special-category"], "special-category"],
  ])("with the default weights: %s", (_title, categories, expected) => {
    expect(mostSensitive(categories, W)).toBe(expected);
  });

  it("keeps public when a category weighs less than public (an override)", () => {
    expect(mostSensitive(["internal"], { ...W, internal: 0.5 })).toBe("public");
  });

  it("takes a category that weighs as much as public, being later in the order", () => {
    expect(mostSensitive(["internal"], { ...W, internal: 1 })).toBe("internal");
  });

  it.each([
    ["trade secret first", ["trade-secret", "special-category"] as DataCategory[]],
    ["special category first", ["special-category", "trade-secret"] as DataCategory[]],
  ])("breaks a tie between overridden weights the same way whatever the order (%s)", (_title, categories) => {
    expect(mostSensitive(categories, { ...W, "trade-secret": 2 })).toBe("special-category");
  });
});

describe("a dependency's weight: criticality weight x the weight of the most sensitive data it carries", () => {
  const opts = options();
  const flows = (...cats: DataCategory[][]) => cats.map((c, i) => flow(`f${i}`, "d", c));
  it.each<[string, Partial<AiSystem>, DataFlow[], number, DataCategory]>([
    ["high, nothing declared and no flows: 4 x 1", { criticality: "high" }, [], 4, "public"],
    ["critical, declared regulated: 8 x 1.8", { criticality: "critical", dataSensitivity: "regulated" }, [], 14.4, "regulated"],
    ["low, declared internal, a personal flow: 1 x 1.5", { criticality: "low", dataSensitivity: "internal" }, flows(["personal"]), 1.5, "personal"],
    ["medium, declared regulated, a personal flow: the declaration stays, 2 x 1.8", { criticality: "medium", dataSensitivity: "regulated" }, flows(["personal"]), 3.6, "regulated"],
    ["medium, declared trade secret, a personal flow (tie): 2 x 1.5", { criticality: "medium", dataSensitivity: "trade-secret" }, flows(["personal"]), 3, "trade-secret"],
    ["medium, declared personal, a trade-secret flow (tie): 2 x 1.5", { criticality: "medium", dataSensitivity: "personal" }, flows(["trade-secret"]), 3, "trade-secret"],
    ["high, two flows, special category in the second: 4 x 2", { criticality: "high" }, flows(["internal"], ["regulated", "special-category"]), 8, "special-category"],
  ])("%s", (_title, over, fl, weight, sensitivity) => {
    const r = dependencyWeight(system("s", over), fl, opts);
    expect(r.sensitivity).toBe(sensitivity);
    expect(r.weight).toBeCloseTo(weight, 12);
  });

  it("counts a declared category lighter than public (an override) as public: 4 x 1", () => {
    expect(dependencyWeight(system("s", { dataSensitivity: "internal" }), [], options({ weights: { sensitivity: { internal: 0.5 } } }))).toEqual({ weight: 4, sensitivity: "public" });
  });
});

describe("the weight buildContext gives each dependency (the one-pass flow summary)", () => {
  it.each<[string, Partial<AiSystem>, DataCategory[][], number, DataCategory]>([
    ["no declaration, no flow: high 4 x public 1", {}, [], 4, "public"],
    ["a declared category without flows: high 4 x regulated 1.8", { dataSensitivity: "regulated" }, [], 7.2, "regulated"],
    ["a flow heavier than the declaration: 4 x personal 1.5", { dataSensitivity: "internal" }, [["personal"]], 6, "personal"],
    ["a flow lighter than the declaration: the declaration stays, 4 x 1.8", { dataSensitivity: "regulated" }, [["personal"]], 7.2, "regulated"],
    ["a tie, trade secret declared and personal flowing: trade secret", { dataSensitivity: "trade-secret" }, [["personal"]], 6, "trade-secret"],
    ["a tie, personal declared and trade secret flowing: trade secret", { dataSensitivity: "personal" }, [["trade-secret"]], 6, "trade-secret"],
    ["a tie between two flows, trade secret first: trade secret", {}, [["trade-secret"], ["personal"]], 6, "trade-secret"],
    ["a tie between two flows, personal first: trade secret", {}, [["personal"], ["trade-secret"]], 6, "trade-secret"],
    ["the heaviest of several flows and categories: 4 x special category 2", { dataSensitivity: "internal" }, [["internal", "special-category"], ["regulated"]], 8, "special-category"],
  ])("%s", (_title, over, cats, weight, sensitivity) => {
    const p = preparedOf({ aiSystems: [system("bot", over)], dataFlows: cats.map((c, i) => flow(`f${i}`, "bot/gpt", c)) }, "bot/gpt");
    expect(p.sensitivity).toBe(sensitivity);
    expect(p.weight).toBeCloseTo(weight, 12);
  });

  it("counts a declared category lighter than public (an override) as public: 4 x 1", () => {
    const p = preparedOf({ aiSystems: [system("bot", { dataSensitivity: "internal" })] }, "bot/gpt", { weights: { sensitivity: { internal: 0.5 } } });
    expect({ weight: p.weight, sensitivity: p.sensitivity }).toEqual({ weight: 4, sensitivity: "public" });
  });

  it("does not count another dependency's flows", () => {
    const ctx = contextOf({ dependencies: [dep("bot/gpt"), dep("bot/mistral", { model: "mistral-small" })], dataFlows: [flow("f1", "bot/mistral", ["special-category"])] });
    expect(ctx.prepared.map((p) => [p.dep.key, p.sensitivity, p.weight])).toEqual([
      ["bot/gpt", "public", 4],
      ["bot/mistral", "special-category", 8],
    ]);
  });
});

describe("who relies on a set of offices", () => {
  it("is nobody when there is no office", () => {
    expect(usersOfOffices([])).toEqual({ countries: [], shares: [], basis: "offices", people: 0, unrecorded: [] });
    expect(usersOfOffices([], [])).toBe(NO_USERS);
  });

  it("weighs each country by its share of the headcount (the documented example: 900 and 100)", () => {
    const fra = { ...FRA, headcount: 900 };
    const ny = { ...NY, headcount: 100 };
    expect(usersOfOffices([fra, ny])).toEqual({ countries: ["DE", "US"], shares: [0.9, 0.1], basis: "people", people: 1000, unrecorded: [] });
  });

  it("sorts the countries whatever the order of the offices", () => {
    expect(usersOfOffices([NY, FRA])).toMatchObject({ countries: ["DE", "US"], shares: [0.75, 0.25] });
    // Paris sorts between Germany and the US. Frankfurt 750, Paris 2,000, New York 250: 3,000 in all,
    // so 1/4, 2/3 and 1/12.
    expect(usersOfOffices([NY, PAR, FRA])).toMatchObject({ countries: ["DE", "FR", "US"], shares: [0.25, 2 / 3, 1 / 12], people: 3000 });
  });

  it("adds up the offices of one country into one share", () => {
    // DE: 600 + 300 = 900 of 1,000.
    const a = { key: "a", name: "Berlin", country: "DE", headcount: 600 };
    const b = { key: "b", name: "Munich", country: "DE", headcount: 300 };
    const c = { key: "c", name: "Boston", country: "US", headcount: 100 };
    expect(usersOfOffices([a, c, b])).toEqual({ countries: ["DE", "US"], shares: [0.9, 0.1], basis: "people", people: 1000, unrecorded: [] });
  });

  it("counts offices, not people, when one headcount is missing, and names it", () => {
    const ny = { key: "ny", name: "New York", country: "US" };
    expect(usersOfOffices([FRA, ny])).toEqual({ countries: ["DE", "US"], shares: [0.5, 0.5], basis: "offices", people: 0, unrecorded: ["New York"] });
  });

  it("counts each office once per country on the offices basis: three in Germany and one in the US give 3/4 and 1/4", () => {
    const list = ["Berlin", "Munich", "Hamburg"].map((name) => ({ key: name.toLowerCase(), name, country: "DE" }));
    expect(usersOfOffices([...list, { key: "bos", name: "Boston", country: "US", headcount: 40 }])).toEqual({
      countries: ["DE", "US"],
      shares: [0.75, 0.25],
      basis: "offices",
      people: 0,
      unrecorded: ["Berlin", "Munich", "Hamburg"],
    });
  });

  it("counts offices when every headcount is zero (no people to divide by)", () => {
    expect(usersOfOffices([{ ...FRA, headcount: 0 }, { ...NY, headcount: 0 }])).toEqual({ countries: ["DE", "US"], shares: [0.5, 0.5], basis: "offices", people: 0, unrecorded: [] });
  });

  it("keeps people as the basis when one office records zero people", () => {
    expect(usersOfOffices([{ ...FRA, headcount: 0 }, NY])).toEqual({ countries: ["DE", "US"], shares: [0, 1], basis: "people", people: 250, unrecorded: [] });
  });

  it("adds the extra offices after the list", () => {
    expect(usersOfOffices([FRA], [NY])).toEqual({ countries: ["DE", "US"], shares: [0.75, 0.25], basis: "people", people: 1000, unrecorded: [] });
    // Two listed, one extra: 750 + 250 + 1,000 = 2,000.
    expect(usersOfOffices([FRA, NY], [TOK])).toEqual({ countries: ["DE", "JP", "US"], shares: [0.375, 0.5, 0.125], basis: "people", people: 2000, unrecorded: [] });
  });

  it("takes extra offices alone when the list is empty", () => {
    expect(usersOfOffices([], [TOK])).toEqual({ countries: ["JP"], shares: [1], basis: "people", people: 1000, unrecorded: [] });
  });

  it("names the offices without headcount in list order, then the extra ones", () => {
    const a = { key: "a", name: "Zurich", country: "CH" };
    const b = { key: "b", name: "Athens", country: "GR" };
    expect(usersOfOffices([a, FRA], [b]).unrecorded).toEqual(["Zurich", "Athens"]);
  });
});

describe("resolving a route: the model, its vendor, the cloud and where it runs", () => {
  // Acme is in Germany; OpenAI and Azure in the US, Mistral and OVH in France.
  const d = doc({ vendors: [...smallDoc().vendors, vendor("ovh", "FR", { type: "hyperscaler" })] });
  const ctx = buildContext(d, options());
  const row = (over: Partial<Dependency>) => ({ key: "r", model: "gpt", accessPath: "direct-api" as const, ...over });

  it.each<[string, Partial<Dependency>, string, boolean]>([
    ["a direct API without a region runs in the vendor's HQ country (assumed)", {}, "US", true],
    ["a direct API runs in the vendor's HQ even with a cloud listed", { cloud: "ovh" }, "US", true],
    ["self-hosting without a region runs in the organisation's HQ country (its own choice, not assumed)", { accessPath: "self-hosted", model: "llama" }, "DE", false],
    ["a marketplace without a region runs in the cloud's HQ country (assumed)", { accessPath: "cloud-marketplace", cloud: "ovh" }, "FR", true],
    ["open weights on a cloud without a region run in the cloud's HQ country (assumed)", { accessPath: "third-party-hosted", model: "llama", cloud: "ovh" }, "FR", true],
    ["open weights hosted with no cloud recorded run in the vendor's HQ country (assumed)", { accessPath: "third-party-hosted", model: "mistral-small" }, "FR", true],
    ["a recorded region wins over the default of a direct API", { hostingRegion: { country: "IE" } }, "IE", false],
    ["a recorded region wins over the default of self-hosting", { accessPath: "self-hosted", model: "llama", hostingRegion: { country: "US" } }, "US", false],
    ["a recorded region wins over the default of a marketplace", { accessPath: "cloud-marketplace", cloud: "ovh", hostingRegion: { country: "DE" } }, "DE", false],
  ])("%s", (_title, over, country, defaulted) => {
    const r = resolveRoute(ctx, row(over))!;
    expect(r.hostingCountry).toBe(country);
    expect(r.hostingDefaulted).toBe(defaulted);
  });

  it("carries the row's key, model, vendor, access path, cloud, region name and the licensee's country", () => {
    const r = resolveRoute(ctx, row({ accessPath: "cloud-marketplace", cloud: "ovh", hostingRegion: { country: "FR", region: "gra" } }))!;
    expect(r).toMatchObject({ key: "r", accessPath: "cloud-marketplace", hostingCountry: "FR", hostingRegion: "gra", licenseeCountry: "DE" });
    expect(r.model.key).toBe("gpt");
    expect(r.vendor.key).toBe("openai");
    expect(r.cloud?.key).toBe("ovh");
    expect(resolveRoute(ctx, row({}))!.cloud).toBeUndefined();
    expect(resolveRoute(ctx, row({}))!.hostingRegion).toBeUndefined();
  });

  it.each<[string, Partial<Dependency>]>([
    ["a model not in the inventory", { model: "ghost" }],
    ["a cloud not in the inventory", { accessPath: "cloud-marketplace", cloud: "ghost" }],
  ])("is undefined for %s", (_title, over) => {
    expect(resolveRoute(ctx, row(over))).toBeUndefined();
  });

  it("is undefined when the model's vendor is not in the inventory", () => {
    const orphan = buildContext(doc({ models: [model("gpt", "ghost-vendor", "closed")] }), options());
    expect(resolveRoute(orphan, row({}))).toBeUndefined();
  });

  it("finds hypothetical models and vendors (remediation what-ifs) before the inventory's", () => {
    const extraModels = new Map([
      ["new", model("new", "newco", "open")],
      ["gpt", model("gpt", "mistral", "open")],
    ]);
    const extraVendors = new Map([["newco", vendor("newco", "JP")]]);
    const fresh = resolveRoute(ctx, row({ model: "new" }), NO_USERS, extraModels, extraVendors)!;
    expect([fresh.model.key, fresh.vendor.key, fresh.hostingCountry]).toEqual(["new", "newco", "JP"]);
    // The hypothetical "gpt" is Mistral's: it shadows the inventory's OpenAI model.
    expect(resolveRoute(ctx, row({}), NO_USERS, extraModels, extraVendors)!.vendor.key).toBe("mistral");
    // Without the hypothetical vendor, the hypothetical model's vendor is unknown.
    expect(resolveRoute(ctx, row({ model: "new" }), NO_USERS, extraModels)).toBeUndefined();
  });

  it("finds a hypothetical cloud, and a hypothetical vendor shadows the inventory's", () => {
    const extraVendors = new Map([
      ["sovcloud", vendor("sovcloud", "NL", { type: "hyperscaler" })],
      ["openai", vendor("openai", "GB")],
    ]);
    const r = resolveRoute(ctx, row({ accessPath: "cloud-marketplace", cloud: "sovcloud" }), NO_USERS, undefined, extraVendors)!;
    expect([r.cloud?.key, r.hostingCountry, r.vendor.hqCountry]).toEqual(["sovcloud", "NL", "GB"]);
  });

  it("has nobody as users unless told", () => {
    const r = resolveRoute(ctx, row({}))!;
    expect(r.users).toBe(NO_USERS);
    expect(r.userCountries).toEqual([]);
  });

  it("takes given users as they are", () => {
    const users = usersOfCountries(["US", "DE"]);
    const r = resolveRoute(ctx, row({}), users)!;
    expect(r.users).toBe(users);
    expect(r.userCountries).toBe(users.countries);
  });

  it("reads a source's countries at once and its users only when asked", () => {
    let reads = 0;
    const users = usersOfCountries(["DE", "IN"]);
    const source: UsersSource = {
      userCountries: ["DE", "IN"],
      get users() {
        reads++;
        return users;
      },
    };
    const r = resolveRoute(ctx, row({}), source)!;
    expect(r.userCountries).toEqual(["DE", "IN"]);
    expect(reads).toBe(0);
    expect(r.users).toBe(users);
    expect(reads).toBe(1);
  });
});

describe("splitting the landscape in force", () => {
  const ev = (key: string, type: ImposeEvent["type"]): ActiveEvent => ({ key, kind: "impose", type, issuer: "US", title: key, effectiveDate: "2026-01-01", source: "test", scope: {}, restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }] });

  it("puts sanctions apart and every other type with the restrictions, keeping the order", () => {
    const list = [ev("a", "sanction"), ev("b", "export-control"), ev("c", "licence-term"), ev("d", "sanction"), ev("e", "disruption")];
    const { restrictions, sanctions } = splitLandscape(list);
    expect(restrictions.map((e) => e.key)).toEqual(["b", "c", "e"]);
    expect(sanctions.map((e) => e.key)).toEqual(["a", "d"]);
  });
});

describe("building the context: rows in key order, skipped rows noted", () => {
  it("sorts systems and dependencies by key whatever the document's order, numbering the dependencies", () => {
    const ctx = contextOf({
      aiSystems: [system("zeta"), system("alpha")],
      dependencies: [dep("z", { system: "alpha" }), dep("a", { system: "zeta" }), dep("m", { system: "alpha" })],
    });
    expect(ctx.prepared.map((p) => [p.index, p.dep.key])).toEqual([
      [0, "a"],
      [1, "m"],
      [2, "z"],
    ]);
    expect([...ctx.systems.keys()]).toEqual(["alpha", "zeta"]);
    expect([...ctx.depsBySystem.keys()]).toEqual(["alpha", "zeta"]);
    expect(ctx.depsBySystem.get("alpha")!.map((p) => p.dep.key)).toEqual(["m", "z"]);
    expect(ctx.depsBySystem.get("zeta")!.map((p) => p.dep.key)).toEqual(["a"]);
    expect(ctx.notes).toEqual([]);
  });

  it("skips a dependency on an unknown system or with a dangling model, vendor or cloud, with a note each, and numbers the rest without gaps", () => {
    const ctx = contextOf({
      models: [...smallDoc().models, model("orphan", "ghost-vendor", "closed")],
      dependencies: [dep("e/ok"), dep("d/no-cloud", { accessPath: "cloud-marketplace", cloud: "ghost" }), dep("c/no-vendor", { model: "orphan" }), dep("b/no-model", { model: "ghost" }), dep("a/no-system", { system: "ghost" }), dep("f/ok")],
    });
    expect(ctx.prepared.map((p) => [p.index, p.dep.key])).toEqual([
      [0, "e/ok"],
      [1, "f/ok"],
    ]);
    expect(ctx.notes).toEqual([
      'Dependency a/no-system skipped: unknown AI system "ghost".',
      "Dependency b/no-model skipped: its model, vendor or cloud is not in the inventory.",
      "Dependency c/no-vendor skipped: its model, vendor or cloud is not in the inventory.",
      "Dependency d/no-cloud skipped: its model, vendor or cloud is not in the inventory.",
    ]);
    expect(ctx.depsBySystem.get("bot")!.map((p) => p.dep.key)).toEqual(["e/ok", "f/ok"]);
  });

  it("notes the systems left without a dependency, after the dependencies, in key order, and leaves them out", () => {
    const ctx = contextOf({
      aiSystems: [system("idle"), system("bot"), system("broken")],
      dependencies: [dep("bot/gpt"), dep("broken/x", { system: "broken", model: "ghost" })],
    });
    expect(ctx.notes).toEqual([
      "Dependency broken/x skipped: its model, vendor or cloud is not in the inventory.",
      "AI system broken has no dependencies recorded and is not scored.",
      "AI system idle has no dependencies recorded and is not scored.",
    ]);
    expect([...ctx.depsBySystem.keys()]).toEqual(["bot"]);
    expect([...ctx.systems.keys()]).toEqual(["bot", "broken", "idle"]);
  });

  it("indexes vendors, models and offices by key, and reads the as-of date and the home bloc", () => {
    const ctx = contextOf();
    expect(ctx.vendors.get("mistral")?.hqCountry).toBe("FR");
    expect(ctx.models.get("llama")?.vendor).toBe("meta");
    expect(ctx.offices.get("tok")?.country).toBe("JP");
    expect(ctx.asOf).toBe(AS_OF);
    expect(ctx.opts.asOf).toBe(AS_OF);
    // Germany is in the EU/EEA bloc; the UK is its own.
    expect(ctx.homeBloc).toBe("EEA");
    expect(contextOf({ organisation: { key: "acme", name: "Acme", hqCountry: "GB" } }).homeBloc).toBe("GB");
  });

  it("accepts a document without data flows, fallbacks or policy events", () => {
    // Parsing fills them in; buildContext does not rely on it.
    const bare: Partial<InventoryDocument> = doc();
    delete bare.dataFlows;
    delete bare.fallbacks;
    delete bare.policyEvents;
    const ctx = buildContext(bare as InventoryDocument, options());
    expect(ctx.prepared.map((p) => [p.dep.key, p.flows, p.fallbacks, p.personal])).toEqual([["bot/gpt", [], [], []]]);
    expect(ctx.events).toEqual([]);
  });
});

describe("each dependency's own data flows", () => {
  const flows = [
    flow("f3", "bot/gpt", ["personal"], { transferMechanism: "scc" }),
    flow("f1", "bot/mistral", ["internal"], { fromOffice: "ny" }),
    flow("f2", "bot/gpt", ["internal"], { fromOffice: "ny" }),
    flow("fx", "ghost", ["special-category"]),
    flow("f4", "bot/gpt", ["special-category"], { fromOffice: "nowhere" }),
    flow("f5", "bot/gpt", ["internal", "personal"], { fromOffice: "tok", transferMechanism: "derogation" }),
  ];
  const ctx = contextOf({ dependencies: [dep("bot/gpt"), dep("bot/mistral", { model: "mistral-small" }), dep("bot/quiet", { model: "llama", accessPath: "self-hosted" })], dataFlows: flows });
  const byKey = (k: string) => ctx.prepared.find((p) => p.dep.key === k)!;

  it("keeps the document's order within a dependency and ignores flows into unknown dependencies", () => {
    expect(byKey("bot/gpt").flows.map((f) => f.key)).toEqual(["f3", "f2", "f4", "f5"]);
    expect(byKey("bot/mistral").flows.map((f) => f.key)).toEqual(["f1"]);
    expect(byKey("bot/quiet").flows).toEqual([]);
  });

  it("summarises the personal-data flows as [origin country, transfer mechanism] pairs, origin unknown for an unknown office", () => {
    const p = byKey("bot/gpt");
    // f3 personal from Frankfurt under SCCs; f2 is internal only; f4 special category from an
    // office not in the inventory, no mechanism; f5 internal and personal from Tokyo, derogation.
    expect(p.personal).toEqual(["DE", "scc", undefined, undefined, "JP", "derogation"]);
    expect(p.personalOf).toBe(p.flows);
  });

  it("has no pairs for a dependency whose flows carry no personal data, or that has no flow", () => {
    expect(byKey("bot/mistral").personal).toEqual([]);
    expect(byKey("bot/mistral").personalOf).toBe(byKey("bot/mistral").flows);
    expect(byKey("bot/quiet").personal).toEqual([]);
  });
});

describe("each dependency's fallbacks", () => {
  const ctx = contextOf({
    dependencies: [dep("bot/gpt"), dep("bot/one"), dep("bot/none")],
    fallbacks: [
      fallback("zz", "bot/gpt"),
      fallback("only", "bot/one", { model: "llama" }),
      fallback("aa", "bot/gpt", { model: "ghost" }),
      fallback("stray", "ghost"),
      fallback("mm", "bot/gpt", { accessPath: "direct-api", model: "gpt" }),
    ],
  });
  const byKey = (k: string) => ctx.prepared.find((p) => p.dep.key === k)!;

  it("lists them by key, ignoring fallbacks of unknown dependencies", () => {
    expect(byKey("bot/gpt").fallbacks.map((f) => f.key)).toEqual(["aa", "mm", "zz"]);
    expect(byKey("bot/one").fallbacks.map((f) => f.key)).toEqual(["only"]);
    expect(byKey("bot/none").fallbacks).toEqual([]);
    expect(byKey("bot/none").fallbackRoutes).toEqual([]);
  });

  it("resolves their routes once, aligned with them, undefined for a dangling model", () => {
    const p = byKey("bot/gpt");
    expect(p.fallbackRoutes!.map((r) => r && [r.key, r.model.key, r.hostingCountry])).toEqual([undefined, ["mm", "gpt", "US"], ["zz", "mistral-small", "DE"]]);
  });

  it("lets the fallbacks share the primary's users", () => {
    const p = byKey("bot/gpt");
    expect(p.fallbackRoutes![2]!.users).toBe(p.route.users);
    expect(p.fallbackRoutes![2]!.userCountries).toBe(p.route.userCountries);
  });
});

describe("who relies on each dependency: its system's offices and the offices its flows come from", () => {
  const usersOf = (over: Partial<InventoryDocument>, key = "bot/gpt") => preparedOf(over, key).route;

  it("is the system's offices by headcount when no flow comes from elsewhere", () => {
    const r = usersOf({ dataFlows: [flow("f1", "bot/gpt", ["personal"])] });
    expect(r.userCountries).toEqual(["DE", "US"]);
    expect(r.users).toEqual({ countries: ["DE", "US"], shares: [0.75, 0.25], basis: "people", people: 1000, unrecorded: [] });
  });

  it("adds the office a flow comes from: 750 + 250 + 1,000 in Tokyo", () => {
    const r = usersOf({ dataFlows: [flow("f1", "bot/gpt", ["internal"], { fromOffice: "tok" })] });
    expect(r.userCountries).toEqual(["DE", "JP", "US"]);
    expect(r.users).toEqual({ countries: ["DE", "JP", "US"], shares: [0.375, 0.5, 0.125], basis: "people", people: 2000, unrecorded: [] });
  });

  it("counts an office once however many flows come from it", () => {
    const r = usersOf({ dataFlows: [flow("f1", "bot/gpt", ["internal"], { fromOffice: "tok" }), flow("f2", "bot/gpt", ["personal"], { fromOffice: "tok" })] });
    expect(r.userCountries).toEqual(["DE", "JP", "US"]);
    expect(r.users.people).toBe(2000);
  });

  it("does not count the system's own office twice when a flow comes from it", () => {
    expect(usersOf({ dataFlows: [flow("f1", "bot/gpt", ["personal"], { fromOffice: "fra" })] }).users).toMatchObject({ shares: [0.75, 0.25], people: 1000 });
  });

  it("adds every new country, sorted: Paris and Tokyo (750 + 250 + 2,000 + 1,000 = 4,000)", () => {
    const r = usersOf({ dataFlows: [flow("f1", "bot/gpt", ["internal"], { fromOffice: "tok" }), flow("f2", "bot/gpt", ["internal"], { fromOffice: "par" }), flow("f3", "bot/gpt", ["internal"], { fromOffice: "tok" })] });
    expect(r.userCountries).toEqual(["DE", "FR", "JP", "US"]);
    expect(r.users).toEqual({ countries: ["DE", "FR", "JP", "US"], shares: [0.1875, 0.5, 0.25, 0.0625], basis: "people", people: 4000, unrecorded: [] });
  });

  it("sorts a flow's country before the system's when it comes first", () => {
    const r = usersOf({ aiSystems: [system("bot", { offices: ["ny"] })], dataFlows: [flow("f1", "bot/gpt", ["personal"])] });
    expect(r.userCountries).toEqual(["DE", "US"]);
    expect(r.users.shares).toEqual([0.75, 0.25]);
  });

  it("ignores a flow from an office that is not in the inventory", () => {
    const r = usersOf({ dataFlows: [flow("f1", "bot/gpt", ["personal"], { fromOffice: "nowhere" })] });
    expect(r.userCountries).toEqual(["DE", "US"]);
    expect(r.users).toMatchObject({ countries: ["DE", "US"], people: 1000 });
  });

  it("counts a system's office listed twice once and skips an office that is not in the inventory", () => {
    const r = usersOf({ aiSystems: [system("bot", { offices: ["fra", "fra", "nowhere"] })] });
    expect(r.userCountries).toEqual(["DE"]);
    expect(r.users).toEqual({ countries: ["DE"], shares: [1], basis: "people", people: 750, unrecorded: [] });
  });

  it("leaves the system's other dependencies with the system's own offices, sharing one weighing", () => {
    const ctx = contextOf({
      dependencies: [dep("bot/a"), dep("bot/b"), dep("bot/c")],
      dataFlows: [flow("f1", "bot/b", ["internal"], { fromOffice: "tok" }), flow("f2", "bot/b", ["internal"], { fromOffice: "par" })],
    });
    const [a, b, c] = ctx.prepared;
    expect(b!.route.userCountries).toEqual(["DE", "FR", "JP", "US"]);
    expect(a!.route.userCountries).toEqual(["DE", "US"]);
    expect(c!.route.userCountries).toEqual(["DE", "US"]);
    expect(a!.route.users).toEqual({ countries: ["DE", "US"], shares: [0.75, 0.25], basis: "people", people: 1000, unrecorded: [] });
    expect(c!.route.users).toBe(a!.route.users);
  });

  it("counts offices when a headcount is missing, naming the office", () => {
    const r = usersOf({ offices: [FRA, { key: "ny", name: "New York", country: "US" }] });
    expect(r.users).toEqual({ countries: ["DE", "US"], shares: [0.5, 0.5], basis: "offices", people: 0, unrecorded: ["New York"] });
  });
});

describe("weights and concentration totals", () => {
  // bot/gpt: high 4 x personal 1.5 = 6; hr/gpt: medium 2 x public 1 = 2; bot/mistral: high 4 x 1 = 4;
  // lab/llama: open weights self-hosted, low 1 x 1 = 1, on no axis. Total 13.
  const ctx = contextOf({
    aiSystems: [system("bot"), system("hr", { criticality: "medium" }), system("lab", { criticality: "low" })],
    dependencies: [dep("bot/gpt"), dep("hr/gpt", { system: "hr" }), dep("bot/mistral", { model: "mistral-small" }), dep("lab/llama", { system: "lab", model: "llama", accessPath: "self-hosted" })],
    dataFlows: [flow("f1", "bot/gpt", ["personal"])],
  });

  it("gives each dependency criticality x sensitivity and sums them", () => {
    expect(ctx.prepared.map((p) => [p.dep.key, p.weight])).toEqual([
      ["bot/gpt", 6],
      ["bot/mistral", 4],
      ["hr/gpt", 2],
      ["lab/llama", 1],
    ]);
    expect(ctx.totalWeight).toBe(13);
  });

  it("sums the weights per key on each axis, leaving out open weights the organisation runs itself", () => {
    const axis = (a: keyof typeof ctx.axisWeight) => Object.fromEntries(ctx.axisWeight[a]);
    expect(axis("vendor")).toEqual({ openai: 8, mistral: 4 });
    expect(axis("model-family")).toEqual({ gpt: 8, "mistral-small": 4 });
    // A direct API's cloud is the vendor itself.
    expect(axis("cloud")).toEqual({ openai: 8, mistral: 4 });
    expect(axis("jurisdiction")).toEqual({ US: 8, EEA: 4 });
  });

  it("keeps each dependency's concentration keys", () => {
    expect(ctx.prepared.map((p) => p.concKeys)).toEqual([
      { vendor: "openai", "model-family": "gpt", cloud: "openai", jurisdiction: "US" },
      { vendor: "mistral", "model-family": "mistral-small", cloud: "mistral", jurisdiction: "EEA" },
      { vendor: "openai", "model-family": "gpt", cloud: "openai", jurisdiction: "US" },
      { vendor: undefined, "model-family": undefined, cloud: undefined, jurisdiction: undefined },
    ]);
  });

  it("indexes the dependencies by key, built once", () => {
    const byKey = ctx.preparedByKey;
    expect([...byKey.keys()]).toEqual(["bot/gpt", "bot/mistral", "hr/gpt", "lab/llama"]);
    expect(byKey.get("hr/gpt")).toBe(ctx.prepared[2]);
    expect(ctx.preparedByKey).toBe(byKey);
  });

  it("indexes the dependencies per key on each axis, in key order, built once", () => {
    const index = ctx.axisIndex;
    const keys = (a: keyof typeof index) => Object.fromEntries([...index[a]].map(([k, list]) => [k, list.map((p) => p.dep.key)]));
    expect(keys("vendor")).toEqual({ openai: ["bot/gpt", "hr/gpt"], mistral: ["bot/mistral"] });
    expect(keys("jurisdiction")).toEqual({ US: ["bot/gpt", "hr/gpt"], EEA: ["bot/mistral"] });
    expect(ctx.axisIndex).toBe(index);
  });

  it("has a total weight of 0 and no keys without dependencies", () => {
    const empty = contextOf({ dependencies: [] });
    expect(empty.totalWeight).toBe(0);
    expect(empty.prepared).toEqual([]);
    expect(empty.axisWeight.vendor.size).toBe(0);
  });
});

describe("the landscape a context scores against", () => {
  const ev = (key: string, over: Partial<ImposeEvent> = {}): ImposeEvent => ({ key, kind: "impose", type: "export-control", issuer: "US", title: key, effectiveDate: "2026-01-01", source: "test", scope: {}, restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }], ...over });

  it("is the document's events over the given landscape, in key order, split into restrictions and sanctions in force", () => {
    const ctx = contextOf({ policyEvents: [ev("zz-sanction", { type: "sanction" }), ev("later", { effectiveDate: "2027-01-01" }), ev("aa-export")] });
    expect(ctx.events.map((e) => e.key)).toEqual(["aa-export", "later", "zz-sanction"]);
    expect(ctx.active.restrictions.map((e) => e.key)).toEqual(["aa-export"]);
    expect(ctx.active.sanctions.map((e) => e.key)).toEqual(["zz-sanction"]);
  });

  it("is the catalogue's events under the document's when no landscape is given", () => {
    const ctx = buildContext(doc({ policyEvents: [ev("own-event")] }), requireOptions({ asOf: AS_OF }));
    expect(ctx.events).toHaveLength(DEFAULT_POLICY_EVENTS.length + 1);
    expect(ctx.events.some((e) => e.key === "own-event")).toBe(true);
  });
});
