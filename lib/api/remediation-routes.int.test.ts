// The public API's remediation routes, called as Next calls them, against the real database.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { listRemediationSuggestions } from "@/lib/remediation/queries";
import { today } from "@/lib/scores/queries";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, type RouteHandler, roleTokens } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const actions = await import("@/app/api/v1/orgs/[org]/remediation-actions/route");
const action = await import("@/app/api/v1/orgs/[org]/remediation-actions/[id]/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

/** A critical system on a US frontier API with a self-hosted fallback never tested: the engine suggests a drill. */
async function inventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const frontier = await db().vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US" } });
  const publisher = await db().vendor.create({ data: { organisationId, name: "Open Weights SAS", vendorType: "open_weight_publisher", hqCountry: "FR" } });
  const closed = await db().model.create({ data: { organisationId, vendorId: frontier.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const open = await db().model.create({ data: { organisationId, vendorId: publisher.id, name: "Open Model", family: "open", weights: "open", licence: "Apache-2.0" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: closed.id, accessPath: "direct_api" } });
  return db().fallback.create({ data: { organisationId, dependencyId: dependency.id, modelId: open.id, accessPath: "self_hosted", hostingCountry: "DE", switchTimeMinutes: 60 } });
}

const byHand = { title: "Negotiate exit terms", priority: "high", expectedGain: 2, dueDate: "2020-01-31" };

describe("the public API: remediation actions", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let a: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
  });

  it("creates by hand, lists by value with overdue days, reads, changes only the fields sent, and deletes", async () => {
    const created = await call(actions.POST, "POST", { org: a }, { token: tokens.analyst, body: { ...byHand, ownerId: w.a.users.editor.id } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...byHand, origin: "manual", status: "open", owner: { id: w.a.users.editor.id }, achievedGain: null, version: 1 });
    expect(created.headers.get("location")).toBe(`/api/v1/orgs/${a}/remediation-actions/${created.json.id}`);
    await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: { title: "Bigger", priority: "low", expectedGain: 9 } });

    const page = await call(actions.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1" });
    expect(page.json).toMatchObject({ page: 1, size: 1, total: 2, items: [{ title: "Bigger", overdueDays: null }] });
    const second = await call(actions.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1&page=2" });
    expect(second.json.items[0]).toMatchObject({ title: "Negotiate exit terms" });
    expect(second.json.items[0].overdueDays).toBeGreaterThan(300);

    const id = created.json.id as string;
    const changed = await call(action.PATCH, "PATCH", { org: a, id }, { token: tokens.analyst, body: { status: "in_progress", version: 1 } });
    expect(changed).toMatchObject({ status: 200, json: { ...byHand, status: "in_progress", owner: { id: w.a.users.editor.id }, version: 2 } });
    expect((await call(action.GET, "GET", { org: a, id }, { token: tokens.viewer })).json).toMatchObject({ status: "in_progress", version: 2 });

    const stale = await call(action.DELETE, "DELETE", { org: a, id }, { token: tokens.analyst, query: "version=1" });
    expect(stale.status).toBe(409);
    expect((await call(action.DELETE, "DELETE", { org: a, id }, { token: tokens.analyst, query: "version=2" })).status).toBe(204);
    expect((await call(action.GET, "GET", { org: a, id }, { token: tokens.viewer })).status).toBe(404);
  });

  it("adds an engine suggestion once, and closing it answers the achieved gain", async () => {
    const fallback = await inventory(w.a.organisation.id);
    const found = await listRemediationSuggestions(w.ctx(w.a, "viewer"));
    const drill = found.ok ? found.suggestions.find((s) => s.kind === "test-fallback") : undefined;
    expect(drill).toBeDefined();
    const first = await call(actions.POST, "POST", { org: a }, { token: tokens.analyst, body: { findingKey: drill!.id, priority: "critical" } });
    expect(first).toMatchObject({ status: 201, json: { origin: "engine", findingKey: drill!.id, title: drill!.title, priority: "critical" } });
    expect(first.json.expectedGain).toBeCloseTo(drill!.expectedGain.organisation, 2);
    const again = await call(actions.POST, "POST", { org: a }, { token: tokens.analyst, body: { findingKey: drill!.id } });
    expect(again.json).toMatchObject({ id: first.json.id, version: 1, priority: "critical" });
    expect((await call(actions.GET, "GET", { org: a }, { token: tokens.viewer })).json.total).toBe(1);

    await db().fallback.update({ where: { id: fallback.id }, data: { lastTestedAt: new Date(`${today()}T00:00:00.000Z`) } });
    const closed = await call(action.PATCH, "PATCH", { org: a, id: first.json.id }, { token: tokens.owner, body: { status: "done", version: 1 } });
    expect(closed.status).toBe(200);
    expect(closed.json.achievedGain).toBeGreaterThan(0);
    expect(closed.json.achievedGain).toBeCloseTo(closed.json.scoreAtClose - closed.json.scoreAtCreation, 2);
    expect(closed.json.closedAt).toEqual(expect.any(String));
  });

  it("refuses editors and viewers with 403 and changes nothing", async () => {
    const created = (await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: byHand })).json;
    for (const role of ["editor", "viewer"] as const) {
      expect((await call(actions.POST, "POST", { org: a }, { token: tokens[role], body: byHand })).status).toBe(403);
      expect((await call(action.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens[role], body: { title: "x", version: 1 } })).status).toBe(403);
      expect((await call(action.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens[role], query: "version=1" })).status).toBe(403);
      expect((await call(action.GET, "GET", { org: a, id: created.id }, { token: tokens[role] })).status).toBe(200);
    }
    expect(await db().remediationAction.findMany({ where: { organisationId: w.a.organisation.id }, select: { title: true, version: true } })).toEqual([{ title: byHand.title, version: 1 }]);
  });

  it("answers 404 for another organisation's action and URL, and changes nothing", async () => {
    const bOwner = (await createApiToken(w.ctx(w.b, "owner"), { name: "b", role: "owner" })).token;
    const theirs = (await call(actions.POST, "POST", { org: w.b.organisation.slug }, { token: bOwner, body: byHand })).json;
    expect((await call(action.GET, "GET", { org: a, id: theirs.id }, { token: tokens.owner })).status).toBe(404);
    expect((await call(action.PATCH, "PATCH", { org: a, id: theirs.id }, { token: tokens.owner, body: { version: 1, status: "done" } })).status).toBe(404);
    expect((await call(action.DELETE, "DELETE", { org: a, id: theirs.id }, { token: tokens.owner, query: "version=1" })).status).toBe(404);
    expect((await call(action.GET, "GET", { org: a, id: "not-a-uuid" }, { token: tokens.owner })).status).toBe(404);
    expect((await call(actions.GET, "GET", { org: w.b.organisation.slug }, { token: tokens.owner })).status).toBe(404);
    expect((await call(actions.POST, "POST", { org: w.b.organisation.slug }, { token: tokens.owner, body: byHand })).status).toBe(404);
    expect(await db().remediationAction.findFirst({ where: { id: theirs.id }, select: { status: true, version: true } })).toEqual({ status: "open", version: 1 });
  });

  it("refuses invalid bodies with 422 naming each field, and an owner from another organisation", async () => {
    const bad = await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: { priority: "urgent", dueDate: "tomorrow", expectedGain: -1, colour: "red" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["$", "dueDate", "expectedGain", "priority"]);
    const noTitle = await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: { priority: "low" } });
    expect(noTitle.json.error.fields).toEqual({ title: [expect.stringContaining("findingKey")] });
    const mixed = await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: { findingKey: "x", title: "mine" } });
    expect(mixed.json.error.fields).toEqual({ title: [expect.any(String)] });
    const foreignOwner = await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: { ...byHand, ownerId: w.b.users.owner.id } });
    expect(foreignOwner).toMatchObject({ status: 422, json: { error: { fields: { ownerId: [expect.any(String)] } } } });
    const unknown = await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: { findingKey: "test-fallback:nothing" } });
    expect(unknown.status).toBe(422);
    const created = (await call(actions.POST, "POST", { org: a }, { token: tokens.owner, body: byHand })).json;
    const noVersion = await call(action.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.owner, body: { status: "finished", title: "" } });
    expect(noVersion.status).toBe(422);
    expect(Object.keys(noVersion.json.error.fields).sort()).toEqual(["status", "version"]);
    const emptyTitle = await call(action.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.owner, body: { title: " ", version: 1 } });
    expect(emptyTitle).toMatchObject({ status: 422, json: { error: { fields: { title: [expect.any(String)] } } } });
    expect(await db().remediationAction.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);
  });

  it("documents the operations under the Remediation tag", async () => {
    const doc = (await call(openapi.GET as unknown as RouteHandler, "GET", {})).json;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/orgs/{org}/remediation-actions", "/api/v1/orgs/{org}/remediation-actions/{id}"]));
    expect(doc.paths["/api/v1/orgs/{org}/remediation-actions/{id}"].patch.tags).toEqual(["Remediation"]);
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain("Remediation");
  });
});
