import { beforeEach, describe, expect, it } from "vitest";
import { getBoardReport } from "@/lib/reports/queries";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { createScenario } from "@/lib/scenarios/mutations";
import { scenarioSchema } from "@/lib/scenarios/schemas";
import { ROLES } from "@/lib/auth/permissions";
import { buildFrontierInventory } from "@/lib/testing/inventory-factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { buildOffice } from "@/prisma/factories";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { printContext } from "@/lib/reports/print-context";
import { createPrintToken } from "@/lib/reports/print-token";
import { formatDayLong } from "@/lib/dates";

// The print route's token is signed with AUTH_SECRET (read once, lazily, by lib/env).
const SECRET = "print-test-secret-print-test-secret-0123";
process.env.AUTH_SECRET = SECRET;

type World = Awaited<ReturnType<typeof twoOrganisations>>;

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const today = () => new Date().toISOString().slice(0, 10);

const inventory = (organisationId: string) => buildFrontierInventory(db(), organisationId, { toolCriticality: "critical" });

const blockedInEu = scenarioSchema.parse({
  name: "Frontier Labs blocked for the EU",
  description: "US vendor cuts off German and French users",
  shocks: JSON.stringify([{ type: "vendor-blocked", vendor: "frontier-labs", countries: { only: ["DE", "FR"] } }]),
});

describe("board report queries", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
  });

  it("reports a frozen assessment with the move since the previous one, the plan with owners and the scenarios simulated on the frozen inventory", async () => {
    const { fallback, tool } = await inventory(w.a.organisation.id);
    const analyst = w.ctx(w.a, "analyst");
    const first = await freezeAssessment(analyst, { note: "Before" });
    // The contract tool is downgraded: a second freeze with a changed inventory.
    await db().aiSystem.update({ where: { id: tool.id }, data: { criticality: "medium" } });
    const second = await freezeAssessment(analyst, { note: "For the board" });
    await createScenario(analyst, blockedInEu);
    await db().remediationAction.create({
      data: { organisationId: w.a.organisation.id, title: "Drill the contract review fallback", origin: "manual", priority: "high", ownerId: w.a.users.editor.id, expectedGain: 3, dueDate: daysAgo(2) },
    });
    // After the freeze, the inventory changes again: the report must not notice.
    await db().fallback.delete({ where: { id: fallback.id } });

    const report = await getBoardReport(w.ctx(w.a, "viewer"), second.id);
    expect(report).not.toBeNull();
    expect(report!.meta).toMatchObject({ assessmentId: second.id, asOf: today(), note: "For the board" });
    expect(report!.move?.previous.id).toBe(first.id);
    expect(report!.move?.reasons.join(" ")).toContain("inventory change");
    expect(report!.summary[1]!.text).toMatch(new RegExp(`from the assessment of ${formatDayLong(today())} \\(${first.score.toFixed(1)}, `));
    expect(report!.trend.map((t) => t.id)).toEqual([first.id, second.id]);

    expect(report!.plan.actions).toHaveLength(1);
    expect(report!.plan.actions[0]).toMatchObject({ title: "Drill the contract review fallback", owner: { id: w.a.users.editor.id }, overdueDays: 2, dueText: "Overdue by 2 days" });
    expect(report!.plan.overdue).toBe(1);

    // Simulated on the frozen inventory, where the support chat still had its tested fallback.
    const scenario = report!.scenarios.find((s) => s.name === blockedInEu.name)!;
    const bySystem = Object.fromEntries(scenario.result!.systems.map((s) => [s.name, s.status]));
    expect(bySystem).toEqual({ "Support chat": "recovers", "Contract review": "no-recovery" });
    expect(scenario.result!.score.before).toBe(second.score);

    // The appendix is the frozen inventory too: the deleted fallback is still there.
    const chat = report!.inventory.find((s) => s.name === "Support chat")!;
    expect(chat.dependencies[0]!.fallbacks).toHaveLength(1);
    expect(report!.inventory.map((s) => s.name)).toEqual(["Support chat", "Contract review"]); // critical first
  });

  it("opens with the restriction in force on the assessment's date, says why the score moved when it was partly lifted, and lists the facts nobody recorded", async () => {
    const { tool } = await inventory(w.a.organisation.id);
    const organisationId = w.a.organisation.id;
    const pune = await buildOffice(db(), organisationId, { name: "Pune", country: "IN", teams: ["Legal"] });
    await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: tool.id, officeId: pune.id } });
    const anthropic = await db().vendor.create({ data: { organisationId, name: "Anthropic", vendorType: "frontier_lab", hqCountry: "US" } });
    const claude = await db().model.create({ data: { organisationId, vendorId: anthropic.id, name: "Claude Sonnet", family: "claude", weights: "closed", licence: "proprietary" } });
    await db().dependency.create({ data: { organisationId, aiSystemId: tool.id, modelId: claude.id, accessPath: "direct_api" } });
    const owner = w.ctx(w.a, "owner");
    await freezeAssessment(owner, { asOf: "2026-05-04" });
    const eased = await freezeAssessment(owner, { asOf: "2026-09-01" });

    const report = (await getBoardReport(w.ctx(w.a, "viewer"), eased.id))!;
    expect(report.activeRestrictions.map((r) => [r.title, r.effectiveDate, r.dateEstimated, r.partialLifts.map((l) => [l.effectiveDate, l.dateEstimated]), r.vendors, r.switchedOffSystems, r.countries])).toEqual([
      ["US export restriction on Anthropic's advanced models", "2026-03-02", true, [["2026-07-13", true]], ["Anthropic"], 1, ["IN"]],
    ]);
    expect(report.headline.profile).toMatch(/^Active restriction: US export restriction on Anthropic's advanced models/);
    expect(report.move?.reasons).toContain("1 policy event was partly lifted (US export restriction on Anthropic's advanced models: US lifts the Anthropic restriction for allied nations)");
    expect(report.dashboard.vendors.find((v) => v.name === "Anthropic")?.activeRestrictions[0]?.effect).toMatch(/^Switched off for up to \d+% of an AI system's users; no tested fallback/);
    expect(report.notRecorded.find((v) => v.vendor === "Anthropic")?.items).toEqual(["where Claude Sonnet runs (assumed the United States)"]);
  });

  it("reports the first assessment without a move, and an older assessment without the later ones in its trend", async () => {
    await inventory(w.a.organisation.id);
    const owner = w.ctx(w.a, "owner");
    const first = await freezeAssessment(owner, { asOf: "2026-06-01" });
    await freezeAssessment(owner, { asOf: "2026-07-01" });
    const report = await getBoardReport(owner, first.id);
    expect(report!.move).toBeNull();
    expect(report!.trend.map((t) => t.id)).toEqual([first.id]);
    expect(report!.scenarios).toEqual([]);
  });

  it("answers null for an unknown id, a malformed id and another organisation's assessment, to every role", async () => {
    await inventory(w.a.organisation.id);
    const frozen = await freezeAssessment(w.ctx(w.a, "owner"));
    for (const role of ROLES) {
      expect(await getBoardReport(w.ctx(w.b, role), frozen.id)).toBeNull();
      expect((await getBoardReport(w.ctx(w.a, role), frozen.id))?.meta.assessmentId).toBe(frozen.id);
    }
    expect(await getBoardReport(w.ctx(w.a, "owner"), "0193a000-0000-7000-8000-000000000999")).toBeNull();
    expect(await getBoardReport(w.ctx(w.a, "owner"), "not-a-uuid")).toBeNull();
  });

  it("reads the database a fixed number of times, whatever the size of the plan and the number of scenarios", async () => {
    await inventory(w.a.organisation.id);
    const owner = w.ctx(w.a, "owner");
    await freezeAssessment(owner, { asOf: "2026-06-01" });
    const frozen = await freezeAssessment(owner);
    const counter = createQueryCounter();
    try {
      const small = await counter.count(() => getBoardReport(owner, frozen.id));
      for (let i = 0; i < 5; i++) {
        await createScenario(owner, { ...blockedInEu, name: `Scenario ${i}` });
        await db().remediationAction.create({ data: { organisationId: w.a.organisation.id, title: `Action ${i}`, origin: "manual", priority: "low", ownerId: w.a.users.owner.id, expectedGain: 1 } });
      }
      const large = await counter.count(() => getBoardReport(owner, frozen.id));
      expect(large.result?.scenarios).toHaveLength(5);
      expect(large.result?.plan.actions).toHaveLength(5);
      expect(large.statements.length).toBe(small.statements.length);
      expect(large.statements.length).toBeLessThanOrEqual(12);
    } finally {
      await counter.close();
    }
  });

  it("opens the print route's report with a token for the requesting member, as that member's access stands now", async () => {
    await inventory(w.a.organisation.id);
    const frozen = await freezeAssessment(w.ctx(w.a, "owner"));
    const viewer = w.a.users.viewer;
    const token = createPrintToken({ organisationId: w.a.organisation.id, userId: viewer.id, assessmentId: frozen.id, paper: "letter" }, SECRET);
    const access = await printContext(token);
    expect(access).toMatchObject({ assessmentId: frozen.id, paper: "letter", ctx: { organisationId: w.a.organisation.id, userId: viewer.id, role: "viewer" } });
    expect((await getBoardReport(access!.ctx, access!.assessmentId))?.meta.assessmentId).toBe(frozen.id);

    // Another organisation's assessment through B's token: no report.
    const bToken = createPrintToken({ organisationId: w.b.organisation.id, userId: w.b.users.owner.id, assessmentId: frozen.id, paper: "a4" }, SECRET);
    const bAccess = await printContext(bToken);
    expect(await getBoardReport(bAccess!.ctx, bAccess!.assessmentId)).toBeNull();
    // A token for a user who is not a member of the organisation, another secret's token, an expired one: nothing.
    expect(await printContext(createPrintToken({ organisationId: w.a.organisation.id, userId: w.b.users.owner.id, assessmentId: frozen.id, paper: "a4" }, SECRET))).toBeNull();
    expect(await printContext(createPrintToken({ organisationId: w.a.organisation.id, userId: viewer.id, assessmentId: frozen.id, paper: "a4" }, "another-secret-another-secret-another"))).toBeNull();
    expect(await printContext(createPrintToken({ organisationId: w.a.organisation.id, userId: viewer.id, assessmentId: frozen.id, paper: "a4" }, SECRET, 600, Date.now() - 601_000))).toBeNull();
    // Removed from the organisation after the job started: the token no longer opens anything.
    await db().membership.deleteMany({ where: { organisationId: w.a.organisation.id, userId: viewer.id } });
    expect(await printContext(token)).toBeNull();
  });
});
