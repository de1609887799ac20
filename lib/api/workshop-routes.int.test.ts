// The public API's workshops (GET /api/v1/orgs/{org}/workshops and …/{id}), called as Next calls
// them, against the real database. Workshops are made through the app's own mutations.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { can, ROLES, type Role } from "@/lib/auth/permissions";
import * as workshops from "@/lib/workshops/mutations";
import { LAST_STEP } from "@/lib/workshops/agenda";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens, type RouteHandler } from "@/lib/testing/api-call";
import { buildOffice } from "@/prisma/factories";
import { getWorkshopOperation, listWorkshopsOperation } from "@/lib/api/workshop-operations";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const list = await import("@/app/api/v1/orgs/[org]/workshops/route");
const one = await import("@/app/api/v1/orgs/[org]/workshops/[id]/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

const WORKSHOP_FIELDS = ["assessmentId", "attendees", "endedAt", "facilitator", "id", "startRating", "startScore", "startedAt", "status", "step", "title", "version"];
const VERIFY_FIELDS = ["confirmedAt", "confirmedBy", "createdAt", "id", "owner", "question", "subjectId", "subjectLabel", "subjectType", "version"];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type World = Awaited<ReturnType<typeof twoOrganisations>>;

/** A scoreable inventory: an office and a system on a closed US model by direct API. */
async function scoreableInventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Frankfurt", country: "DE", headcount: 400 });
  const vendor = await db().vendor.create({ data: { organisationId, name: "OpenAI", vendorType: "frontier_lab", hqCountry: "US" } });
  const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: "GPT-4o", family: "gpt-4o", weights: "closed", licence: "Commercial" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: "Support bot", owner: "Service", criticality: "high", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
  return { system };
}

/**
 * In A: an ended workshop ("Kick-off", on step 3, two facts to verify of which one is confirmed,
 * an assessment frozen at its end), then a running one; a fact flagged outside any workshop. In B:
 * a running workshop of its own.
 */
async function workshopsOf(w: World) {
  const editor = w.ctx(w.a, "editor");
  const { system } = await scoreableInventory(w.a.organisation.id);
  const started = await workshops.startWorkshop(editor, { title: "Kick-off", attendees: ["Dana Vogel", "Ilse Brandt"] });
  const moved = await workshops.setWorkshopStep(editor, started.id, started.version, 2);
  const open = await workshops.flagToVerify(editor, { workshopId: started.id, subjectType: "ai_system", subjectId: system.id, question: "Which region serves it?", owner: "Ilse Brandt" });
  const toConfirm = await workshops.flagToVerify(editor, { workshopId: started.id, subjectType: "ai_system", subjectId: system.id, question: "Is there a contract?", owner: "Legal" });
  const confirmed = await workshops.confirmVerifyItem(editor, toConfirm.id, toConfirm.version);
  const ended = await workshops.endWorkshop(editor, started.id, moved.version);
  const outside = await workshops.flagToVerify(w.ctx(w.a, "owner"), { subjectType: "ai_system", subjectId: system.id, question: "Who owns it?", owner: "Ops" });
  const running = await workshops.startWorkshop(w.ctx(w.a, "owner"), { title: "Follow-up", attendees: [] });
  const theirs = await workshops.startWorkshop(w.ctx(w.b, "owner"), { title: "B's workshop", attendees: ["Someone at B"] });
  return { system, ended: ended.workshop, running, open, confirmed, outside, theirs };
}

describe("the public API: workshops", () => {
  let w: World;
  let tokens: Record<Role, string>;
  let a: string;
  let made: Awaited<ReturnType<typeof workshopsOf>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    made = await workshopsOf(w);
  });

  it("lists the organisation's workshops, the running one first, with exactly the documented fields", async () => {
    const res = await call(list.GET, "GET", { org: a }, { token: tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json.items.map((x: { title: string }) => x.title)).toEqual(["Follow-up", "Kick-off"]);
    const [running, ended] = res.json.items;
    for (const item of res.json.items) expect(Object.keys(item).sort()).toEqual(WORKSHOP_FIELDS);
    const row = await db().workshop.findUniqueOrThrow({ where: { id: made.ended.id } });
    expect(ended).toEqual({
      id: made.ended.id,
      title: "Kick-off",
      status: "ended",
      attendees: ["Dana Vogel", "Ilse Brandt"],
      step: { index: 2, key: "fallbacks", title: "Fallbacks" },
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt!.toISOString(),
      startScore: row.startScore,
      startRating: row.startRating,
      assessmentId: row.assessmentId,
      facilitator: w.a.users.editor.name,
      version: row.version,
    });
    // The room's starting point, and the assessment its end froze, labelled with it.
    expect(ended.startScore).toEqual(expect.any(Number));
    expect(["Very Low", "Low", "Medium", "High", "Very High"]).toContain(ended.startRating);
    expect(ended.startedAt).toMatch(ISO);
    const assessment = await db().assessment.findUniqueOrThrow({ where: { id: ended.assessmentId } });
    expect(assessment).toMatchObject({ organisationId: w.a.organisation.id, results: expect.objectContaining({ note: "Workshop: Kick-off" }) });
    expect(running).toMatchObject({ id: made.running.id, status: "running", attendees: [], step: { index: 0, key: "context", title: "Context and offices" }, endedAt: null, assessmentId: null, facilitator: w.a.users.owner.name, version: 1 });
  });

  it("gets one workshop with its own facts to verify, the open ones first, and nothing flagged elsewhere", async () => {
    const res = await call(one.GET, "GET", { org: a, id: made.ended.id }, { token: tokens.viewer });
    expect(res.status).toBe(200);
    const listed = (await call(list.GET, "GET", { org: a }, { token: tokens.viewer })).json.items.find((x: { id: string }) => x.id === made.ended.id);
    const { verifyItems, ...workshop } = res.json;
    expect(workshop).toEqual(listed);
    expect(verifyItems.map((v: { id: string }) => v.id)).toEqual([made.open.id, made.confirmed.id]);
    for (const v of verifyItems) expect(Object.keys(v).sort()).toEqual(VERIFY_FIELDS);
    expect(verifyItems[0]).toEqual({
      id: made.open.id,
      subjectType: "ai_system",
      subjectId: made.system.id,
      subjectLabel: "Support bot",
      question: "Which region serves it?",
      owner: "Ilse Brandt",
      confirmedAt: null,
      confirmedBy: null,
      createdAt: expect.stringMatching(ISO),
      version: 1,
    });
    expect(verifyItems[1]).toMatchObject({ confirmedAt: made.confirmed.confirmedAt!.toISOString(), confirmedBy: w.a.users.editor.name, version: 2 });
    expect(JSON.stringify(res.json)).not.toContain(made.outside.id);
    const running = await call(one.GET, "GET", { org: a, id: made.running.id }, { token: tokens.viewer });
    expect(running.json).toMatchObject({ status: "running", verifyItems: [] });
  });

  it("shows a step beyond today's agenda as its last step, never an error", async () => {
    await db().workshop.update({ where: { id: made.running.id }, data: { step: LAST_STEP + 3 } });
    const res = await call(one.GET, "GET", { org: a, id: made.running.id }, { token: tokens.viewer });
    expect(res).toMatchObject({ status: 200, json: { step: { index: LAST_STEP, key: "actions", title: "Agree actions" } } });
  });

  it("answers another organisation's workshop and a malformed id with 404, and never lists another organisation's workshops", async () => {
    for (const id of [made.theirs.id, "not-a-uuid", "00000000-0000-7000-8000-000000000000"]) {
      const res = await call(one.GET, "GET", { org: a, id }, { token: tokens.owner });
      expect(res, id).toMatchObject({ status: 404, json: { error: { code: "NOT_FOUND", message: expect.stringContaining("Workshop") } } });
    }
    const listed = await call(list.GET, "GET", { org: a }, { token: tokens.owner });
    expect(JSON.stringify(listed.json)).not.toContain(made.theirs.id);
    // B's own token sees its own workshop only.
    const bToken = (await roleTokens(w.ctx(w.b, "owner"))).viewer;
    const theirs = await call(list.GET, "GET", { org: w.b.organisation.slug }, { token: bToken });
    expect(theirs.json.items.map((x: { id: string }) => x.id)).toEqual([made.theirs.id]);
    expect((await call(one.GET, "GET", { org: w.b.organisation.slug, id: made.ended.id }, { token: bToken })).status).toBe(404);
  });

  it("works with a viewer's session as on the Workshops page", async () => {
    session.userId = w.a.users.viewer.id;
    expect((await call(list.GET, "GET", { org: a })).json.items).toHaveLength(2);
    expect((await call(one.GET, "GET", { org: w.b.organisation.slug, id: made.theirs.id })).status).toBe(404);
  });

  // Route-by-route probes, generated from each operation's permission: every role gets what the
  // permission table gives it, no credentials 401, A's token on B's URL 404, a query parameter 422.
  const routes: [string, RouteHandler, typeof listWorkshopsOperation | typeof getWorkshopOperation, (m: typeof made) => Record<string, string>][] = [
    ["listWorkshops", list.GET, listWorkshopsOperation, () => ({})],
    ["getWorkshop", one.GET, getWorkshopOperation, (m) => ({ id: m.ended.id })],
  ];
  it.each(routes)("%s: roles as the permission table says, 401 without credentials, 404 on another organisation, 422 for a query parameter", async (_name, handler, operation, params) => {
    for (const role of ROLES) {
      const res = await call(handler, "GET", { org: a, ...params(made) }, { token: tokens[role] });
      expect(res.status, role).toBe(can(role, operation.permission) ? 200 : 403);
    }
    expect(ROLES.every((role) => can(role, operation.permission))).toBe(true); // inventory:read: every member
    expect((await call(handler, "GET", { org: a, ...params(made) })).status).toBe(401);
    expect((await call(handler, "GET", { org: w.b.organisation.slug, ...params(made) }, { token: tokens.owner })).status).toBe(404);
    const typo = await call(handler, "GET", { org: a, ...params(made) }, { token: tokens.owner, query: "status=running" });
    expect(typo).toMatchObject({ status: 422, json: { error: { code: "INVALID_INPUT" } } });
    expect(JSON.stringify(typo.json.error.fields)).toContain("status");
  });

  it("is described in the OpenAPI document under the Workshops tag", async () => {
    const doc = (await call(openapi.GET as never, "GET", {})).json;
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain("Workshops");
    expect(doc.paths["/api/v1/orgs/{org}/workshops"].get).toMatchObject({ operationId: "listWorkshops", responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/WorkshopList" } } } } } });
    expect(doc.paths["/api/v1/orgs/{org}/workshops/{id}"].get).toMatchObject({ operationId: "getWorkshop", responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Workshop" } } } } } });
    expect(Object.keys(doc.components.schemas.Workshop.properties).sort()).toEqual([...WORKSHOP_FIELDS, "verifyItems"].sort());
    expect(Object.keys(doc.components.schemas.VerifyItem.properties).sort()).toEqual(VERIFY_FIELDS);
  });
});
