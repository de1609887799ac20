import { beforeEach, describe, expect, it } from "vitest";
import { addSuggestionToPlan, closeRemediationAction, createRemediationAction, deleteRemediationAction, updateRemediationAction } from "@/lib/remediation/mutations";
import { getRemediationAction, listOwnerChoices, listRemediationActions, listRemediationSuggestions } from "@/lib/remediation/queries";
import { remediationSchema, suggestionSchema } from "@/lib/remediation/schemas";
import { dueText } from "@/lib/remediation/plan";
import { scoreOrganisation, today } from "@/lib/scores/queries";
import { buildEngagement, buildOffice, buildPracticeWithMembers } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

type World = Awaited<ReturnType<typeof twoOrganisations>>;

/** A US frontier API behind a critical support chat, with a self-hosted open-weight fallback that was never tested. */
async function inventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const frontier = await db().vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US" } });
  const publisher = await db().vendor.create({ data: { organisationId, name: "Open Weights SAS", vendorType: "open_weight_publisher", hqCountry: "FR" } });
  const closed = await db().model.create({ data: { organisationId, vendorId: frontier.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const open = await db().model.create({ data: { organisationId, vendorId: publisher.id, name: "Open Model", family: "open", weights: "open", licence: "Apache-2.0" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: closed.id, accessPath: "direct_api" } });
  const fallback = await db().fallback.create({
    data: { organisationId, dependencyId: dependency.id, modelId: open.id, accessPath: "self_hosted", hostingCountry: "DE", switchTimeMinutes: 60 },
  });
  return { system, dependency, fallback };
}

const manual = (over: Record<string, unknown> = {}) => remediationSchema.parse({ title: "Negotiate exit terms", description: "", ownerId: "", dueDate: "", priority: "high", expectedGain: "2.5", ...over });
const daysFromToday = (n: number) => new Date(Date.parse(`${today()}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe("remediation plan", () => {
  let w: World;
  let rows: Awaited<ReturnType<typeof inventory>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    rows = await inventory(w.a.organisation.id);
  });

  it("creates an action by hand with an owner who is a member, the score it started from, and an audit event", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const live = await scoreOrganisation(analyst);
    if (!live.ok) throw new Error("inventory should score");
    const action = await createRemediationAction(analyst, manual({ ownerId: w.a.users.editor.id, dueDate: daysFromToday(10) }));
    expect(action).toMatchObject({ origin: "manual", title: "Negotiate exit terms", priority: "high", expectedGain: 2.5, status: "open", findingKey: null, owner: { id: w.a.users.editor.id } });
    expect(action.scoreAtCreation).toBeCloseTo(live.result.organisation.score, 2);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityType: "remediation_action", entityId: action.id } });
    expect(audit).toMatchObject({ action: "create", actorId: w.a.users.analyst.id, after: expect.objectContaining({ title: "Negotiate exit terms" }) });
    expect((await listOwnerChoices(analyst)).map((u) => u.id)).toContain(w.a.users.editor.id);
  });

  it("offers and accepts the people of a practice working with the organisation as owners, under the practice's name, while the engagement is live", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const p = await buildPracticeWithMembers(db());
    const other = await buildPracticeWithMembers(db());
    const engagement = await buildEngagement(db(), p.practice.id, w.a.organisation.id, "editor");
    await buildEngagement(db(), other.practice.id, w.b.organisation.id, "editor");

    const choices = await listOwnerChoices(analyst);
    // The organisation's own members first, without a practice; then the practice's people, with its name.
    expect(choices.filter((c) => c.via === null).map((c) => c.id).sort()).toEqual(Object.values(w.a.users).map((u) => u.id).sort());
    expect(choices.filter((c) => c.via !== null).map((c) => [c.id, c.via])).toEqual(
      expect.arrayContaining([
        [p.users.partner.id, p.practice.name],
        [p.users.consultant.id, p.practice.name],
      ]),
    );
    expect(choices.filter((c) => c.via !== null)).toHaveLength(2); // not the other practice's people, who work with B
    const action = await createRemediationAction(analyst, manual({ ownerId: p.users.consultant.id }));
    expect(action.owner).toMatchObject({ id: p.users.consultant.id });
    await expect(createRemediationAction(analyst, manual({ ownerId: other.users.consultant.id }))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { ownerId: ["Choose a member of this organisation"] } } });

    // Archived: no longer offered, no longer accepted; the action already owned keeps its owner.
    await db().practiceClient.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
    expect((await listOwnerChoices(analyst)).filter((c) => c.via !== null)).toEqual([]);
    await expect(createRemediationAction(analyst, manual({ ownerId: p.users.partner.id }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await getRemediationAction(analyst, action.id))!.owner).toMatchObject({ id: p.users.consultant.id });
  });

  it("refuses an owner from another organisation, and an unknown one, saving nothing", async () => {
    const analyst = w.ctx(w.a, "analyst");
    await expect(createRemediationAction(analyst, manual({ ownerId: w.b.users.owner.id }))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { ownerId: ["Choose a member of this organisation"] } } });
    await expect(createRemediationAction(analyst, manual({ ownerId: "0190a3c4-0000-7000-8000-000000000000" }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const action = await createRemediationAction(analyst, manual());
    await expect(updateRemediationAction(analyst, action.id, action.version, { ownerId: w.b.users.analyst.id })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db().remediationAction.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);
    expect((await getRemediationAction(analyst, action.id))!.owner).toBeNull();
  });

  it("validates hand-written input with clear messages", () => {
    const r = remediationSchema.safeParse({ title: " ", priority: "urgent", expectedGain: "-1", dueDate: "31/12/2026", ownerId: "nobody" });
    expect(r.success).toBe(false);
    const fields = Object.keys(r.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(["dueDate", "expectedGain", "ownerId", "priority", "title"]);
  });

  it("adds an engine suggestion with the engine's expected gain, and adding it again adds nothing", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const found = await listRemediationSuggestions(analyst);
    if (!found.ok) throw new Error(found.message);
    const drill = found.suggestions.find((s) => s.kind === "test-fallback");
    expect(drill, JSON.stringify(found.suggestions.map((s) => s.id))).toBeDefined();
    expect(drill!.inPlan).toBeNull();

    const first = await addSuggestionToPlan(analyst, suggestionSchema.parse({ findingKey: drill!.id, ownerId: w.a.users.analyst.id, dueDate: "", priority: "critical" }));
    expect(first.created).toBe(true);
    expect(first.action).toMatchObject({ origin: "engine", findingKey: drill!.id, title: drill!.title, description: drill!.change, targetType: "ai_system", targetId: rows.system.id, priority: "critical" });
    expect(first.action.expectedGain).toBeCloseTo(drill!.expectedGain.organisation, 2);
    expect(first.action.expectedGain).toBeGreaterThan(0);

    const again = await addSuggestionToPlan(analyst, suggestionSchema.parse({ findingKey: drill!.id, priority: "low" }));
    expect(again).toMatchObject({ created: false, action: { id: first.action.id, priority: "critical" } });
    const concurrent = await Promise.all([1, 2].map(() => addSuggestionToPlan(analyst, suggestionSchema.parse({ findingKey: drill!.id }))));
    expect(concurrent.every((c) => !c.created && c.action.id === first.action.id)).toBe(true);
    expect(await db().remediationAction.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);

    const marked = await listRemediationSuggestions(analyst);
    expect(marked.ok && marked.suggestions.find((s) => s.id === drill!.id)!.inPlan).toEqual({ id: first.action.id, status: "open" });
  });

  it("refuses a suggestion the engine does not make", async () => {
    await expect(addSuggestionToPlan(w.ctx(w.a, "owner"), suggestionSchema.parse({ findingKey: "test-fallback:made-up" }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db().remediationAction.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("closing re-scores the inventory and records the gain achieved since the action entered the plan", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const found = await listRemediationSuggestions(analyst);
    if (!found.ok) throw new Error(found.message);
    const drill = found.suggestions.find((s) => s.kind === "test-fallback")!;
    const { action } = await addSuggestionToPlan(analyst, suggestionSchema.parse({ findingKey: drill.id }));

    // The work: the fallback drill is run and recorded in the inventory.
    await db().fallback.update({ where: { id: rows.fallback.id }, data: { lastTestedAt: new Date(`${today()}T00:00:00.000Z`) } });
    const closed = await closeRemediationAction(analyst, action.id, action.version);
    const live = await scoreOrganisation(analyst);
    if (!live.ok) throw new Error("inventory should score");
    expect(closed).toMatchObject({ status: "done", version: action.version + 1 });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(closed.scoreAtClose).toBeCloseTo(live.result.organisation.score, 2);
    expect(closed.achievedGain).toBeCloseTo(live.result.organisation.score - action.scoreAtCreation!, 2);
    expect(closed.achievedGain).toBeGreaterThan(0);
    expect(closed.achievedGain!).toBeCloseTo(action.expectedGain, 0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityId: action.id, action: "update" } });
    expect(audit.before).toMatchObject({ status: "open", achievedGain: null });
    expect(audit.after).toMatchObject({ status: "done", achievedGain: closed.achievedGain });

    // Reopening clears the close.
    const reopened = await updateRemediationAction(analyst, action.id, closed.version, { status: "in_progress" });
    expect(reopened).toMatchObject({ status: "in_progress", achievedGain: null, scoreAtClose: null, closedAt: null });
  });

  it("refuses a stale save with a message naming both versions, and keeps the first save", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const action = await createRemediationAction(analyst, manual());
    await updateRemediationAction(w.ctx(w.a, "owner"), action.id, action.version, { priority: "critical" });
    const stale = updateRemediationAction(analyst, action.id, action.version, { priority: "low", title: "Mine" });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/version 1, now: version 2/), details: { current: expect.objectContaining({ priority: "critical" }) } });
    await expect(deleteRemediationAction(analyst, action.id, action.version)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getRemediationAction(analyst, action.id))!).toMatchObject({ priority: "critical", title: "Negotiate exit terms", version: 2 });
  });

  it("deletes an action with an audit event", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const action = await createRemediationAction(analyst, manual());
    await deleteRemediationAction(analyst, action.id, action.version);
    expect(await getRemediationAction(analyst, action.id)).toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityId: action.id, action: "delete" } });
    expect(audit.before).toMatchObject({ title: "Negotiate exit terms" });
  });

  it("sorts the plan by value: active first, by expected gain, then priority, then due date; closed last", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const make = (title: string, over: Record<string, unknown>) => createRemediationAction(analyst, manual({ title, ...over }));
    const small = await make("small gain", { expectedGain: "0.5", priority: "critical" });
    await make("big gain", { expectedGain: "5" });
    await make("tie, high, later", { expectedGain: "2", priority: "high", dueDate: daysFromToday(20) });
    await make("tie, high, sooner", { expectedGain: "2", priority: "high", dueDate: daysFromToday(3) });
    await make("tie, critical", { expectedGain: "2", priority: "critical" });
    await make("tie, high, no date", { expectedGain: "2", priority: "high" });
    await updateRemediationAction(analyst, small.id, small.version, { status: "wont_do" });
    const biggestClosed = await make("closed, biggest gain", { expectedGain: "50" });
    await closeRemediationAction(analyst, biggestClosed.id, biggestClosed.version);
    expect((await listRemediationActions(analyst)).map((a) => a.title)).toEqual([
      "big gain",
      "tie, critical",
      "tie, high, sooner",
      "tie, high, later",
      "tie, high, no date",
      "closed, biggest gain",
      "small gain",
    ]);
  });

  it("marks active actions past their due date as overdue, in days", async () => {
    const analyst = w.ctx(w.a, "analyst");
    const late = await createRemediationAction(analyst, manual({ title: "late", dueDate: daysFromToday(-5) }));
    await createRemediationAction(analyst, manual({ title: "due today", dueDate: daysFromToday(0) }));
    const lateButDone = await createRemediationAction(analyst, manual({ title: "late but done", dueDate: daysFromToday(-9) }));
    await closeRemediationAction(analyst, lateButDone.id, lateButDone.version);
    const plan = await listRemediationActions(analyst);
    const by = (t: string) => plan.find((a) => a.title === t)!;
    expect(by("late").overdueDays).toBe(5);
    expect(dueText(by("late"), today())).toBe("Overdue by 5 days");
    expect(by("due today").overdueDays).toBeNull();
    expect(dueText(by("due today"), today())).toBe("Due today");
    expect(by("late but done").overdueDays).toBeNull();
    expect(late.id).toBe(by("late").id);
  });

  it("keeps each organisation's plan to itself", async () => {
    const action = await createRemediationAction(w.ctx(w.a, "analyst"), manual());
    const other = w.ctx(w.b, "owner");
    expect(await listRemediationActions(other)).toEqual([]);
    expect(await getRemediationAction(other, action.id)).toBeNull();
    await expect(updateRemediationAction(other, action.id, action.version, { title: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(closeRemediationAction(other, action.id, action.version)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteRemediationAction(other, action.id, action.version)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getRemediationAction(w.ctx(w.a, "viewer"), action.id))!.version).toBe(1);
  });

  it("lets every role read the plan and only owners and analysts change it", async () => {
    const action = await createRemediationAction(w.ctx(w.a, "owner"), manual());
    for (const role of ["editor", "viewer"] as const) {
      const ctx = w.ctx(w.a, role);
      expect(await listRemediationActions(ctx)).toHaveLength(1);
      await expect(createRemediationAction(ctx, manual())).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateRemediationAction(ctx, action.id, action.version, { title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteRemediationAction(ctx, action.id, action.version)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(addSuggestionToPlan(ctx, suggestionSchema.parse({ findingKey: "x" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
