// The public API's pre-workshop questionnaire (GET /api/v1/orgs/{org}/questionnaires and
// …/questionnaire-answers), called as Next calls them, against the real database. Links, answers
// and decisions are made through the app's own mutations; only the caps are tested with rows
// written directly (hundreds of answers through the throttled link would test the throttle).
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { can, ROLES, type Role } from "@/lib/auth/permissions";
import * as q from "@/lib/questionnaires/mutations";
import { listPendingItems } from "@/lib/questionnaires/queries";
import { addItemSchema, answerSchema } from "@/lib/questionnaires/schemas";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens, type RouteHandler } from "@/lib/testing/api-call";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { listQuestionnaireAnswersOperation, listQuestionnairesOperation } from "@/lib/api/questionnaire-operations";
import { QUESTIONNAIRE_ANSWER_LIMIT } from "@/lib/api/questionnaire-schemas";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const links = await import("@/app/api/v1/orgs/[org]/questionnaires/route");
const answers = await import("@/app/api/v1/orgs/[org]/questionnaire-answers/route");
const workshopList = await import("@/app/api/v1/orgs/[org]/workshops/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

const LINK_FIELDS = ["answers", "createdAt", "createdBy", "expiresAt", "id", "pending", "revokedAt", "state", "title", "version"];
const ANSWER_FIELDS = ["aiSystem", "answerId", "dataNote", "decision", "id", "modelName", "purpose", "questionnaireTitle", "respondent", "status", "submittedAt", "systemName", "vendorName", "version"];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type World = Awaited<ReturnType<typeof twoOrganisations>>;

let addressCount = 0;
/** A fresh client address per answer, so that answers do not share a throttle. */
const address = () => `203.0.113.${++addressCount % 250}-api-${Date.now()}`;

const answer = (token: string, respondent: { respondentName: string; respondentEmail: string; team: string }, items: Record<string, string>[]) => {
  const cols = (f: string) => items.map((i) => i[f] ?? "");
  return answerSchema.parse({ token, ...respondent, systemName: cols("systemName"), purpose: cols("purpose"), vendorName: cols("vendorName"), modelName: cols("modelName"), dataNote: cols("dataNote") });
};

/**
 * In A: an open link answered by Dana (four tools) and Jonas (one), a revoked and an expired link;
 * Dana's first tool added to the inventory, her second merged into an AI system already there,
 * her third rejected. In B: a link with one pending answer of its own.
 */
async function questionnairesOf(w: World) {
  const editor = w.ctx(w.a, "editor");
  const open = await q.createQuestionnaire(editor, { title: "Before the workshop", days: 14 });
  const dana = { respondentName: "Dana Vogel", respondentEmail: "dana@example.com", team: "Customer service" };
  await q.submitQuestionnaireAnswer(
    answer(open.token, dana, [
      { systemName: "ChatGPT", purpose: "Drafting customer emails", vendorName: "OpenAI", modelName: "GPT-4o", dataNote: "Customer names" },
      { systemName: "Support bot", purpose: "Answering tickets" },
      { systemName: "My own script", purpose: "Personal notes" },
      { systemName: "DeepL", purpose: "Translating contracts", vendorName: "DeepL" },
    ]),
    address(),
  );
  await q.submitQuestionnaireAnswer(answer(open.token, { respondentName: "Jonas Weber", respondentEmail: "", team: "" }, [{ systemName: "Copilot", purpose: "Code completion" }]), address());
  const [chatgpt, supportBot, script] = await listPendingItems(editor);
  const existing = await db().aiSystem.create({ data: { organisationId: w.a.organisation.id, name: "Support bot", owner: "Service", criticality: "high", toleratedDowntimeMinutes: 240 } });
  const added = await q.addItemToInventory(
    editor,
    addItemSchema.parse({ id: chatgpt!.id, version: String(chatgpt!.version), name: "Email drafting assistant", owner: "Customer service", criticality: "medium", downtimeHours: "24", model: "catalogue:openai-gpt", accessPath: "direct_api" }),
  );
  await q.mergeItem(w.ctx(w.a, "owner"), { id: supportBot!.id, version: supportBot!.version, aiSystemId: existing.id, note: "The ticket bot" });
  await q.rejectItem(editor, { id: script!.id, version: script!.version, note: "A personal tool" });

  const revoked = await q.createQuestionnaire(editor, { title: "Revoked link", days: 14 });
  await q.revokeQuestionnaire(editor, revoked.questionnaire.id, revoked.questionnaire.version);
  const expired = await q.createQuestionnaire(editor, { title: "Expired link", days: 1 });
  await db().questionnaire.update({ where: { id: expired.questionnaire.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

  const theirs = await q.createQuestionnaire(w.ctx(w.b, "owner"), { title: "B's questionnaire", days: 14 });
  await q.submitQuestionnaireAnswer(answer(theirs.token, { respondentName: "Someone at B", respondentEmail: "b@example.com", team: "B team" }, [{ systemName: "B's tool", purpose: "B's use" }]), address());
  return { open, revoked, expired, theirs, tokens: [open.token, revoked.token, expired.token, theirs.token], added: added.system, existing, ids: { chatgpt: chatgpt!.id, supportBot: supportBot!.id, script: script!.id } };
}

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, found));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) keysOf(v, found.add(k));
  return found;
}

describe("the public API: the pre-workshop questionnaire", () => {
  let w: World;
  let tokens: Record<Role, string>;
  let a: string;
  let made: Awaited<ReturnType<typeof questionnairesOf>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    made = await questionnairesOf(w);
  });

  const answersWith = (status: string, token = tokens.editor) => call(answers.GET, "GET", { org: a }, { token, query: `status=${status}` });

  it("lists the links, newest first, as open, revoked or expired, with how many answered and how many wait", async () => {
    const res = await call(links.GET, "GET", { org: a }, { token: tokens.editor });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json.items.map((l: { title: string; state: string; answers: number; pending: number }) => [l.title, l.state, l.answers, l.pending])).toEqual([
      ["Expired link", "expired", 0, 0],
      ["Revoked link", "revoked", 0, 0],
      ["Before the workshop", "open", 2, 2],
    ]);
    for (const link of res.json.items) expect(Object.keys(link).sort()).toEqual(LINK_FIELDS);
    const row = await db().questionnaire.findUniqueOrThrow({ where: { id: made.revoked.questionnaire.id } });
    expect(res.json.items[1]).toEqual({
      id: row.id,
      title: "Revoked link",
      state: "revoked",
      expiresAt: row.expiresAt.toISOString(),
      revokedAt: row.revokedAt!.toISOString(),
      createdAt: row.createdAt.toISOString(),
      createdBy: w.a.users.editor.name,
      answers: 0,
      pending: 0,
      version: 2,
    });
    expect(JSON.stringify(res.json)).not.toContain(made.theirs.questionnaire.id);
  });

  it("lists the answered AI systems waiting for review, the longest waiting first, with who named them", async () => {
    const res = await answersWith("pending");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "pending", truncated: false });
    expect(res.json.items.map((i: { systemName: string }) => i.systemName)).toEqual(["DeepL", "Copilot"]);
    for (const item of res.json.items) expect(Object.keys(item).sort()).toEqual(ANSWER_FIELDS);
    const [deepl, copilot] = res.json.items;
    const response = await db().questionnaireResponse.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, respondentName: "Dana Vogel" } });
    expect(deepl).toEqual({
      id: expect.any(String),
      status: "pending",
      systemName: "DeepL",
      purpose: "Translating contracts",
      vendorName: "DeepL",
      modelName: null,
      dataNote: null,
      respondent: { name: "Dana Vogel", email: "dana@example.com", team: "Customer service" },
      answerId: response.id,
      submittedAt: response.submittedAt.toISOString(),
      questionnaireTitle: "Before the workshop",
      decision: null,
      aiSystem: null,
      version: 1,
    });
    expect(copilot).toMatchObject({ respondent: { name: "Jonas Weber", email: null, team: null }, submittedAt: expect.stringMatching(ISO) });
    expect(copilot.answerId).not.toBe(response.id);
  });

  it("lists each decision with who made it, the note, and the AI system the answer became", async () => {
    const added = await answersWith("added");
    expect(added.json).toEqual({
      status: "added",
      truncated: false,
      items: [
        expect.objectContaining({
          id: made.ids.chatgpt,
          status: "added",
          systemName: "ChatGPT",
          dataNote: "Customer names",
          decision: { reviewedAt: expect.stringMatching(ISO), reviewedBy: w.a.users.editor.name, note: null },
          aiSystem: { id: made.added.id, name: "Email drafting assistant" },
          version: 2,
        }),
      ],
    });
    const merged = await answersWith("merged");
    expect(merged.json.items).toEqual([
      expect.objectContaining({ id: made.ids.supportBot, status: "merged", decision: { reviewedAt: expect.stringMatching(ISO), reviewedBy: w.a.users.owner.name, note: "The ticket bot" }, aiSystem: { id: made.existing.id, name: "Support bot" } }),
    ]);
    const rejected = await answersWith("rejected");
    expect(rejected.json.items).toEqual([expect.objectContaining({ id: made.ids.script, status: "rejected", decision: expect.objectContaining({ note: "A personal tool" }), aiSystem: null })]);
    // Each item under its own status only, and none of B's anywhere.
    const all = await Promise.all(["pending", "added", "merged", "rejected"].map((s) => answersWith(s)));
    const ids = all.flatMap((r) => r.json.items.map((i: { id: string }) => i.id));
    expect(new Set(ids).size).toBe(5);
    expect(JSON.stringify(all.map((r) => r.json))).not.toMatch(/Someone at B|B's tool|b@example\.com/);
  });

  it("says when the list is cut at its limit: more than it lists wait, or older decisions were not searched", async () => {
    const response = await db().questionnaireResponse.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, respondentName: "Jonas Weber" } });
    const organisationId = w.a.organisation.id;
    await db().questionnaireItem.createMany({ data: Array.from({ length: QUESTIONNAIRE_ANSWER_LIMIT }, (_, i) => ({ organisationId, responseId: response.id, systemName: `Tool ${i}`, purpose: "Bulk" })) });
    const pending = await answersWith("pending");
    expect(pending.json.truncated).toBe(true);
    expect(pending.json.items).toHaveLength(QUESTIONNAIRE_ANSWER_LIMIT);
    expect(pending.json.items[0].systemName).toBe("DeepL"); // Dana answered first

    // The latest 300 decisions are all rejections: the merge and the addition before them are not searched.
    await db().questionnaireItem.updateMany({ where: { organisationId, systemName: { startsWith: "Tool " } }, data: { status: "rejected", reviewedAt: new Date(Date.now() + 60_000) } });
    const merged = await answersWith("merged");
    expect(merged.json).toMatchObject({ status: "merged", items: [], truncated: true });
    const rejected = await answersWith("rejected");
    expect(rejected.json.items).toHaveLength(QUESTIONNAIRE_ANSWER_LIMIT);
    expect((await answersWith("pending")).json).toMatchObject({ truncated: false, items: [expect.objectContaining({ systemName: "DeepL" }), expect.objectContaining({ systemName: "Copilot" })] });
  });

  it("reads the same number of statements for two answers as for fifty (no query per answer)", async () => {
    const statements = async () => (await counter.count(() => answersWith("pending"))).statements.length;
    await answersWith("pending"); // the token's first use also notes it (once per interval): not part of the count
    const few = await statements();
    const response = await db().questionnaireResponse.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, respondentName: "Jonas Weber" } });
    await db().questionnaireItem.createMany({ data: Array.from({ length: 48 }, (_, i) => ({ organisationId: w.a.organisation.id, responseId: response.id, systemName: `Tool ${i}`, purpose: "Bulk" })) });
    expect(await statements()).toBe(few);
  });

  it("never answers a link's token or its hash, in any answer of the questionnaire or workshop routes", async () => {
    const hashes = (await db().questionnaire.findMany({ select: { tokenHash: true } })).map((r) => r.tokenHash);
    expect(hashes.length).toBeGreaterThanOrEqual(4);
    const bodies = [
      (await call(links.GET, "GET", { org: a }, { token: tokens.owner })).json,
      ...(await Promise.all(["pending", "added", "merged", "rejected"].map(async (s) => (await answersWith(s, tokens.owner)).json))),
      (await call(workshopList.GET, "GET", { org: a }, { token: tokens.owner })).json,
    ];
    const text = JSON.stringify(bodies);
    for (const secret of [...hashes, ...made.tokens]) expect(text).not.toContain(secret);
    expect([...keysOf(bodies)].filter((k) => /token|hash|secret/i.test(k))).toEqual([]);
  });

  it("requires a known status and refuses unknown parameters, naming each", async () => {
    const missing = await call(answers.GET, "GET", { org: a }, { token: tokens.editor });
    expect(missing).toMatchObject({ status: 422, json: { error: { code: "INVALID_INPUT" } } });
    expect(Object.keys(missing.json.error.fields)).toEqual(["status"]);
    const wrong = await answersWith("waiting");
    expect(wrong.json.error.fields.status[0]).toBe("Expected one of: pending, added, merged, rejected");
    const extra = await call(answers.GET, "GET", { org: a }, { token: tokens.editor, query: "status=pending&respondent=Dana" });
    expect(extra.status).toBe(422);
    expect(JSON.stringify(extra.json.error.fields)).toContain("respondent");
  });

  it("works with an editor's session; a viewer's session gets 403", async () => {
    session.userId = w.a.users.editor.id;
    expect((await call(links.GET, "GET", { org: a })).json.items).toHaveLength(3);
    session.userId = w.a.users.viewer.id;
    expect((await call(links.GET, "GET", { org: a })).status).toBe(403);
  });

  // Route-by-route probes, generated from each operation's permission: every role gets what the
  // permission table gives it (owners and editors; analysts and viewers 403), no credentials 401,
  // A's token on B's URL 404, an unknown query parameter 422.
  const routes: [string, RouteHandler, typeof listQuestionnairesOperation | typeof listQuestionnaireAnswersOperation, string][] = [
    ["listQuestionnaires", links.GET, listQuestionnairesOperation, ""],
    ["listQuestionnaireAnswers", answers.GET, listQuestionnaireAnswersOperation, "status=pending"],
  ];
  it.each(routes)("%s: roles as the permission table says, 401 without credentials, 404 on another organisation, 422 for an unknown parameter", async (_name, handler, operation, query) => {
    for (const role of ROLES) {
      const res = await call(handler, "GET", { org: a }, { token: tokens[role], query });
      expect(res.status, role).toBe(can(role, operation.permission) ? 200 : 403);
      if (res.status === 403) expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect(ROLES.filter((role) => can(role, operation.permission))).toEqual(["owner", "editor"]);
    expect((await call(handler, "GET", { org: a }, { query })).status).toBe(401);
    expect((await call(handler, "GET", { org: w.b.organisation.slug }, { token: tokens.owner, query })).status).toBe(404);
    const typo = await call(handler, "GET", { org: a }, { token: tokens.owner, query: [query, "sort=newest"].filter(Boolean).join("&") });
    expect(typo).toMatchObject({ status: 422, json: { error: { code: "INVALID_INPUT" } } });
    expect(JSON.stringify(typo.json.error.fields)).toContain("sort");
  });

  it("is described in the OpenAPI document under the Questionnaires tag", async () => {
    const doc = (await call(openapi.GET as never, "GET", {})).json;
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain("Questionnaires");
    expect(doc.paths["/api/v1/orgs/{org}/questionnaires"].get.operationId).toBe("listQuestionnaires");
    const list = doc.paths["/api/v1/orgs/{org}/questionnaire-answers"].get;
    expect(list.operationId).toBe("listQuestionnaireAnswers");
    expect(list.parameters).toContainEqual(expect.objectContaining({ name: "status", in: "query", required: true, schema: expect.objectContaining({ enum: ["pending", "added", "merged", "rejected"] }) }));
    expect(Object.keys(doc.components.schemas.Questionnaire.properties).sort()).toEqual(LINK_FIELDS);
    expect(Object.keys(doc.components.schemas.QuestionnaireAnswer.properties).sort()).toEqual(ANSWER_FIELDS);
  });
});
