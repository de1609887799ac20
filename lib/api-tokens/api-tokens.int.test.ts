import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { ROLES } from "@/lib/auth/permissions";
import { createApiToken, recordApiTokenUse, revokeApiToken, revokeOwnApiToken, updateApiTokenPolicy } from "./mutations";
import { checkApiToken, findActiveApiToken, getApiTokenPolicy, listApiTokens, listOwnApiTokens } from "./queries";
import { hashApiToken } from "./secret";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createApiTokenAction, revokeApiTokenAction, revokeOwnApiTokenAction, updateApiTokenPolicyAction } = await import("./actions");

const DAY = 86_400_000;

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
  describe("expiry", () => {
    it("every token expires: by default after the organisation's default lifetime (90 days), or after the lifetime chosen", async () => {
      const now = new Date("2030-01-01T10:00:00Z");
      const byDefault = await createApiToken(w.ctx(w.a, "owner"), { name: "default", role: "viewer" }, now);
      expect(byDefault.expiresAt).toEqual(new Date(now.getTime() + 90 * DAY));
      const week = await createApiToken(w.ctx(w.a, "owner"), { name: "week", role: "viewer", expiresInDays: 7 }, now);
      expect((await db().apiToken.findUniqueOrThrow({ where: { id: week.id } })).expiresAt).toEqual(new Date(now.getTime() + 7 * DAY));
      const event = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityId: week.id } });
      expect(event.after).toMatchObject({ expiresAt: new Date(now.getTime() + 7 * DAY).toISOString() });
    });

    it("a lifetime beyond the organisation's maximum is refused as a field error and creates nothing", async () => {
      const owner = w.ctx(w.a, "owner");
      await updateApiTokenPolicy(owner, { defaultDays: 30, maxDays: 60 });
      await expect(createApiToken(owner, { name: "long", role: "viewer", expiresInDays: 61 })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { expiresInDays: [expect.stringContaining("60 days")] } } });
      expect(await db().apiToken.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
      const now = new Date();
      const created = await createApiToken(owner, { name: "new default", role: "viewer" }, now);
      expect(created.expiresAt).toEqual(new Date(now.getTime() + 30 * DAY));
      // B's policy is its own.
      expect(await getApiTokenPolicy(w.ctx(w.b, "owner"))).toEqual({ defaultDays: 90, maxDays: 365 });
    });

    it("an expired token is refused with the instant it expired; a token about to expire still works", async () => {
      const created = await createApiToken(w.ctx(w.a, "owner"), { name: "t", role: "viewer", expiresInDays: 1 }, new Date("2030-01-01T10:00:00Z"));
      expect(await checkApiToken(created.token, new Date("2030-01-02T09:59:59Z"))).toMatchObject({ ok: true, token: { id: created.id } });
      expect(await checkApiToken(created.token, new Date("2030-01-02T10:00:00Z"))).toEqual({ ok: false, reason: "expired", expiredAt: new Date("2030-01-02T10:00:00Z") });
      expect(await findActiveApiToken(created.token, new Date("2030-01-03T00:00:00Z"))).toBeNull();
    });

    it("says why a token is refused: unknown, revoked, or its creator left", async () => {
      const owner = w.ctx(w.a, "owner");
      expect(await checkApiToken("sovra_" + "x".repeat(43))).toEqual({ ok: false, reason: "unknown" });
      const revoked = await createApiToken(owner, { name: "r", role: "viewer" });
      await revokeApiToken(owner, revoked.id);
      expect(await checkApiToken(revoked.token)).toEqual({ ok: false, reason: "revoked" });
      const orphan = await createApiToken(owner, { name: "o", role: "viewer" });
      await db().membership.deleteMany({ where: { organisationId: w.a.organisation.id, userId: w.a.users.owner.id } });
      expect(await checkApiToken(orphan.token)).toEqual({ ok: false, reason: "creator_not_member" });
    });

    it("carry the creator's role now, read per check", async () => {
      const created = await createApiToken(w.ctx(w.a, "owner"), { name: "t", role: "editor" });
      expect(await findActiveApiToken(created.token)).toMatchObject({ role: "editor", creatorRole: "owner" });
      await db().membership.updateMany({ where: { organisationId: w.a.organisation.id, userId: w.a.users.owner.id }, data: { role: "viewer" } });
      expect(await findActiveApiToken(created.token)).toMatchObject({ role: "editor", creatorRole: "viewer" });
    });

    it("token lifetimes are set by owners only, validated, and audited", async () => {
      for (const role of ROLES.filter((r) => r !== "owner")) {
        await expect(updateApiTokenPolicy(w.ctx(w.a, role), { defaultDays: 10, maxDays: 20 })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
      await updateApiTokenPolicy(w.ctx(w.a, "owner"), { defaultDays: 10, maxDays: 20 });
      expect(await getApiTokenPolicy(w.ctx(w.a, "viewer"))).toEqual({ defaultDays: 10, maxDays: 20 });
      const event = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityType: "organisation", action: "update" }, orderBy: { id: "desc" } });
      expect(event).toMatchObject({ actorId: w.a.users.owner.id, before: { apiTokenDefaultDays: 90, apiTokenMaxDays: 365 }, after: { apiTokenDefaultDays: 10, apiTokenMaxDays: 20 } });
      // The database refuses a default beyond the maximum even past the app's own checks.
      await expect(db().organisation.update({ where: { id: w.a.organisation.id }, data: { apiTokenDefaultDays: 30 } })).rejects.toThrow();
      await expect(db().organisation.update({ where: { id: w.a.organisation.id }, data: { apiTokenMaxDays: 366, apiTokenDefaultDays: 10 } })).rejects.toThrow();
    });
  });

  describe("per member", () => {
    it("every member lists the tokens they created, and only those; owners list everyone's with the creator's role now", async () => {
      const owner = w.ctx(w.a, "owner");
      const mine = await createApiToken(owner, { name: "owner's", role: "editor" });
      // The editor was an owner when they created this one.
      const editorsOld = await createApiToken({ ...w.ctx(w.a, "editor"), role: "owner" }, { name: "editor's", role: "owner" });
      await createApiToken(w.ctx(w.b, "owner"), { name: "B's", role: "viewer" });
      expect((await listOwnApiTokens(w.ctx(w.a, "editor"))).map((t) => t.id)).toEqual([editorsOld.id]);
      expect((await listOwnApiTokens(owner)).map((t) => t.id)).toEqual([mine.id]);
      expect(await listOwnApiTokens(w.ctx(w.a, "viewer"))).toEqual([]);
      const all = await listApiTokens(owner);
      expect(all.map((t) => [t.name, t.createdBy.id, t.creatorRole])).toEqual([
        ["editor's", w.a.users.editor.id, "editor"],
        ["owner's", w.a.users.owner.id, "owner"],
      ]);
      expect(all[0]).toMatchObject({ expiresAt: expect.any(Date), lastUsedAt: null });
    });

    it("lists expired tokens after active ones", async () => {
      const owner = w.ctx(w.a, "owner");
      await createApiToken(owner, { name: "expired", role: "viewer", expiresInDays: 1 }, new Date("2020-01-01T00:00:00Z"));
      await createApiToken(owner, { name: "active", role: "viewer" }, new Date("2019-01-01T00:00:00Z"));
      await db().apiToken.updateMany({ where: { organisationId: w.a.organisation.id, name: "active" }, data: { expiresAt: new Date(Date.now() + DAY) } });
      expect((await listApiTokens(owner)).map((t) => t.name)).toEqual(["active", "expired"]);
    });

    it("a member revokes their own token; another member's, or another organisation's, is NOT_FOUND", async () => {
      const editor = { ...w.ctx(w.a, "editor"), role: "owner" as const };
      const editors = await createApiToken(editor, { name: "editor's", role: "viewer" });
      const owners = await createApiToken(w.ctx(w.a, "owner"), { name: "owner's", role: "viewer" });
      await expect(revokeOwnApiToken(w.ctx(w.a, "analyst"), editors.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(revokeOwnApiToken(w.ctx(w.a, "editor"), owners.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(revokeOwnApiToken(w.ctx(w.b, "owner"), editors.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await findActiveApiToken(editors.token)).not.toBeNull();
      await revokeOwnApiToken(w.ctx(w.a, "editor"), editors.id);
      expect(await findActiveApiToken(editors.token)).toBeNull();
      expect(await findActiveApiToken(owners.token)).not.toBeNull();
      await expect(revokeOwnApiToken(w.ctx(w.a, "editor"), editors.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      const event = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, entityId: editors.id, action: "revoke_api_token" } });
      expect(event.actorId).toBe(w.a.users.editor.id);
    });

    it("the actions: a viewer revokes their own token; an owner sets lifetimes, a viewer may not", async () => {
      const viewersOld = await createApiToken({ ...w.ctx(w.a, "viewer"), role: "owner" }, { name: "from when I was owner", role: "editor" });
      session.userId = w.a.users.viewer.id;
      expect(await revokeOwnApiTokenAction({ status: "idle" }, form({ org: w.a.organisation.slug, tokenId: viewersOld.id }))).toMatchObject({ status: "success" });
      expect(await updateApiTokenPolicyAction({ status: "idle" }, form({ org: w.a.organisation.slug, defaultDays: "10", maxDays: "20" }))).toMatchObject({ status: "error", code: "FORBIDDEN" });
      session.userId = w.a.users.owner.id;
      const invalid = await updateApiTokenPolicyAction({ status: "idle" }, form({ org: w.a.organisation.slug, defaultDays: "400", maxDays: "366" }));
      expect(invalid).toMatchObject({ status: "error", code: "INVALID_INPUT" });
      expect(Object.keys((invalid as { fieldErrors: object }).fieldErrors).sort()).toEqual(["defaultDays", "maxDays"]);
      const defaultTooLong = await updateApiTokenPolicyAction({ status: "idle" }, form({ org: w.a.organisation.slug, defaultDays: "90", maxDays: "30" }));
      expect((defaultTooLong as { fieldErrors: object }).fieldErrors).toEqual({ defaultDays: [expect.any(String)] });
      expect(await updateApiTokenPolicyAction({ status: "idle" }, form({ org: w.a.organisation.slug, defaultDays: "30", maxDays: "180" }))).toMatchObject({ status: "success" });
      expect(await getApiTokenPolicy(w.ctx(w.a, "owner"))).toEqual({ defaultDays: 30, maxDays: 180 });
      const created = await createApiTokenAction({ status: "idle" }, form({ org: w.a.organisation.slug, name: "too long", role: "viewer", expiresInDays: "181" }));
      expect(created).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { expiresInDays: [expect.any(String)] } });
    });
  });
});
