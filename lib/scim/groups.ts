import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { resourceNotFound, ScimError } from "@/lib/scim/errors";
import type { FilterClause } from "@/lib/scim/filter";
import { assertIfMatch } from "@/lib/scim/http";
import { applyMemberChanges, type GroupChanges, type MemberChange } from "@/lib/scim/patch";
import { scimGroupSelect, type ScimGroupRow } from "@/lib/scim/present";
import { lockOwners, roleSettingsFor, syncAccess } from "@/lib/scim/provision";
import type { GroupBody } from "@/lib/scim/schemas";
import { SCIM_TRANSACTION } from "@/lib/scim/users";

// SCIM Groups of one organisation. A group gives its members the role its display name or
// external id maps to (lib/sso/roles.ts), so every change to its members or its name re-computes
// the access of everyone it concerns, in the same transaction, under the owner lock.

type Tx = Prisma.TransactionClient;
type Member = { id: string; userName: string };
export type ScimGroupWithMembers = ScimGroupRow & { members: Member[] | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uniquenessError = (name: string) => new ScimError(409, `A group named "${name}" already exists in this organisation.`, "uniqueness");

function whereOf(organisationId: string, clause: FilterClause): Prisma.ScimGroupWhereInput {
  switch (clause.attribute) {
    case "displayName":
      return { organisationId, displayName: { equals: clause.value, mode: "insensitive" } };
    case "externalId":
      return { organisationId, externalId: clause.value };
    default:
      return UUID.test(clause.value) ? { organisationId, id: clause.value.toLowerCase() } : { organisationId, id: { in: [] } };
  }
}

async function membersOf(client: Tx | PrismaClient, organisationId: string, groupIds: string[]): Promise<Map<string, Member[]>> {
  const rows = await client.scimGroupMember.findMany({
    where: { organisationId, groupId: { in: groupIds } },
    select: { groupId: true, scimUser: { select: { id: true, userName: true } } },
    orderBy: { scimUserId: "asc" },
  });
  const byGroup = new Map<string, Member[]>(groupIds.map((id) => [id, []]));
  for (const row of rows) byGroup.get(row.groupId)?.push(row.scimUser);
  return byGroup;
}

/** A page of the organisation's SCIM groups matching every clause, with their members unless excluded (one query for all of them). */
export async function listScimGroups(organisationId: string, clauses: FilterClause[], page: { startIndex: number; count: number }, withMembers: boolean) {
  const where: Prisma.ScimGroupWhereInput = { organisationId, AND: clauses.map((c) => whereOf(organisationId, c)) };
  const [total, rows] = await Promise.all([
    db().scimGroup.count({ where }),
    page.count === 0 ? Promise.resolve([]) : db().scimGroup.findMany({ where, select: scimGroupSelect, orderBy: { id: "asc" }, skip: page.startIndex - 1, take: page.count }),
  ]);
  const members = withMembers && rows.length > 0 ? await membersOf(db(), organisationId, rows.map((r) => r.id)) : null;
  return { total, rows: rows.map((r): ScimGroupWithMembers => ({ ...r, members: members?.get(r.id) ?? null })) };
}

async function findGroup(client: Tx | PrismaClient, organisationId: string, id: string) {
  if (!UUID.test(id)) return null;
  return client.scimGroup.findFirst({ where: { id: id.toLowerCase(), organisationId }, select: scimGroupSelect });
}

/** One SCIM group; 404 for an unknown id and for another organisation's alike. */
export async function getScimGroup(organisationId: string, id: string, withMembers: boolean): Promise<ScimGroupWithMembers> {
  const row = await findGroup(db(), organisationId, id);
  if (!row) throw resourceNotFound("Group", id);
  const members = withMembers ? ((await membersOf(db(), organisationId, [row.id])).get(row.id) ?? []) : null;
  return { ...row, members };
}

/** Refuses a name another group of the organisation has (compared without case, as the filter finds groups). */
async function assertNameFree(tx: Tx, organisationId: string, displayName: string, exceptId?: string) {
  const taken = await tx.scimGroup.findFirst({
    where: { organisationId, displayName: { equals: displayName, mode: "insensitive" }, ...(exceptId && { id: { not: exceptId } }) },
    select: { id: true },
  });
  if (taken) throw uniquenessError(displayName);
}

/** The ids that add or replace members with, all of which must be SCIM users of this organisation (lower case). */
async function checkedMemberChanges(tx: Tx, organisationId: string, changes: MemberChange[]): Promise<MemberChange[]> {
  const normalised = changes.map((c): MemberChange => (c.kind === "removeAll" ? c : { kind: c.kind, ids: c.ids.map((id) => id.toLowerCase()) }));
  const wanted = [...new Set(normalised.flatMap((c) => (c.kind === "add" || c.kind === "replace" ? c.ids : [])))];
  if (wanted.length === 0) return normalised;
  const valid = wanted.filter((id) => UUID.test(id));
  const found = new Set(
    valid.length === 0 ? [] : (await tx.scimUser.findMany({ where: { organisationId, id: { in: valid } }, select: { id: true } })).map((u) => u.id),
  );
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ScimError(400, `No user with id ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ""} in this organisation: provision the user before adding them to a group.`, "invalidValue");
  }
  return normalised;
}

async function resync(tx: Tx, organisationId: string, scimUserIds: Iterable<string>) {
  const settings = await roleSettingsFor(tx, organisationId);
  for (const id of new Set(scimUserIds)) await syncAccess(tx, organisationId, id, settings, "changed");
}

/** Creates a SCIM group (POST /Groups), with its members if the body lists them. */
export async function createScimGroup(organisationId: string, body: GroupBody): Promise<ScimGroupWithMembers> {
  return db()
    .$transaction(async (tx) => {
      await lockOwners(tx, organisationId);
      await assertNameFree(tx, organisationId, body.displayName);
      const changes = await checkedMemberChanges(tx, organisationId, [{ kind: "replace", ids: (body.members ?? []).map((m) => m.value) }]);
      const memberIds = applyMemberChanges([], changes);
      const row = await tx.scimGroup.create({ data: { organisationId, displayName: body.displayName, externalId: body.externalId }, select: scimGroupSelect });
      if (memberIds.length > 0) await tx.scimGroupMember.createMany({ data: memberIds.map((scimUserId) => ({ organisationId, groupId: row.id, scimUserId })) });
      await resync(tx, organisationId, memberIds);
      return { ...row, members: (await membersOf(tx, organisationId, [row.id])).get(row.id) ?? [] };
    }, SCIM_TRANSACTION)
    .catch((e: unknown) => {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw uniquenessError(body.displayName);
      throw e;
    });
}

/** Applies changes to a group: name, external id, members; then re-computes the access of everyone concerned. */
export async function changeScimGroup(request: Request, organisationId: string, id: string, changes: GroupChanges): Promise<ScimGroupWithMembers> {
  return db()
    .$transaction(async (tx) => {
      await lockOwners(tx, organisationId);
      const current = await findGroup(tx, organisationId, id);
      if (!current) throw resourceNotFound("Group", id);
      assertIfMatch(request, current.version);
      const renamed = changes.displayName !== undefined && changes.displayName !== current.displayName;
      if (renamed && changes.displayName!.toLowerCase() !== current.displayName.toLowerCase()) await assertNameFree(tx, organisationId, changes.displayName!, current.id);
      const reidentified = changes.externalId !== undefined && changes.externalId !== current.externalId;

      const before = (await tx.scimGroupMember.findMany({ where: { organisationId, groupId: current.id }, select: { scimUserId: true } })).map((m) => m.scimUserId);
      const memberChanges = await checkedMemberChanges(tx, organisationId, changes.members);
      const after = applyMemberChanges(before, memberChanges);
      const beforeSet = new Set(before);
      const afterSet = new Set(after);
      const added = after.filter((m) => !beforeSet.has(m));
      const removed = before.filter((m) => !afterSet.has(m));

      const { count } = await tx.scimGroup.updateMany({
        where: { id: current.id, organisationId, version: current.version },
        data: {
          ...(changes.displayName !== undefined && { displayName: changes.displayName }),
          ...(changes.externalId !== undefined && { externalId: changes.externalId }),
          version: { increment: 1 },
        },
      });
      if (count === 0) throw new ScimError(412, "The group changed while this request was processed. Read it again, then retry.");
      if (removed.length > 0) await tx.scimGroupMember.deleteMany({ where: { organisationId, groupId: current.id, scimUserId: { in: removed } } });
      if (added.length > 0) await tx.scimGroupMember.createMany({ data: added.map((scimUserId) => ({ organisationId, groupId: current.id, scimUserId })) });
      // A new name or external id can match another mapping: everyone in the group is concerned.
      await resync(tx, organisationId, renamed || reidentified ? [...before, ...after] : [...added, ...removed]);

      const row = await tx.scimGroup.findFirstOrThrow({ where: { id: current.id, organisationId }, select: scimGroupSelect });
      return { ...row, members: (await membersOf(tx, organisationId, [row.id])).get(row.id) ?? [] };
    }, SCIM_TRANSACTION)
    .catch((e: unknown) => {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw uniquenessError(changes.displayName ?? "");
      throw e;
    });
}

/** Replaces a group (PUT): name and external id as sent; members only when the body lists them (absent: left as they are). */
export function replaceScimGroup(request: Request, organisationId: string, id: string, body: GroupBody): Promise<ScimGroupWithMembers> {
  return changeScimGroup(request, organisationId, id, {
    displayName: body.displayName,
    externalId: body.externalId,
    members: body.members ? [{ kind: "replace", ids: body.members.map((m) => m.value) }] : [],
  });
}

/** Deletes a group (DELETE) and re-computes its former members' access. */
export async function deleteScimGroup(request: Request, organisationId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockOwners(tx, organisationId);
    const current = await findGroup(tx, organisationId, id);
    if (!current) throw resourceNotFound("Group", id);
    assertIfMatch(request, current.version);
    const members = (await tx.scimGroupMember.findMany({ where: { organisationId, groupId: current.id }, select: { scimUserId: true } })).map((m) => m.scimUserId);
    await tx.scimGroupMember.deleteMany({ where: { organisationId, groupId: current.id } });
    await tx.scimGroup.deleteMany({ where: { id: current.id, organisationId } });
    await resync(tx, organisationId, members);
  }, SCIM_TRANSACTION);
}
