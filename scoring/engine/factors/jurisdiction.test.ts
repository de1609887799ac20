// Jurisdiction factors at their edges: which restriction or sanction is the worst when several
// reach a dependency, what each factor says and cites, the points of every transfer basis, and the
// sentence a risk officer reads. Written against the mutants of jurisdiction.ts that survived
// factors.test.ts (issue 19; 51.76% before). Every expectation is worked out by hand from
// docs/METHODOLOGY.md and the catalogue (US: CLOUD Act 2018-03-23 and FISA 702 2008-07-10; China:
// National Intelligence Law 2017-06-28 and Data Security Law 2021-09-01; US adequacy from
// 2023-07-10), not read from the code.
import { describe, expect, it } from "vitest";
import type { EventHit } from "../match";
import type { Users } from "../route";
import { usersOfCountries } from "../route";
import { withoutExplanations } from "../explain-mode";
import { SOURCES } from "../sources";
import type { ImposeEvent, Restriction } from "../../schema/policy-event";
import type { TransferMechanism } from "../../schema/primitives";
import {
  extraterritorialFactor,
  extraterritorialPoints,
  restrictionsFactor,
  sanctionsFactor,
  transferFactor,
  transferFlowPoints,
  type TransferFlow,
} from "./jurisdiction";

const AS_OF = "2026-11-01";

function ev(key: string, title: string, over: Partial<ImposeEvent> = {}): ImposeEvent {
  return { key, kind: "impose", type: "export-control", issuer: "US", title, effectiveDate: "2025-01-15", source: "Federal Register", scope: {}, restrictions: [], ...over };
}
function hit(e: ImposeEvent, p: { impact: number; share?: number; countries: string[]; locus?: Restriction["locus"]; severity?: Restriction["severity"]; assumedCompute?: boolean }): EventHit {
  const restriction: Restriction = { countries: { only: p.countries }, locus: p.locus ?? "users", severity: p.severity ?? "block" };
  return { event: e, restriction, share: p.share ?? p.impact, impact: p.impact, countries: p.countries, assumedCompute: p.assumedCompute ?? false };
}
const OFFICES_DE_US = usersOfCountries(["DE", "US"]);
const PEOPLE: Users = { countries: ["CN", "DE"], shares: [0.3, 0.7], basis: "people", people: 1000, unrecorded: [] };

describe("jurisdiction.restrictions: the worst restriction and what it says", () => {
  const control = ev("us-ai-diffusion", "AI Diffusion Rule");

  it("with nothing in force, keeps all 35 points, cites the method and names no gap", () => {
    const f = restrictionsFactor([], OFFICES_DE_US);
    expect(f).toEqual({
      id: "jurisdiction.restrictions",
      raw: 35,
      sentence: "No export control, ban or vendor restriction in force reaches this dependency.",
      sources: [SOURCES.method],
    });
  });

  it("a block on half the offices takes half the points and says who is cut off", () => {
    const f = restrictionsFactor([hit(control, { impact: 0.5, countries: ["US"] })], OFFICES_DE_US);
    expect(f.raw).toBe(17.5);
    expect(f.sentence).toBe("AI Diffusion Rule (in force since 2025-01-15) blocks this model for 50% of the offices that rely on it (offices in the United States).");
    expect(f.gap).toBe("AI Diffusion Rule blocks it in the United States");
    expect(f.sources.map((s) => s.ref)).toEqual(["us-ai-diffusion"]);
  });

  it("a licence requirement reads as one, in the sentence and the gap", () => {
    const f = restrictionsFactor([hit(control, { impact: 0.25, share: 0.5, countries: ["US"], severity: "licence-required" })], OFFICES_DE_US);
    expect(f.raw).toBe(26.25);
    expect(f.sentence).toBe("AI Diffusion Rule (in force since 2025-01-15) requires a licence for this model for 50% of the offices that rely on it (offices in the United States).");
    expect(f.gap).toBe("AI Diffusion Rule requires a licence in the United States");
  });

  it("counts people when headcounts are recorded, and rounds the share to a whole per cent", () => {
    const f = restrictionsFactor([hit(control, { impact: 0.3, countries: ["CN"] })], PEOPLE);
    expect(f.raw).toBeCloseTo(24.5, 10);
    expect(f.sentence).toContain(" blocks this model for 30% of the people who rely on it (offices in China).");
  });

  it("says 'all' from 99.5% up and a percentage below it", () => {
    const almost = { ...PEOPLE, countries: ["CN"], shares: [1] };
    expect(restrictionsFactor([hit(control, { impact: 0.995, countries: ["CN"] })], almost).sentence).toContain(" blocks this model for all of the people who rely on it ");
    expect(restrictionsFactor([hit(control, { impact: 0.994, countries: ["CN"] })], almost).sentence).toContain(" blocks this model for 99% of the people who rely on it ");
  });

  it("names the offices whose headcount is missing, so the reader verifies the share", () => {
    const users: Users = { countries: ["DE", "US"], shares: [0.5, 0.5], basis: "offices", people: 0, unrecorded: ["Berlin", "Austin"] };
    const f = restrictionsFactor([hit(control, { impact: 0.5, countries: ["US"] })], users);
    expect(f.sentence).toBe("AI Diffusion Rule (in force since 2025-01-15) blocks this model for 50% of the offices that rely on it (offices in the United States); headcount not recorded for Berlin, Austin: counted by offices, verify.");
  });

  it("a licensee restriction speaks of where the organisation is based", () => {
    const f = restrictionsFactor([hit(control, { impact: 1, countries: ["DE"], locus: "licensee" })], OFFICES_DE_US);
    expect(f.raw).toBe(0);
    expect(f.sentence).toBe("AI Diffusion Rule (in force since 2025-01-15) blocks this model for organisations based in Germany, as you are.");
  });

  it("a hosting restriction speaks of where the model runs", () => {
    const f = restrictionsFactor([hit(control, { impact: 1, countries: ["IN"], locus: "hosting" })], OFFICES_DE_US);
    expect(f.sentence).toBe("AI Diffusion Rule (in force since 2025-01-15) blocks this model where it runs (India).");
  });

  it("a whole-route hit on one country none of the users are in is about where it runs, unless the restriction is on users", () => {
    const any = hit(control, { impact: 1, countries: ["IN"], locus: "any" });
    expect(restrictionsFactor([any], OFFICES_DE_US).sentence).toContain(" blocks this model where it runs (India).");
    // The users' own country: the sentence stays about the offices.
    const onUsers = hit(control, { impact: 1, countries: ["US"], locus: "any" });
    expect(restrictionsFactor([onUsers], usersOfCountries(["US"])).sentence).toContain(" blocks this model for all of the offices that rely on it (offices in the United States).");
    // Two countries, or less than everyone: not about hosting.
    expect(restrictionsFactor([hit(control, { impact: 1, countries: ["CN", "IN"], locus: "any" })], OFFICES_DE_US).sentence).toContain(" for all of the offices that rely on it (offices in China and India).");
    expect(restrictionsFactor([hit(control, { impact: 0.5, countries: ["IN"], locus: "any" })], OFFICES_DE_US).sentence).toContain(" for 50% of the offices that rely on it (offices in India).");
    // A users restriction never speaks of hosting, even at a share of 1.
    expect(restrictionsFactor([hit(control, { impact: 1, countries: ["IN"], locus: "users" })], OFFICES_DE_US).sentence).toContain(" for all of the offices that rely on it (offices in India).");
  });

  it("joins country names as a reader would: one, two with 'and', more with commas", () => {
    const three = restrictionsFactor([hit(control, { impact: 1, countries: ["CN", "IN", "US"] })], OFFICES_DE_US);
    expect(three.sentence).toContain("(offices in China, India and the United States)");
    expect(three.gap).toBe("AI Diffusion Rule blocks it in China, India and the United States");
    expect(restrictionsFactor([hit(control, { impact: 1, countries: [] })], OFFICES_DE_US).gap).toBe("AI Diffusion Rule blocks it in ");
  });

  it("says when the model is assumed in scope because its training compute is undisclosed", () => {
    const f = restrictionsFactor([hit(control, { impact: 0.5, countries: ["US"], assumedCompute: true })], OFFICES_DE_US);
    expect(f.sentence).toMatch(/\(offices in the United States\)\. Training compute is undisclosed, so the model is assumed to be in scope\.$/);
  });

  it("the strongest hit decides, wherever it is listed; the others are counted and cited in their order", () => {
    const weak = hit(ev("a-weak", "Weak rule"), { impact: 0.2, countries: ["US"] });
    const strong = hit(ev("z-strong", "Strong rule"), { impact: 0.6, countries: ["US"] });
    const third = hit(ev("m-third", "Third rule"), { impact: 0.1, countries: ["US"] });
    for (const hits of [[weak, strong], [strong, weak]]) {
      const f = restrictionsFactor(hits, OFFICES_DE_US);
      expect(f.raw).toBeCloseTo(14, 10);
      expect(f.sentence).toMatch(/^Strong rule .* 1 further restriction also applies\.$/);
      expect(f.gap).toBe("Strong rule blocks it in the United States");
      expect(f.sources.map((s) => s.ref)).toEqual(hits.map((h) => h.event.key));
    }
    expect(restrictionsFactor([weak, strong, third], OFFICES_DE_US).sentence).toMatch(/ 2 further restrictions also apply\.$/);
  });

  it("between equally strong hits, the event whose key sorts first decides, in either order", () => {
    const a = hit(ev("a-rule", "Rule A"), { impact: 0.5, countries: ["US"] });
    const b = hit(ev("b-rule", "Rule B"), { impact: 0.5, countries: ["US"] });
    expect(restrictionsFactor([a, b], OFFICES_DE_US).gap).toBe("Rule A blocks it in the United States");
    expect(restrictionsFactor([b, a], OFFICES_DE_US).gap).toBe("Rule A blocks it in the United States");
  });

  it("leaves the caller's list of hits in its order", () => {
    const hits = [hit(ev("b", "B"), { impact: 0.1, countries: ["US"] }), hit(ev("a", "A"), { impact: 0.9, countries: ["US"] })];
    restrictionsFactor(hits, OFFICES_DE_US);
    expect(hits.map((h) => h.event.key)).toEqual(["b", "a"]);
  });

  it("builds no sentence when explanations are off, and scores the same", () => {
    const hits = [hit(control, { impact: 0.5, countries: ["US"] })];
    const quiet = withoutExplanations(() => restrictionsFactor(hits, OFFICES_DE_US));
    expect(quiet.sentence).toBe("");
    expect(quiet.raw).toBe(17.5);
    expect(quiet.gap).toBe("AI Diffusion Rule blocks it in the United States");
  });
});

describe("jurisdiction.extraterritorial: who can compel a company in the chain", () => {
  it("names the country, its laws in force and cites each law", () => {
    const f = extraterritorialFactor({ chain: ["US"], homeBloc: "EEA", asOf: AS_OF });
    expect(f.raw).toBe(8);
    expect(f.sentence).toBe("Authorities in the United States can compel a company in this chain to hand over data or cooperate, wherever the data sits (US CLOUD Act, FISA Section 702).");
    expect(f.gap).toBe("reachable under US CLOUD Act, FISA Section 702");
    expect(f.sources.map((s) => s.ref)).toEqual(["us-cloud-act", "us-fisa-702"]);
    expect(f.sources.every((s) => s.kind === "law")).toBe(true);
  });

  it("two reachable countries take all 25 points and are both named", () => {
    const f = extraterritorialFactor({ chain: ["US", "DE", "CN"], homeBloc: "EEA", asOf: AS_OF });
    expect(f.raw).toBe(0);
    expect(f.sentence).toContain("Authorities in the United States and China can compel");
    expect(f.gap).toBe("reachable under US CLOUD Act, FISA Section 702, PRC National Intelligence Law, Art. 7, PRC Data Security Law, Art. 36");
  });

  it("counts only the laws in force on the day: China between its two laws", () => {
    const f = extraterritorialFactor({ chain: ["CN"], homeBloc: "EEA", asOf: "2018-01-01" });
    expect(f.raw).toBe(8);
    expect(f.gap).toBe("reachable under PRC National Intelligence Law, Art. 7");
    // The first law's own first day counts; the day before it does not.
    expect(extraterritorialFactor({ chain: ["CN"], homeBloc: "EEA", asOf: "2017-06-28" }).raw).toBe(8);
    expect(extraterritorialFactor({ chain: ["CN"], homeBloc: "EEA", asOf: "2017-06-27" }).raw).toBe(25);
  });

  it("a home-bloc party is not foreign: an EEA chain for an EEA organisation, a US one for a US organisation", () => {
    const none = extraterritorialFactor({ chain: ["FR", "DE"], homeBloc: "EEA", asOf: AS_OF });
    expect(none).toEqual({ id: "jurisdiction.extraterritorial", raw: 25, sentence: "No foreign extraterritorial access law reaches the companies or the location in this chain.", sources: [SOURCES.method] });
    expect(extraterritorialFactor({ chain: ["US", "CN"], homeBloc: "US", asOf: AS_OF }).raw).toBe(8);
  });

  it("the points without explanations agree with the factor on every chain", () => {
    const chains: [string[], string, string][] = [
      [[], "EEA", AS_OF],
      [["DE"], "EEA", AS_OF],
      [["US"], "EEA", AS_OF],
      [["US"], "US", AS_OF],
      [["US", "CN"], "EEA", AS_OF],
      [["US", "CN"], "US", AS_OF],
      [["CN"], "EEA", "2017-06-27"],
      [["CN", "US"], "EEA", "2008-07-09"],
      [["CA", "GB", "JP"], "EEA", AS_OF],
    ];
    const expected = [25, 25, 8, 25, 0, 8, 25, 25, 25];
    chains.forEach(([chain, homeBloc, asOf], i) => {
      expect(extraterritorialPoints(chain, homeBloc, asOf), chain.join("+") + " " + asOf).toBe(expected[i]);
      expect(extraterritorialFactor({ chain, homeBloc, asOf }).raw).toBe(expected[i]);
    });
  });

  it("builds no sentence when explanations are off", () => {
    expect(withoutExplanations(() => extraterritorialFactor({ chain: ["US"], homeBloc: "EEA", asOf: AS_OF })).sentence).toBe("");
  });
});

describe("jurisdiction.transfer: the weakest personal-data flow sets the points", () => {
  const flow = (key: string, mechanism: TransferMechanism | undefined, originCountry = "DE", personal = true): TransferFlow => ({ key, originCountry, personal, mechanism });
  const transfer = (flows: TransferFlow[], destination: string, extra: Partial<Parameters<typeof transferFactor>[0]> = {}) =>
    transferFactor({ flows, destination, importerDpf: false, foreignAccess: false, asOf: AS_OF, ...extra });

  it("an adequacy decision in force: full points, one source, no gap", () => {
    const f = transfer([flow("f1", "none")], "JP");
    expect(f.raw).toBe(25);
    expect(f.sentence).toBe("1 personal-data flow goes to Japan under an adequacy decision in force.");
    expect(f.sources).toEqual([SOURCES.gdprTransfers]);
    expect(f.gap).toBeUndefined();
    expect(f.unrecordedDpf).toBe(false);
  });

  it("standard contractual clauses: 18 points, named in the sentence and the gap, without a TIA source", () => {
    const f = transfer([flow("f1", "scc")], "IN");
    expect(f.raw).toBe(18);
    expect(f.sentence).toBe("1 personal-data flow goes to India; it leaves from Germany and relies on standard contractual clauses.");
    expect(f.gap).toBe("personal data to India on standard contractual clauses");
    expect(f.sources).toEqual([SOURCES.gdprTransfers]);
  });

  it("binding corporate rules where foreign authorities reach the importer: 15 points and the EDPB's TIA recommendations cited", () => {
    const f = transfer([flow("f1", "bcr")], "IN", { foreignAccess: true });
    expect(f.raw).toBe(15);
    expect(f.sentence).toBe("1 personal-data flow goes to India; it leaves from Germany and relies on binding corporate rules, which need a transfer impact assessment because foreign authorities can reach the importer.");
    expect(f.gap).toBe("personal data to India on binding corporate rules");
    expect(f.sources).toEqual([SOURCES.gdprTransfers, SOURCES.edpbTia]);
    expect(transfer([flow("f1", "bcr")], "IN").raw).toBe(18);
    expect(transfer([flow("f1", "scc")], "IN", { foreignAccess: true }).sentence).toContain("relies on standard contractual clauses, which need a transfer impact assessment");
  });

  it("a derogation: 8 points, said to be for occasional transfers", () => {
    const f = transfer([flow("f1", "derogation")], "IN");
    expect(f.raw).toBe(8);
    expect(f.sentence).toContain("relies on an Art. 49 derogation, meant for occasional transfers only.");
    expect(f.gap).toBe("personal data to India on an Art. 49 derogation");
    expect(f.sources).toEqual([SOURCES.gdprTransfers, SOURCES.edpbTia]);
  });

  it("no mechanism: nothing, and said so", () => {
    const f = transfer([flow("f1", undefined)], "IN");
    expect(f.raw).toBe(0);
    expect(f.sentence).toContain("relies on no recorded transfer mechanism.");
    expect(transfer([flow("f1", "none")], "IN").raw).toBe(0);
  });

  it("adequacy claimed where none covers the destination: nothing, and says why", () => {
    expect(transfer([flow("f1", "adequacy")], "IN").sentence).toContain("relies on an adequacy decision that does not cover India.");
    const us = transfer([flow("f1", "adequacy")], "US");
    expect(us.raw).toBe(0);
    expect(us.sentence).toContain("relies on an adequacy decision that does not cover the United States for this importer (not certified under the Data Privacy Framework).");
    expect(us.unrecordedDpf).toBe(false);
  });

  it("a US importer whose certification nobody recorded: scored as not certified, and the reader is asked to verify", () => {
    const f = transfer([flow("f1", "adequacy")], "US", { importerDpf: undefined, importerName: "OpenAI" });
    expect(f.raw).toBe(0);
    expect(f.unrecordedDpf).toBe(true);
    expect(f.sentence).toBe(
      "1 personal-data flow goes to the United States; it leaves from Germany and relies on an adequacy decision that does not cover the United States for this importer (Data Privacy Framework certification not recorded). Whether OpenAI is certified under the EU-US Data Privacy Framework is not recorded: verify (certified, the EU-US adequacy decision would cover this transfer).",
    );
    expect(transfer([flow("f1", "scc")], "US", { importerDpf: undefined }).sentence).toContain(" Whether the importer is certified under the EU-US Data Privacy Framework is not recorded: verify");
    // Before the EU-US decision there was nothing to verify; a certified importer needs no note either.
    expect(transfer([flow("f1", "scc")], "US", { importerDpf: undefined, asOf: "2023-07-09" }).unrecordedDpf).toBe(false);
    expect(transfer([flow("f1", "scc")], "US", { importerDpf: undefined, asOf: "2023-07-10" }).unrecordedDpf).toBe(true);
    const certified = transfer([flow("f1", "none")], "US", { importerDpf: true });
    expect(certified.raw).toBe(25);
    expect(certified.unrecordedDpf).toBe(false);
    expect(certified.sentence).toBe("1 personal-data flow goes to the United States under an adequacy decision in force.");
  });

  it("the weakest of several flows decides, and the sentence counts only the flows a transfer rule applies to", () => {
    const flows = [flow("a", "scc", "FR"), flow("b", "derogation", "IT"), flow("c", "none", "DE", false), flow("d", "none", "US")];
    for (const list of [flows, [...flows].reverse()]) {
      const f = transfer(list, "IN");
      expect(f.raw).toBe(8);
      expect(f.sentence).toBe("2 personal-data flows go to India; the weakest leaves from Italy and relies on an Art. 49 derogation, meant for occasional transfers only.");
    }
    expect(transfer([flow("a", "none", "JP"), flow("b", "none", "FR")], "JP").sentence).toBe("1 personal-data flow goes to Japan under an adequacy decision in force.");
    expect(transfer([flow("a", "none"), flow("b", "none")], "JP").sentence).toBe("2 personal-data flows go to Japan under an adequacy decision in force.");
  });

  it("between equally weak flows, the one whose key sorts first is named, in either order", () => {
    const a = flow("a", "derogation", "FR");
    const b = flow("b", "derogation", "IT");
    expect(transfer([a, b], "IN").sentence).toContain("the weakest leaves from France");
    expect(transfer([b, a], "IN").sentence).toContain("the weakest leaves from France");
  });

  it("no rule applies inside the EEA, within one country, from the UK into the EEA, or from outside the GDPR family", () => {
    const none = "No personal data leaves the GDPR area through this dependency without adequate protection being automatic.";
    for (const [origin, dest] of [["DE", "FR"], ["CH", "CH"], ["GB", "GB"], ["GB", "IE"], ["US", "IN"], ["DE", "NO"]] as const) {
      const f = transfer([flow("f", "none", origin)], dest);
      expect(f, `${origin} -> ${dest}`).toEqual({ id: "jurisdiction.transfer", raw: 25, sentence: none, sources: [SOURCES.gdprTransfers], unrecordedDpf: false });
      expect(transferFlowPoints(origin, "none", dest, false, false, AS_OF), `${origin} -> ${dest}`).toBe(-1);
    }
    // Leaving the UK or Switzerland for a third country is a transfer like any other.
    expect(transfer([flow("f", "none", "GB")], "IN").raw).toBe(0);
    expect(transfer([flow("f", "none", "CH")], "US").raw).toBe(0);
    expect(transfer([flow("f", "scc", "CH")], "GB").raw).toBe(25);
  });

  it("the per-flow points agree with the factor for every mechanism, destination and certification", () => {
    const mechanisms: (TransferMechanism | undefined)[] = ["adequacy", "scc", "bcr", "derogation", "none", undefined];
    for (const mechanism of mechanisms)
      for (const dest of ["IN", "US", "JP", "FR"])
        for (const importerDpf of [true, false])
          for (const foreignAccess of [true, false])
            for (const asOf of ["2023-01-01", AS_OF]) {
              const viaFactor = transfer([flow("f", mechanism)], dest, { importerDpf, foreignAccess, asOf });
              const perFlow = transferFlowPoints("DE", mechanism, dest, importerDpf, foreignAccess, asOf);
              expect(perFlow === -1 ? 25 : perFlow, `${mechanism} ${dest} ${importerDpf} ${foreignAccess} ${asOf}`).toBe(viaFactor.raw);
            }
    // Hand-worked anchors of that grid.
    expect(transferFlowPoints("DE", "scc", "US", true, true, "2023-01-01")).toBe(15);
    expect(transferFlowPoints("DE", "scc", "US", true, true, AS_OF)).toBe(25);
    expect(transferFlowPoints("DE", "derogation", "US", false, true, AS_OF)).toBe(8);
    expect(transferFlowPoints("DE", "bcr", "IN", false, false, AS_OF)).toBe(18);
  });

  it("builds no sentence and no gap when explanations are off, and scores the same", () => {
    const f = withoutExplanations(() => transfer([flow("f1", "derogation")], "IN"));
    expect(f.sentence).toBe("");
    expect(f.gap).toBeUndefined();
    expect(f.raw).toBe(8);
  });
});

describe("jurisdiction.sanctions: the worst sanction and what it says", () => {
  const sanction = (key: string, title: string) => ev(key, title, { type: "sanction", issuer: "EU" });

  it("with none in force, keeps all 15 points", () => {
    expect(sanctionsFactor([])).toEqual({ id: "jurisdiction.sanctions", raw: 15, sentence: "No sanctions regime in force touches the companies, the location or the offices in this chain.", sources: [SOURCES.method] });
  });

  it("takes the share it reaches, names the countries and cites every sanction", () => {
    const f = sanctionsFactor([hit(sanction("eu-ru", "EU sanctions on Russia"), { impact: 0.5, countries: ["RU"] }), hit(sanction("eu-by", "EU sanctions on Belarus"), { impact: 0.25, countries: ["BY"] })]);
    expect(f.raw).toBe(7.5);
    expect(f.sentence).toBe("EU sanctions on Russia applies to Russia, which this dependency touches.");
    expect(f.gap).toBe("sanctions on Russia");
    expect(f.sources.map((s) => s.ref)).toEqual(["eu-ru", "eu-by"]);
  });

  it("the strongest decides wherever it is listed; equal ones go to the key that sorts first", () => {
    const weak = hit(sanction("a-weak", "Weak"), { impact: 0.2, countries: ["BY"] });
    const strong = hit(sanction("z-strong", "Strong"), { impact: 1, countries: ["RU", "IR"] });
    expect(sanctionsFactor([weak, strong]).gap).toBe("sanctions on Russia and Iran");
    expect(sanctionsFactor([strong, weak]).raw).toBe(0);
    const a = hit(sanction("a", "A"), { impact: 0.5, countries: ["BY"] });
    const b = hit(sanction("b", "B"), { impact: 0.5, countries: ["RU"] });
    expect(sanctionsFactor([b, a]).gap).toBe("sanctions on Belarus");
    expect(sanctionsFactor([a, b]).gap).toBe("sanctions on Belarus");
  });

  it("builds no sentence when explanations are off", () => {
    expect(withoutExplanations(() => sanctionsFactor([hit(sanction("s", "S"), { impact: 1, countries: ["RU"] })])).sentence).toBe("");
  });
});
