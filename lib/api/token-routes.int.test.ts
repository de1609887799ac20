// API tokens as the public API's route handlers see them, per request, against the real
// database: a token acts with the lesser of its role and its creator's role NOW, expires, and
// says why it is refused (docs/decisions/029).
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call } from "@/lib/testing/api-call";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const offices = await import("@/app/api/v1/orgs/[org]/offices/route");
const auditEvents = await import("@/app/api/v1/orgs/[org]/audit-events/route");

const office = () => ({ name: `Office ${Math.random().toString(36).slice(2, 8)}`, country: "FR", city: "Lyon", headcount: 10, teams: [] });

describe("API tokens, per request", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let a: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
  });

  /** Changes the role of A's owner (the creator of the tokens below) in organisation A. */
  const ownerBecomes = (role: Role) => db().membership.updateMany({ where: { organisationId: w.a.organisation.id, userId: w.a.users.owner.id }, data: { role } });

  it("never do more than their creator may do now: an editor token of an owner demoted to viewer only reads, and writes again once promoted", async () => {
    const { token } = await createApiToken(w.ctx(w.a, "owner"), { name: "CMDB sync", role: "editor" });
    expect((await call(offices.POST, "POST", { org: a }, { token, body: office() })).status).toBe(201);

    await ownerBecomes("viewer");
    const refused = await call(offices.POST, "POST", { org: a }, { token, body: office() });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("FORBIDDEN");
    expect((await call(offices.GET, "GET", { org: a }, { token })).status).toBe(200);
    expect(await db().office.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);

    await ownerBecomes("owner");
    expect((await call(offices.POST, "POST", { org: a }, { token, body: office() })).status).toBe(201);
  });

  it("act with what both roles allow, not with a rank: an analyst token whose creator became an editor neither reads the audit log nor writes the inventory", async () => {
    const { token } = await createApiToken(w.ctx(w.a, "owner"), { name: "Risk dashboard", role: "analyst" });
    expect((await call(auditEvents.GET, "GET", { org: a }, { token })).status).toBe(200);
    await ownerBecomes("editor");
    expect((await call(auditEvents.GET, "GET", { org: a }, { token })).status).toBe(403);
    expect((await call(offices.POST, "POST", { org: a }, { token, body: office() })).status).toBe(403);
    expect((await call(offices.GET, "GET", { org: a }, { token })).status).toBe(200);
  });

  it("never rise above their own role when their creator is an owner", async () => {
    const { token } = await createApiToken(w.ctx(w.a, "owner"), { name: "Board deck", role: "viewer" });
    expect((await call(offices.POST, "POST", { org: a }, { token, body: office() })).status).toBe(403);
    expect((await call(auditEvents.GET, "GET", { org: a }, { token })).status).toBe(403);
  });

  it("are refused with 401 once their creator has left the organisation, and say so", async () => {
    const { token } = await createApiToken(w.ctx(w.a, "owner"), { name: "CI", role: "viewer" });
    await db().membership.deleteMany({ where: { organisationId: w.a.organisation.id, userId: w.a.users.owner.id } });
    const res = await call(offices.GET, "GET", { org: a }, { token });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect(res.json.error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringContaining("has left the organisation") });
  });

  it("expire: an expired token answers 401 'expired on …' and is not noted as used", async () => {
    const created = await createApiToken(w.ctx(w.a, "owner"), { name: "Old job", role: "viewer", expiresInDays: 1 }, new Date("2026-01-01T08:30:00Z"));
    const res = await call(offices.GET, "GET", { org: a }, { token: created.token });
    expect(res.status).toBe(401);
    expect(res.json.error).toEqual({ code: "UNAUTHENTICATED", message: expect.stringContaining("expired on 2 Jan 2026, 08:30 UTC") });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeNull();
  });

  it("a revoked token says it was revoked", async () => {
    const created = await createApiToken(w.ctx(w.a, "owner"), { name: "Gone", role: "viewer" });
    await revokeApiToken(w.ctx(w.a, "owner"), created.id);
    const res = await call(offices.GET, "GET", { org: a }, { token: created.token });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/revoked/);
  });
});
