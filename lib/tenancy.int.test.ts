// Tenant isolation: every data function, called by a member of organisation B with the id of
// something that belongs to organisation A, must hide it or refuse with NOT_FOUND, and must
// leave A's data as it was. Adding a data function? Add a case below: the last test fails
// until every exported function of lib/*/queries.ts and lib/*/mutations.ts has one.
import { beforeAll, describe, expect, it } from "vitest";
import * as auditQueries from "@/lib/audit/queries";
import * as inventoryDocument from "@/lib/inventory/document";
import * as inventoryImport from "@/lib/inventory/import";
import * as scoreQueries from "@/lib/scores/queries";
import * as memberMutations from "@/lib/members/mutations";
import * as memberQueries from "@/lib/members/queries";
import * as officeMutations from "@/lib/offices/mutations";
import * as officeQueries from "@/lib/offices/queries";
import * as organisationMutations from "@/lib/organisations/mutations";
import * as organisationQueries from "@/lib/organisations/queries";
import type { OrgContext } from "@/lib/auth/org-context";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

type World = Awaited<ReturnType<typeof setupWorld>>;

async function setupWorld() {
  const { a, b, ctx } = await twoOrganisations();
  const ownerA = ctx(a, "owner");
  const ownerB = ctx(b, "owner");
  const officeA = await buildOffice(db(), a.organisation.id, { name: "A's secret office" });
  await buildOffice(db(), b.organisation.id, { name: "B's office" });
  const invitationA = await memberMutations.createInvitation(ownerA, { role: "viewer", email: "a-invitee@example.test" });
  await officeMutations.updateOffice(ownerA, officeA.id, officeA.version, { name: "A's secret office", country: "FR", city: "Lyon", headcount: 7, teams: ["Red team"] });
  const membershipA = await db().membership.findFirstOrThrow({ where: { organisationId: a.organisation.id, role: "editor" }, select: { id: true, version: true } });
  return { a, b, ownerA, ownerB, officeA: { ...officeA, version: officeA.version + 1 }, invitationA, membershipA };
}

/** A's rows as they stand, to prove a failed cross-tenant call changed nothing. */
async function snapshotOf(w: World) {
  const organisationId = w.a.organisation.id;
  return {
    organisation: await db().organisation.findUnique({ where: { id: organisationId } }),
    offices: await db().office.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    memberships: await db().membership.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    invitations: await db().invitation.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
  };
}

async function expectNotFound(promise: Promise<unknown>) {
  await expect(promise).rejects.toMatchObject({ name: "AppError", code: "NOT_FOUND" });
}

const json = (v: unknown) => JSON.stringify(v);

/** name -> what B's owner does with A's things, and what must hold afterwards. */
const CASES: Record<string, (w: World, asB: OrgContext) => Promise<void>> = {
  // organisations
  getOrganisation: async (w, asB) => {
    const org = await organisationQueries.getOrganisation(asB);
    expect(org.id).toBe(w.b.organisation.id);
  },
  getOrganisationOverview: async (_w, asB) => {
    const counts = await organisationQueries.getOrganisationOverview(asB);
    expect(counts.offices).toBe(1); // B's own office only
  },
  updateOrganisation: async (w, asB) => {
    const b = await organisationQueries.getOrganisation(asB);
    await organisationMutations.updateOrganisation(asB, { name: "B renamed", hqCountry: "GB", sector: "Banking", regimes: ["dora"], version: b.version });
    const a = await db().organisation.findUniqueOrThrow({ where: { id: w.a.organisation.id } });
    expect(a.name).toBe(w.a.organisation.name);
  },
  // offices
  listOffices: async (_w, asB) => {
    const offices = await officeQueries.listOffices(asB);
    expect(offices.map((o) => o.name)).toEqual(["B's office"]);
  },
  getOffice: async (w, asB) => {
    expect(await officeQueries.getOffice(asB, w.officeA.id)).toBeNull();
  },
  createOffice: async (w, asB) => {
    const office = await officeMutations.createOffice(asB, { name: "A's secret office", country: "DE", city: "Berlin", headcount: 1, teams: [] });
    const row = await db().office.findUniqueOrThrow({ where: { id: office.id } });
    expect(row.organisationId).toBe(w.b.organisation.id);
  },
  updateOffice: async (w, asB) => {
    await expectNotFound(officeMutations.updateOffice(asB, w.officeA.id, w.officeA.version, { name: "pwned", country: "DE", city: "X", headcount: 0, teams: [] }));
  },
  deleteOffice: async (w, asB) => {
    await expectNotFound(officeMutations.deleteOffice(asB, w.officeA.id, w.officeA.version));
  },
  officeDeletionImpact: async (w, asB) => {
    await db().dataFlow.count(); // A's office has no flows here; B must see zero links either way
    expect(await officeMutations.officeDeletionImpact(asB, w.officeA.id)).toEqual({ aiSystemLinks: 0, dataFlows: 0 });
  },
  // members
  listMembers: async (w, asB) => {
    const members = await memberQueries.listMembers(asB);
    const aUserIds = Object.values(w.a.users).map((u) => u.id);
    expect(members).toHaveLength(4);
    expect(members.some((m) => aUserIds.includes(m.user.id))).toBe(false);
  },
  listPendingInvitations: async (_w, asB) => {
    expect(await memberQueries.listPendingInvitations(asB)).toEqual([]);
  },
  createInvitation: async (w, asB) => {
    const invitation = await memberMutations.createInvitation(asB, { role: "owner" });
    const row = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.organisationId).toBe(w.b.organisation.id);
  },
  revokeInvitation: async (w, asB) => {
    await expectNotFound(memberMutations.revokeInvitation(asB, w.invitationA.id));
  },
  changeMemberRole: async (w, asB) => {
    await expectNotFound(memberMutations.changeMemberRole(asB, { membershipId: w.membershipA.id, role: "owner", version: w.membershipA.version }));
  },
  removeMember: async (w, asB) => {
    await expectNotFound(memberMutations.removeMember(asB, w.membershipA.id));
  },
  // inventory document and scores
  loadInventoryDocument: async (w, asB) => {
    const { document } = await inventoryDocument.loadInventoryDocument(asB);
    expect(document.organisation.key).toBe(w.b.organisation.slug);
    expect(document.offices).toHaveLength(await db().office.count({ where: { organisationId: w.b.organisation.id } }));
  },
  planInventoryImport: async (w, asB) => {
    const { document } = await inventoryDocument.loadInventoryDocument(w.ownerA); // A's own rows, as a document
    const result = await inventoryImport.planInventoryImport(asB, document);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const planned = Object.values(result.plan.entities).flatMap((e) => [...e.update, ...e.unchanged].map((r) => r.id));
    const aIds = new Set((await db().office.findMany({ where: { organisationId: w.a.organisation.id }, select: { id: true } })).map((o) => o.id));
    expect(planned.some((id) => aIds.has(id))).toBe(false);
  },
  applyInventoryImport: async (w, asB) => {
    const { document } = await inventoryDocument.loadInventoryDocument(w.ownerA);
    const result = await inventoryImport.applyInventoryImport(asB, document);
    expect(result.ok).toBe(true);
    expect(await db().office.count({ where: { organisationId: w.b.organisation.id, name: "A's secret office" } })).toBe(1);
  },
  scoreOrganisation: async (w, asB) => {
    const live = await scoreQueries.scoreOrganisation(asB);
    const names = live.ok ? [live.result.organisation.name] : [];
    expect(names).not.toContain(w.a.organisation.name);
  },
  // audit
  listAuditEvents: async (w, asB) => {
    const events = await auditQueries.listAuditEvents(asB);
    expect(events.length).toBeGreaterThan(0); // B's own createInvitation etc.
    const aEvents = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id }, select: { id: true } });
    const ids = new Set(events.map((e) => e.id));
    expect(aEvents.some((e) => ids.has(e.id))).toBe(false);
  },
};

/** Functions that are scoped by the user or by a secret token rather than by an organisation. */
const NOT_ORG_SCOPED: Record<string, string> = {
  listMyOrganisations: "lists the caller's own memberships (where: { userId })",
  findHomeOrganisationSlug: "the caller's own first membership (where: { userId })",
  hasAnyUser: "first-run check; returns a boolean only",
  createOrganisation: "creates a new organisation owned by the caller",
  createFirstAccount: "first run only; refused once any account exists",
  findUsableInvitation: "looked up by the hash of a 256-bit secret token",
  acceptInvitation: "joins the organisation named by the secret token",
  acceptInvitationWithNewAccount: "joins the organisation named by the secret token",
  toDocumentValue: "pure value translation, no data access",
  today: "pure date helper, no data access",
};

describe("tenant isolation", () => {
  let world: World;
  beforeAll(async () => {
    world = await setupWorld();
  });

  for (const [name, run] of Object.entries(CASES)) {
    it(`${name} never reveals or changes another organisation's rows`, async () => {
      const before = await snapshotOf(world);
      await run(world, world.ownerB);
      expect(json(await snapshotOf(world))).toBe(json(before));
    });
  }

  it("has a case for every organisation-scoped data function", () => {
    const modules = { auditQueries, inventoryDocument, inventoryImport, scoreQueries, memberMutations, memberQueries, officeMutations, officeQueries, organisationMutations, organisationQueries };
    const exported = Object.values(modules).flatMap((m) => Object.entries(m).filter(([, v]) => typeof v === "function").map(([k]) => k));
    const missing = exported.filter((name) => !(name in CASES) && !(name in NOT_ORG_SCOPED));
    expect(missing).toEqual([]);
  });
});
