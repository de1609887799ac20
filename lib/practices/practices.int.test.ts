// Practices (decision 037): who reaches a client through a practice, what a partner and a
// consultant may do, stale versions, isolation between practices, templates, archiving,
// deleting, and the client's owner ending the engagement. Against a real PostgreSQL.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { contextFor, db } from "@/lib/testing/db";
import { buildEngagement, buildOffice, buildOrganisation, buildOrganisationWithMembers, buildPracticeWithMembers, buildUser } from "@/prisma/factories";
import type { PracticeContext } from "@/lib/auth/practice-context";
import type { PracticeRole } from "@/lib/auth/practice-permissions";
import { identityOf } from "@/lib/auth/identity";
import * as practices from "@/lib/practices/mutations";
import * as practiceQueries from "@/lib/practices/queries";
import * as practiceInvitations from "@/lib/practices/invitation-mutations";
import * as practiceInvitationQueries from "@/lib/practices/invitation-queries";
import * as practiceTokens from "@/lib/practices/api-token-mutations";
import * as practiceTokenQueries from "@/lib/practices/api-token-queries";
import * as practiceAudit from "@/lib/practices/audit-queries";
import { createClientSchema } from "@/lib/practices/schemas";
import { CLIENT_TEMPLATE_KEYS } from "@/lib/practices/templates";
import { scoreOrganisation } from "@/lib/scores/queries";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { gifHeader, jpegHeader, pngBytes } from "@/lib/testing/images";
import type { OrgContext } from "@/lib/auth/org-context";

type Practice = Awaited<ReturnType<typeof buildPracticeWithMembers>>;

function practiceCtx(p: Practice, role: PracticeRole): PracticeContext {
  return { practiceId: p.practice.id, practiceSlug: p.practice.slug, practiceName: p.practice.name, userId: p.users[role].id, role };
}

const clientInput = (template: (typeof CLIENT_TEMPLATE_KEYS)[number] = "empty", name = `Client ${Math.random().toString(36).slice(2, 8)}`) =>
  createClientSchema.parse({ name, hqCountry: "GB", sector: "Banking", template, role: "editor" });

/** Everything a practice's write could touch, for "nothing was written". */
async function snapshot(practiceId: string) {
  const p = db();
  const engagements = await p.practiceClient.findMany({ where: { practiceId }, orderBy: { id: "asc" } });
  const organisationIds = engagements.map((e) => e.organisationId);
  const rows = await Promise.all([
    p.practice.findUnique({ where: { id: practiceId } }),
    p.practiceMember.findMany({ where: { practiceId }, orderBy: { id: "asc" } }),
    p.practiceInvitation.findMany({ where: { practiceId }, orderBy: { id: "asc" } }),
    p.practiceApiToken.findMany({ where: { practiceId }, orderBy: { id: "asc" } }),
    p.practiceAuditEvent.findMany({ where: { practiceId }, orderBy: { id: "asc" } }),
    p.organisation.findMany({ where: { id: { in: organisationIds } }, orderBy: { id: "asc" } }),
    p.auditEvent.count({ where: { organisationId: { in: organisationIds } } }),
    p.office.count({ where: { organisationId: { in: organisationIds } } }),
  ]);
  return JSON.stringify([engagements, ...rows], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

// ---- who reaches what -------------------------------------------------------------------------

describe("reaching a client through a practice", () => {
  it("every member of the practice reaches its clients with the engagement's role; archived clients and other practices' clients are not reached", async () => {
    const p = await buildPracticeWithMembers(db());
    const other = await buildPracticeWithMembers(db());
    const client = await buildOrganisation(db());
    const archived = await buildOrganisation(db());
    const othersClient = await buildOrganisation(db());
    await buildEngagement(db(), p.practice.id, client.id, "analyst");
    const arch = await buildEngagement(db(), p.practice.id, archived.id, "owner");
    await db().practiceClient.update({ where: { id: arch.id }, data: { archivedAt: new Date() } });
    await buildEngagement(db(), other.practice.id, othersClient.id, "owner");

    for (const role of ["partner", "consultant"] as const) {
      const identity = await identityOf(p.users[role].id);
      expect(identity?.organisations).toEqual([{ id: client.id, slug: client.slug, name: client.name, role: "analyst", via: p.practice.name, viaPracticeId: p.practice.id }]);
      expect(identity?.practices).toEqual([{ id: p.practice.id, slug: p.practice.slug, name: p.practice.name, role }]);
    }
  });

  it("the person's own membership wins over the practice's role, and ending the engagement ends the reach at once", async () => {
    const p = await buildPracticeWithMembers(db());
    const client = await buildOrganisationWithMembers(db());
    const engagement = await buildEngagement(db(), p.practice.id, client.organisation.id, "owner");
    await db().membership.create({ data: { organisationId: client.organisation.id, userId: p.users.consultant.id, role: "viewer" } });

    expect((await identityOf(p.users.consultant.id))?.organisations).toEqual([expect.objectContaining({ id: client.organisation.id, role: "viewer", via: null, viaPracticeId: null })]);
    expect((await identityOf(p.users.partner.id))?.organisations).toEqual([expect.objectContaining({ id: client.organisation.id, role: "owner", via: p.practice.name })]);

    const clientOwner = contextFor(client.organisation, client.users.owner.id, "owner");
    await practices.endPracticeEngagement(clientOwner, engagement.id, engagement.version);
    expect((await identityOf(p.users.partner.id))?.organisations).toEqual([]);
    // The consultant's own membership is untouched; the client's data stays with the client.
    expect((await identityOf(p.users.consultant.id))?.organisations).toEqual([expect.objectContaining({ id: client.organisation.id, role: "viewer" })]);
    expect(await db().organisation.count({ where: { id: client.organisation.id } })).toBe(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: client.organisation.id, entityType: "practice_engagement" } });
    expect(audit).toMatchObject({ action: "delete", actorId: client.users.owner.id, before: { practice: p.practice.name, role: "owner" } });
  });

  it("between two practices reaching the same client, the older engagement's role holds", async () => {
    const user = await buildUser(db());
    const first = await buildPracticeWithMembers(db());
    const second = await buildPracticeWithMembers(db());
    await db().practiceMember.create({ data: { practiceId: first.practice.id, userId: user.id, role: "consultant" } });
    await db().practiceMember.create({ data: { practiceId: second.practice.id, userId: user.id, role: "consultant" } });
    const client = await buildOrganisation(db());
    await buildEngagement(db(), second.practice.id, client.id, "owner");
    const older = await buildEngagement(db(), first.practice.id, client.id, "viewer");
    await db().practiceClient.update({ where: { id: older.id }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
    expect((await identityOf(user.id))?.organisations).toEqual([expect.objectContaining({ id: client.id, role: "viewer", via: first.practice.name })]);
  });
});

// ---- who may do what: the practice's roles ----------------------------------------------------

// Written out by hand (issue 19: expectations never come from the table under test).
const PRACTICE_MATRIX: Record<string, Record<PracticeRole, boolean>> = {
  updatePractice: { partner: true, consultant: false },
  updatePracticeBranding: { partner: true, consultant: false },
  addPracticeMember: { partner: true, consultant: false },
  changePracticeMemberRole: { partner: true, consultant: false },
  removePracticeMember: { partner: true, consultant: false },
  createClient: { partner: true, consultant: false },
  setClientRole: { partner: true, consultant: false },
  planNextWorkshop: { partner: true, consultant: true },
  archiveClient: { partner: true, consultant: false },
  restoreClient: { partner: true, consultant: false },
  deleteClient: { partner: true, consultant: false },
  createPracticeInvitation: { partner: true, consultant: false },
  revokePracticeInvitation: { partner: true, consultant: false },
  listPendingPracticeInvitations: { partner: true, consultant: false },
  createPracticeApiToken: { partner: true, consultant: false },
  revokePracticeApiToken: { partner: true, consultant: false },
  listPracticeApiTokens: { partner: true, consultant: false },
  listPracticeAuditEventsPage: { partner: true, consultant: false },
  listPracticeClients: { partner: true, consultant: true },
  countPracticeClients: { partner: true, consultant: true },
  getPractice: { partner: true, consultant: true },
  getPracticeLogo: { partner: true, consultant: true },
  listPracticeMembers: { partner: true, consultant: true },
  listPortfolio: { partner: true, consultant: true },
  getPracticeClient: { partner: true, consultant: true },
  comparePortfolioClients: { partner: true, consultant: true },
  practiceBenchmark: { partner: true, consultant: true },
};

type Prepared = (ctx: PracticeContext) => Promise<unknown>;

/** Per function: a call on a fresh practice `p` (with one client and a third member to act on). */
async function prepare(name: string, p: Practice): Promise<Prepared> {
  const client = await buildOrganisation(db());
  const engagement = await buildEngagement(db(), p.practice.id, client.id, "editor");
  const third = await buildUser(db());
  const member = await db().practiceMember.create({ data: { practiceId: p.practice.id, userId: third.id, role: "consultant" }, select: { id: true, version: true } });
  const newcomer = await buildUser(db());
  const second = await buildEngagement(db(), p.practice.id, (await buildOrganisation(db())).id);
  // Only an archived client is restored (archived on the database, keeping its version).
  if (name === "restoreClient") await db().practiceClient.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
  const token = name === "revokePracticeApiToken" ? await practiceTokens.createPracticeApiToken(practiceCtx(p, "partner"), { name: "To revoke", expiresInDays: 7 }) : undefined;
  const invitation = name === "revokePracticeInvitation" ? await practiceInvitations.createPracticeInvitation(practiceCtx(p, "partner"), { role: "consultant" }) : undefined;
  const calls: Record<string, Prepared> = {
    updatePractice: (ctx) => practices.updatePractice(ctx, { name: "Renamed practice", version: p.practice.version }),
    addPracticeMember: (ctx) => practices.addPracticeMember(ctx, { email: newcomer.email, role: "consultant" }),
    changePracticeMemberRole: (ctx) => practices.changePracticeMemberRole(ctx, member.id, member.version, "partner"),
    removePracticeMember: (ctx) => practices.removePracticeMember(ctx, member.id, member.version),
    createClient: (ctx) => practices.createClient(ctx, clientInput()),
    setClientRole: (ctx) => practices.setClientRole(ctx, engagement.id, engagement.version, "owner"),
    planNextWorkshop: (ctx) => practices.planNextWorkshop(ctx, engagement.id, engagement.version, { on: new Date("2099-01-01T00:00:00Z"), title: "Drill" }),
    archiveClient: (ctx) => practices.archiveClient(ctx, engagement.id, engagement.version),
    restoreClient: (ctx) => practices.restoreClient(ctx, engagement.id, engagement.version),
    deleteClient: (ctx) => practices.deleteClient(ctx, engagement.id, engagement.version, client.name),
    createPracticeInvitation: (ctx) => practiceInvitations.createPracticeInvitation(ctx, { role: "consultant", email: newcomer.email }),
    revokePracticeInvitation: (ctx) => practiceInvitations.revokePracticeInvitation(ctx, invitation!.id),
    listPendingPracticeInvitations: (ctx) => practiceInvitationQueries.listPendingPracticeInvitations(ctx),
    createPracticeApiToken: (ctx) => practiceTokens.createPracticeApiToken(ctx, { name: "Dashboard", expiresInDays: 30 }),
    revokePracticeApiToken: (ctx) => practiceTokens.revokePracticeApiToken(ctx, token!.id),
    listPracticeApiTokens: (ctx) => practiceTokenQueries.listPracticeApiTokens(ctx),
    listPracticeAuditEventsPage: (ctx) => practiceAudit.listPracticeAuditEventsPage(ctx, { q: "", page: 1, size: 50, sort: { id: "when", desc: true }, filters: {} }),
    listPracticeClients: (ctx) => practiceQueries.listPracticeClients(ctx),
    countPracticeClients: (ctx) => practiceQueries.countPracticeClients(ctx),
    getPractice: (ctx) => practiceQueries.getPractice(ctx),
    getPracticeLogo: (ctx) => practiceQueries.getPracticeLogo(ctx),
    updatePracticeBranding: (ctx) => practices.updatePracticeBranding(ctx, { version: p.practice.version, brandReports: true, logo: pngBytes(40, 20) }),
    listPracticeMembers: (ctx) => practiceQueries.listPracticeMembers(ctx),
    listPortfolio: (ctx) => practiceQueries.listPortfolio(ctx),
    getPracticeClient: (ctx) => practiceQueries.getPracticeClient(ctx, engagement.id),
    comparePortfolioClients: (ctx) => practiceQueries.comparePortfolioClients(ctx, [engagement.id, second.id]),
    practiceBenchmark: (ctx) => practiceQueries.practiceBenchmark(ctx, engagement.id),
  };
  const call = calls[name];
  if (!call) throw new Error(`no call prepared for ${name}`);
  return call;
}

/** Exported functions of the practice modules that take a PracticeContext, read from the source. */
function practiceFunctions(): string[] {
  return ["mutations.ts", "queries.ts", "invitation-mutations.ts", "invitation-queries.ts", "api-token-mutations.ts", "api-token-queries.ts", "audit-queries.ts"].flatMap((file) =>
    [...readFileSync(path.join(process.cwd(), "lib/practices", file), "utf8").matchAll(/^export async function (\w+)\(\s*ctx: PracticeContext/gm)].map((m) => m[1]!),
  );
}

describe("every practice function checks the caller's practice role itself", () => {
  let p: Practice;
  beforeEach(async () => {
    p = await buildPracticeWithMembers(db());
  });

  for (const [name, roles] of Object.entries(PRACTICE_MATRIX)) {
    for (const role of ["partner", "consultant"] as const) {
      it(`${name} ${roles[role] ? "runs" : "is refused (FORBIDDEN, nothing written)"} for a ${role}`, async () => {
        const call = await prepare(name, p);
        if (roles[role]) {
          await call(practiceCtx(p, role));
          return;
        }
        const before = await snapshot(p.practice.id);
        await expect(call(practiceCtx(p, role))).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
        expect(await snapshot(p.practice.id)).toBe(before);
      });
    }
    it(`${name} is refused for a practice role the table does not know (fails closed)`, async () => {
      const call = await prepare(name, p);
      const before = await snapshot(p.practice.id);
      await expect(call({ ...practiceCtx(p, "partner"), role: "auditor" as PracticeRole })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await snapshot(p.practice.id)).toBe(before);
    });
  }

  it("has a case for every exported function that takes a practice context", () => {
    const declared = practiceFunctions();
    expect(declared.length).toBeGreaterThanOrEqual(13);
    expect(declared.filter((n) => !(n in PRACTICE_MATRIX))).toEqual([]);
    expect(Object.keys(PRACTICE_MATRIX).filter((n) => !declared.includes(n))).toEqual([]);
  });
});

// ---- stale versions --------------------------------------------------------------------------

const STALE: Record<string, (p: Practice) => Promise<{ bump: () => Promise<unknown>; call: (version: number) => Promise<unknown>; version: number }>> = {
  updatePractice: async (p) => ({
    version: p.practice.version,
    bump: () => db().practice.update({ where: { id: p.practice.id }, data: { name: "Someone else's name", version: { increment: 1 } } }),
    call: (v) => practices.updatePractice(practiceCtx(p, "partner"), { name: "Mine", version: v }),
  }),
  updatePracticeBranding: async (p) => ({
    version: p.practice.version,
    bump: () => db().practice.update({ where: { id: p.practice.id }, data: { name: "Someone else's name", version: { increment: 1 } } }),
    call: (v) => practices.updatePracticeBranding(practiceCtx(p, "partner"), { version: v, brandReports: true }),
  }),
  changePracticeMemberRole: async (p) => ({
    version: p.members.consultant.version,
    bump: () => db().practiceMember.update({ where: { id: p.members.consultant.id }, data: { version: { increment: 1 } } }),
    call: (v) => practices.changePracticeMemberRole(practiceCtx(p, "partner"), p.members.consultant.id, v, "partner"),
  }),
  removePracticeMember: async (p) => ({
    version: p.members.consultant.version,
    bump: () => db().practiceMember.update({ where: { id: p.members.consultant.id }, data: { version: { increment: 1 } } }),
    call: (v) => practices.removePracticeMember(practiceCtx(p, "partner"), p.members.consultant.id, v),
  }),
  ...Object.fromEntries(
    (["setClientRole", "archiveClient", "restoreClient", "deleteClient", "planNextWorkshop"] as const).map((name) => [
      name,
      async (p: Practice) => {
        const client = await buildOrganisation(db());
        const e = await buildEngagement(db(), p.practice.id, client.id, "editor");
        const ctx = practiceCtx(p, "partner");
        const call = {
          setClientRole: (v: number) => practices.setClientRole(ctx, e.id, v, "viewer"),
          archiveClient: (v: number) => practices.archiveClient(ctx, e.id, v),
          restoreClient: (v: number) => practices.restoreClient(ctx, e.id, v),
          deleteClient: (v: number) => practices.deleteClient(ctx, e.id, v, client.name),
          planNextWorkshop: (v: number) => practices.planNextWorkshop(ctx, e.id, v, { on: new Date("2099-01-01T00:00:00Z"), title: "Drill" }),
        }[name];
        return { version: e.version, bump: () => db().practiceClient.update({ where: { id: e.id }, data: { role: "analyst", version: { increment: 1 } } }), call };
      },
    ]),
  ),
};

describe("every practice update and delete refuses a stale version", () => {
  for (const [name, setup] of Object.entries(STALE)) {
    it(`${name} with the version from before someone else's save: CONFLICT, nothing changed; with the current one it goes through`, async () => {
      const p = await buildPracticeWithMembers(db());
      const { version, bump, call } = await setup(p);
      await bump();
      const before = await snapshot(p.practice.id);
      await expect(call(version)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/) });
      expect(await snapshot(p.practice.id)).toBe(before);
      await call(version + 1);
      expect(await snapshot(p.practice.id)).not.toBe(before);
    });
  }

  it("has a case for every practice function that takes a version", () => {
    const text = readFileSync(path.join(process.cwd(), "lib/practices/mutations.ts"), "utf8");
    const versioned = [...text.matchAll(/^export async function (\w+)\(\s*ctx: PracticeContext[^)]*\bversion\b/gm)].map((m) => m[1]!);
    expect(versioned.sort()).toEqual(Object.keys(STALE).sort());
  });
});

// ---- isolation between practices ----------------------------------------------------------------

describe("one practice never sees or changes another's", () => {
  it("a partner of practice B gets NOT_FOUND for A's clients and members, sees none of them, and A is unchanged", async () => {
    const a = await buildPracticeWithMembers(db());
    const b = await buildPracticeWithMembers(db());
    const clientA = await buildOrganisation(db(), { name: "A's client" });
    const eA = await buildEngagement(db(), a.practice.id, clientA.id, "editor");
    const invitationA = await practiceInvitations.createPracticeInvitation(practiceCtx(a, "partner"), { role: "consultant" });
    const tokenA = await practiceTokens.createPracticeApiToken(practiceCtx(a, "partner"), { name: "A's dashboard", expiresInDays: 30 });
    const asB = practiceCtx(b, "partner");
    const before = await snapshot(a.practice.id);
    const notFound = { name: "AppError", code: "NOT_FOUND" };

    await expect(practices.setClientRole(asB, eA.id, eA.version, "owner")).rejects.toMatchObject(notFound);
    await expect(practices.archiveClient(asB, eA.id, eA.version)).rejects.toMatchObject(notFound);
    await expect(practices.restoreClient(asB, eA.id, eA.version)).rejects.toMatchObject(notFound);
    await expect(practices.deleteClient(asB, eA.id, eA.version, clientA.name)).rejects.toMatchObject(notFound);
    await expect(practices.changePracticeMemberRole(asB, a.members.consultant.id, a.members.consultant.version, "partner")).rejects.toMatchObject(notFound);
    await expect(practices.removePracticeMember(asB, a.members.consultant.id, a.members.consultant.version)).rejects.toMatchObject(notFound);
    await expect(practiceInvitations.revokePracticeInvitation(asB, invitationA.id)).rejects.toMatchObject(notFound);
    expect(await practiceInvitationQueries.listPendingPracticeInvitations(asB)).toEqual([]);
    await expect(practiceTokens.revokePracticeApiToken(asB, tokenA.id)).rejects.toMatchObject(notFound);
    expect(await practiceTokenQueries.listPracticeApiTokens(asB)).toEqual([]);
    expect((await practiceAudit.listPracticeAuditEventsPage(asB, { q: "", page: 1, size: 50, sort: { id: "when", desc: true }, filters: {} })).total).toBe(0);
    expect(await practiceQueries.listPracticeClients(asB)).toEqual([]);
    expect(await practiceQueries.countPracticeClients(asB)).toEqual({ active: 0, archived: 0 });
    await expect(practiceQueries.getPracticeClient(asB, eA.id)).rejects.toMatchObject(notFound);
    const clientB = await buildOrganisation(db());
    const eB = await buildEngagement(db(), b.practice.id, clientB.id, "editor");
    await expect(practiceQueries.comparePortfolioClients(asB, [eB.id, eA.id])).rejects.toMatchObject(notFound);
    expect((await practiceQueries.listPortfolio(asB)).map((r) => r.organisationId)).toEqual([clientB.id]);
    expect(await practiceQueries.listPortfolio(asB, { archived: true })).toEqual([]);
    expect((await practiceQueries.listPracticeMembers(asB)).map((m) => m.user.id).sort()).toEqual([b.users.partner.id, b.users.consultant.id].sort());
    expect((await practiceQueries.getPractice(asB)).id).toBe(b.practice.id);
    await practices.updatePractice(asB, { name: "B renamed", version: b.practice.version });

    expect(await snapshot(a.practice.id)).toBe(before);
  });

  it("an organisation's owner sees and ends only engagements with their own organisation", async () => {
    const p = await buildPracticeWithMembers(db());
    const clientA = await buildOrganisationWithMembers(db());
    const other = await buildOrganisationWithMembers(db());
    const eA = await buildEngagement(db(), p.practice.id, clientA.organisation.id, "editor");
    const otherOwner = contextFor(other.organisation, other.users.owner.id, "owner");
    expect(await practiceQueries.listPracticeAccess(otherOwner)).toEqual([]);
    await expect(practices.endPracticeEngagement(otherOwner, eA.id, eA.version)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().practiceClient.count({ where: { id: eA.id } })).toBe(1);
    const clientOwner = contextFor(clientA.organisation, clientA.users.owner.id, "owner");
    expect(await practiceQueries.listPracticeAccess(clientOwner)).toEqual([expect.objectContaining({ id: eA.id, role: "editor", practice: { name: p.practice.name, _count: { members: 2 } } })]);
  });
});

// ---- clients: create from a template, archive, delete ---------------------------------------------

describe("a practice's clients", () => {
  for (const template of CLIENT_TEMPLATE_KEYS) {
    it(`creates a client from the "${template}" start: the organisation, the engagement, the template's inventory, audited, and no member of its own`, async () => {
      const p = await buildPracticeWithMembers(db());
      const input = clientInput(template, `Northwind ${template}`);
      const client = await practices.createClient(practiceCtx(p, "partner"), input);
      const org = await db().organisation.findUniqueOrThrow({ where: { id: client.id }, include: { _count: { select: { memberships: true, aiSystems: true, offices: true } } } });
      expect(org).toMatchObject({ name: input.name, hqCountry: "GB", sector: "Banking", _count: { memberships: 0 } });
      const example = template === "empty" ? null : (JSON.parse(readFileSync(path.join(process.cwd(), "examples", `${template}.json`), "utf8")) as { aiSystems: unknown[]; offices: unknown[]; organisation: { regimes: string[] } });
      expect(org._count.aiSystems).toBe(example?.aiSystems.length ?? 0);
      expect(org._count.offices).toBe(example?.offices.length ?? 0);
      expect(org.regimes.sort()).toEqual((example?.organisation.regimes ?? []).sort());
      expect(await db().practiceClient.findFirstOrThrow({ where: { organisationId: client.id } })).toMatchObject({ practiceId: p.practice.id, role: "editor", archivedAt: null });
      const actions = await db().auditEvent.groupBy({ by: ["entityType"], where: { organisationId: client.id }, _count: true });
      expect(Object.fromEntries(actions.map((a) => [a.entityType, a._count]))).toMatchObject({ organisation: 1, practice_engagement: 1 });
      // The consultant reaches it and it scores (a template is a working inventory, not a sketch).
      const reached = (await identityOf(p.users.consultant.id))?.organisations.find((o) => o.id === client.id);
      expect(reached).toMatchObject({ role: "editor", via: p.practice.name });
      if (template !== "empty") {
        const live = await scoreOrganisation(contextFor(client, p.users.consultant.id, "editor"));
        expect(live.ok).toBe(true);
      }
    });
  }

  it("archiving takes the client out of the portfolio and out of reach; restoring brings both back", async () => {
    const p = await buildPracticeWithMembers(db());
    const ctx = practiceCtx(p, "partner");
    const client = await practices.createClient(ctx, clientInput("empty", "Archived Ltd"));
    const [row] = await practiceQueries.listPortfolio(ctx);
    expect(row).toMatchObject({ name: "Archived Ltd", archivedAt: null });
    await practices.archiveClient(ctx, row!.engagementId, row!.version);
    expect(await practiceQueries.listPortfolio(ctx)).toEqual([]);
    const [archived] = await practiceQueries.listPortfolio(ctx, { archived: true });
    expect(archived).toMatchObject({ organisationId: client.id, archivedAt: expect.any(Date), unscored: "Archived" });
    expect((await identityOf(p.users.consultant.id))?.organisations).toEqual([]);
    await practices.restoreClient(ctx, archived!.engagementId, archived!.version);
    expect((await identityOf(p.users.consultant.id))?.organisations).toEqual([expect.objectContaining({ id: client.id })]);
  });

  it("deleting a client needs its exact name and no people of its own; then the organisation and everything in it are gone", async () => {
    const p = await buildPracticeWithMembers(db());
    const ctx = practiceCtx(p, "partner");
    const client = await practices.createClient(ctx, clientInput("uk-bank", "Doomed plc"));
    const e = await db().practiceClient.findFirstOrThrow({ where: { organisationId: client.id } });
    const before = await snapshot(p.practice.id);

    await expect(practices.deleteClient(ctx, e.id, e.version, "Doomed")).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { confirmName: [expect.stringContaining("Doomed plc")] } } });
    const own = await buildUser(db());
    const membership = await db().membership.create({ data: { organisationId: client.id, userId: own.id, role: "owner" } });
    const withMember = await snapshot(p.practice.id);
    await expect(practices.deleteClient(ctx, e.id, e.version, "Doomed plc")).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("people of its own") });
    expect(await snapshot(p.practice.id)).toBe(withMember);
    await db().membership.delete({ where: { id: membership.id } });
    expect(await snapshot(p.practice.id)).toBe(before);

    await practices.deleteClient(ctx, e.id, e.version, "  Doomed plc ");
    expect(await db().organisation.count({ where: { id: client.id } })).toBe(0);
    expect(await db().aiSystem.count({ where: { organisationId: client.id } })).toBe(0);
    expect(await db().practiceClient.count({ where: { id: e.id } })).toBe(0);
  });

  it("the portfolio shows each client's live score, its trend since the last assessment, the restrictions reaching it and its overdue actions", async () => {
    const p = await buildPracticeWithMembers(db());
    const ctx = practiceCtx(p, "consultant");
    const client = await practices.createClient(practiceCtx(p, "partner"), clientInput("us-startup", "Trend Inc"));
    const clientCtx = contextFor(client, p.users.partner.id, "editor");
    const live = await scoreOrganisation(clientCtx);
    if (!live.ok) throw new Error("the template should score");
    await db().assessment.create({ data: { organisationId: client.id, asOf: new Date("2026-06-01"), methodologyVersion: "test", inputsHash: "x", inputs: {}, landscape: {}, results: {}, score: 42.5, rating: "Medium" } });
    const base = { organisationId: client.id, origin: "manual" as const, priority: "high" as const };
    await db().remediationAction.createMany({
      data: [
        { ...base, title: "Overdue", dueDate: new Date("2026-01-01"), status: "open" },
        { ...base, title: "Overdue, in progress", dueDate: new Date("2026-02-01"), status: "in_progress" },
        { ...base, title: "Overdue but done", dueDate: new Date("2026-01-01"), status: "done" },
        { ...base, title: "Due later", dueDate: new Date("2099-01-01"), status: "open" },
        { ...base, title: "No date", status: "open" },
      ],
    });
    await buildOffice(db(), client.id);
    const [row] = await practiceQueries.listPortfolio(ctx);
    expect(row).toMatchObject({
      name: "Trend Inc",
      score: live.result.organisation.score,
      rating: live.result.organisation.rating,
      lastAssessment: { score: 42.5, rating: "Medium", asOf: new Date("2026-06-01") },
      restrictions: live.result.organisation.activeRestrictions.map((r) => r.title),
      overdueActions: 2,
      openActions: 4,
      ownMembers: 0,
      role: "editor",
      nextWorkshop: null,
    });
  });

  it("a consultant plans the next workshop: the portfolio lists it, the client's own people see it, the client's audit trail records it; a past day is refused", async () => {
    const p = await buildPracticeWithMembers(db());
    const client = await buildOrganisationWithMembers(db());
    const e = await buildEngagement(db(), p.practice.id, client.organisation.id, "editor");
    const ctx = practiceCtx(p, "consultant");
    const day = (offset: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + offset));
    const iso = (d: Date) => d.toISOString().slice(0, 10);

    const before = await snapshot(p.practice.id);
    await expect(practices.planNextWorkshop(ctx, e.id, e.version, { on: day(-1), title: "Too late" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { on: ["Choose today or a later day"] } } });
    expect(await snapshot(p.practice.id)).toBe(before);

    await practices.planNextWorkshop(ctx, e.id, e.version, { on: day(0), title: "Kick-off" }); // today is still a plan
    await practices.planNextWorkshop(ctx, e.id, e.version + 1, { on: day(21), title: "Fallback drill" });
    expect((await practiceQueries.listPortfolio(ctx)).map((r) => r.nextWorkshop)).toEqual([{ on: iso(day(21)), title: "Fallback drill" }]);
    const seen = await practiceQueries.listPracticeAccess(contextFor(client.organisation, client.users.viewer.id, "viewer"));
    expect(seen.map((a) => [a.practice.name, a.nextWorkshopOn && iso(a.nextWorkshopOn), a.nextWorkshopTitle])).toEqual([[p.practice.name, iso(day(21)), "Fallback drill"]]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: client.organisation.id, entityType: "practice_engagement" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ action: "update", actorId: p.users.consultant.id, before: { nextWorkshopOn: iso(day(0)), nextWorkshopTitle: "Kick-off" }, after: { nextWorkshopOn: iso(day(21)), nextWorkshopTitle: "Fallback drill", change: "next workshop" } });

    // Clearing the day clears what it was about too.
    await practices.planNextWorkshop(ctx, e.id, e.version + 2, { on: null, title: "left over" });
    expect(await db().practiceClient.findUniqueOrThrow({ where: { id: e.id }, select: { nextWorkshopOn: true, nextWorkshopTitle: true } })).toEqual({ nextWorkshopOn: null, nextWorkshopTitle: null });
    expect((await practiceQueries.listPortfolio(ctx))[0]!.nextWorkshop).toBeNull();

    // An archived client is out of reach: nothing to plan; another practice gets NOT_FOUND.
    await db().practiceClient.update({ where: { id: e.id }, data: { archivedAt: new Date() } });
    await expect(practices.planNextWorkshop(ctx, e.id, e.version + 3, { on: day(7), title: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await buildPracticeWithMembers(db());
    await db().practiceClient.update({ where: { id: e.id }, data: { archivedAt: null } });
    await expect(practices.planNextWorkshop(practiceCtx(other, "partner"), e.id, e.version + 3, { on: day(7), title: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db().practiceClient.findUniqueOrThrow({ where: { id: e.id } })).nextWorkshopOn).toBeNull();
  });

  it("keeps the last partner: two partners demoting each other at once leave one partner, 10 rounds out of 10", async () => {
    for (let round = 0; round < 10; round++) {
      const p = await buildPracticeWithMembers(db());
      await db().practiceMember.update({ where: { id: p.members.consultant.id }, data: { role: "partner" } });
      const m = await db().practiceMember.findMany({ where: { practiceId: p.practice.id }, orderBy: { id: "asc" } });
      const [x, y] = m as [(typeof m)[number], (typeof m)[number]];
      const as = (userId: string): PracticeContext => ({ ...practiceCtx(p, "partner"), userId });
      const results = await Promise.allSettled([practices.changePracticeMemberRole(as(x.userId), y.id, y.version, "consultant"), practices.removePracticeMember(as(y.userId), x.id, x.version)]);
      expect({ round, partners: await db().practiceMember.count({ where: { practiceId: p.practice.id, role: "partner" } }) }).toEqual({ round, partners: 1 });
      expect(results.filter((r) => r.status === "rejected")).toEqual([expect.objectContaining({ reason: expect.objectContaining({ code: "CONFLICT", message: expect.stringContaining("at least one partner") }) })]);
    }
  });

  it("adding a member needs an existing account, once", async () => {
    const p = await buildPracticeWithMembers(db());
    const ctx = practiceCtx(p, "partner");
    await expect(practices.addPracticeMember(ctx, { email: "nobody@example.test", role: "consultant" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { email: ["No Sovra account uses this email"] } } });
    await expect(practices.addPracticeMember(ctx, { email: p.users.consultant.email, role: "consultant" })).rejects.toMatchObject({ code: "CONFLICT" });
    const newcomer = await buildUser(db());
    await practices.addPracticeMember(ctx, { email: newcomer.email, role: "consultant" });
    expect((await identityOf(newcomer.id))?.practices).toEqual([expect.objectContaining({ id: p.practice.id, role: "consultant" })]);
  });

  it("compares clients side by side: each client's own score, dimensions and vendors, in the order asked; an archived one is NOT_FOUND", async () => {
    const p = await buildPracticeWithMembers(db());
    const partner = practiceCtx(p, "partner");
    const bank = await practices.createClient(partner, clientInput("uk-bank", "Compare Bank"));
    const maker = await practices.createClient(partner, clientInput("frankfurt-manufacturer", "Compare Maker"));
    const empty = await practices.createClient(partner, clientInput("empty", "Compare Empty"));
    const compared = await practiceQueries.comparePortfolioClients(practiceCtx(p, "consultant"), [maker.engagementId, bank.engagementId, empty.engagementId]);
    expect(compared.map((c) => c.name)).toEqual(["Compare Maker", "Compare Bank", "Compare Empty"]);
    for (const [row, client] of [[compared[0]!, maker], [compared[1]!, bank]] as const) {
      const live = await scoreOrganisation(contextFor(client, p.users.partner.id, "editor"));
      if (!live.ok) throw new Error("a template scores");
      expect(row).toMatchObject({ score: live.result.organisation.score, rating: live.result.organisation.rating, dimensions: live.result.organisation.dimensions, systems: live.result.systems.length });
      expect(row.vendors.map((v) => v.name).sort()).toEqual(live.result.vendors.map((v) => v.name).sort());
      expect(row.vendors.map((v) => v.score)).toEqual([...row.vendors.map((v) => v.score)].sort((a, b) => a - b));
    }
    expect(compared[2]).toMatchObject({ score: null, unscored: "No AI systems yet", vendors: [] });
    await practices.archiveClient(partner, empty.engagementId, 1);
    await expect(practiceQueries.comparePortfolioClients(partner, [bank.engagementId, empty.engagementId])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("someone working in a client through the practice cannot create an API token there (it would act with a membership they do not have)", async () => {
    const p = await buildPracticeWithMembers(db());
    const client = await practices.createClient(practiceCtx(p, "partner"), { ...clientInput(), role: "owner" });
    const viaPractice = { ...contextFor(client, p.users.consultant.id, "owner"), via: p.practice.name };
    await expect(createApiToken(viaPractice, { name: "CI", role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(p.practice.name) });
    expect(await db().apiToken.count({ where: { organisationId: client.id } })).toBe(0);
  });
});

// ---- the practice's name and logo on its reports for clients (decision 042) ---------------------

describe("the practice's name and logo on reports for clients", () => {
  /** The context a consultant works in at the client, as the request and the print route build it. */
  async function consultantAt(p: Practice, organisationId: string): Promise<OrgContext> {
    const reached = (await identityOf(p.users.consultant.id))!.organisations.find((o) => o.id === organisationId)!;
    return { organisationId: reached.id, organisationSlug: reached.slug, organisationName: reached.name, userId: p.users.consultant.id, role: reached.role as OrgContext["role"], via: reached.via, viaPracticeId: reached.viaPracticeId };
  }

  it("a partner turns branding on with a PNG logo: a consultant's reports in a client carry both; the client's own owner's never do", async () => {
    const p = await buildPracticeWithMembers(db());
    const client = await buildOrganisationWithMembers(db());
    await buildEngagement(db(), p.practice.id, client.organisation.id, "editor");
    const logo = pngBytes(64, 16);
    expect(await practices.updatePracticeBranding(practiceCtx(p, "partner"), { version: p.practice.version, brandReports: true, logo })).toEqual({ version: p.practice.version + 1 });

    const asConsultant = await consultantAt(p, client.organisation.id);
    expect(asConsultant.viaPracticeId).toBe(p.practice.id);
    expect(await practiceQueries.reportBranding(asConsultant)).toEqual({ practiceName: p.practice.name, logo: `data:image/png;base64,${Buffer.from(logo).toString("base64")}` });
    expect(await practiceQueries.reportBranding(contextFor(client.organisation, client.users.owner.id, "owner"))).toBeNull();
    // The settings page shows the same picture.
    expect(await practiceQueries.getPracticeLogo(practiceCtx(p, "consultant"))).toBe(`data:image/png;base64,${Buffer.from(logo).toString("base64")}`);
  });

  it("no branding while it is off, once the engagement is archived or ended, or for a practice that does not work with the client", async () => {
    const p = await buildPracticeWithMembers(db());
    const other = await buildPracticeWithMembers(db());
    const client = await buildOrganisationWithMembers(db());
    const engagement = await buildEngagement(db(), p.practice.id, client.organisation.id, "editor");
    const asConsultant = await consultantAt(p, client.organisation.id);
    expect(await practiceQueries.reportBranding(asConsultant)).toBeNull(); // off by default

    await practices.updatePracticeBranding(practiceCtx(other, "partner"), { version: other.practice.version, brandReports: true, logo: pngBytes(8, 8) });
    // A context naming another practice (one that brands its reports) gets nothing for a client it does not serve.
    expect(await practiceQueries.reportBranding({ ...asConsultant, via: other.practice.name, viaPracticeId: other.practice.id })).toBeNull();

    await practices.updatePracticeBranding(practiceCtx(p, "partner"), { version: p.practice.version, brandReports: true });
    expect(await practiceQueries.reportBranding(asConsultant)).toEqual({ practiceName: p.practice.name, logo: null });
    await db().practiceClient.update({ where: { id: engagement.id }, data: { archivedAt: new Date() } });
    expect(await practiceQueries.reportBranding(asConsultant)).toBeNull();
    await db().practiceClient.delete({ where: { id: engagement.id } });
    expect(await practiceQueries.reportBranding(asConsultant)).toBeNull();
  });

  it("a JPEG is stored as one; removing the logo clears it; leaving it out keeps it", async () => {
    const p = await buildPracticeWithMembers(db());
    const ctx = practiceCtx(p, "partner");
    await practices.updatePracticeBranding(ctx, { version: 1, brandReports: false, logo: jpegHeader(200, 50) });
    expect(await db().practice.findUniqueOrThrow({ where: { id: p.practice.id }, select: { logoType: true, brandReports: true } })).toEqual({ logoType: "image/jpeg", brandReports: false });
    await practices.updatePracticeBranding(ctx, { version: 2, brandReports: true });
    expect((await db().practice.findUniqueOrThrow({ where: { id: p.practice.id } })).logoType).toBe("image/jpeg");
    await practices.updatePracticeBranding(ctx, { version: 3, brandReports: true, logo: null });
    expect(await db().practice.findUniqueOrThrow({ where: { id: p.practice.id }, select: { logo: true, logoType: true, version: true } })).toEqual({ logo: null, logoType: null, version: 4 });
    expect(await practiceQueries.getPracticeLogo(ctx)).toBeNull();
  });

  it("refuses a file that is not a PNG or JPEG, too large, or a picture too big, under the logo field, and changes nothing", async () => {
    const p = await buildPracticeWithMembers(db());
    const ctx = practiceCtx(p, "partner");
    await practices.updatePracticeBranding(ctx, { version: 1, brandReports: true, logo: pngBytes(10, 10) });
    const before = await snapshot(p.practice.id);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const tooLarge = new Uint8Array(300 * 1024);
    tooLarge.set(pngBytes(4, 4));
    for (const [bytes, message] of [
      [gifHeader(10, 10), "A logo must be a PNG or JPEG picture; this file is GIF."],
      [svg, "This is not a PNG or JPEG picture that can be read."],
      [tooLarge, "The file is 300 KB; a logo may be at most 256 KB."],
      [jpegHeader(20_000, 20_000), "The picture is 20000 x 20000 pixels; a logo may be at most 4000 pixels on either side."],
    ] as const) {
      await expect(practices.updatePracticeBranding(ctx, { version: 2, brandReports: false, logo: bytes })).rejects.toMatchObject({ code: "INVALID_INPUT", message, details: { fieldErrors: { logo: [message] } } });
    }
    expect(await snapshot(p.practice.id)).toBe(before);
  });

  it("the database refuses a logo the application never writes (another media type, or bytes without one)", async () => {
    const p = await buildPracticeWithMembers(db());
    await expect(db().practice.update({ where: { id: p.practice.id }, data: { logo: new Uint8Array([60, 115, 118, 103]), logoType: "image/svg+xml" } })).rejects.toThrow(/Practice_logo_check/);
    await expect(db().practice.update({ where: { id: p.practice.id }, data: { logo: pngBytes(2, 2) } })).rejects.toThrow(/Practice_logo_check/);
  });
});
