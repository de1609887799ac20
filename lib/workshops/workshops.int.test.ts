// Workshops (decision 038, issue 15): starting one notes the score for the reveal, one runs at a
// time, the one-step capture writes a system with its model, path and fallback all together or
// not at all (catalogue entries added once), facts to verify stay open until confirmed, agreed
// actions enter the plan, and ending freezes an assessment labelled with the workshop. Roles,
// stale versions and isolation are in lib/mutations-guard, lib/roles and lib/tenancy. Against a
// real PostgreSQL.
import { beforeEach, describe, expect, it } from "vitest";
import { contextFor, db } from "@/lib/testing/db";
import { buildOffice, buildOrganisationWithMembers } from "@/prisma/factories";
import type { Role } from "@/lib/auth/permissions";
import { scoreOrganisation } from "@/lib/scores/queries";
import { listAssessmentNotes } from "@/lib/assessments/queries";
import { FREEZE_LIMITS } from "@/lib/assessments/mutations";
import { addAgreedAction } from "@/lib/remediation/mutations";
import * as workshops from "@/lib/workshops/mutations";
import * as scenarioMutations from "@/lib/scenarios/mutations";
import { loadInventoryDocument } from "@/lib/inventory/document";
import * as queries from "@/lib/workshops/queries";
import { captureSchema, startWorkshopSchema, workshopStepSchema } from "@/lib/workshops/schemas";
import { AGENDA, formatElapsed } from "@/lib/workshops/agenda";
import { startWorkshopSummaryRun } from "@/lib/reports/run-mutations";

type Org = Awaited<ReturnType<typeof buildOrganisationWithMembers>>;
let org: Org;
const as = (role: Role) => contextFor(org.organisation, org.users[role].id, role);
const organisationId = () => org.organisation.id;

/** A scoreable inventory: one office, a system on a closed US model by direct API. */
async function scoreableInventory() {
  const office = await buildOffice(db(), organisationId(), { name: "Frankfurt", country: "DE", headcount: 400 });
  const vendor = await db().vendor.create({ data: { organisationId: organisationId(), name: "OpenAI", vendorType: "frontier_lab", hqCountry: "US" } });
  const model = await db().model.create({ data: { organisationId: organisationId(), vendorId: vendor.id, name: "GPT-4o", family: "gpt-4o", weights: "closed", licence: "Commercial" } });
  const system = await db().aiSystem.create({ data: { organisationId: organisationId(), name: "Support bot", owner: "Service", criticality: "high", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId: organisationId(), aiSystemId: system.id, officeId: office.id } });
  await db().dependency.create({ data: { organisationId: organisationId(), aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
  return { office, vendor, model, system };
}

/** An inventory the engine refuses: a marketplace dependency without its cloud (written past the forms). */
async function unscoreableInventory() {
  const { system, model } = await scoreableInventory();
  await db().dependency.create({ data: { organisationId: organisationId(), aiSystemId: system.id, modelId: model.id, accessPath: "cloud_marketplace" } });
  const live = await scoreOrganisation(as("owner"));
  expect(live.ok).toBe(false);
}

const capture = (workshopId: string, over: Record<string, unknown> = {}) =>
  captureSchema.parse({ workshopId, name: "Contract review", owner: "Legal", criticality: "critical", downtimeHours: "8", model: "catalogue:openai-gpt", accessPath: "direct_api", ...over });

/** Every inventory row and audit event of the organisation, for "nothing was written". */
async function inventorySnapshot() {
  const where = { organisationId: organisationId() };
  const p = db();
  return JSON.stringify(await Promise.all([p.vendor.findMany({ where }), p.model.findMany({ where }), p.aiSystem.findMany({ where }), p.aiSystemOffice.findMany({ where }), p.dependency.findMany({ where }), p.fallback.findMany({ where }), p.verifyItem.findMany({ where }), p.auditEvent.count({ where })]));
}

beforeEach(async () => {
  org = await buildOrganisationWithMembers(db());
});

describe("starting a workshop", () => {
  it("notes the organisation's score and rating at the start, as the Scores page shows them", async () => {
    await scoreableInventory();
    const live = await scoreOrganisation(as("owner"));
    if (!live.ok) throw new Error("the inventory should be scoreable");
    const w = await workshops.startWorkshop(as("editor"), startWorkshopSchema.parse({ title: "Kick-off", attendees: "Ana (CTO)\nBen, Ana (CTO)" }));
    expect(w).toMatchObject({ title: "Kick-off", status: "running", step: 0, startRating: live.result.organisation.rating, attendees: ["Ana (CTO)", "Ben"] });
    expect(w.startScore).toBeCloseTo(live.result.organisation.score, 2);
  });

  it("starts on an inventory that cannot be scored yet, with no start score", async () => {
    await unscoreableInventory();
    const w = await workshops.startWorkshop(as("editor"), { title: "Empty start", attendees: [] });
    expect(w.startScore).toBeNull();
    expect(w.startRating).toBeNull();
  });

  it("refuses a second while one runs, naming it, and allows one after it ended", async () => {
    const first = await workshops.startWorkshop(as("owner"), { title: "Morning session", attendees: [] });
    await expect(workshops.startWorkshop(as("editor"), { title: "Afternoon", attendees: [] })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining('"Morning session" is still running') });
    await workshops.endWorkshop(as("owner"), first.id, first.version);
    await expect(workshops.startWorkshop(as("editor"), { title: "Afternoon", attendees: [] })).resolves.toMatchObject({ title: "Afternoon" });
    expect(await db().workshop.count({ where: { organisationId: organisationId() } })).toBe(2);
  });

  it("moves through the agenda, within its steps only", async () => {
    const w = await workshops.startWorkshop(as("owner"), { title: "Agenda", attendees: [] });
    const moved = await workshops.setWorkshopStep(as("editor"), w.id, w.version, 4);
    expect(moved).toMatchObject({ step: 4, version: w.version + 1 });
    expect(workshopStepSchema.safeParse({ id: w.id, version: 2, step: AGENDA.length }).success).toBe(false);
    expect(workshopStepSchema.safeParse({ id: w.id, version: 2, step: -1 }).success).toBe(false);
    expect(workshopStepSchema.safeParse({ id: w.id, version: 2, step: AGENDA.length - 1 }).success).toBe(true);
  });
});

describe("capturing a system in one step", () => {
  it("writes the system, its dependency and its fallback, adding catalogue vendors and models once", async () => {
    const office = await buildOffice(db(), organisationId(), { name: "Paris", country: "FR" });
    const w = await workshops.startWorkshop(as("owner"), { title: "Capture", attendees: [] });
    const first = await workshops.captureSystem(as("editor"), capture(w.id, { officeIds: [office.id], fallbackModel: "catalogue:mistral-large", fallbackAccessPath: "direct_api" }));
    const second = await workshops.captureSystem(as("editor"), capture(w.id, { name: "Sales assistant", fallbackModel: "catalogue:mistral-large", fallbackAccessPath: "direct_api" }));

    const vendors = await db().vendor.findMany({ where: { organisationId: organisationId() }, orderBy: { name: "asc" }, select: { name: true, catalogueKey: true, hqCountry: true } });
    expect(vendors).toEqual([
      { name: "Mistral AI", catalogueKey: "mistral", hqCountry: "FR" },
      { name: "OpenAI", catalogueKey: "openai", hqCountry: "US" },
    ]);
    const models = await db().model.findMany({ where: { organisationId: organisationId() }, select: { catalogueKey: true } });
    expect(models.map((m) => m.catalogueKey).sort()).toEqual(["mistral-large", "openai-gpt"]);

    const system = await db().aiSystem.findUniqueOrThrow({ where: { id: first.system.id }, include: { offices: true, dependencies: { include: { fallbacks: true, model: true } } } });
    expect(system).toMatchObject({ name: "Contract review", owner: "Legal", criticality: "critical", toleratedDowntimeMinutes: 480 });
    expect(system.offices.map((o) => o.officeId)).toEqual([office.id]);
    expect(system.dependencies).toHaveLength(1);
    expect(system.dependencies[0]).toMatchObject({ accessPath: "direct_api", cloudVendorId: null, hostingCountry: null, model: { catalogueKey: "openai-gpt" } });
    expect(system.dependencies[0]!.fallbacks).toHaveLength(1);
    expect(second.fallback).not.toBeNull();
    // One audit event per row written: 2 vendors, 2 models, then per capture a system, a dependency and a fallback.
    const audited = await db().auditEvent.groupBy({ by: ["entityType"], where: { organisationId: organisationId(), action: "create" }, _count: true, orderBy: { entityType: "asc" } });
    expect(Object.fromEntries(audited.map((a) => [a.entityType, a._count]))).toEqual({ ai_system: 2, dependency: 2, fallback: 2, model: 2, vendor: 2, workshop: 1 });
    // The new systems are listed as captured in this workshop, newest first.
    expect((await queries.listCapturedSystems(as("viewer"), w.startedAt)).map((s) => s.name)).toEqual(["Sales assistant", "Contract review"]);
  });

  it("uses the organisation's own model and a catalogue cloud for a marketplace path, with where it runs", async () => {
    const { model } = await scoreableInventory();
    const w = await workshops.startWorkshop(as("owner"), { title: "Marketplace", attendees: [] });
    const r = await workshops.captureSystem(as("owner"), capture(w.id, { model: `model:${model.id}`, accessPath: "cloud_marketplace", cloud: "catalogue:amazon", hostingCountry: "DE" }));
    const dep = await db().dependency.findUniqueOrThrow({ where: { id: r.dependency.id }, include: { cloudVendor: true } });
    expect(dep).toMatchObject({ modelId: model.id, accessPath: "cloud_marketplace", hostingCountry: "DE", cloudVendor: { catalogueKey: "amazon", vendorType: "hyperscaler" } });
    expect(await db().model.count({ where: { organisationId: organisationId() } })).toBe(1);
  });

  it("flags the captured system to verify when the room is unsure, with who verifies it", async () => {
    const w = await workshops.startWorkshop(as("owner"), { title: "Unsure", attendees: [] });
    const r = await workshops.captureSystem(as("editor"), capture(w.id, { unsure: "on", verifyQuestion: "Is it the EU endpoint?", verifyOwner: "Platform team" }));
    const open = await queries.listVerifyItems(as("viewer"), { open: true });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ workshopId: w.id, subjectType: "ai_system", subjectId: r.system.id, subjectLabel: "Contract review", question: "Is it the EU endpoint?", owner: "Platform team", confirmedAt: null });
    // Without a question, it asks to confirm what was captured.
    await workshops.captureSystem(as("editor"), capture(w.id, { name: "Other", unsure: "on", verifyOwner: "Ops" }));
    expect((await queries.listVerifyItems(as("viewer"), { open: true }))[1]!.question).toBe("Confirm the model, access path and fallback captured in the workshop.");
  });

  it.each([
    ["a system name that exists already", { name: "Support bot" }, "INVALID_INPUT", "name"],
    ["a fallback that is the primary itself", { fallbackModel: "catalogue:openai-gpt", fallbackAccessPath: "direct_api" }, "INVALID_INPUT", "fallbackModel"],
    ["a catalogue model that does not exist", { model: "catalogue:no-such-model" }, "INVALID_INPUT", "model"],
    ["a cloud that is not in the catalogue", { accessPath: "cloud_marketplace", cloud: "catalogue:nowhere", hostingCountry: "DE" }, "INVALID_INPUT", "cloud"],
    ["an office of nobody", { officeIds: ["01930000-0000-7000-8000-000000000000"] }, "INVALID_INPUT", "officeIds"],
  ])("writes nothing at all for %s, not even the catalogue vendor it would have added", async (_label, over, code, field) => {
    await scoreableInventory();
    const w = await workshops.startWorkshop(as("owner"), { title: "All or nothing", attendees: [] });
    const before = await inventorySnapshot();
    const error = await workshops.captureSystem(as("editor"), capture(w.id, { fallbackModel: "catalogue:mistral-large", fallbackAccessPath: "direct_api", ...over })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code, details: { fieldErrors: { [field]: [expect.any(String)] } } });
    expect(await inventorySnapshot()).toBe(before);
  });

  it("refuses to capture into a workshop that has ended, writing nothing", async () => {
    const w = await workshops.startWorkshop(as("owner"), { title: "Over", attendees: [] });
    await workshops.endWorkshop(as("owner"), w.id, w.version);
    const before = await inventorySnapshot();
    await expect(workshops.captureSystem(as("editor"), capture(w.id))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has ended") });
    expect(await inventorySnapshot()).toBe(before);
  });

  it.each([
    ["a marketplace path without its cloud", { accessPath: "cloud_marketplace", hostingCountry: "DE" }, "cloud"],
    ["a marketplace path without where it runs", { accessPath: "cloud_marketplace", cloud: "catalogue:amazon" }, "hostingCountry"],
    ["a cloud on a direct API path", { cloud: "catalogue:amazon" }, "cloud"],
    ["a fallback model without its path", { fallbackModel: "catalogue:mistral-large" }, "fallbackAccessPath"],
    ["a fallback path without its model", { fallbackAccessPath: "self_hosted" }, "fallbackModel"],
    ["a third-party hosted fallback without its cloud", { fallbackModel: "catalogue:mistral-large", fallbackAccessPath: "third_party_hosted", fallbackHostingCountry: "FR" }, "fallbackCloud"],
    ["an unsure fact without who verifies it", { unsure: "on" }, "verifyOwner"],
    ["a model typed but not chosen from the list", { model: "GPT-4o" }, "model"],
    ["no system name", { name: "  " }, "name"],
  ])("the form says what to fix for %s", (_label, over, field) => {
    const r = captureSchema.safeParse({ workshopId: crypto.randomUUID(), name: "X", owner: "Y", criticality: "high", model: "catalogue:openai-gpt", accessPath: "direct_api", ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});

describe("facts to verify", () => {
  it("stay open until someone confirms them, then say who and when", async () => {
    const { system } = await scoreableInventory();
    const item = await workshops.flagToVerify(as("editor"), { subjectType: "ai_system", subjectId: system.id, question: "Which region?", owner: "Ops" });
    expect(item.subjectLabel).toBe("Support bot");
    const confirmed = await workshops.confirmVerifyItem(as("editor"), item.id, item.version);
    expect(confirmed.confirmedBy).toBe(org.users.editor.name);
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);
    expect(await queries.listVerifyItems(as("viewer"), { open: true })).toEqual([]);
    expect(await queries.listVerifyItems(as("viewer"))).toHaveLength(1);
    await expect(workshops.confirmVerifyItem(as("owner"), item.id, confirmed.version)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("confirmed this already") });
  });

  it("name the row they are about, for each kind of row", async () => {
    const { office, vendor, model } = await scoreableInventory();
    const dep = await db().dependency.findFirstOrThrow({ where: { organisationId: organisationId() } });
    const fallback = await db().fallback.create({ data: { organisationId: organisationId(), dependencyId: dep.id, modelId: model.id, accessPath: "self_hosted" } });
    const labels = [];
    for (const [subjectType, subjectId] of [["office", office.id], ["vendor", vendor.id], ["model", model.id], ["dependency", dep.id], ["fallback", fallback.id]] as const) {
      labels.push((await workshops.flagToVerify(as("owner"), { subjectType, subjectId, question: "?", owner: "Ops" })).subjectLabel);
    }
    expect(labels).toEqual(["Frankfurt", "OpenAI", "GPT-4o", "Support bot on GPT-4o", "Support bot: fallback to GPT-4o"]);
  });
});

describe("agreed actions", () => {
  it("enter the plan with owner, date and the workshop's name, and are listed with the workshop", async () => {
    await scoreableInventory();
    const w = await workshops.startWorkshop(as("owner"), { title: "Board prep", attendees: [] });
    const action = await addAgreedAction(as("editor"), { workshopId: w.id, title: "Drill the Mistral fallback", ownerId: org.users.analyst.id, dueDate: new Date("2027-01-31T00:00:00Z"), priority: "critical" });
    const row = await db().remediationAction.findUniqueOrThrow({ where: { id: action.id } });
    expect(row).toMatchObject({ origin: "manual", description: 'Agreed in the workshop "Board prep".', ownerId: org.users.analyst.id, priority: "critical", expectedGain: 0 });
    expect(row.scoreAtCreation).not.toBeNull();
    expect((await queries.listWorkshopActions(as("viewer"), w)).map((a) => a.title)).toEqual(["Drill the Mistral fallback"]);
    await workshops.endWorkshop(as("owner"), w.id, w.version);
    await expect(addAgreedAction(as("editor"), { workshopId: w.id, title: "Late", ownerId: null, dueDate: null, priority: "low" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("ending a workshop", () => {
  it("freezes an assessment labelled with it and links it", async () => {
    await scoreableInventory();
    const w = await workshops.startWorkshop(as("editor"), { title: "Q1 workshop", attendees: [] });
    const { workshop, frozen } = await workshops.endWorkshop(as("editor"), w.id, w.version);
    expect(frozen).toBe("new");
    expect(workshop).toMatchObject({ status: "ended", endedAt: expect.any(Date) });
    const notes = await listAssessmentNotes(as("viewer"));
    expect(notes.get(workshop.assessmentId!)).toBe("Workshop: Q1 workshop");
    await expect(workshops.endWorkshop(as("editor"), w.id, workshop.version)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has ended already") });
    await expect(workshops.setWorkshopStep(as("editor"), w.id, workshop.version, 1)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has ended") });
  });

  it("links the latest assessment when nothing changed since it was frozen", async () => {
    await scoreableInventory();
    const first = await workshops.startWorkshop(as("owner"), { title: "First", attendees: [] });
    const a = await workshops.endWorkshop(as("owner"), first.id, first.version);
    const second = await workshops.startWorkshop(as("owner"), { title: "Second", attendees: [] });
    const b = await workshops.endWorkshop(as("owner"), second.id, second.version);
    expect(b.frozen).toBe("unchanged");
    expect(b.workshop.assessmentId).toBe(a.workshop.assessmentId);
    expect(await db().assessment.count({ where: { organisationId: organisationId() } })).toBe(1);
  });

  it("ends without an assessment when the inventory cannot be scored", async () => {
    await unscoreableInventory();
    const w = await workshops.startWorkshop(as("owner"), { title: "Nothing yet", attendees: [] });
    const r = await workshops.endWorkshop(as("owner"), w.id, w.version);
    expect(r.frozen).toBe("unscoreable");
    expect(r.workshop).toMatchObject({ status: "ended", assessmentId: null });
  });

  it("ends without an assessment, and says so, when the inventory is too large to freeze", async () => {
    await scoreableInventory();
    const w = await workshops.startWorkshop(as("owner"), { title: "Too much", attendees: [] });
    const saved = { ...FREEZE_LIMITS };
    FREEZE_LIMITS.maxFrozenChars = 100;
    let r: Awaited<ReturnType<typeof workshops.endWorkshop>>;
    try {
      r = await workshops.endWorkshop(as("owner"), w.id, w.version);
    } finally {
      Object.assign(FREEZE_LIMITS, saved);
    }
    expect(r.frozen).toBe("too_large");
    expect(r.workshop).toMatchObject({ status: "ended", assessmentId: null });
    expect(await db().assessment.count({ where: { organisationId: organisationId() } })).toBe(0);
  });
});

describe("the summary", () => {
  it("says who was there, what was captured, the rating before and frozen, the shocks run, the actions agreed and what is still open", async () => {
    await scoreableInventory();
    const w = await workshops.startWorkshop(as("owner"), { title: "Board prep", attendees: ["Ana (CTO)", "Ben (risk)"] });
    const captured = await workshops.captureSystem(as("editor"), capture(w.id, { fallbackModel: "catalogue:mistral-large", fallbackAccessPath: "direct_api", unsure: "on", verifyQuestion: "Which region?", verifyOwner: "Platform" }));
    const settled = await workshops.flagToVerify(as("owner"), { workshopId: w.id, subjectType: "ai_system", subjectId: captured.system.id, question: "Who owns it?", owner: "Legal" });
    await workshops.confirmVerifyItem(as("editor"), settled.id, settled.version);
    await addAgreedAction(as("owner"), { workshopId: w.id, title: "Drill the Mistral fallback", ownerId: org.users.analyst.id, dueDate: new Date("2027-01-31T00:00:00Z"), priority: "high" });
    // A shock run while the workshop ran (its last result as the Scenarios page stores it), and one run before it began.
    await db().scenario.create({ data: { organisationId: organisationId(), name: "OpenAI blocked in Germany", shocks: [], lastRunAt: new Date(), lastResult: { weightedImpactPercent: 62.5, score: { before: 41.2, after: 18.4 } } } });
    await db().scenario.create({ data: { organisationId: organisationId(), name: "Old run", shocks: [], lastRunAt: new Date("2026-01-01T00:00:00Z"), lastResult: {} } });
    const { workshop } = await workshops.endWorkshop(as("owner"), w.id, w.version);

    const s = (await queries.getWorkshopSummary(as("viewer"), w.id))!;
    expect(s.workshop).toMatchObject({ title: "Board prep", attendees: ["Ana (CTO)", "Ben (risk)"], facilitator: org.users.owner.name, startRating: w.startRating });
    const frozen = await db().assessment.findUniqueOrThrow({ where: { id: workshop.assessmentId! } });
    expect(s.assessment).toMatchObject({ id: frozen.id, score: frozen.score, rating: frozen.rating });
    expect(Object.keys(s.assessment.dimensions).sort()).toEqual(["access", "concentration", "fallback", "jurisdiction"]);
    expect(s.topRisks.length).toBeGreaterThan(0);
    expect(s.topRisks.length).toBeLessThanOrEqual(5);
    expect(s.captured.map((c) => c.name)).toEqual(["Contract review"]);
    expect(s.captured[0]!.dependencies[0]!.fallbacks).toHaveLength(1);
    expect(s.shocks).toEqual([{ name: "OpenAI blocked in Germany", impactPercent: 62.5, before: 41.2, after: 18.4 }]);
    expect(s.actions.map((a) => [a.title, a.owner?.email])).toEqual([["Drill the Mistral fallback", org.users.analyst.email]]);
    // Confirmed during the workshop: not an open question; the other one is.
    expect(s.questions).toEqual([{ subjectLabel: "Contract review", question: "Which region?", owner: "Platform" }]);
  });

  it("is made for an ended workshop with an assessment only", async () => {
    const running = await workshops.startWorkshop(as("owner"), { title: "Still running", attendees: [] });
    expect(await queries.getWorkshopSummary(as("owner"), running.id)).toBeNull();
    await expect(startWorkshopSummaryRun(as("editor"), { workshopId: running.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is still running") });
    await unscoreableInventory();
    const { workshop } = await workshops.endWorkshop(as("owner"), running.id, running.version);
    expect(workshop.assessmentId).toBeNull();
    expect(await queries.getWorkshopSummary(as("owner"), running.id)).toBeNull();
    await expect(startWorkshopSummaryRun(as("editor"), { workshopId: running.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("froze no assessment") });
    expect(await db().reportRun.count({ where: { organisationId: organisationId() } })).toBe(0);
  });
});

describe("shocks run in the room", () => {
  it("an editor facilitating runs a saved scenario live: the run is stored, audited and listed in the summary; once the workshop ends it is refused", async () => {
    await scoreableInventory();
    // The vendor as the inventory document names it (the key scenarios refer to).
    const vendorKey = (await loadInventoryDocument(as("owner"))).document.vendors[0]!.key;
    const scenario = await db().scenario.create({ data: { organisationId: organisationId(), name: "US lab cut off", shocks: [{ type: "vendor-blocked", vendor: vendorKey, countries: { only: ["DE"] } }] } });
    const w = await workshops.startWorkshop(as("editor"), { title: "Shock drill", attendees: [] });
    // An editor may not run scenarios on the Scenarios page, but runs the saved ones in a workshop they facilitate.
    await expect(scenarioMutations.runScenario(as("editor"), scenario.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const run = await scenarioMutations.runWorkshopShock(as("editor"), { workshopId: w.id, scenarioId: scenario.id });
    // The only system, high criticality, loses its only model in Germany with no fallback: all of the organisation's AI.
    expect(run.result.weightedImpactPercent).toBe(100);
    expect(run.result.counts).toMatchObject({ systemsAffected: 1, noRecovery: 1, recovers: 0 });
    expect(run.result.score.after).toBeLessThan(run.result.score.before);
    const stored = await db().scenario.findUniqueOrThrow({ where: { id: scenario.id } });
    expect(stored.lastRunAt).toEqual(run.lastRunAt);
    expect(stored.version).toBe(scenario.version); // running is not editing
    expect(await db().auditEvent.count({ where: { organisationId: organisationId(), entityType: "scenario_run", entityId: scenario.id, actorId: org.users.editor.id } })).toBe(1);

    const { workshop } = await workshops.endWorkshop(as("editor"), w.id, w.version);
    expect(workshop.assessmentId).not.toBeNull();
    const summary = (await queries.getWorkshopSummary(as("viewer"), w.id))!;
    expect(summary.shocks).toEqual([{ name: "US lab cut off", impactPercent: 100, before: run.result.score.before, after: run.result.score.after }]);

    const before = await db().scenario.findUniqueOrThrow({ where: { id: scenario.id } });
    await expect(scenarioMutations.runWorkshopShock(as("editor"), { workshopId: w.id, scenarioId: scenario.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has ended") });
    expect(await db().scenario.findUniqueOrThrow({ where: { id: scenario.id } })).toEqual(before);
  });

  it("answers NOT_FOUND for an unknown workshop or scenario, writing nothing", async () => {
    await scoreableInventory();
    const w = await workshops.startWorkshop(as("owner"), { title: "Shock drill", attendees: [] });
    const unknown = "01900000-0000-7000-8000-000000000000";
    await expect(scenarioMutations.runWorkshopShock(as("owner"), { workshopId: unknown, scenarioId: unknown })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(scenarioMutations.runWorkshopShock(as("owner"), { workshopId: w.id, scenarioId: unknown })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().auditEvent.count({ where: { organisationId: organisationId(), entityType: "scenario_run" } })).toBe(0);
  });
});

describe("the data-flow step's data", () => {
  it("offers each dependency with the vendor that receives the data and where it is processed, as the import derives them", async () => {
    const id = organisationId();
    const openai = await db().vendor.create({ data: { organisationId: id, name: "OpenAI", vendorType: "frontier_lab", hqCountry: "US" } });
    const azure = await db().vendor.create({ data: { organisationId: id, name: "Microsoft Azure", vendorType: "hyperscaler", hqCountry: "US" } });
    const meta = await db().vendor.create({ data: { organisationId: id, name: "Meta", vendorType: "frontier_lab", hqCountry: "US" } });
    const gpt = await db().model.create({ data: { organisationId: id, vendorId: openai.id, name: "GPT-4o", family: "gpt-4o", weights: "closed", licence: "Commercial" } });
    const llama = await db().model.create({ data: { organisationId: id, vendorId: meta.id, name: "Llama", family: "llama", weights: "open", licence: "Llama" } });
    const system = (name: string) => db().aiSystem.create({ data: { organisationId: id, name, owner: "Ops", criticality: "high", toleratedDowntimeMinutes: 60 } });
    const [support, archive, coder] = [await system("Support bot"), await system("Archive"), await system("Coder")];
    const dependency = (aiSystemId: string, modelId: string, more: { accessPath: "direct_api" | "cloud_marketplace" | "self_hosted"; cloudVendorId?: string; hostingCountry?: string }) =>
      db().dependency.create({ data: { organisationId: id, aiSystemId, modelId, ...more } });
    const direct = await dependency(support.id, gpt.id, { accessPath: "direct_api" });
    const viaAzure = await dependency(support.id, gpt.id, { accessPath: "cloud_marketplace", cloudVendorId: azure.id, hostingCountry: "SE" });
    const ownServer = await dependency(archive.id, llama.id, { accessPath: "self_hosted" });
    const paris = await dependency(coder.id, llama.id, { accessPath: "self_hosted", hostingCountry: "FR" });

    const choices = await queries.listFlowDependencies(as("viewer"));
    expect(choices.slice(0, 2)).toEqual([
      { id: ownServer.id, label: "Archive → Llama (self-hosted)", route: "Archive (Llama)", vendorId: meta.id, vendorName: "Meta", country: "DE" },
      { id: paris.id, label: "Coder → Llama (self-hosted)", route: "Coder (Llama)", vendorId: meta.id, vendorName: "Meta", country: "FR" },
    ]);
    // One system reaching one model two ways: the path tells them apart, in the suggested name too.
    expect(choices.slice(2).sort((a, b) => a.label.localeCompare(b.label))).toEqual([
      { id: viaAzure.id, label: "Support bot → GPT-4o (cloud marketplace)", route: "Support bot (GPT-4o, cloud marketplace)", vendorId: azure.id, vendorName: "Microsoft Azure", country: "SE" },
      { id: direct.id, label: "Support bot → GPT-4o (direct API)", route: "Support bot (GPT-4o, direct API)", vendorId: openai.id, vendorName: "OpenAI", country: "US" },
    ]);
  });

  it("lists the latest data flows first, bounded, with their origin, system, model and categories", async () => {
    const { office, vendor, system } = await scoreableInventory();
    const dependency = await db().dependency.findFirstOrThrow({ where: { organisationId: organisationId(), aiSystemId: system.id }, select: { id: true } });
    const flow = (name: string, categories: ("personal" | "internal")[]) =>
      db().dataFlow.create({ data: { organisationId: organisationId(), name, originOfficeId: office.id, dependencyId: dependency.id, vendorId: vendor.id, processingCountry: "US", dataCategories: categories, volume: "low", transferMechanism: "scc", encryption: "in_transit" } });
    const made = [await flow("First", ["internal"]), await flow("Second", ["personal"]), await flow("Third", ["personal", "internal"])];
    const latest = made.map((f) => f.id).sort().reverse();

    const all = await queries.listRecentDataFlows(as("viewer"), 500);
    expect(all.map((r) => r.id)).toEqual(latest);
    expect(all.find((r) => r.name === "Third")).toMatchObject({ processingCountry: "US", dataCategories: ["personal", "internal"], originOffice: { name: "Frankfurt" }, originAiSystem: null, dependency: { aiSystem: { name: "Support bot" }, model: { name: "GPT-4o" } } });
    expect((await queries.listRecentDataFlows(as("viewer"), 2)).map((r) => r.id)).toEqual(latest.slice(0, 2));
  });
});

describe("the timer", () => {
  it.each([
    [0, "0:00"],
    [59_999, "0:59"],
    [65_000, "1:05"],
    [3_599_000, "59:59"],
    [3_600_000, "1:00:00"],
    [3_729_000, "1:02:09"],
    [-5_000, "0:00"],
  ])("shows %i ms as %s", (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
