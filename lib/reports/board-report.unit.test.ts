import { describe, expect, it } from "vitest";
import { assembleBoardReport, moveReasons, systemsWithoutTestedFallback, type BoardReportInput, type ReportPlanAction } from "@/lib/reports/board-report";
import { simulateForReport } from "@/lib/reports/report-scenarios";
import type { Assessment, AssessmentComparison, AssessmentSummary } from "@/lib/assessments/queries";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import { scoreInventory } from "@/scoring/score-inventory";
import { loadExample } from "@/scoring/testing/examples";
import { smallDoc } from "@/scoring/testing/fixtures";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { METHODOLOGY_VERSION } from "@/scoring/version";
import { asFrozenUnder202611, OLD_METHODOLOGY_VERSION } from "@/lib/assessments/frozen-2026-11.testing";

const AS_OF = "2026-11-01";
const ID = "0193a000-0000-7000-8000-0000000000a2";
const PREV = "0193a000-0000-7000-8000-0000000000a1";

function frozen(document: InventoryDocument, over: Partial<AssessmentSummary> = {}): Assessment {
  const result = scoreInventory(document, { asOf: AS_OF });
  return {
    id: ID,
    asOf: AS_OF,
    createdAt: "2026-11-01T09:30:00.000Z",
    score: result.organisation.score,
    rating: result.organisation.rating,
    methodologyVersion: result.methodologyVersion,
    inputsHash: "f".repeat(64),
    createdBy: { name: "Priya Raman", email: "risk@example.test" },
    inputs: document,
    landscape: { catalogueEvents: [...DEFAULT_POLICY_EVENTS], active: result.landscape.active },
    results: { ...result, skippedDataFlows: 0, note: "For the December board" },
    ...over,
  };
}

const action = (over: Partial<ReportPlanAction>): ReportPlanAction => ({
  id: "x",
  version: 1,
  title: "An action",
  description: "",
  origin: "engine",
  owner: { id: "0193a000-0000-7000-8000-0000000000b1", name: "Jonas Weber", email: "cto@example.test" },
  dueDate: "2026-12-01",
  dueText: "2026-12-01",
  overdueDays: null,
  status: "open",
  priority: "medium",
  expectedGain: 1,
  achievedGain: null,
  ...over,
});

function input(document: InventoryDocument, over: Partial<BoardReportInput> = {}): BoardReportInput {
  const assessment = frozen(document);
  return { assessment, document, history: [assessment], comparison: null, plan: [], scenarios: [], generatedAt: "2026-12-02T08:00:00.000Z", ...over };
}

function comparisonTo(a: Assessment, before: number, over: Partial<AssessmentComparison> = {}): AssessmentComparison {
  const prev: AssessmentSummary = { ...a, id: PREV, asOf: "2026-10-01", createdAt: "2026-10-01T10:00:00.000Z", score: before, rating: "Medium" };
  return {
    before: prev,
    after: a,
    organisation: { before, after: a.score, delta: Math.round((a.score - before) * 100) / 100, ratingBefore: "Medium", ratingAfter: a.rating, factors: [] },
    dimensions: [],
    vendors: [],
    systems: [],
    landscape: { imposed: [], lifted: [], partlyLifted: [] },
    inputs: [],
    methodology: { before: METHODOLOGY_VERSION, after: METHODOLOGY_VERSION, changed: false },
    asOfChanged: true,
    ...over,
  };
}

describe("board report: executive summary", () => {
  it("opens with the rating and score, the counts and the policy events in force, in plain words", () => {
    const report = assembleBoardReport(input(smallDoc()));
    const org = report.headline;
    expect(report.summary[0]!.refs).toEqual(["F1", "F3", "F7"]);
    expect(report.summary[0]!.text).toBe(
      `Acme's dependence on AI it does not control is rated ${org.rating} (${org.score.toFixed(1)} of 100, where higher is more sovereign) as of 1 November 2026, across 1 AI system and 1 model dependency, against ${org.policyEventsInForce} policy event${org.policyEventsInForce === 1 ? "" : "s"} in force.`,
    );
  });

  it("says a first assessment has nothing to compare against", () => {
    const report = assembleBoardReport(input(smallDoc()));
    expect(report.move).toBeNull();
    expect(report.summary[1]!.text).toMatch(/^This is the organisation's first frozen assessment/);
    expect(report.keyFigures.find((f) => f.id === "F2")).toMatchObject({ value: "—", detail: "first assessment" });
  });

  it("gives the move since the previous assessment and why: events, inventory changes and the factors that moved", () => {
    const doc = smallDoc();
    const a = frozen(doc);
    const comparison = comparisonTo(a, a.score + 2.34, {
      landscape: { imposed: [{ key: "ban", title: "EU ban on X", effectiveDate: "2026-10-15", dateEstimated: false }], lifted: [], partlyLifted: [] },
      inputs: [{ section: "fallbacks", key: "k", label: "Fallback Support bot → Mistral", change: "removed", fields: [] }],
      organisation: { before: a.score + 2.34, after: a.score, delta: -2.34, ratingBefore: "Medium", ratingAfter: a.rating, factors: [{ id: "fallback.exists", before: 9, after: 7, delta: -2, sentenceBefore: "", sentenceAfter: "" }] },
    });
    const report = assembleBoardReport({ ...input(doc), assessment: a, comparison });
    expect(report.summary[1]!.text).toBe(
      `The score is down 2.3 points from the assessment of 1 October 2026 (${(a.score + 2.34).toFixed(1)}, Medium). Why: 1 policy event came into force (EU ban on X); 1 inventory change (Fallback Support bot → Mistral removed); most of the move is in a usable fallback exists (−2.0).`,
    );
    expect(report.keyFigures.find((f) => f.id === "F2")).toMatchObject({ value: "−2.3", trace: `Assessment ${PREV.slice(0, 8)} → ${ID.slice(0, 8)}` });
  });

  it("names the critical systems without a tested fallback, counting only drills within 365 days before the assessment and not open weights held", () => {
    const doc = smallDoc({
      aiSystems: [
        { key: "bot", name: "Support bot", criticality: "critical", toleratedDowntimeHours: 4, offices: ["fra"] },
        { key: "fraud", name: "Fraud screening", criticality: "critical", toleratedDowntimeHours: 1, offices: ["fra"] },
        { key: "own", name: "Own model", criticality: "critical", toleratedDowntimeHours: 1, offices: ["fra"] },
        { key: "mail", name: "Mail drafts", criticality: "low", toleratedDowntimeHours: 48, offices: ["fra"] },
      ],
      dependencies: [
        { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
        { key: "fraud/gpt", system: "fraud", model: "gpt", accessPath: "direct-api" },
        { key: "own/llama", system: "own", model: "llama", accessPath: "self-hosted" },
        { key: "mail/gpt", system: "mail", model: "gpt", accessPath: "direct-api" },
      ],
      dataFlows: [],
      fallbacks: [
        { key: "fb1", dependency: "bot/gpt", model: "llama", accessPath: "self-hosted", lastTested: "2025-06-01" }, // stale: > 365 days
        { key: "fb2", dependency: "fraud/gpt", model: "llama", accessPath: "self-hosted", lastTested: "2026-09-01" },
      ],
    });
    expect(systemsWithoutTestedFallback(doc, AS_OF)).toEqual([{ key: "bot", name: "Support bot" }]);
    const report = assembleBoardReport(input(doc));
    expect(report.summary[2]!.text).toBe("1 of 3 critical AI systems lacks a fallback tested within the last 365 days for at least one model dependency: Support bot. If that model were switched off, recovery would depend on an untried plan.");
    expect(report.keyFigures.find((f) => f.id === "F4")).toMatchObject({ value: "1", detail: "of 3 critical systems" });
  });

  it("names five critical systems without a tested fallback and counts the rest", () => {
    const names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"];
    const doc = smallDoc({
      aiSystems: names.map((name) => ({ key: name.toLowerCase(), name, criticality: "critical" as const, toleratedDowntimeHours: 1, offices: ["fra"] })),
      dependencies: names.map((name) => ({ key: `${name.toLowerCase()}/gpt`, system: name.toLowerCase(), model: "gpt", accessPath: "direct-api" as const })),
      dataFlows: [],
    });
    const report = assembleBoardReport(input(doc));
    expect(report.summary[2]!.text).toBe("7 of 7 critical AI systems lack a fallback tested within the last 365 days for at least one model dependency: Alpha, Bravo, Charlie, Delta, Echo and 2 more. If that model were switched off, recovery would depend on an untried plan.");
  });

  it("names the biggest concentration by jurisdiction and vendor, and the plan's open, overdue and unowned actions", () => {
    const plan = [
      action({ id: "a", expectedGain: 4, overdueDays: 3, owner: null }),
      action({ id: "b", expectedGain: 2.5 }),
      action({ id: "c", status: "done", expectedGain: 9, achievedGain: 8 }),
    ];
    const report = assembleBoardReport(input(smallDoc(), { plan }));
    expect(report.summary.map((p) => p.text)).toContain("The biggest concentration: 100% of the criticality-weighted AI dependencies are controlled from the United States and 100% run on OPENAI's models.");
    expect(report.summary.at(-1)!.text).toBe("The remediation plan holds 2 open actions expected to add 6.5 points in total; 1 is overdue on 2 December 2026; 1 has no owner yet.");
    expect(report.plan).toMatchObject({ open: 2, overdue: 1, done: 1, expectedGain: 6.5, unowned: 1 });
    expect(report.plan.actions.map((a) => a.id)).toEqual(["a", "b", "c"]); // the plan's own order, kept
  });

  it("names the most severe scenario, simulated on the frozen inventory", () => {
    const doc = smallDoc();
    const scenarios = simulateForReport(doc, DEFAULT_POLICY_EVENTS, AS_OF, [
      { id: "s1", name: "Nothing happens to Mistral", description: "", shocks: [{ type: "vendor-blocked", vendor: "mistral", countries: { only: ["DE"] } }], asOf: null },
      { id: "s2", name: "OpenAI blocked in Germany", description: "", shocks: [{ type: "vendor-blocked", vendor: "openai", countries: { only: ["DE"] } }], asOf: null },
      { id: "s3", name: "Broken", description: "", shocks: [{ type: "no-such-shock" }], asOf: null },
    ]);
    expect(scenarios.map((s) => [s.name, s.result?.counts.systemsAffected ?? null, s.problem !== null])).toEqual([
      ["Nothing happens to Mistral", 0, false],
      ["OpenAI blocked in Germany", 1, false],
      ["Broken", null, true],
    ]);
    expect(scenarios[1]!.shocks).toEqual(["OPENAI blocked for users in Germany"]); // the vendor's name, not its key
    const report = assembleBoardReport(input(doc, { scenarios }));
    const worst = scenarios[1]!.result!;
    expect(report.summary.map((p) => p.text)).toContain(
      `Of 3 saved scenarios, the most severe is “OpenAI blocked in Germany”: 1 AI system would lose service, ${worst.counts.noRecovery} without any recovery, and ${worst.weightedImpactPercent.toFixed(1)}% of the criticality-weighted AI would not recover in time; the score would move from ${worst.score.before.toFixed(1)} to ${worst.score.after.toFixed(1)}.`,
    );
  });
});

describe("board report: ordering and traceability", () => {
  const doc = loadExample("frankfurt-manufacturer");

  it("lists top risks in the engine's order (restrictions in force first, then the largest loss) with refs, the factor behind each and its sources", () => {
    const report = assembleBoardReport(input(doc));
    expect(report.topRisks.length).toBeGreaterThan(3);
    expect(report.topRisks.map((r) => r.ref)).toEqual(report.topRisks.map((_, i) => `R${i + 1}`));
    const rank = (id: string) => (id === "jurisdiction.switched-off" ? 0 : id === "jurisdiction.restrictions" ? 1 : 2);
    const keys = report.topRisks.map((r) => [rank(r.factorId), -r.pointsLost] as const);
    expect(keys).toEqual([...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
    // On 2026-11-01 the US restriction on Anthropic's models still cuts the Pune office off: it leads.
    expect(report.topRisks[0]!.factorId).toBe("jurisdiction.switched-off");
    const first = report.topRisks[0]!;
    expect(first.factors.some((f) => f.id === first.factorId)).toBe(true);
    expect(first.dependencyLabel).toMatch(/ · (Direct API|Cloud marketplace|Third-party hosted|Self-hosted)$/);
    expect(report.summaryFindings).toEqual(report.topRisks.slice(0, 3));
    // Every source a risk cites is in the methodology appendix.
    const cited = new Set(report.methodology.citedSources.map((s) => `${s.kind}:${s.ref}`));
    for (const r of report.topRisks) for (const s of r.sources) expect(cited.has(`${s.kind}:${s.ref}`)).toBe(true);
  });

  it("orders the inventory appendix critical first, then weakest first, with every dependency and fallback", () => {
    const report = assembleBoardReport(input(doc));
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    const keys = report.inventory.map((s) => [rank[s.criticality], s.score ?? 101] as const);
    expect(keys).toEqual([...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
    expect(report.inventory).toHaveLength(doc.aiSystems.length);
    expect(report.inventory.flatMap((s) => s.dependencies)).toHaveLength(doc.dependencies.length);
    expect(report.inventory.flatMap((s) => s.dependencies.flatMap((d) => d.fallbacks))).toHaveLength(doc.fallbacks.length);
    const support = report.inventory.find((s) => s.key === "support-bot")!;
    expect(support.dependencies[0]!.fallbacks[0]).toMatchObject({ model: expect.any(String), lastTested: "2026-08-15", tested: true, switchTimeHours: 2 });
    // Open weights the organisation hosts need no fallback; the rest are marked as not held.
    const held = report.inventory.flatMap((s) => s.dependencies).filter((d) => d.heldOpenWeights).map((d) => d.key);
    expect(held.sort()).toEqual(["doc-search/llama", "quality-vision/phi"]);
  });

  it("keeps the trend to this assessment and earlier ones, oldest first", () => {
    const a = frozen(doc);
    const older = { ...a, id: PREV, createdAt: "2026-10-01T10:00:00.000Z", asOf: "2026-10-01", score: 50 };
    const newer = { ...a, id: "0193a000-0000-7000-8000-0000000000a3", createdAt: "2026-11-20T10:00:00.000Z", asOf: "2026-11-20", score: 70 };
    const report = assembleBoardReport({ ...input(doc), assessment: a, history: [newer, a, older] });
    expect(report.trend.map((t) => t.id)).toEqual([PREV, ID]);
  });

  it("records the methodology: version, weights summing to 1, the rating scale and the policy events in force with their sources", () => {
    const report = assembleBoardReport(input(doc));
    const m = report.methodology;
    expect(m.version).toBe(METHODOLOGY_VERSION);
    expect(m.dimensions.reduce((s, d) => s + d.weight, 0)).toBeCloseTo(1, 9);
    expect(m.ratingScale.map((r) => r.rating)).toEqual(["Very High", "High", "Medium", "Low", "Very Low"]);
    expect(m.ratingScale[0]).toEqual({ rating: "Very High", from: 80, to: null });
    expect(m.policyEvents).toHaveLength(report.headline.policyEventsInForce);
    for (const e of m.policyEvents) expect(e.source).not.toBe("not recorded");
    expect(report.meta).toMatchObject({ assessmentId: ID, asOf: AS_OF, methodologyVersion: METHODOLOGY_VERSION, frozenBy: "Priya Raman", note: "For the December board" });
  });

  it("gives every key figure a trace back to the assessment or the plan", () => {
    const report = assembleBoardReport(input(doc));
    expect(report.keyFigures.map((f) => f.id)).toEqual(["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"]);
    for (const f of report.keyFigures) expect(f.trace).toMatch(/^(Assessment [0-9a-f]{8}|Remediation plan on 2 December 2026)/);
    expect(report.keyFigures[0]).toMatchObject({ value: report.headline.score.toFixed(1), trace: `Assessment ${ID.slice(0, 8)} · organisation score, as frozen` });
    // Traces are written for the board, never as the document's JSON paths.
    for (const f of report.keyFigures) expect(f.trace, f.label).not.toMatch(/\b(results|inputs|landscape)\.[a-z]/);
  });
});

describe("moveReasons", () => {
  it("says nothing when nothing changed", () => {
    const a = frozen(smallDoc());
    expect(moveReasons(comparisonTo(a, a.score))).toEqual([]);
  });

  it("names a policy event partly lifted in between, with the lift", () => {
    const a = frozen(smallDoc());
    const restriction = { key: "r", title: "US export restriction on Anthropic's advanced models", effectiveDate: "2026-03-02", dateEstimated: true };
    const lift = { key: "l", title: "US lifts the Anthropic restriction for allied nations", effectiveDate: "2026-07-13", dateEstimated: true };
    const c = comparisonTo(a, a.score, { landscape: { imposed: [], lifted: [], partlyLifted: [{ ...restriction, lifts: [lift] }] } });
    expect(moveReasons(c)).toEqual(["1 policy event was partly lifted (US export restriction on Anthropic's advanced models: US lifts the Anthropic restriction for allied nations)"]);
  });
});

describe("board report: active restrictions and facts nobody recorded", () => {
  const doc = loadExample("frankfurt-manufacturer");

  it("opens the executive summary with the restrictions in force on the assessment's date: the US restriction on Anthropic, its estimated dates, its partial lift and what it switches off", () => {
    const report = assembleBoardReport(input(doc));
    expect(report.activeRestrictions).toHaveLength(1);
    expect(report.activeRestrictions[0]).toMatchObject({
      key: "us-anthropic-model-export-restriction",
      title: "US export restriction on Anthropic's advanced models",
      typeLabel: "Export control",
      effectiveDate: "2026-03-02",
      dateEstimated: true,
      partialLifts: [{ title: "US lifts the Anthropic restriction for allied nations", effectiveDate: "2026-07-13", dateEstimated: true }],
      vendors: ["Anthropic"],
      switchedOffSystems: 2,
    });
    expect(report.activeRestrictions[0]!.countries).toContain("IN");
    expect(report.headline.profile).toMatch(/^Active restriction: US export restriction on Anthropic's advanced models \(in force since 2026-03-02, estimated date, partly lifted\)/);
    // The vendor table carries the mark on Anthropic's row.
    expect(report.dashboard.vendors.find((v) => v.name === "Anthropic")!.activeRestrictions.map((r) => [r.title, r.dateEstimated, r.partlyLifted])).toEqual([["US export restriction on Anthropic's advanced models", true, true]]);
  });

  it("lists the facts nobody recorded, by vendor name, once each", () => {
    const report = assembleBoardReport(input(doc));
    const results = input(doc).assessment.results;
    const expected = results.vendors.filter((v) => v.dependencyCount > 0 && v.notRecorded.length > 0);
    expect(report.notRecorded.map((v) => v.vendor)).toEqual(expected.map((v) => v.name).sort((a, b) => a.localeCompare(b)));
    expect(report.notRecorded.find((v) => v.vendor === "OpenAI")?.items).toEqual(["whether OpenAI is certified under the EU-US Data Privacy Framework (scored as not certified)"]);
    for (const v of report.notRecorded) expect(new Set(v.items).size).toBe(v.items.length);
  });

  it("assembles an assessment frozen under 2026.11-1, whose results record neither, without them", () => {
    const base = input(doc);
    const old = { ...base.assessment, methodologyVersion: OLD_METHODOLOGY_VERSION, results: asFrozenUnder202611(base.assessment.results) };
    const report = assembleBoardReport({ ...base, assessment: old, history: [old] });
    expect(report.activeRestrictions).toEqual([]);
    expect(report.notRecorded).toEqual([]);
    expect(report.dashboard.vendors.every((v) => v.activeRestrictions.length === 0)).toBe(true);
    expect(report.meta.methodologyVersion).toBe(OLD_METHODOLOGY_VERSION);
    expect(report.topRisks.length).toBeGreaterThan(0);
  });

  it("has no block for an organisation no restriction reaches", () => {
    const report = assembleBoardReport(input(smallDoc()));
    expect(report.activeRestrictions).toEqual([]);
  });
});
