import "server-only";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { NO_PASSWORD } from "@/lib/sso/provision";
import { resourceNotFound, ScimError } from "@/lib/scim/errors";
import type { FilterClause } from "@/lib/scim/filter";
import { assertIfMatch } from "@/lib/scim/http";
import type { UserChanges } from "@/lib/scim/patch";
import { scimUserSelect, type ScimUserRow } from "@/lib/scim/present";
import { deprovisionUser, lockOwners, roleSettingsFor, syncAccess, type SyncReason } from "@/lib/scim/provision";
import type { UserBody } from "@/lib/scim/schemas";

// SCIM Users of one organisation. Every statement names the organisation in its own `where`; the
// caller's organisation comes from its token (lib/scim/auth.ts), never from the body. Writes run
// in one transaction under the organisation's owner lock, with the access changes they cause.

type Tx = Prisma.TransactionClient;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Writes may re-compute many memberships (a large group); more than Prisma's 5 s default. */
export const SCIM_TRANSACTION = { timeout: 30_000, maxWait: 10_000 } as const;

/** userName is the person's email (lower case): Sovra knows people by email, as single sign-on does. */
function emailOf(userName: string): string {
  const email = userName.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) {
    throw new ScimError(400, `userName must be the person's email address (got "${userName.slice(0, 100)}"): map the email or user principal name to userName.`, "invalidValue");
  }
  return email;
}

const uniquenessError = (email: string) => new ScimError(409, `A user with userName ${email} already exists in this organisation.`, "uniqueness");

function rethrowUnique(e: unknown, email: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw uniquenessError(email);
  throw e;
}

function whereOf(organisationId: string, clause: FilterClause): Prisma.ScimUserWhereInput {
  switch (clause.attribute) {
    case "userName":
    case "emails":
      return { organisationId, userName: clause.value.trim().toLowerCase() };
    case "externalId":
      return { organisationId, externalId: clause.value };
    default:
      // An id that is no UUID matches nothing (and must not reach a uuid column).
      return UUID.test(clause.value) ? { organisationId, id: clause.value.toLowerCase() } : { organisationId, id: { in: [] } };
  }
}

/** A page of the organisation's SCIM users matching every clause, oldest first, with the total. */
export async function listScimUsers(organisationId: string, clauses: FilterClause[], page: { startIndex: number; count: number }) {
  const where: Prisma.ScimUserWhereInput = { organisationId, AND: clauses.map((c) => whereOf(organisationId, c)) };
  const [total, rows] = await Promise.all([
    db().scimUser.count({ where }),
    page.count === 0 ? Promise.resolve([]) : db().scimUser.findMany({ where, select: scimUserSelect, orderBy: { id: "asc" }, skip: page.startIndex - 1, take: page.count }),
  ]);
  return { total, rows };
}

async function findScimUser(client: Tx | PrismaClient, organisationId: string, id: string) {
  if (!UUID.test(id)) return null;
  return client.scimUser.findFirst({ where: { id: id.toLowerCase(), organisationId }, select: { ...scimUserSelect, userId: true } });
}

/** One SCIM user of the organisation; 404 for an unknown id and for another organisation's alike. */
export async function getScimUser(organisationId: string, id: string): Promise<ScimUserRow> {
  const row = await findScimUser(db(), organisationId, id);
  if (!row) throw resourceNotFound("User", id);
  return row;
}

/** The Sovra account for an email: the existing one, or a new one without a password (as single sign-on creates). */
async function accountFor(tx: Tx, email: string, name: string): Promise<string> {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return existing.id;
  const created = await tx.user.create({ data: { email, name, passwordHash: NO_PASSWORD }, select: { id: true } });
  return created.id;
}

const personName = (email: string, input: { displayName?: string | null; givenName?: string | null; familyName?: string | null }) =>
  (input.displayName || [input.givenName, input.familyName].filter(Boolean).join(" ") || email.slice(0, email.indexOf("@"))).slice(0, 200);

const namesOf = (body: UserBody) => ({
  externalId: body.externalId,
  displayName: body.displayName,
  givenName: body.name?.givenName ?? null,
  familyName: body.name?.familyName ?? null,
});

/**
 * Creates a SCIM user (POST /Users): links the person's Sovra account by email, creating it if
 * needed, and gives them the role their groups map to while active. 409 uniqueness when the
 * organisation already has a SCIM user with this userName.
 */
export async function createScimUser(organisationId: string, body: UserBody): Promise<ScimUserRow> {
  const email = emailOf(body.userName);
  return db()
    .$transaction(async (tx) => {
      await lockOwners(tx, organisationId);
      if (await tx.scimUser.findFirst({ where: { organisationId, userName: email }, select: { id: true } })) throw uniquenessError(email);
      const names = namesOf(body);
      const userId = await accountFor(tx, email, personName(email, names));
      const row = await tx.scimUser.create({
        data: { organisationId, userId, userName: email, ...names, active: body.active ?? true },
        select: scimUserSelect,
      });
      await syncAccess(tx, organisationId, row.id, await roleSettingsFor(tx, organisationId), "provisioned");
      return row;
    }, SCIM_TRANSACTION)
    .catch((e: unknown) => rethrowUnique(e, email));
}

async function applyUserChanges(request: Request, organisationId: string, id: string, changes: UserChanges): Promise<ScimUserRow> {
  let email: string | undefined;
  return db()
    .$transaction(async (tx) => {
      await lockOwners(tx, organisationId);
      const current = await findScimUser(tx, organisationId, id);
      if (!current) throw resourceNotFound("User", id);
      assertIfMatch(request, current.version);
      email = changes.userName === undefined ? current.userName : emailOf(changes.userName);
      let userId = current.userId;
      const relinked = email !== current.userName;
      if (relinked) {
        // A new userName is another email, so another Sovra account: the old one loses access
        // here (never renamed: it may belong to other organisations too), the new one gains it.
        if (await tx.scimUser.findFirst({ where: { organisationId, userName: email, id: { not: current.id } }, select: { id: true } })) throw uniquenessError(email);
        await deprovisionUser(tx, organisationId, current.userId, current.userName);
        userId = await accountFor(tx, email, personName(email, { ...current, ...changes }));
      }
      const { count } = await tx.scimUser.updateMany({
        where: { id: current.id, organisationId, version: current.version },
        data: {
          userId,
          userName: email,
          ...(changes.externalId !== undefined && { externalId: changes.externalId }),
          ...(changes.displayName !== undefined && { displayName: changes.displayName }),
          ...(changes.givenName !== undefined && { givenName: changes.givenName }),
          ...(changes.familyName !== undefined && { familyName: changes.familyName }),
          ...(changes.active !== undefined && { active: changes.active }),
          version: { increment: 1 },
        },
      });
      if (count === 0) throw new ScimError(412, "The user changed while this request was processed. Read it again, then retry.");
      const activeChanged = changes.active !== undefined && changes.active !== current.active;
      // Access is re-computed only when what it depends on changed, so that renaming the last
      // owner is never refused for a role they keep.
      if (relinked || activeChanged) {
        // A relinked account is reported for the first time: like a creation, it cannot demote the last owner.
        const reason: SyncReason = changes.active === false ? "deprovisioned" : activeChanged ? "changed" : "provisioned";
        await syncAccess(tx, organisationId, current.id, await roleSettingsFor(tx, organisationId), reason);
      }
      return tx.scimUser.findFirstOrThrow({ where: { id: current.id, organisationId }, select: scimUserSelect });
    }, SCIM_TRANSACTION)
    .catch((e: unknown) => rethrowUnique(e, email ?? ""));
}

/** Replaces a SCIM user (PUT). `active` left out keeps the current value rather than reactivating or deactivating by omission. */
export function replaceScimUser(request: Request, organisationId: string, id: string, body: UserBody): Promise<ScimUserRow> {
  return applyUserChanges(request, organisationId, id, { userName: body.userName, ...namesOf(body), ...(body.active !== undefined && { active: body.active }) });
}

/** Applies a PATCH's changes (lib/scim/patch.ts) to a SCIM user. */
export function patchScimUser(request: Request, organisationId: string, id: string, changes: UserChanges): Promise<ScimUserRow> {
  return applyUserChanges(request, organisationId, id, changes);
}

/** Deletes a SCIM user (DELETE): deprovisions the person and forgets the SCIM user and its group memberships. */
export async function deleteScimUser(request: Request, organisationId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockOwners(tx, organisationId);
    const current = await findScimUser(tx, organisationId, id);
    if (!current) throw resourceNotFound("User", id);
    assertIfMatch(request, current.version);
    await deprovisionUser(tx, organisationId, current.userId, current.userName);
    await tx.scimGroupMember.deleteMany({ where: { organisationId, scimUserId: current.id } });
    await tx.scimUser.deleteMany({ where: { id: current.id, organisationId } });
  }, SCIM_TRANSACTION);
}
