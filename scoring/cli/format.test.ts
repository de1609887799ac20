// The CLI report (table and Markdown), against the mutants of format.ts that survived the CLI's
// end-to-end tests. The reports are rendered from small hand-made results (only the fields the
// report reads), so every line, column width and figure below is written out by hand: what a
// reader of the table or of the board paper sees.
import { describe, expect, it } from "vitest";
import type { Remediation } from "../remediation";
import type { ActiveRestriction, Finding, OrganisationResult, ScoringResult, VendorResult } from "../results";
import type { ScenarioResult, SystemImpact } from "../scenario";
import { renderReport, restrictionBody, restrictionMark, type Report } from "./format";

type VendorFields = Pick<VendorResult, "key" | "name" | "accessType" | "profile" | "rating" | "score" | "notRecorded"> & { blocks?: boolean[] };
const vendorResult = ({ blocks = [], ...v }: VendorFields): VendorResult => ({ ...v, activeRestrictions: blocks.map((b, i) => ({ key: `r${i}`, title: `R${i}`, blocks: b })) }) as unknown as VendorResult;

const restriction = (over: Partial<ActiveRestriction>): ActiveRestriction => ({
  key: "r",
  title: "A restriction",
  type: "export-control",
  effectiveDate: "2026-01-01",
  dateEstimated: false,
  partialLifts: [],
  vendors: ["Meta"],
  systems: 1,
  switchedOffSystems: 0,
  unrecoveredSystems: 0,
  largestShare: 0,
  ...over,
});
const lift = (effectiveDate: string, dateEstimated: boolean, title: string) => ({ key: `lift-${effectiveDate}`, title, effectiveDate, dateEstimated });

const finding = (sentence: string, pointsLost: number, sources: string[]): Finding => ({ system: "s", dependency: "d", factor: "access.path", pointsLost, sentence, sources: sources.map((title) => ({ kind: "method", ref: title, title })) });
const remediation = (title: string, gain: number): Remediation => ({ title, expectedGain: { organisation: gain, system: 0, dependency: 0 } }) as unknown as Remediation;

function result(p: { name: string; score: number; rating: string; profile: string; asOf?: string; restrictions?: ActiveRestriction[]; vendors: VendorResult[]; findings?: Finding[] }): ScoringResult {
  const organisation = { key: "org", name: p.name, score: p.score, rating: p.rating, profile: p.profile, activeRestrictions: p.restrictions ?? [] } as unknown as OrganisationResult;
  return { methodologyVersion: "2026.12-1", asOf: p.asOf ?? "2026-11-01", organisation, vendors: p.vendors, findings: p.findings ?? [] } as unknown as ScoringResult;
}

const system = (name: string, criticality: string, status: SystemImpact["status"], affectedOffices: string[], recoveryHours: number | undefined, toleratedDowntimeHours: number) =>
  ({ key: name, name, criticality, status, affectedOffices, recoveryHours, toleratedDowntimeHours }) as unknown as SystemImpact;
function scenarioResult(p: { before: number; after: number; delta: number; ratingAfter: string; systems?: SystemImpact[]; teams?: string[]; flows?: number }): ScenarioResult {
  return {
    scenario: { key: "cut", name: "Cut-off", description: undefined },
    summary: "Cutting US closed models off in the EU takes 2 systems down; 1 recovers.",
    score: { before: p.before, after: p.after, delta: p.delta, ratingBefore: "Low", ratingAfter: p.ratingAfter },
    systems: p.systems ?? [],
    teams: p.teams ?? [],
    dataFlows: { count: p.flows ?? 0, keys: [] },
  } as unknown as ScenarioResult;
}

/** Acme: two restrictions in force (one with estimated dates), four vendors, two findings, six remediations, a scenario. */
const acme: Report = {
  result: result({
    name: "Acme GmbH",
    score: 41.27,
    rating: "Low",
    profile: "Active restriction: US export restriction on Anthropic's advanced models.",
    asOf: "2026-09-01",
    restrictions: [
      restriction({
        title: "US export restriction on Anthropic's advanced models",
        effectiveDate: "2026-03-02",
        dateEstimated: true,
        partialLifts: [lift("2026-07-13", true, "US lifts it for allies"), lift("2026-08-01", false, "US lifts it for Japan")],
        vendors: ["Anthropic", "Google"],
        systems: 3,
        switchedOffSystems: 2,
        unrecoveredSystems: 1,
        largestShare: 0.6,
      }),
      restriction({ title: "Meta licence excludes the EU", vendors: ["Meta"], systems: 1, largestShare: 0.25 }),
    ],
    // Deliberately not in table order: the table sorts by score, then key.
    vendors: [
      vendorResult({ key: "meta", name: "Meta", accessType: "Self-hosted", profile: "Open weights at home", rating: "Very High", score: 81, notRecorded: ["fallback drill date"] }),
      vendorResult({ key: "openai", name: "OpenAI", accessType: "Direct API", profile: "API only", rating: "Very Low", score: 30.5, notRecorded: ["hosting region", "hosting region"] }),
      vendorResult({ key: "google", name: "Google", accessType: "API + cloud", profile: "Regional buffer", rating: "Low", score: 48.04, notRecorded: [], blocks: [false] }),
      vendorResult({ key: "anthropic", name: "Anthropic", accessType: "Direct API", profile: "Switched off | no fallback", rating: "Very Low", score: 30.5, notRecorded: ["hosting region"], blocks: [false, true] }),
    ],
    findings: [
      finding("Anthropic's API is switched off for Frankfurt.", 12.34, ["US export restriction (in force from 2026-03-02)", "Sovra methodology (docs/METHODOLOGY.md)"]),
      finding("No tested fallback for Support bot.", 5.06, ["DORA Art. 28(8)"]),
    ],
  }),
  scenario: scenarioResult({
    before: 41.27,
    after: 33.13,
    delta: -8.14,
    ratingAfter: "Very Low",
    systems: [system("Support bot", "high", "no-recovery", ["fra", "ny"], undefined, 4), system("Code assistant", "medium", "recovers", ["fra"], 2, 24)],
    teams: ["support", "engineering"],
    flows: 3,
  }),
  remediations: [
    remediation("Add a tested fallback for Support bot", 6.5),
    remediation("Self-host Llama for Code assistant", 4.2),
    remediation("Move Search to an EU region", 3.1),
    remediation("Document an exit plan for Search", 1),
    remediation("Drill the fallback for Support bot", 0.8),
    remediation("Review the SCCs for Search", 0.3),
  ],
};

const ANTHROPIC_BODY =
  "in force since 2026-03-02 (estimated date). Partly lifted on 2026-07-13 (estimated date): US lifts it for allies. Partly lifted on 2026-08-01: US lifts it for Japan. It reaches Anthropic, Google in 3 AI system(s); it switches 2 off for some or all of their users (up to 60% of a system's users), 1 without a tested fallback within tolerance.";

describe("the plain-text report", () => {
  it("prints every section in order, with aligned tables and the sources under each finding", () => {
    expect(renderReport(acme, false)).toBe(
      [
        "Sovereignty score: Acme GmbH",
        "As of 2026-09-01 · methodology 2026.12-1",
        "Organisation: 41.3 (Low). Active restriction: US export restriction on Anthropic's advanced models.",
        "",
        "Active restrictions in force",
        "============================",
        `! US export restriction on Anthropic's advanced models: ${ANTHROPIC_BODY}`,
        "! Meta licence excludes the EU: in force since 2026-01-01. It reaches Meta in 1 AI system(s).",
        "  (Estimated dates: no source gives them; an organisation can correct them for itself.)",
        "",
        "Vendors",
        "=======",
        "Vendor     Access type  Restriction in force  Risk profile                Rating     Score",
        "---------  -----------  --------------------  --------------------------  ---------  -----",
        "Anthropic  Direct API   ACTIVE: switched off  Switched off | no fallback  Very Low    30.5",
        "OpenAI     Direct API   —                     API only                    Very Low    30.5",
        "Google     API + cloud  ACTIVE: restricted    Regional buffer             Low         48.0",
        "Meta       Self-hosted  —                     Open weights at home        Very High   81.0",
        "",
        "Top findings",
        "============",
        "1. Anthropic's API is switched off for Frankfurt. (−12.3 pts)",
        "   Sources: US export restriction (in force from 2026-03-02)",
        "            Sovra methodology (docs/METHODOLOGY.md)",
        "2. No tested fallback for Support bot. (−5.1 pts)",
        "   Sources: DORA Art. 28(8)",
        "",
        "Not recorded: verify",
        "====================",
        "Facts these scores rest on that nobody recorded; each is scored cautiously until it is:",
        "- fallback drill date (Meta)",
        "- hosting region (OpenAI)",
        "- hosting region (Anthropic)",
        "",
        "Top remediations",
        "================",
        "1. Add a tested fallback for Support bot (+6.5 pts)",
        "2. Self-host Llama for Code assistant (+4.2 pts)",
        "3. Move Search to an EU region (+3.1 pts)",
        "4. Document an exit plan for Search (+1.0 pts)",
        "5. Drill the fallback for Support bot (+0.8 pts)",
        "",
        "Scenario: Cut-off",
        "=================",
        "Cutting US closed models off in the EU takes 2 systems down; 1 recovers.",
        "Score after the shock: 33.1 (Very Low), -8.1 from 41.3.",
        "",
        "System          Criticality  Recovery     Offices hit  Switch / tolerated",
        "--------------  -----------  -----------  -----------  ------------------",
        "Support bot     high         no-recovery            2                   —",
        "Code assistant  medium       recovers               1          2 h / 24 h",
        "",
        "Teams affected: support, engineering · data flows affected: 3",
        "",
      ].join("\n"),
    );
  });

  it("prints a clean organisation's report: no restriction, nothing unrecorded, no remediation, no scenario", () => {
    const clean = result({ name: "Beta Ltd", score: 72.5, rating: "High", profile: "Hosts its own models.", vendors: [vendorResult({ key: "meta", name: "Meta", accessType: "Self-hosted", profile: "Home", rating: "High", score: 72.5, notRecorded: [] })] });
    expect(renderReport({ result: clean, scenario: undefined, remediations: [] }, false)).toBe(
      [
        "Sovereignty score: Beta Ltd",
        "As of 2026-11-01 · methodology 2026.12-1",
        "Organisation: 72.5 (High). Hosts its own models.",
        "",
        "Vendors",
        "=======",
        "Vendor  Access type  Restriction in force  Risk profile  Rating  Score",
        "------  -----------  --------------------  ------------  ------  -----",
        "Meta    Self-hosted  —                     Home          High     72.5",
        "",
        "Top findings",
        "============",
        "No material gaps found.",
        "",
      ].join("\n"),
    );
  });

  it("cuts a risk profile longer than 72 characters to 71 and an ellipsis, and keeps one of exactly 72", () => {
    const p72 = "Direct API to a US vendor, hosted in the US, no fallback, no exit plan.."; // 72 characters
    const p73 = "Direct API to a US vendor, hosted in the US, no fallback and no exit plan"; // 73 characters
    expect([p72.length, p73.length]).toEqual([72, 73]);
    const r = result({
      name: "Gamma",
      score: 30,
      rating: "Very Low",
      profile: "Weak.",
      vendors: [
        vendorResult({ key: "a", name: "A", accessType: "Direct API", profile: p72, rating: "Low", score: 40, notRecorded: [] }),
        vendorResult({ key: "b", name: "B", accessType: "Direct API", profile: p73, rating: "Low", score: 41, notRecorded: [] }),
      ],
    });
    const text = renderReport({ result: r, scenario: undefined, remediations: [] }, false).split("\n");
    expect(text).toContain("A       Direct API   —                     Direct API to a US vendor, hosted in the US, no fallback, no exit plan..  Low      40.0");
    expect(text).toContain("B       Direct API   —                     Direct API to a US vendor, hosted in the US, no fallback and no exit pl…  Low      41.0");
    // The board paper keeps the whole profile.
    expect(renderReport({ result: r, scenario: undefined, remediations: [] }, true)).toContain("| B | Direct API | — | Direct API to a US vendor, hosted in the US, no fallback and no exit plan | Low | 41.0 |");
  });
});

describe("the vendor table's order", () => {
  const v = (key: string, name: string, score: number) => vendorResult({ key, name, accessType: "Direct API", profile: "P", rating: "Medium", score, notRecorded: [] });
  const rows = (vendors: VendorResult[]) =>
    renderReport({ result: result({ name: "Epsilon", score: 45, rating: "Low", profile: "P", vendors }), scenario: undefined, remediations: [] }, true)
      .split("\n")
      .filter((l) => l.startsWith("| ") && !l.startsWith("| Vendor") && !l.startsWith("| ---"))
      .map((l) => l.split(" | ")[0]);
  const listed = [v("mistral", "Mistral AI", 50), v("aleph-alpha", "Aleph Alpha", 50), v("deepseek", "DeepSeek", 20), v("cohere", "Cohere", 50)];

  it.each([
    ["as the result lists them", listed],
    ["in reverse", listed.slice().reverse()],
  ])("puts the weakest vendor first and equal scores in key order, whatever the order they come in (%s)", (_l, vendors) => {
    expect(rows(vendors)).toEqual(["| DeepSeek", "| Aleph Alpha", "| Cohere", "| Mistral AI"]);
  });
});

describe("the Markdown report (a board paper)", () => {
  it("prints headings, pipe tables with escaped cells, the sources on one line and the rating scale", () => {
    expect(renderReport(acme, true)).toBe(
      [
        "# Sovereignty score: Acme GmbH",
        "",
        "As of 2026-09-01 · methodology 2026.12-1",
        "",
        "**Organisation**: 41.3 (Low). Active restriction: US export restriction on Anthropic's advanced models.",
        "",
        "## Active restrictions in force",
        "",
        `- **US export restriction on Anthropic's advanced models**: ${ANTHROPIC_BODY}`,
        "- **Meta licence excludes the EU**: in force since 2026-01-01. It reaches Meta in 1 AI system(s).",
        "",
        "*Estimated dates: no source gives them; an organisation can correct them for itself.*",
        "",
        "## Vendors",
        "",
        "| Vendor | Access type | Restriction in force | Risk profile | Rating | Score |",
        "| --- | --- | --- | --- | --- | ---: |",
        "| Anthropic | Direct API | ACTIVE: switched off | Switched off \\| no fallback | Very Low | 30.5 |",
        "| OpenAI | Direct API | — | API only | Very Low | 30.5 |",
        "| Google | API + cloud | ACTIVE: restricted | Regional buffer | Low | 48.0 |",
        "| Meta | Self-hosted | — | Open weights at home | Very High | 81.0 |",
        "",
        "## Top findings",
        "",
        "1. Anthropic's API is switched off for Frankfurt. (−12.3 pts)",
        "   - *Sources:* US export restriction (in force from 2026-03-02); Sovra methodology (docs/METHODOLOGY.md)",
        "2. No tested fallback for Support bot. (−5.1 pts)",
        "   - *Sources:* DORA Art. 28(8)",
        "",
        "## Not recorded: verify",
        "",
        "Facts these scores rest on that nobody recorded; each is scored cautiously until it is:",
        "",
        "- fallback drill date (Meta)",
        "- hosting region (OpenAI)",
        "- hosting region (Anthropic)",
        "",
        "## Top remediations",
        "",
        "1. Add a tested fallback for Support bot (+6.5 pts)",
        "2. Self-host Llama for Code assistant (+4.2 pts)",
        "3. Move Search to an EU region (+3.1 pts)",
        "4. Document an exit plan for Search (+1.0 pts)",
        "5. Drill the fallback for Support bot (+0.8 pts)",
        "",
        "## Scenario: Cut-off",
        "",
        "Cutting US closed models off in the EU takes 2 systems down; 1 recovers.",
        "Score after the shock: 33.1 (Very Low), -8.1 from 41.3.",
        "",
        "| System | Criticality | Recovery | Offices hit | Switch / tolerated |",
        "| --- | --- | --- | ---: | ---: |",
        "| Support bot | high | no-recovery | 2 | — |",
        "| Code assistant | medium | recovers | 1 | 2 h / 24 h |",
        "",
        "Teams affected: support, engineering · data flows affected: 3",
        "",
        "---",
        "",
        "*Scores from 0 (no sovereignty) to 100; ratings Very Low < 35 ≤ Low < 50 ≤ Medium < 65 ≤ High < 80 ≤ Very High. Sovra methodology 2026.12-1, as of 2026-09-01.*",
        "",
      ].join("\n"),
    );
  });
});

describe("the scenario section", () => {
  const report = (scenario: ScenarioResult) => renderReport({ result: acme.result, scenario, remediations: [] }, false);
  const tail = (text: string) => text.slice(text.indexOf("Scenario: Cut-off"));

  it.each([
    ["no change", 41.27, 41.27, 0, "Low", "Score after the shock: 41.3 (Low), +0.0 from 41.3."],
    ["a gain", 38.8, 41.3, 2.5, "Low", "Score after the shock: 41.3 (Low), +2.5 from 38.8."],
    ["a loss", 41.27, 36.04, -5.23, "Very Low", "Score after the shock: 36.0 (Very Low), -5.2 from 41.3."],
  ])("signs the score change: %s", (_l, before, after, delta, ratingAfter, line) => {
    expect(report(scenarioResult({ before, after, delta, ratingAfter })).split("\n")).toContain(line);
  });

  it("prints no system table and no teams line when no system is affected", () => {
    expect(tail(report(scenarioResult({ before: 41.27, after: 41.27, delta: 0, ratingAfter: "Low" })))).toBe(
      ["Scenario: Cut-off", "=================", "Cutting US closed models off in the EU takes 2 systems down; 1 recovers.", "Score after the shock: 41.3 (Low), +0.0 from 41.3.", ""].join("\n"),
    );
  });

  it("says no team was recorded when the affected systems name none", () => {
    const text = report(scenarioResult({ before: 41.27, after: 30, delta: -11.27, ratingAfter: "Very Low", systems: [system("Bot", "low", "uncertain", [], 8, 8)] }));
    expect(tail(text)).toBe(
      [
        "Scenario: Cut-off",
        "=================",
        "Cutting US closed models off in the EU takes 2 systems down; 1 recovers.",
        "Score after the shock: 30.0 (Very Low), -11.3 from 41.3.",
        "",
        "System  Criticality  Recovery   Offices hit  Switch / tolerated",
        "------  -----------  ---------  -----------  ------------------",
        "Bot     low          uncertain            0           8 h / 8 h",
        "",
        "Teams affected: none recorded · data flows affected: 0",
        "",
      ].join("\n"),
    );
  });
});

describe("what a restriction in force does, in words", () => {
  it("says when every system it switches off recovers through a tested fallback", () => {
    expect(restrictionBody(restriction({ vendors: ["OpenAI"], systems: 2, switchedOffSystems: 1, unrecoveredSystems: 0, largestShare: 0.333 }))).toBe(
      "in force since 2026-01-01. It reaches OpenAI in 2 AI system(s); it switches 1 off for some or all of their users (up to 33% of a system's users), each recovered by a tested fallback.",
    );
  });

  it("says only what it reaches when it switches nothing off", () => {
    expect(restrictionBody(restriction({ vendors: ["OpenAI", "Microsoft"], systems: 4, largestShare: 0.5 }))).toBe("in force since 2026-01-01. It reaches OpenAI, Microsoft in 4 AI system(s).");
  });

  it("marks a vendor switched off when any restriction reaching it blocks, restricted when none does, and nothing without one", () => {
    const v = (blocks: boolean[]) => restrictionMark(vendorResult({ key: "v", name: "V", accessType: "", profile: "", rating: "Low", score: 40, notRecorded: [], blocks }));
    expect([v([]), v([false]), v([false, true]), v([true, true])]).toEqual(["", "ACTIVE: restricted", "ACTIVE: switched off", "ACTIVE: switched off"]);
  });
});

describe("the note on estimated dates", () => {
  const NOTE = "  (Estimated dates: no source gives them; an organisation can correct them for itself.)";
  const lines = (restrictions: ActiveRestriction[]) =>
    renderReport({ result: result({ name: "Delta", score: 40, rating: "Low", profile: "Restricted.", restrictions, vendors: [] }), scenario: undefined, remediations: [] }, false).split("\n");

  it("is absent when every date comes from a source, and so is the section without restrictions", () => {
    expect(lines([restriction({ title: "Sourced" })])).not.toContain(NOTE);
    expect(lines([restriction({ title: "Sourced" })])).toContain("Active restrictions in force");
    expect(lines([])).not.toContain("Active restrictions in force");
  });

  it("appears when only one of several restrictions has an estimated date", () => {
    expect(lines([restriction({ title: "Estimated", dateEstimated: true }), restriction({ title: "Sourced" })])).toContain(NOTE);
  });

  it("appears when only one partial lift of a sourced restriction has an estimated date", () => {
    const r = restriction({ title: "Sourced", partialLifts: [lift("2026-05-01", false, "Lifted for allies"), lift("2026-06-01", true, "Lifted for Japan")] });
    expect(lines([r])).toContain(NOTE);
    expect(lines([r])).toContain("! Sourced: in force since 2026-01-01. Partly lifted on 2026-05-01: Lifted for allies. Partly lifted on 2026-06-01 (estimated date): Lifted for Japan. It reaches Meta in 1 AI system(s).");
  });
});
