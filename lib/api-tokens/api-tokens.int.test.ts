import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { ROLES } from "@/lib/auth/permissions";
import { createApiToken, recordApiTokenUse, revokeApiToken } from "./mutations";
import { findActiveApiToken, listApiTokens } from "./queries";
import { hashApiToken } from "./secret";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createApiTokenAction, revokeApiTokenAction } = await import("./actions");

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe("API tokens", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
  });

  it("are shown once at creation; only the SHA-256 of the secret is stored", async () => {
    const created = await createApiToken(w.ctx(w.a, "owner"), { name: "CMDB sync", role: "editor" });
    expect(created.token).toMatch(/^sovra_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ organisationId: w.a.organisation.id, name: "CMDB sync", role: "editor", createdById: w.a.users.owner.id, tokenHash: hashApiToken(created.token), revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(row)).not.toContain(created.token.slice(6));
    const listed = await listApiTokens(w.ctx(w.a, "owner"));
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "CMDB sync", role: "editor", createdBy: { id: w.a.users.owner.id, name: w.a.users.owner.name } })]);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
  });

  it("list active tokens first, then revoked ones, only the caller's organisation's", async () => {
    const owner = w.ctx(w.a, "owner");
    const first = await createApiToken(owner, { name: "first", role: "viewer" });
    await createApiToken(owner, { name: "second", role: "analyst" });
    await createApiToken(w.ctx(w.b, "owner"), { name: "B's", role: "owner" });
    await revokeApiToken(owner, first.id);
    const listed = await listApiTokens(owner);
    expect(listed.map((t) => [t.name, t.revokedAt !== null])).toEqual([
      ["second", false],
      ["first", true],
    ]);
  });

  it("are managed by owners only", async () => {
    for (const role of ROLES.filter((r) => r !== "owner")) {
      await expect(createApiToken(w.ctx(w.a, role), { name: "x", role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listApiTokens(w.ctx(w.a, role))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(revokeApiToken(w.ctx(w.a, role), "00000000-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("revoke once; again, or another organisation's token, is NOT_FOUND and changes nothing", async () => {
    const token = await createApiToken(w.ctx(w.a, "owner"), { name: "t", role: "viewer" });
    await expect(revokeApiToken(w.ctx(w.b, "owner"), token.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    await revokeApiToken(w.ctx(w.a, "owner"), token.id);
    await expect(revokeApiToken(w.ctx(w.a, "owner"), token.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findActiveApiToken(token.token)).toBeNull();
  });

  it("creating and revoking leave audit events by the owner, without the secret", async () => {
    const token = await createApiToken(w.ctx(w.a, "owner"), { name: "audited", role: "viewer" });
    await revokeApiToken(w.ctx(w.a, "owner"), token.id);
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityId: token.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.entityType, e.actorId])).toEqual([
      ["create", "api_token", w.a.users.owner.id],
      ["revoke_api_token", "api_token", w.a.users.owner.id],
    ]);
    expect(events[1]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(token.token.slice(6));
  });

  it("are found by their secret while active and while their creator is a member", async () => {
    const token = await createApiToken(w.ctx(w.a, "owner"), { name: "t", role: "analyst" });
    expect(await findActiveApiToken(token.token)).toMatchObject({ id: token.id, role: "analyst", createdById: w.a.users.owner.id, organisation: { id: w.a.organisation.id, slug: w.a.organisation.slug } });
    expect(await findActiveApiToken(token.token.slice(0, -1) + (token.token.endsWith("A") ? "B" : "A"))).toBeNull();
    await db().membership.deleteMany({ where: { organisationId: w.a.organisation.id, userId: w.a.users.owner.id } });
    expect(await findActiveApiToken(token.token)).toBeNull();
  });

  it("note their last use at most once a minute", async () => {
    const token = await createApiToken(w.ctx(w.a, "owner"), { name: "t", role: "viewer" });
    const found = (await findActiveApiToken(token.token))!;
    const t0 = new Date("2030-01-01T10:00:00Z");
    await recordApiTokenUse(found, t0);
    const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(await lastUsed()).toEqual(t0);
    // A stale copy of the token (another request read it before) does not write again within the minute.
    await recordApiTokenUse(found, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toEqual(t0);
    await recordApiTokenUse(found, new Date(t0.getTime() + 61_000));
    expect(await lastUsed()).toEqual(new Date(t0.getTime() + 61_000));
  });

  describe("actions", () => {
    it("an owner creates a token and gets its secret once; others are refused", async () => {
      for (const role of ROLES) {
        session.userId = w.a.users[role].id;
        const result: ActionState = await createApiTokenAction({ status: "idle" }, form({ org: w.a.organisation.slug, name: `by ${role}`, role: "viewer" }));
        if (role === "owner") expect(result).toMatchObject({ status: "success", data: { token: expect.stringMatching(/^sovra_/), role: "viewer" } });
        else expect(result).toMatchObject({ status: "error", code: "FORBIDDEN" });
      }
      expect(await db().apiToken.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);
    });

    it("refuse an empty name and an unknown role with field errors", async () => {
      session.userId = w.a.users.owner.id;
      const result = await createApiTokenAction({ status: "idle" }, form({ org: w.a.organisation.slug, name: " ", role: "admin" }));
      expect(result).toMatchObject({ status: "error", code: "INVALID_INPUT" });
      expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort()).toEqual(["name", "role"]);
    });

    it("an owner revokes; an owner of another organisation gets NOT_FOUND", async () => {
      const token = await createApiToken(w.ctx(w.a, "owner"), { name: "t", role: "viewer" });
      session.userId = w.b.users.owner.id;
      expect(await revokeApiTokenAction({ status: "idle" }, form({ org: w.a.organisation.slug, tokenId: token.id }))).toMatchObject({ status: "error", code: "NOT_FOUND" });
      expect(await revokeApiTokenAction({ status: "idle" }, form({ org: w.b.organisation.slug, tokenId: token.id }))).toMatchObject({ status: "error", code: "NOT_FOUND" });
      session.userId = w.a.users.editor.id;
      expect(await revokeApiTokenAction({ status: "idle" }, form({ org: w.a.organisation.slug, tokenId: token.id }))).toMatchObject({ status: "error", code: "FORBIDDEN" });
      session.userId = w.a.users.owner.id;
      expect(await revokeApiTokenAction({ status: "idle" }, form({ org: w.a.organisation.slug, tokenId: token.id }))).toMatchObject({ status: "success" });
    });
  });
});
