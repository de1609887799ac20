import { describe, expect, it } from "vitest";
import { route } from "../../testing/fixtures";
import { accessPathFactor, hostingFactor } from "./access";
import { concentrationFactor, concentrationKeys } from "./concentration";
import { exitPlanPoints, fallbackFactors, independence, switchPoints, testedPoints } from "./fallback";
import { extraterritorialFactor, restrictionsFactor, sanctionsFactor, transferFactor } from "./jurisdiction";
import { withoutExplanations } from "../explain-mode";
import { matchEvent, matchSanction } from "../match";
import type { ImposeEvent } from "../../schema/policy-event";
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS } from "../../options";

const SEV = DEFAULT_WEIGHTS.severity;
const T = DEFAULT_THRESHOLDS;

describe("access.path: who holds the off switch", () => {
  it.each([
    ["open weights you host yourself", "self-hosted", "open", 70],
    ["a licensed closed model you host yourself", "self-hosted", "closed", 50],
    ["open weights run on a cloud", "third-party-hosted", "open", 55],
    ["open weights listed on a cloud marketplace", "cloud-marketplace", "open", 55],
    ["a proprietary model through a cloud marketplace", "cloud-marketplace", "closed", 25],
    ["a proprietary model through a direct API", "direct-api", "closed", 10],
    ["open weights reached only through the vendor's API", "direct-api", "open", 10],
  ] as const)("scores %s (%s, %s weights) at %i points", (_label, accessPath, weights, points) => {
    const f = accessPathFactor(route({ accessPath, weights, cloudHq: accessPath.includes("cloud") || accessPath.includes("third") ? "US" : undefined }));
    expect(f.raw).toBe(points);
    expect(f.sentence.length).toBeGreaterThan(20);
  });
});

describe("access.path: what it says", () => {
  it("names the factor, and says who holds the switch and what is missing for each path", () => {
    const selfOpen = accessPathFactor(route({ accessPath: "self-hosted", weights: "open" }));
    expect(selfOpen.id).toBe("access.path");
    expect(selfOpen.gap).toBeUndefined();
    expect(selfOpen.sentence).toMatch(/^Model m runs from open weights on your own infrastructure/);

    const selfClosed = accessPathFactor(route({ accessPath: "self-hosted", weights: "closed", vendorHq: "US" }));
    expect(selfClosed).toMatchObject({ id: "access.path", gap: "closed weights under the vendor's licence" });
    expect(selfClosed.sentence).toContain("; V (United States) still controls the licence.");

    const cloudOpen = accessPathFactor(route({ accessPath: "third-party-hosted", weights: "open", cloudHq: "US" }));
    expect(cloudOpen).toMatchObject({ id: "access.path", gap: "open weights run by CLOUD" });
    expect(cloudOpen.sentence).toContain("on CLOUD's infrastructure");

    const marketplace = accessPathFactor(route({ accessPath: "cloud-marketplace", weights: "closed", cloudHq: "US", vendorHq: "FR" }));
    expect(marketplace).toMatchObject({ id: "access.path", gap: "proprietary model via CLOUD's marketplace" });
    expect(marketplace.sentence).toContain("the home law of V (France) still reaches it");

    const api = accessPathFactor(route({ accessPath: "direct-api", weights: "closed" }));
    expect(api).toMatchObject({ id: "access.path", gap: "direct API to V" });
    expect(api.sentence).toBe("Model m is reached only through the direct API of V (United States): the vendor holds the off switch.");
    expect(accessPathFactor(route({ accessPath: "direct-api", weights: "open" })).sentence).toMatch(/off switch\. The weights are open, so self-hosting them is possible\.$/);
  });

  it("says \"the cloud provider\" when the route names no cloud", () => {
    expect(accessPathFactor(route({ accessPath: "third-party-hosted", weights: "open" })).gap).toBe("open weights run by the cloud provider");
  });

  it("builds no sentence or gap when explanations are off", () => {
    for (const [accessPath, weights] of [["self-hosted", "open"], ["self-hosted", "closed"], ["third-party-hosted", "open"], ["cloud-marketplace", "closed"], ["direct-api", "closed"]] as const) {
      const f = withoutExplanations(() => accessPathFactor(route({ accessPath, weights, cloudHq: "US" })));
      expect(f.sentence, accessPath).toBe("");
      expect(f.raw, accessPath).toBe(accessPathFactor(route({ accessPath, weights, cloudHq: "US" })).raw);
    }
  });
});

describe("access.hosting: what it says", () => {
  const at = (over: Partial<Parameters<typeof hostingFactor>[0]>) =>
    hostingFactor({ hostingCountry: "DE", hostingBloc: "EEA", homeBloc: "EEA", userBlocs: ["EEA"], committed: true, defaulted: false, ...over });

  it("names the factor, where it runs and the gap, and says when the hosting country was assumed", () => {
    expect(at({}).id).toBe("access.hosting");
    expect(at({}).gap).toBeUndefined();
    expect(at({ committed: false })).toMatchObject({ id: "access.hosting", gap: "no contractual data-residency commitment" });
    expect(at({ committed: false }).sentence).toMatch(/keep it there\.$/);
    expect(at({ committed: false, defaulted: true }).sentence).toMatch(/keep it there \(no hosting region recorded; assumed to be the vendor's home country\)\.$/);
    const users = at({ hostingCountry: "US", hostingBloc: "US", userBlocs: ["EEA", "US"] });
    expect(users).toMatchObject({ id: "access.hosting", raw: 15 });
    expect(users.gap).toBe("hosted in the United States");
    expect(users.sentence).toContain("outside your home jurisdiction (the EU/EEA).");
    const elsewhere = at({ hostingCountry: "SG", hostingBloc: "SG" });
    expect(elsewhere).toMatchObject({ id: "access.hosting", raw: 0 });
    expect(elsewhere.gap).toBe("hosted in Singapore");
  });

  it("builds no sentence or gap when explanations are off", () => {
    for (const over of [{}, { committed: false }, { hostingCountry: "US", hostingBloc: "US", userBlocs: ["US"] }, { hostingCountry: "SG", hostingBloc: "SG" }]) {
      const f = withoutExplanations(() => at(over));
      expect(f.sentence).toBe("");
      expect(f.gap === undefined || !f.gap.startsWith("hosted in")).toBe(true);
    }
  });
});

describe("access.hosting: where the model runs", () => {
  it.each([
    ["home jurisdiction with a residency commitment", "DE", ["EEA"], true, 30],
    ["home jurisdiction without a commitment", "DE", ["EEA"], false, 24],
    ["a country of its users outside home", "US", ["EEA", "US"], false, 15],
    ["a country neither home nor of its users", "SG", ["EEA"], true, 0],
  ] as const)("gives %s (hosted in %s; users in %j; committed: %s) %i points", (_l, country, userBlocs, committed, points) => {
    const bloc = country === "DE" ? "EEA" : country;
    expect(hostingFactor({ hostingCountry: country, hostingBloc: bloc, homeBloc: "EEA", userBlocs, committed, defaulted: false }).raw).toBe(points);
  });
});

const event = (over: Partial<ImposeEvent>): ImposeEvent => ({
  key: "e",
  kind: "impose",
  type: "export-control",
  issuer: "US",
  title: "Test control",
  effectiveDate: "2025-01-01",
  source: "test",
  scope: {},
  restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }],
  ...over,
});

describe("jurisdiction.restrictions: controls in force", () => {
  it.each([
    ["no event reaches it", [], ["DE", "US"], 35],
    ["a block on 1 of 2 user countries removes half", [{ only: ["US"] }], ["DE", "US"], 17.5],
    ["a block on every user country removes everything", [{ only: ["US", "DE"] }], ["DE", "US"], 0],
  ] as const)("when %s", (_l, sets, users, points) => {
    const r = route({ accessPath: "direct-api", users: [...users] });
    const hits = sets.map((countries) => matchEvent(event({ restrictions: [{ countries: { only: [...countries.only] }, locus: "users", severity: "block" }] }), r, SEV)).filter((h) => h !== null);
    expect(restrictionsFactor(hits, r.users).raw).toBeCloseTo(points);
  });

  it("halves the deduction for a licence requirement", () => {
    const r = route({ accessPath: "cloud-marketplace", cloudHq: "US", hosting: "IN" });
    const hit = matchEvent(event({ restrictions: [{ countries: { only: ["IN"] }, locus: "hosting", severity: "licence-required" }] }), r, SEV)!;
    expect(restrictionsFactor([hit], r.users).raw).toBeCloseTo(17.5);
  });

  it.each([
    ["weights", { weights: "open" as const }, false],
    ["access path", { accessPaths: ["self-hosted" as const] }, false],
    ["vendor", { vendors: ["other"] }, false],
    ["vendor country", { vendorCountries: { only: ["CN"] } }, false],
    ["vendor country (match)", { vendorCountries: { only: ["US"] } }, true],
    ["compute threshold with undisclosed compute (conservative)", { minTrainingCompute: "above-1e26" as const }, true],
  ])("matches on %s only when the scope selects the route", (_l, scope, matches) => {
    const r = route({ accessPath: "direct-api", users: ["CN"] });
    expect(matchEvent(event({ scope }), r, SEV) !== null).toBe(matches);
  });

  it("does not reach a model whose disclosed compute is below the threshold", () => {
    const r = route({ accessPath: "direct-api", users: ["CN"], compute: "below-1e25" });
    expect(matchEvent(event({ scope: { minTrainingCompute: "above-1e26" } }), r, SEV)).toBeNull();
  });
});

describe("jurisdiction.extraterritorial: foreign access laws", () => {
  it.each([
    ["a German chain for a German organisation", ["DE"], "EEA", 25],
    ["a US vendor for a German organisation", ["US"], "EEA", 8],
    ["US and Chinese parties for a German organisation", ["US", "CN"], "EEA", 0],
    ["a US vendor for a US organisation (not foreign)", ["US"], "US", 25],
    ["a Canadian vendor (no recorded law)", ["CA"], "EEA", 25],
  ] as const)("scores %s (chain %j, home %s) at %i", (_l, chain, homeBloc, points) => {
    expect(extraterritorialFactor({ chain, homeBloc, asOf: "2026-11-01" }).raw).toBe(points);
  });

  it("ignores a law before it came into force", () => {
    expect(extraterritorialFactor({ chain: ["CN"], homeBloc: "EEA", asOf: "2017-01-01" }).raw).toBe(25);
  });
});

describe("jurisdiction.transfer: lawful basis for personal data", () => {
  const flow = (mechanism: Parameters<typeof transferFactor>[0]["flows"][number]["mechanism"], origin = "DE", personal = true) => [{ key: "f", originCountry: origin, personal, mechanism }];
  it.each([
    ["no personal data", flow("none", "DE", false), "US", false, 25],
    ["personal data staying in the EEA", flow("none"), "FR", false, 25],
    ["a destination with adequacy (Japan)", flow("none"), "JP", false, 25],
    ["the US with a DPF-certified importer", flow("adequacy"), "US", true, 25],
    ["the US claimed as adequate without DPF certification", flow("adequacy"), "US", false, 0],
    ["SCCs to a country without foreign-access concerns", flow("scc"), "IN", false, 18],
    ["a derogation", flow("derogation"), "IN", false, 8],
    ["no mechanism", flow(undefined), "IN", false, 0],
    ["an origin outside the GDPR family", flow(undefined, "US"), "IN", false, 25],
  ] as const)("scores %s", (_l, flows, destination, importerDpf, points) => {
    expect(transferFactor({ flows, destination, importerDpf, foreignAccess: false, asOf: "2026-11-01" }).raw).toBe(points);
  });

  it("lowers SCCs when foreign authorities can reach the importer", () => {
    expect(transferFactor({ flows: flow("scc"), destination: "US", importerDpf: false, foreignAccess: true, asOf: "2026-11-01" }).raw).toBe(15);
  });

  it("does not count US adequacy before the Data Privacy Framework decision", () => {
    expect(transferFactor({ flows: flow("adequacy"), destination: "US", importerDpf: true, foreignAccess: false, asOf: "2023-01-01" }).raw).toBe(0);
  });
});

describe("jurisdiction.sanctions", () => {
  const sanction = event({ type: "sanction", restrictions: [{ countries: { only: ["RU"] }, locus: "any", severity: "block" }] });
  it.each([
    ["no sanctioned party", ["DE"], ["DE"], 15],
    ["a sanctioned hosting country", ["RU"], ["DE"], 0],
    ["one of two user countries sanctioned", ["DE"], ["DE", "RU"], 7.5],
  ] as const)("scores %s", (_l, chain, users, points) => {
    const r = route({ accessPath: "direct-api", vendorHq: "DE", users: [...users] });
    const hit = matchSanction(sanction, r, chain, SEV);
    expect(sanctionsFactor(hit ? [hit] : []).raw).toBeCloseTo(points);
  });
});

describe("fallback readiness", () => {
  it.each([
    ["open weights you host", route({ accessPath: "self-hosted", weights: "open", vendorKey: "meta" }), 25],
    ["the same vendor", route({ accessPath: "cloud-marketplace", cloudHq: "US", vendorKey: "v" }), 0],
    ["another vendor under the same jurisdiction", route({ accessPath: "direct-api", vendorKey: "other", vendorHq: "US" }), 10],
    ["another vendor under another jurisdiction", route({ accessPath: "direct-api", vendorKey: "mistral", vendorHq: "FR" }), 25],
  ])("rates independence of %s", (_l, fb, points) => {
    expect(independence(route({ accessPath: "direct-api", vendorKey: "v" }), fb, false).points).toBe(points);
  });

  it("rates a fallback sharing a restriction in force as not independent", () => {
    expect(independence(route({ accessPath: "direct-api" }), route({ accessPath: "self-hosted", weights: "open" }), true).points).toBe(0);
  });

  it.each([
    ["tested 60 days ago", "2026-09-02", 20],
    ["tested 300 days ago", "2026-01-05", 10],
    ["tested two years ago", "2024-11-01", 0],
    ["never tested", undefined, 0],
    ["tested after the as-of date", "2027-01-01", 0],
  ] as const)("gives a fallback %s (%s) %i points", (_l, date, points) => {
    expect(testedPoints(date, "2026-11-01", T)).toBe(points);
  });

  it.each([
    [2, 4, 15],
    [4, 4, 15],
    [6, 4, 7],
    [9, 4, 0],
    [undefined, 4, 0],
  ] as const)("gives a switch of %s h against %i h tolerated %i points", (h, tol, points) => {
    expect(switchPoints(h, tol)).toBe(points);
  });

  it.each([
    ["none", undefined, undefined, 0],
    ["documented only", { documented: true }, undefined, 4],
    ["documented and reviewed", { documented: true, lastReviewed: "2026-06-01" }, undefined, 7],
    ["documented, reviewed, with exit terms", { documented: true, lastReviewed: "2026-06-01" }, { exitTerms: true }, 10],
    ["reviewed too long ago", { documented: true, lastReviewed: "2024-06-01" }, { exitTerms: true }, 7],
  ] as const)("gives an exit plan that is %s (%j, %j) %i points", (_l, plan, contract, points) => {
    expect(exitPlanPoints(plan, contract, "2026-11-01", T).points).toBe(points);
  });

  it("gives full marks when the primary is open weights you host", () => {
    const { factors } = fallbackFactors({ primary: route({ accessPath: "self-hosted", weights: "open" }), candidates: [], toleratedHours: 4, exitPlan: undefined, contract: undefined, asOf: "2026-11-01", thresholds: T });
    expect(factors.reduce((s, f) => s + f.raw, 0)).toBe(100);
  });

  it("gives nothing but exit-plan points without a fallback", () => {
    const { factors } = fallbackFactors({ primary: route({ accessPath: "direct-api" }), candidates: [], toleratedHours: 4, exitPlan: { documented: true }, contract: undefined, asOf: "2026-11-01", thresholds: T });
    expect(factors.map((f) => f.raw)).toEqual([0, 0, 0, 0, 4]);
  });

  it("assesses the best of several fallbacks", () => {
    const primary = route({ accessPath: "direct-api", vendorKey: "v" });
    const weak = { fallback: { key: "a", dependency: "d", model: "m", accessPath: "direct-api" as const }, route: route({ accessPath: "direct-api", vendorKey: "v" }), restrictionImpact: 0, sharesActiveRestriction: false };
    const strong = { fallback: { key: "b", dependency: "d", model: "m2", accessPath: "self-hosted" as const, lastTested: "2026-10-01", switchTimeHours: 1 }, route: route({ accessPath: "self-hosted", weights: "open", vendorKey: "meta" }), restrictionImpact: 0, sharesActiveRestriction: false };
    const r = fallbackFactors({ primary, candidates: [weak, strong], toleratedHours: 4, exitPlan: undefined, contract: undefined, asOf: "2026-11-01", thresholds: T });
    expect(r.best).toBe("b");
    expect(r.factors.slice(0, 4).map((f) => f.raw)).toEqual([30, 25, 20, 15]);
  });
});

describe("concentration", () => {
  it.each([
    ["a vendor carrying everything", 1, 0],
    ["a vendor carrying 60%", 0.6, 10],
    ["a vendor carrying 10%", 0.1, 22.5],
  ])("scores %s", (_l, share, points) => {
    expect(concentrationFactor("vendor", "openai", "OpenAI", share).raw).toBeCloseTo(points);
  });

  it("does not count open weights you host against any axis", () => {
    expect(concentrationKeys(route({ accessPath: "self-hosted", weights: "open" }))).toEqual({ vendor: undefined, "model-family": undefined, cloud: undefined, jurisdiction: undefined });
  });

  it("attributes a cloud marketplace route to the cloud operator and the vendor's jurisdiction", () => {
    expect(concentrationKeys(route({ accessPath: "cloud-marketplace", cloudHq: "US", vendorHq: "FR" }))).toEqual({ vendor: "v", "model-family": "m", cloud: "cloud", jurisdiction: "EEA" });
  });

  it("groups models by their family, and a model without one by its own key", () => {
    const r = route({ accessPath: "direct-api" });
    expect(concentrationKeys({ ...r, model: { ...r.model, family: "gpt" } })["model-family"]).toBe("gpt");
    expect(concentrationKeys({ ...r, model: { ...r.model, family: undefined } })["model-family"]).toBe("m");
  });

  it("gives full points and no gap on an axis the organisation holds itself", () => {
    const f = concentrationFactor("cloud", undefined, "", 0);
    expect(f.raw).toBe(25);
    expect(f.sentence).toMatch(/^No third-party cloud operator can withdraw/);
    expect(f.gap).toBeUndefined();
  });

  it("says the share in per cent and names the vendor, or the country for the jurisdiction axis", () => {
    const vendor = concentrationFactor("vendor", "openai", "OpenAI", 0.6);
    expect(vendor.sentence).toBe("60% of your criticality-weighted AI dependencies rest on the same vendor (OpenAI).");
    expect(vendor.gap).toBe("60% concentrated on OpenAI");
    const jurisdiction = concentrationFactor("jurisdiction", "US", "label not used", 0.5);
    expect(jurisdiction.sentence).toMatch(/ jurisdiction \(United States\)\.$/);
    expect(jurisdiction.gap).toBe("50% concentrated on United States");
    expect(concentrationFactor("jurisdiction", "EEA", "label not used", 0.5).gap).toBe("50% concentrated on the EU/EEA");
  });

  it("reports a concentration as a gap from a quarter of the dependencies on", () => {
    expect(concentrationFactor("vendor", "openai", "OpenAI", 0.25).gap).toBe("25% concentrated on OpenAI");
    expect(concentrationFactor("vendor", "openai", "OpenAI", 0.24).gap).toBeUndefined();
    expect(concentrationFactor("vendor", "openai", "OpenAI", 0.1).gap).toBeUndefined();
  });

  it("builds no sentence or gap when explanations are off", () => {
    const f = withoutExplanations(() => concentrationFactor("vendor", "openai", "OpenAI", 0.6));
    expect(f.raw).toBeCloseTo(10);
    expect(f.sentence).toBe("");
    expect(f.gap).toBeUndefined();
    expect(withoutExplanations(() => concentrationFactor("vendor", undefined, "", 0)).sentence).toBe("");
  });
});
