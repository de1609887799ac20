// The public API's audit log (GET /api/v1/orgs/{org}/audit-events), called as Next calls it,
// against the real database. Only auth() is replaced, for the session-cookie path.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createOffice, updateOffice } from "@/lib/offices/mutations";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const auditEvents = await import("@/app/api/v1/orgs/[org]/audit-events/route");

describe("the audit log in the API", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let a: string;
  let lyon: { id: string };
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner")); // four "create api_token" events by A's owner
    const created = await createOffice(w.ctx(w.a, "editor"), { name: "Lyon plant", country: "FR", city: "Lyon", headcount: 420, teams: ["Quality"] });
    lyon = created;
    await updateOffice(w.ctx(w.a, "editor"), created.id, created.version, { name: "Lyon plant", country: "FR", city: "Lyon", headcount: 1500, teams: ["Quality", "Maintenance"] });
    await createOffice(w.ctx(w.b, "owner"), { name: "B's office", country: "DE", city: "Bonn", headcount: 5, teams: [] });
  });

  const list = (query = "", token = tokens.analyst) => call(auditEvents.GET, "GET", { org: a }, { token, query });

  it("lists who did what and when, newest first, with the rows before and after and the changed fields in words", async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toMatchObject({ page: 1, size: 50, total: 6 });
    const [update, create] = res.json.items;
    expect(update).toEqual({
      id: expect.stringMatching(/^\d+$/),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      actor: { id: w.a.users.editor.id, name: w.a.users.editor.name, email: w.a.users.editor.email },
      action: "update",
      actionLabel: "Changed",
      entityType: "office",
      entityTypeLabel: "Office",
      entityId: lyon.id,
      subject: "Lyon plant",
      changes: [
        { field: "headcount", label: "Headcount", before: "420", after: "1,500" },
        { field: "teams", label: "Teams", before: "Quality", after: "Quality, Maintenance" },
      ],
      before: expect.objectContaining({ headcount: 420, version: 1 }),
      after: expect.objectContaining({ headcount: 1500, version: 2 }),
    });
    expect(create).toMatchObject({ action: "create", entityId: lyon.id, before: null, changes: expect.arrayContaining([{ field: "city", label: "City", before: null, after: "Lyon" }]) });
    expect(BigInt(update.id)).toBeGreaterThan(BigInt(create.id));
    // Tokens were created by A's owner, and never carry their secret into the log.
    expect(res.json.items.filter((e: { entityType: string }) => e.entityType === "api_token")).toHaveLength(4);
    expect(JSON.stringify(res.json)).not.toContain(tokens.owner.slice(6));
  });

  it("pages through the events with the total", async () => {
    const first = await list("size=4");
    const second = await list("size=4&page=2");
    expect(first.json).toMatchObject({ page: 1, size: 4, total: 6 });
    expect(second.json.items).toHaveLength(2);
    const ids = [...first.json.items, ...second.json.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(6);
  });

  it("filters by actor, entity type, action, part of the entity id and days (UTC, both included)", async () => {
    const byEditor = await list(`actorId=${w.a.users.editor.id}`);
    expect(byEditor.json.items.map((e: { action: string }) => e.action)).toEqual(["update", "create"]);
    expect((await list("entityType=api_token")).json.total).toBe(4);
    expect((await list("action=update")).json.items.map((e: { entityId: string }) => e.entityId)).toEqual([lyon.id]);
    expect((await list(`entityId=${lyon.id.slice(-12).toUpperCase()}`)).json.total).toBe(2);

    // Audit events are append-only (a trigger refuses UPDATE): record one on a chosen instant.
    const march = await db().auditEvent.create({
      data: { organisationId: w.a.organisation.id, actorId: w.a.users.editor.id, action: "delete", entityType: "office", entityId: "an-old-office", createdAt: new Date("2026-03-31T23:59:59.999Z") },
    });
    expect((await list("from=2026-03-31&to=2026-03-31")).json.items.map((e: { id: string }) => e.id)).toEqual([march.id.toString()]);
    expect((await list("to=2026-03-30")).json.total).toBe(0);
    expect((await list("from=2026-04-01&to=2026-04-01")).json.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`from=${today}`)).json.total).toBe(6);
    expect((await list(`to=${today}`)).json.total).toBe(7);
    expect((await list(`from=2026-01-01&to=2026-03-31&action=delete&actorId=${w.a.users.editor.id}&entityType=office`)).json.total).toBe(1);
  });

  it("never shows another organisation's events, even when a filter names them", async () => {
    const bEvent = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.b.organisation.id } });
    const all = await list("size=200");
    expect(all.json.items.map((e: { id: string }) => e.id)).not.toContain(bEvent.id.toString());
    expect((await list(`actorId=${w.b.users.owner.id}`)).json.total).toBe(0);
    expect((await list(`entityId=${bEvent.entityId}`)).json.total).toBe(0);
    // A's token on B's URL looks like an organisation that does not exist.
    expect((await call(auditEvents.GET, "GET", { org: w.b.organisation.slug }, { token: tokens.owner })).status).toBe(404);
  });

  it("is for owners and analysts: editors' and viewers' tokens get 403, no credentials 401", async () => {
    expect((await list("", tokens.owner)).status).toBe(200);
    for (const role of ["editor", "viewer"] as const) {
      const res = await list("", tokens[role]);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect((await call(auditEvents.GET, "GET", { org: a })).status).toBe(401);
  });

  it("works with an analyst's session; an editor's session gets 403", async () => {
    session.userId = w.a.users.analyst.id;
    expect((await call(auditEvents.GET, "GET", { org: a })).json.total).toBe(6);
    session.userId = w.a.users.editor.id;
    expect((await call(auditEvents.GET, "GET", { org: a })).status).toBe(403);
  });

  it("refuses malformed filters with 422 naming each, and unknown parameters rather than ignoring them", async () => {
    const res = await list("actorId=me&entityType=user&action=hack&from=2026-02-30&size=0");
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error.fields).sort()).toEqual(["action", "actorId", "entityType", "from", "size"]);
    const reversed = await list("from=2026-05-01&to=2026-04-01");
    expect(reversed.status).toBe(422);
    expect(Object.keys(reversed.json.error.fields)).toEqual(["to"]);
    const typo = await list(`actor=${w.a.users.editor.id}`);
    expect(typo.status).toBe(422);
    expect(JSON.stringify(typo.json.error.fields)).toContain("actor");
  });
});
