// The pre-workshop questionnaire (decision 039, issue 15): a link answered without an account,
// expiring, revocable and throttled; answers arrive as drafts; a reviewer adds each to the
// inventory (a system with its model and path, all or nothing), merges it with an AI system
// already there, or rejects it, and can reopen a rejection. Roles, stale versions and isolation
// are also in lib/mutations-guard, lib/roles and lib/tenancy. Against a real PostgreSQL.
import { beforeEach, describe, expect, it } from "vitest";
import { contextFor, db } from "@/lib/testing/db";
import { buildOrganisationWithMembers } from "@/prisma/factories";
import type { Role } from "@/lib/auth/permissions";
import { THROTTLE } from "@/lib/auth/throttle";
import * as q from "@/lib/questionnaires/mutations";
import * as queries from "@/lib/questionnaires/queries";
import { addItemSchema, answerSchema, MAX_ITEMS_PER_ANSWER, parseAnswer } from "@/lib/questionnaires/schemas";

type Org = Awaited<ReturnType<typeof buildOrganisationWithMembers>>;
let org: Org;
let other: Org;
const as = (role: Role, o: Org = org) => contextFor(o.organisation, o.users[role].id, role);
let addressCount = 0;
/** A fresh client address per call, so that tests do not share a throttle. */
const address = () => `198.51.100.${++addressCount % 250}-${Date.now()}`;

const answer = (token: string, items: Record<string, string>[] = [{ systemName: "ChatGPT", purpose: "Drafting customer emails", vendorName: "OpenAI", modelName: "GPT-4o" }], over: Record<string, unknown> = {}) => {
  const cols = (f: string) => items.map((i) => i[f] ?? "");
  return answerSchema.parse({ token, respondentName: "Dana Vogel", respondentEmail: "dana@example.com", team: "Customer service", systemName: cols("systemName"), purpose: cols("purpose"), vendorName: cols("vendorName"), modelName: cols("modelName"), dataNote: cols("dataNote"), ...over });
};

/** Every row an answer or a review can write, and the audit count, for "nothing was written". */
async function snapshot(o: Org = org) {
  const where = { organisationId: o.organisation.id };
  const p = db();
  return JSON.stringify(await Promise.all([p.questionnaireResponse.findMany({ where }), p.questionnaireItem.findMany({ where }), p.vendor.findMany({ where }), p.model.findMany({ where }), p.aiSystem.findMany({ where }), p.dependency.findMany({ where }), p.auditEvent.count({ where })]));
}

async function answeredItem() {
  const { token } = await q.createQuestionnaire(as("editor"), { title: "Before the workshop", days: 14 });
  await q.submitQuestionnaireAnswer(answer(token), address());
  const [item] = await queries.listPendingItems(as("editor"));
  return { token, item: item! };
}

const addInput = (item: { id: string; version: number }, over: Record<string, unknown> = {}) =>
  addItemSchema.parse({ id: item.id, version: String(item.version), name: "Email drafting assistant", owner: "Customer service", criticality: "medium", downtimeHours: "24", model: "catalogue:openai-gpt", accessPath: "direct_api", ...over });

beforeEach(async () => {
  org = await buildOrganisationWithMembers(db());
  other = await buildOrganisationWithMembers(db());
});

describe("the link", () => {
  it("is made with a token shown once and kept only as its hash, and opens for anyone holding it", async () => {
    const { questionnaire, token } = await q.createQuestionnaire(as("editor"), { title: "Before the workshop", days: 14 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db().questionnaire.findUniqueOrThrow({ where: { id: questionnaire.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(13.9 * 24 * 3600 * 1000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(14 * 24 * 3600 * 1000);
    expect(await queries.findUsableQuestionnaire(token)).toEqual({ title: "Before the workshop", expiresAt: row.expiresAt, organisationName: org.organisation.name });
    const [listed] = await queries.listQuestionnaires(as("owner"));
    expect(listed).toMatchObject({ id: questionnaire.id, state: "open", answers: 0, pending: 0 });
  });

  it("takes no answer once revoked or expired, with one message for both and for a link that never existed; nothing is written", async () => {
    const revoked = await q.createQuestionnaire(as("editor"), { title: "Revoked", days: 14 });
    await q.revokeQuestionnaire(as("owner"), revoked.questionnaire.id, revoked.questionnaire.version);
    const expired = await q.createQuestionnaire(as("editor"), { title: "Expired", days: 1 });
    await db().questionnaire.update({ where: { id: expired.questionnaire.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await snapshot();
    for (const token of [revoked.token, expired.token, "A".repeat(43)]) {
      expect(await queries.findUsableQuestionnaire(token)).toBeNull();
      await expect(q.submitQuestionnaireAnswer(answer(token), address())).rejects.toMatchObject({ code: "NOT_FOUND", message: q.UNUSABLE_LINK });
    }
    expect(await snapshot()).toBe(before);
    expect((await queries.listQuestionnaires(as("owner"))).map((l) => [l.title, l.state])).toEqual([
      ["Expired", "expired"],
      ["Revoked", "revoked"],
    ]);
  });

  it("refuses a second revocation and a stale one", async () => {
    const { questionnaire } = await q.createQuestionnaire(as("editor"), { title: "Once", days: 3 });
    await expect(q.revokeQuestionnaire(as("owner"), questionnaire.id, questionnaire.version + 1)).rejects.toMatchObject({ code: "CONFLICT" });
    await q.revokeQuestionnaire(as("owner"), questionnaire.id, questionnaire.version);
    await expect(q.revokeQuestionnaire(as("owner"), questionnaire.id, questionnaire.version + 1)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("revoked already") });
  });
});

describe("answering", () => {
  it("writes the answer and its items as drafts, and nothing in the inventory", async () => {
    const { token } = await q.createQuestionnaire(as("editor"), { title: "Before the workshop", days: 14 });
    const inventoryBefore = await db().aiSystem.count({ where: { organisationId: org.organisation.id } });
    const result = await q.submitQuestionnaireAnswer(
      answer(token, [
        { systemName: "ChatGPT", purpose: "Drafting customer emails", vendorName: "OpenAI", modelName: "GPT-4o", dataNote: "Customer names" },
        { systemName: "", purpose: "", vendorName: "", modelName: "", dataNote: "" },
        { systemName: "Copilot", purpose: "Code completion" },
      ]),
      address(),
    );
    expect(result).toEqual({ organisationName: org.organisation.name, items: 2 });
    const pending = await queries.listPendingItems(as("editor"));
    expect(pending.map((i) => [i.systemName, i.purpose, i.vendorName, i.modelName, i.dataNote, i.status, i.response.respondentName, i.response.team])).toEqual([
      ["ChatGPT", "Drafting customer emails", "OpenAI", "GPT-4o", "Customer names", "pending", "Dana Vogel", "Customer service"],
      ["Copilot", "Code completion", null, null, null, "pending", "Dana Vogel", "Customer service"],
    ]);
    expect(await db().aiSystem.count({ where: { organisationId: org.organisation.id } })).toBe(inventoryBefore);
    expect(await queries.listRespondents(as("editor"))).toMatchObject([{ respondentName: "Dana Vogel", respondentEmail: "dana@example.com", items: 2, pending: 2 }]);
    expect((await queries.listQuestionnaires(as("editor")))[0]).toMatchObject({ answers: 1, pending: 2 });
    // Recorded without an actor: nobody was signed in.
    const event = await db().auditEvent.findFirstOrThrow({ where: { organisationId: org.organisation.id, entityType: "questionnaire_response" } });
    expect(event).toMatchObject({ action: "answer", actorId: null });
  });

  it("names each bad row's field and refuses an answer with no item or too many", () => {
    const bad = parseAnswer({ token: "A".repeat(43), respondentName: "", systemName: ["ChatGPT", "Copilot"], purpose: ["", "Code"], vendorName: ["", ""], modelName: ["", ""], dataNote: ["", ""] });
    expect(bad).toEqual({ ok: false, fieldErrors: { respondentName: ["Enter your name"], "items.0.purpose": ["Say what you use it for"] } });
    expect(parseAnswer({ token: "A".repeat(43), respondentName: "Dana", systemName: "", purpose: "" })).toEqual({ ok: false, fieldErrors: { items: ["Name at least one AI system or tool you use"] } });
    const many = Array.from({ length: MAX_ITEMS_PER_ANSWER + 1 }, (_, i) => `Tool ${i}`);
    expect(parseAnswer({ token: "A".repeat(43), respondentName: "Dana", systemName: many, purpose: many })).toMatchObject({ ok: false, fieldErrors: { items: [expect.stringContaining(`at most ${MAX_ITEMS_PER_ANSWER}`)] } });
    expect(parseAnswer({ token: "not a token", respondentName: "Dana", systemName: "X", purpose: "Y" })).toMatchObject({ ok: false, fieldErrors: { token: ["This questionnaire link is not valid"] } });
  });

  it("throttles answers through one link from one address past the allowance, and writes nothing for the refused one", async () => {
    const { token } = await q.createQuestionnaire(as("editor"), { title: "Busy", days: 14 });
    const from = address();
    // The allowance, written out: 30 answers from one address through one link, then a wait.
    for (let i = 0; i < 30; i++) await q.submitQuestionnaireAnswer(answer(token), from);
    expect(THROTTLE.questionnaire.free).toBe(30);
    const before = await snapshot();
    await expect(q.submitQuestionnaireAnswer(answer(token), from)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await snapshot()).toBe(before);
    // Another address is not held up by it.
    await expect(q.submitQuestionnaireAnswer(answer(token), address())).resolves.toMatchObject({ items: 1 });
  });

  it("counts links that do not work against the address, like invitation links", async () => {
    const from = address();
    // Ten links that do not work (the link allowance per address, as for invitations), then even a working one waits.
    for (let i = 0; i < 10; i++) await expect(q.submitQuestionnaireAnswer(answer(`${"B".repeat(40)}${String(i).padStart(3, "0")}`), from)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { token } = await q.createQuestionnaire(as("editor"), { title: "Real", days: 14 });
    await expect(q.submitQuestionnaireAnswer(answer(token), from)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("reviewing", () => {
  it("adds an item to the inventory as a system with its model and path, in one step with the review", async () => {
    const { item } = await answeredItem();
    const { system, dependency } = await q.addItemToInventory(as("editor"), addInput(item));
    expect(system).toMatchObject({ name: "Email drafting assistant", owner: "Customer service", criticality: "medium", toleratedDowntimeMinutes: 24 * 60 });
    expect(dependency).toMatchObject({ accessPath: "direct_api" });
    const model = await db().model.findFirstOrThrow({ where: { organisationId: org.organisation.id, id: dependency.modelId } });
    expect(model.catalogueKey).toBe("openai-gpt");
    const [reviewed] = await queries.listReviewedItems(as("editor"));
    expect(reviewed).toMatchObject({ id: item.id, status: "added", aiSystem: { id: system.id, name: "Email drafting assistant" }, reviewedBy: { name: org.users.editor.name } });
    expect(await queries.listPendingItems(as("editor"))).toEqual([]);
    expect(await queries.countPendingItems(as("editor"))).toBe(0);
  });

  it("writes nothing when the capture fails: an unknown model, a name taken, a cloud path without its cloud", async () => {
    const { item } = await answeredItem();
    await db().aiSystem.create({ data: { organisationId: org.organisation.id, name: "Taken", owner: "X", criticality: "low", toleratedDowntimeMinutes: 60 } });
    const before = await snapshot();
    await expect(q.addItemToInventory(as("editor"), addInput(item, { model: "catalogue:no-such-model" }))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { model: expect.any(Array) } } });
    // A catalogue model added on the way is rolled back with the system that failed on its name.
    await expect(q.addItemToInventory(as("editor"), addInput(item, { name: "Taken" }))).rejects.toMatchObject({ code: "INVALID_INPUT", message: 'An AI system named "Taken" already exists.' });
    expect(() => addInput(item, { accessPath: "cloud_marketplace" })).toThrow();
    expect(await snapshot()).toBe(before);
    expect((await queries.listPendingItems(as("editor"))).map((i) => i.id)).toEqual([item.id]);
  });

  it("refuses a stale version and a second review, and writes nothing for either", async () => {
    const { item } = await answeredItem();
    const before = await snapshot();
    await expect(q.addItemToInventory(as("editor"), addInput({ id: item.id, version: item.version + 1 }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot()).toBe(before);
    await q.rejectItem(as("editor"), { id: item.id, version: item.version, note: "Personal use only" });
    const afterReject = await snapshot();
    await expect(q.addItemToInventory(as("owner"), addInput({ id: item.id, version: item.version + 1 }))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("reviewed already (rejected)") });
    await expect(q.mergeItem(as("owner"), { id: item.id, version: item.version + 1, aiSystemId: item.id, note: null })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot()).toBe(afterReject);
  });

  it("merges an item into an AI system already there, and only one of the organisation's", async () => {
    const { item } = await answeredItem();
    const mine = await db().aiSystem.create({ data: { organisationId: org.organisation.id, name: "Customer email assistant", owner: "Service", criticality: "high", toleratedDowntimeMinutes: 240 } });
    const theirs = await db().aiSystem.create({ data: { organisationId: other.organisation.id, name: "Other's system", owner: "X", criticality: "low", toleratedDowntimeMinutes: 60 } });
    const systems = await db().aiSystem.count();
    await expect(q.mergeItem(as("editor"), { id: item.id, version: item.version, aiSystemId: theirs.id, note: null })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const { item: merged } = await q.mergeItem(as("editor"), { id: item.id, version: item.version, aiSystemId: mine.id, note: "Same tool, another name" });
    expect(merged).toMatchObject({ status: "merged", aiSystemId: mine.id, reviewNote: "Same tool, another name" });
    expect(await db().aiSystem.count()).toBe(systems);
    expect((await queries.listSystemsToMergeInto(as("editor"))).map((s) => s.name)).toEqual(["Customer email assistant"]);
  });

  it("reopens a rejection or a merge, but not an item added to the inventory", async () => {
    const { item } = await answeredItem();
    const rejected = await q.rejectItem(as("editor"), { id: item.id, version: item.version, note: null });
    await expect(q.reopenItem(as("editor"), item.id, rejected.version + 1)).rejects.toMatchObject({ code: "CONFLICT" });
    const reopened = await q.reopenItem(as("editor"), item.id, rejected.version);
    expect(reopened).toMatchObject({ status: "pending", aiSystemId: null, reviewNote: null, reviewedAt: null });
    await expect(q.reopenItem(as("editor"), item.id, reopened.version)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("waiting for review already") });
    const { item: added } = await q.addItemToInventory(as("editor"), addInput({ id: item.id, version: reopened.version }));
    await expect(q.reopenItem(as("editor"), item.id, added.version)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is in the inventory") });
  });

  it("keeps the item when its AI system is deleted later, without the link", async () => {
    const { item } = await answeredItem();
    const { system } = await q.addItemToInventory(as("editor"), addInput(item));
    await db().aiSystem.delete({ where: { id: system.id } });
    const [reviewed] = await queries.listReviewedItems(as("editor"));
    expect(reviewed).toMatchObject({ id: item.id, status: "added", aiSystem: null });
  });

  it("refuses analysts and viewers everything and writes nothing; another organisation's reviewer finds nothing", async () => {
    const { item } = await answeredItem();
    const before = await snapshot();
    for (const role of ["analyst", "viewer"] as const) {
      await expect(q.createQuestionnaire(as(role), { title: "No", days: 3 })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(q.addItemToInventory(as(role), addInput(item))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(q.rejectItem(as(role), { id: item.id, version: item.version, note: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(queries.listPendingItems(as(role))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(q.rejectItem(as("owner", other), { id: item.id, version: item.version, note: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(q.addItemToInventory(as("owner", other), addInput(item))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toBe(before);
    expect(await queries.listPendingItems(as("owner", other))).toEqual([]);
    expect(await queries.listRespondents(as("owner", other))).toEqual([]);
  });
});
