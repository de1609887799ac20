// Which policy events reach which dependency routes, and how strongly: the scope selectors
// (vendor, model and cloud keys or catalogue keys, model families, hosting regions, vendor
// countries through the ultimate parent, training compute), the locus of a restriction (users,
// hosting, any, licensee), sanctions (the chain, else the users), and the strongest restriction
// among several. Every expected value is worked out by hand from scoring/schema/policy-event.ts
// and the doc comments of match.ts, with severity weights block 1, licence required 0.5.
import { describe, expect, it } from "vitest";
import type { ImposeEvent, PolicyScope, Restriction } from "../schema/policy-event";
import { blockIn, imposeEvent, model, route, usersByShare, vendor } from "../testing/fixtures";
import { eventImpact, matchEvent, matchSanction, MATCH, MATCH_ASSUMED, NO_MATCH, restrictionShare, sanctionImpact, scopeMatches, scopeSelects } from "./match";
import type { Route } from "./route";

const SEVERITY = { block: 1, "licence-required": 0.5 };

const ev = (restrictions: Restriction[], scope: PolicyScope = {}, key = "e"): ImposeEvent => imposeEvent(key, restrictions, scope);

const block = blockIn;
const licence = (only: string[], locus: Restriction["locus"] = "users"): Restriction => ({ countries: { only }, locus, severity: "licence-required" });

const users = usersByShare;

/** A direct-API route to a closed US model, hosted in `hosting`, used from `from`, licensee `licensee`. */
function r(p: { users?: Record<string, number>; hosting?: string; licensee?: string } & Partial<Omit<Route, "users">> = {}): Route {
  const base = route({ accessPath: "direct-api", hosting: p.hosting ?? "US", licensee: p.licensee ?? "DE" });
  const u = users(p.users ?? { DE: 1 });
  const { users: _u, hosting: _h, licensee: _l, ...over } = p;
  return { ...base, userCountries: u.countries, users: u, ...over };
}

describe("scope: vendor and model selectors match the inventory key or the catalogue key", () => {
  it("a vendor selector reaches a vendor recorded under its own key through its catalogue key", () => {
    const rt = r({ vendor: vendor("acme-openai", "US", { catalogueKey: "openai" }) });
    expect(scopeMatches({ vendors: ["openai"] }, rt)).toEqual({ matches: true, assumedCompute: false });
    expect(scopeMatches({ vendors: ["acme-openai"] }, rt)).toEqual({ matches: true, assumedCompute: false });
    expect(scopeMatches({ vendors: ["anthropic"] }, rt)).toEqual({ matches: false, assumedCompute: false });
  });

  it("a vendor without a catalogue key is reached by its key only", () => {
    const rt = r({ vendor: vendor("openai", "US") });
    expect(scopeSelects({ vendors: ["openai"] }, rt)).toBe(MATCH);
    expect(scopeSelects({ vendors: ["mistral"] }, rt)).toBe(NO_MATCH);
  });

  it("a model selector reaches a model through its catalogue key", () => {
    const rt = r({ model: model("our-gpt", "v", "closed", { catalogueKey: "gpt-4o" }) });
    expect(scopeSelects({ models: ["gpt-4o"] }, rt)).toBe(MATCH);
    expect(scopeSelects({ models: ["claude"] }, rt)).toBe(NO_MATCH);
  });

  it("a cloud selector reaches a route through its cloud's catalogue key, and never a route without a cloud", () => {
    const onCloud = r({ accessPath: "cloud-marketplace", cloud: vendor("our-aws", "US", { type: "hyperscaler", catalogueKey: "aws" }) });
    expect(scopeSelects({ clouds: ["aws"] }, onCloud)).toBe(MATCH);
    expect(scopeSelects({ clouds: ["azure"] }, onCloud)).toBe(NO_MATCH);
    expect(scopeSelects({ clouds: ["aws"] }, r())).toBe(NO_MATCH);
  });
});

describe("scope: model families", () => {
  it("a restriction scoped to model families reaches a route only through the model's family, or its key when it has none", () => {
    const withFamily = r({ model: model("gpt-4o", "v", "closed", { family: "gpt-4" }) });
    expect(scopeSelects({ modelFamilies: ["gpt-4"] }, withFamily)).toBe(MATCH);
    expect(scopeSelects({ modelFamilies: ["gpt-4o"] }, withFamily)).toBe(NO_MATCH);
    expect(scopeSelects({ modelFamilies: ["llama"] }, withFamily)).toBe(NO_MATCH);

    const { family: _f, ...noFamilyModel } = model("llama-3", "v", "open");
    const noFamily = r({ model: noFamilyModel });
    expect(scopeSelects({ modelFamilies: ["llama-3"] }, noFamily)).toBe(MATCH);
    expect(scopeSelects({ modelFamilies: ["gpt-4"] }, noFamily)).toBe(NO_MATCH);
  });
});

describe("scope: hosting regions", () => {
  it("reaches a route hosted in a listed region, and never one whose region is not recorded", () => {
    expect(scopeSelects({ hostingRegions: ["eu-west-1"] }, r({ hostingRegion: "eu-west-1" }))).toBe(MATCH);
    expect(scopeSelects({ hostingRegions: ["us-east-1"] }, r({ hostingRegion: "eu-west-1" }))).toBe(NO_MATCH);
    expect(scopeSelects({ hostingRegions: ["us-east-1"] }, r({ hostingRegion: undefined }))).toBe(NO_MATCH);
  });
});

describe("scope: vendor countries", () => {
  it("reaches a vendor through its HQ country or its ultimate parent's country", () => {
    const irishSubsidiary = r({ vendor: vendor("v", "IE", { ultimateParent: { name: "Parent Inc", country: "US" } }) });
    expect(scopeSelects({ vendorCountries: { only: ["US"] } }, irishSubsidiary)).toBe(MATCH);
    expect(scopeSelects({ vendorCountries: { only: ["IE"] } }, irishSubsidiary)).toBe(MATCH);
    expect(scopeSelects({ vendorCountries: { only: ["CN"] } }, irishSubsidiary)).toBe(NO_MATCH);
    expect(scopeSelects({ vendorCountries: { only: ["US"] } }, r({ vendor: vendor("v", "FR") }))).toBe(NO_MATCH);
  });
});

describe("scope: minimum training compute", () => {
  const withCompute = (c: Route["model"]["trainingCompute"]) => r({ model: model("m", "v", "closed", c === undefined ? {} : { trainingCompute: c }) });

  it("reaches a model at or above the threshold band, and not one below it", () => {
    expect(scopeSelects({ minTrainingCompute: "1e25-1e26" }, withCompute("1e25-1e26"))).toBe(MATCH);
    expect(scopeSelects({ minTrainingCompute: "1e25-1e26" }, withCompute("above-1e26"))).toBe(MATCH);
    expect(scopeSelects({ minTrainingCompute: "1e25-1e26" }, withCompute("below-1e25"))).toBe(NO_MATCH);
    expect(scopeSelects({ minTrainingCompute: "above-1e26" }, withCompute("above-1e26"))).toBe(MATCH);
    expect(scopeSelects({ minTrainingCompute: "above-1e26" }, withCompute("1e25-1e26"))).toBe(NO_MATCH);
  });

  it("treats undisclosed compute as in scope, and says the match is an assumption", () => {
    expect(scopeSelects({ minTrainingCompute: "above-1e26" }, withCompute(undefined))).toBe(MATCH_ASSUMED);
    expect(scopeSelects({ minTrainingCompute: "above-1e26" }, withCompute("unknown"))).toBe(MATCH_ASSUMED);
    expect(scopeMatches({ minTrainingCompute: "above-1e26" }, withCompute(undefined))).toEqual({ matches: true, assumedCompute: true });
    const hit = matchEvent(ev([block(["DE"])], { minTrainingCompute: "above-1e26" }), withCompute(undefined), SEVERITY);
    expect(hit?.assumedCompute).toBe(true);
  });
});

describe("restrictionShare: the share of a route's users a restriction reaches", () => {
  it("counts the users in the restricted countries by headcount", () => {
    expect(restrictionShare(block(["DE"]), r({ users: { DE: 0.7, US: 0.3 } }))).toBe(0.7);
    expect(restrictionShare(block(["CN"]), r({ users: { DE: 0.7, US: 0.3 } }))).toBe(0);
  });

  it("never exceeds the whole route, even when the headcount shares add up past 1 in floating point", () => {
    // 0.2 + 0.4 + 0.3 + 0.1 is 1.0000000000000002 in doubles.
    const rt = r({ users: { DE: 0.2, FR: 0.4, IT: 0.3, NL: 0.1 } });
    const everyone: Restriction = { countries: { only: [], sets: ["eu-member-states"] }, locus: "users", severity: "block" };
    expect(restrictionShare(everyone, rt)).toBe(1);
    expect(matchEvent(ev([everyone]), rt, SEVERITY)).toMatchObject({ share: 1, impact: 1, countries: ["DE", "FR", "IT", "NL"] });
  });

  it("hosting: everyone when the model runs in a restricted country, else nobody", () => {
    expect(restrictionShare(block(["US"], "hosting"), r({ users: { DE: 0.5, US: 0.5 }, hosting: "US" }))).toBe(1);
    expect(restrictionShare(block(["DE"], "hosting"), r({ users: { DE: 0.5, US: 0.5 }, hosting: "US" }))).toBe(0);
  });

  it("licensee: everyone when the organisation is based in a restricted country, whatever its users", () => {
    expect(restrictionShare(block(["DE"], "licensee"), r({ users: { FR: 1 }, licensee: "DE" }))).toBe(1);
    expect(restrictionShare(block(["FR"], "licensee"), r({ users: { FR: 1 }, licensee: "DE" }))).toBe(0);
  });
});

describe("matchEvent: the restricted countries on a route follow the locus", () => {
  it("licensee: names the organisation's country, not its users' or the hosting country", () => {
    const rt = r({ users: { FR: 1 }, hosting: "US", licensee: "DE" });
    expect(matchEvent(ev([block(["DE", "US"], "licensee")]), rt, SEVERITY)).toMatchObject({ share: 1, impact: 1, countries: ["DE"] });
    expect(matchEvent(ev([block(["GB"], "licensee")]), rt, SEVERITY)).toBeNull();
  });

  it("hosting: names the hosting country only, even when users sit in a restricted country too", () => {
    const rt = r({ users: { DE: 0.5, FR: 0.5 }, hosting: "US" });
    expect(matchEvent(ev([block(["US", "DE"], "hosting")]), rt, SEVERITY)).toMatchObject({ share: 1, impact: 1, countries: ["US"] });
  });

  it("users: names the users' countries only, even when the model runs in a restricted country", () => {
    const rt = r({ users: { DE: 0.5, FR: 0.5 }, hosting: "US" });
    expect(matchEvent(ev([block(["DE", "US"], "users")]), rt, SEVERITY)).toMatchObject({ share: 0.5, impact: 0.5, countries: ["DE"] });
  });

  it("any: names both the users' and the hosting country, sorted", () => {
    const rt = r({ users: { FR: 0.5, US: 0.5 }, hosting: "DE" });
    expect(matchEvent(ev([block(["US", "DE"], "any")]), rt, SEVERITY)).toMatchObject({ share: 1, impact: 1, countries: ["DE", "US"] });
  });

  it("a set of every country except some names only the users' countries outside the exceptions", () => {
    const rt = r({ users: { DE: 0.5, US: 0.5 }, hosting: "US" });
    const hit = matchEvent(ev([{ countries: { allExcept: ["US", "CN"] }, locus: "users", severity: "licence-required" }]), rt, SEVERITY);
    expect(hit).toMatchObject({ share: 0.5, impact: 0.25, countries: ["DE"], assumedCompute: false });
  });

  it("does not reach a route its scope does not select, however its restrictions read", () => {
    expect(matchEvent(ev([block(["DE"])], { weights: "open" }), r(), SEVERITY)).toBeNull();
  });
});

describe("the strongest restriction of an event wins", () => {
  const rt = r({ users: { DE: 0.5, FR: 0.5 }, hosting: "US" });
  const weak = licence(["DE"]); // 0.5 x 0.5 = 0.25
  const strong = block(["DE"]); // 0.5 x 1 = 0.5
  const whole = block(["US"], "hosting"); // 1 x 1 = 1

  it("matchEvent keeps the larger impact whichever comes first", () => {
    expect(matchEvent(ev([weak, strong]), rt, SEVERITY)).toMatchObject({ restriction: strong, share: 0.5, impact: 0.5 });
    expect(matchEvent(ev([whole, weak]), rt, SEVERITY)).toMatchObject({ restriction: whole, share: 1, impact: 1, countries: ["US"] });
  });

  it("matchEvent keeps the first of two equally strong restrictions", () => {
    const de = block(["DE"]);
    const fr = block(["FR"]);
    expect(matchEvent(ev([de, fr]), rt, SEVERITY)).toMatchObject({ restriction: de, impact: 0.5, countries: ["DE"] });
  });

  it("eventImpact is the strongest restriction's impact, whichever comes first", () => {
    expect(eventImpact(ev([weak, strong]), rt, SEVERITY)).toBe(0.5);
    expect(eventImpact(ev([strong, weak]), rt, SEVERITY)).toBe(0.5);
    expect(eventImpact(ev([whole, weak]), rt, SEVERITY)).toBe(1);
    expect(eventImpact(ev([weak, whole]), rt, SEVERITY)).toBe(1);
  });

  it("eventImpact is -1 when the event does not reach the route, and 0 when it reaches it with no weight", () => {
    expect(eventImpact(ev([block(["CN"])]), rt, SEVERITY)).toBe(-1);
    expect(eventImpact(ev([block(["DE"])], { vendors: ["other"] }), rt, SEVERITY)).toBe(-1);
    expect(eventImpact(ev([block(["DE"])]), rt, { block: 0, "licence-required": 0.5 })).toBe(0);
  });
});

describe("sanctions: the chain cuts off everyone, else the users in sanctioned countries", () => {
  const sanction = (restrictions: Restriction[], scope: PolicyScope = {}) => ev(restrictions, scope, "s");

  it("a chain touching a sanctioned country removes the whole route, naming that country", () => {
    const rt = r({ users: { DE: 1 }, hosting: "US" });
    expect(matchSanction(sanction([block(["CN"])]), rt, ["CN", "US"], SEVERITY)).toMatchObject({ share: 1, impact: 1, countries: ["CN"] });
    expect(sanctionImpact(sanction([block(["CN"])]), rt, ["CN", "US"], SEVERITY)).toBe(1);
  });

  it("otherwise reaches the users in sanctioned countries, naming only those of them in the set", () => {
    const rt = r({ users: { DE: 0.5, RU: 0.5 }, hosting: "US" });
    expect(matchSanction(sanction([licence(["RU"])]), rt, ["US"], SEVERITY)).toMatchObject({ share: 0.5, impact: 0.25, countries: ["RU"] });
    expect(sanctionImpact(sanction([licence(["RU"])]), rt, ["US"], SEVERITY)).toBe(0.25);
  });

  it("a sanction read at the hosting country still reaches the users in sanctioned countries", () => {
    const rt = r({ users: { DE: 0.5, RU: 0.5 }, hosting: "US" });
    expect(matchSanction(sanction([block(["RU"], "hosting")]), rt, ["US"], SEVERITY)).toMatchObject({ share: 0.5, impact: 0.5, countries: ["RU"] });
    expect(sanctionImpact(sanction([block(["RU"], "hosting")]), rt, ["US"], SEVERITY)).toBe(0.5);
  });

  it("a licensee sanction cuts off everyone when the organisation is based in a sanctioned country", () => {
    const rt = r({ users: { FR: 1 }, hosting: "US", licensee: "DE" });
    expect(matchSanction(sanction([block(["DE"], "licensee")]), rt, ["US"], SEVERITY)).toMatchObject({ share: 1, impact: 1, countries: ["DE"] });
    expect(sanctionImpact(sanction([block(["DE"], "licensee")]), rt, ["US"], SEVERITY)).toBe(1);
  });

  it("a licensee sanction touching the chain names the chain's country, not the unsanctioned licensee", () => {
    const rt = r({ users: { FR: 1 }, hosting: "US", licensee: "DE" });
    expect(matchSanction(sanction([block(["RU"], "licensee")]), rt, ["RU", "US"], SEVERITY)).toMatchObject({ share: 1, countries: ["RU"] });
  });

  it("does not reach a route when neither the chain nor any user is in a sanctioned country", () => {
    const rt = r({ users: { DE: 1 }, hosting: "US" });
    expect(matchSanction(sanction([block(["RU"])]), rt, ["US"], SEVERITY)).toBeNull();
    expect(sanctionImpact(sanction([block(["RU"])]), rt, ["US"], SEVERITY)).toBe(-1);
    expect(sanctionImpact(sanction([block(["DE"])], { weights: "open" }), rt, ["US"], SEVERITY)).toBe(-1);
    expect(matchSanction(sanction([block(["DE"])], { weights: "open" }), rt, ["US"], SEVERITY)).toBeNull();
  });

  it("the strongest restriction wins, the first of two equal ones kept", () => {
    const rt = r({ users: { DE: 0.5, RU: 0.5 }, hosting: "US" });
    const weak = licence(["RU"]); // 0.5 x 0.5 = 0.25
    const strong = block(["RU"]); // 0.5
    const whole = block(["US"]); // chain: 1
    expect(sanctionImpact(sanction([weak, strong]), rt, ["US"], SEVERITY)).toBe(0.5);
    expect(sanctionImpact(sanction([whole, weak]), rt, ["US"], SEVERITY)).toBe(1);
    expect(matchSanction(sanction([weak, strong]), rt, ["US"], SEVERITY)).toMatchObject({ restriction: strong, impact: 0.5 });
    expect(matchSanction(sanction([whole, weak]), rt, ["US"], SEVERITY)).toMatchObject({ restriction: whole, impact: 1, countries: ["US"] });
    const de = block(["DE"]);
    expect(matchSanction(sanction([strong, de]), rt, ["US"], SEVERITY)).toMatchObject({ restriction: strong, countries: ["RU"] });
  });
});
