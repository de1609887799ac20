// The practice's own audit trail and its read-only API tokens (decision 043), against a real
// PostgreSQL: every change to a practice lands with its event in one transaction, a refused change
// leaves none, the trail is the practice's alone, and tokens are made, listed and revoked by
// partners only.
import { describe, expect, it } from "vitest";
import type { PracticeContext } from "@/lib/auth/practice-context";
import * as practices from "@/lib/practices/mutations";
import { listPracticeAuditEventsPage } from "@/lib/practices/audit-queries";
import { createPracticeApiToken, revokePracticeApiToken } from "@/lib/practices/api-token-mutations";
import { checkPracticeApiToken, listPracticeApiTokens } from "@/lib/practices/api-token-queries";
import { hashApiToken } from "@/lib/api-tokens/secret";
import { contextFor, db } from "@/lib/testing/db";
import { buildEngagement, buildMembership, buildOrganisation, buildPracticeWithMembers, buildUser } from "@/prisma/factories";

type Practice = Awaited<ReturnType<typeof buildPracticeWithMembers>>;

const ctxOf = (p: Practice, role: "partner" | "consultant"): PracticeContext => ({ practiceId: p.practice.id, practiceSlug: p.practice.slug, practiceName: p.practice.name, userId: p.users[role].id, role });
const page = (state: Partial<Parameters<typeof listPracticeAuditEventsPage>[1]> = {}) => ({ q: "", page: 1, size: 50, sort: { id: "when" as const, desc: true }, filters: {}, ...state });
const trail = (practiceId: string) => db().practiceAuditEvent.findMany({ where: { practiceId }, orderBy: { id: "asc" }, select: { action: true, entityType: true, entityId: true, actorId: true, before: true, after: true } });

describe("the practice's audit trail", () => {
  it("records each change to the practice, its members, its clients and its tokens, with who made it and what changed", async () => {
    const p = await buildPracticeWithMembers(db());
    const partner = ctxOf(p, "partner");
    const consultant = ctxOf(p, "consultant");
    const newcomer = await buildUser(db(), { name: "Nadia Newcomer" });

    await practices.updatePractice(partner, { name: "Renamed Advisory", version: p.practice.version });
    await practices.updatePracticeBranding(partner, { version: p.practice.version + 1, brandReports: true });
    const added = await practices.addPracticeMember(partner, { email: newcomer.email, role: "consultant" });
    await practices.changePracticeMemberRole(partner, added.id, 1, "partner");
    await practices.removePracticeMember(partner, added.id, 2);
    const client = await practices.createClient(partner, { name: "Trail Client GmbH", hqCountry: "DE", sector: "Banking", template: "empty", role: "editor" });
    await practices.setClientRole(partner, client.engagementId, 1, "analyst");
    await practices.planNextWorkshop(consultant, client.engagementId, 2, { on: new Date("2099-05-04T00:00:00Z"), title: "Drill" });
    await practices.archiveClient(partner, client.engagementId, 3);
    await practices.restoreClient(partner, client.engagementId, 4);
    const token = await createPracticeApiToken(partner, { name: "Dashboard", expiresInDays: 30 });
    await revokePracticeApiToken(partner, token.id);
    await practices.deleteClient(partner, client.engagementId, 5, "Trail Client GmbH");

    const events = await trail(p.practice.id);
    expect(events.map((e) => [e.action, e.entityType, e.actorId])).toEqual([
      ["rename", "practice", p.users.partner.id],
      ["branding", "practice", p.users.partner.id],
      ["add_member", "practice_member", p.users.partner.id],
      ["role_change", "practice_member", p.users.partner.id],
      ["remove_member", "practice_member", p.users.partner.id],
      ["create_client", "practice_client", p.users.partner.id],
      ["client_role_change", "practice_client", p.users.partner.id],
      ["plan_workshop", "practice_client", p.users.consultant.id],
      ["archive_client", "practice_client", p.users.partner.id],
      ["restore_client", "practice_client", p.users.partner.id],
      ["create_api_token", "practice_api_token", p.users.partner.id],
      ["revoke_api_token", "practice_api_token", p.users.partner.id],
      ["delete_client", "practice_client", p.users.partner.id],
    ]);
    expect(events[0]).toMatchObject({ before: { name: p.practice.name }, after: { name: "Renamed Advisory" } });
    expect(events[1]).toMatchObject({ before: { brandReports: false, logo: "none" }, after: { brandReports: true, logo: "none" } });
    expect(events[2]).toMatchObject({ entityId: added.id, after: { name: "Nadia Newcomer", email: newcomer.email, role: "consultant" } });
    expect(events[3]).toMatchObject({ before: { role: "consultant" }, after: { role: "partner" } });
    expect(events[6]).toMatchObject({ entityId: client.engagementId, before: { name: "Trail Client GmbH", role: "editor" }, after: { role: "analyst" } });
    expect(events[7]).toMatchObject({ after: { nextWorkshopOn: "2099-05-04", nextWorkshopTitle: "Drill" } });
    expect(events[10]).toMatchObject({ entityId: token.id, after: { name: "Dashboard" } });
    // The trail keeps no secret: neither the token nor its hash.
    expect(JSON.stringify(events)).not.toContain(token.token);
    expect(JSON.stringify(events)).not.toContain(hashApiToken(token.token));

    // The page shows them newest first, in words, to partners.
    const shown = await listPracticeAuditEventsPage(partner, page());
    expect(shown.total).toBe(13);
    expect(shown.rows[0]).toMatchObject({ action: "delete_client", subject: "Trail Client GmbH", actor: { name: p.users.partner.name } });
    expect(shown.rows.find((r) => r.action === "role_change")?.changes).toEqual([expect.objectContaining({ before: "consultant", after: "partner" })]);
  });

  it("records founding the practice, and the client's owner ending the engagement or changing the benchmark consent", async () => {
    const founder = await buildUser(db());
    const founded = await practices.createPractice(founder.id, { name: "Founded Advisory" });
    expect(await trail(founded.id)).toEqual([{ action: "create", entityType: "practice", entityId: founded.id, actorId: founder.id, before: null, after: { name: "Founded Advisory" } }]);

    const p = await buildPracticeWithMembers(db());
    const organisation = await buildOrganisation(db(), { name: "Owner-run client" });
    const owner = await buildUser(db());
    await buildMembership(db(), organisation.id, owner.id, "owner");
    const ownerCtx = contextFor(organisation, owner.id, "owner");
    const e = await buildEngagement(db(), p.practice.id, organisation.id, "editor");
    await practices.setBenchmarkConsent(ownerCtx, e.id, e.version, true);
    await practices.endPracticeEngagement(ownerCtx, e.id, e.version + 1);
    expect((await trail(p.practice.id)).map((x) => [x.action, x.actorId, (x.before as { name?: string } | null)?.name])).toEqual([
      ["benchmark_consent", owner.id, "Owner-run client"],
      ["engagement_ended", owner.id, "Owner-run client"],
    ]);
  });

  it("writes nothing for a change that is refused (stale version, last partner, not allowed)", async () => {
    const p = await buildPracticeWithMembers(db());
    await expect(practices.updatePractice(ctxOf(p, "partner"), { name: "Late", version: p.practice.version + 5 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(practices.removePracticeMember(ctxOf(p, "partner"), p.members.partner.id, p.members.partner.version)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createPracticeApiToken(ctxOf(p, "consultant"), { name: "Mine", expiresInDays: 7 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await trail(p.practice.id)).toEqual([]);
  });

  it("is the practice's alone, for partners, narrowed by what happened and searched by who", async () => {
    const a = await buildPracticeWithMembers(db());
    const b = await buildPracticeWithMembers(db());
    await practices.updatePractice(ctxOf(a, "partner"), { name: "A renamed", version: a.practice.version });
    await practices.planNextWorkshop(ctxOf(a, "consultant"), (await buildEngagement(db(), a.practice.id, (await buildOrganisation(db())).id)).id, 1, { on: null, title: null });
    await practices.updatePractice(ctxOf(b, "partner"), { name: "B renamed", version: b.practice.version });

    const ofA = await listPracticeAuditEventsPage(ctxOf(a, "partner"), page());
    expect(ofA.rows.map((r) => r.action)).toEqual(["plan_workshop", "rename"]);
    expect(JSON.stringify(ofA)).not.toContain("B renamed");
    expect((await listPracticeAuditEventsPage(ctxOf(b, "partner"), page())).rows.map((r) => r.subject)).toEqual(["B renamed"]);
    expect((await listPracticeAuditEventsPage(ctxOf(a, "partner"), page({ filters: { action: "rename" } }))).rows.map((r) => r.action)).toEqual(["rename"]);
    const byName = await listPracticeAuditEventsPage(ctxOf(a, "partner"), page({ q: a.users.consultant.name.slice(-6) }));
    expect(byName.rows.map((r) => r.actor?.id)).toEqual([a.users.consultant.id]);
    expect((await listPracticeAuditEventsPage(ctxOf(a, "partner"), page({ sort: { id: "when", desc: false } }))).rows.map((r) => r.action)).toEqual(["rename", "plan_workshop"]);
    await expect(listPracticeAuditEventsPage(ctxOf(a, "consultant"), page())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("a practice's API tokens", () => {
  it("are made by a partner, shown once and stored as a hash, listed with their creator, and revoked once", async () => {
    const p = await buildPracticeWithMembers(db());
    const now = new Date("2026-12-07T10:00:00Z");
    const made = await createPracticeApiToken(ctxOf(p, "partner"), { name: "Dashboard", expiresInDays: 30 }, now);
    expect(made.token).toMatch(/^sovra_pr_[A-Za-z0-9_-]{43}$/);
    expect(made.expiresAt).toEqual(new Date("2027-01-06T10:00:00Z"));
    const row = await db().practiceApiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.tokenHash).toBe(hashApiToken(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);

    const listed = await listPracticeApiTokens(ctxOf(p, "partner"), now);
    expect(listed).toEqual([expect.objectContaining({ id: made.id, name: "Dashboard", createdBy: { id: p.users.partner.id, name: p.users.partner.name }, creatorRole: "partner", revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);

    await revokePracticeApiToken(ctxOf(p, "partner"), made.id);
    await expect(revokePracticeApiToken(ctxOf(p, "partner"), made.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await checkPracticeApiToken(made.token)).toEqual({ ok: false, reason: "revoked" });
  });

  it("are listed usable first; a token whose creator left says so and is refused", async () => {
    const p = await buildPracticeWithMembers(db());
    const second = await buildUser(db());
    const member = await db().practiceMember.create({ data: { practiceId: p.practice.id, userId: second.id, role: "partner" } });
    const secondCtx: PracticeContext = { ...ctxOf(p, "partner"), userId: second.id };
    const theirs = await createPracticeApiToken(secondCtx, { name: "Theirs", expiresInDays: 90 });
    const revoked = await createPracticeApiToken(ctxOf(p, "partner"), { name: "Revoked", expiresInDays: 90 });
    await revokePracticeApiToken(ctxOf(p, "partner"), revoked.id);
    const mine = await createPracticeApiToken(ctxOf(p, "partner"), { name: "Mine", expiresInDays: 90 });
    await db().practiceMember.delete({ where: { id: member.id } });
    const listed = await listPracticeApiTokens(ctxOf(p, "partner"));
    expect(listed.map((t) => [t.name, t.creatorRole])).toEqual([
      ["Mine", "partner"],
      ["Revoked", "partner"],
      ["Theirs", null],
    ]);
    expect(await checkPracticeApiToken(theirs.token)).toEqual({ ok: false, reason: "creator_not_member" });
    expect(await checkPracticeApiToken(mine.token)).toMatchObject({ ok: true, token: { practice: { id: p.practice.id }, creatorRole: "partner" } });
  });

  it("are not seen, used or revoked across practices", async () => {
    const a = await buildPracticeWithMembers(db());
    const b = await buildPracticeWithMembers(db());
    const tokenA = await createPracticeApiToken(ctxOf(a, "partner"), { name: "A's", expiresInDays: 7 });
    await expect(revokePracticeApiToken(ctxOf(b, "partner"), tokenA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listPracticeApiTokens(ctxOf(b, "partner"))).toEqual([]);
    expect((await db().practiceApiToken.findUniqueOrThrow({ where: { id: tokenA.id } })).revokedAt).toBeNull();
  });
});
