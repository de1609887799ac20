import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record";
import { env, type Env } from "@/lib/env";
import { loadInstanceConnection } from "@/lib/sso/config";
import { parseGroupRoles, roleForGroups, type GroupRole } from "@/lib/sso/roles";
import { ScimError } from "@/lib/scim/errors";

// What a SCIM change means for someone's access to the organisation (decision 049). A SCIM user's
// role is what their SCIM groups give through the organisation's group-to-role mapping (the same
// mapping single sign-on applies at each sign-in), re-computed whenever their groups, a group's
// name or their active flag change. Deprovisioning (active false, or DELETE) removes the
// membership, ends the person's sessions at once and revokes the API tokens they made here.
// Every change is audited with no actor (the identity provider acted) and `source: "scim"`.

type Tx = Prisma.TransactionClient;

export interface RoleSettings {
  groupRoles: GroupRole[];
  defaultRole: Role | null;
}

/** Without any single sign-on configuration, a provisioned person may read: the least role. */
const FALLBACK_DEFAULT_ROLE: Role = "viewer";

/**
 * The group-to-role mapping SCIM applies in an organisation: its own SSO connection's, else the
 * instance connection's when that signs people into this organisation, else none (everyone viewer).
 */
export async function roleSettingsFor(tx: Tx, organisationId: string, e: Env = env()): Promise<RoleSettings> {
  const own = await tx.ssoConnection.findUnique({ where: { organisationId }, select: { groupRoles: true, defaultRole: true } });
  if (own) return { groupRoles: parseGroupRoles(own.groupRoles), defaultRole: own.defaultRole };
  const instance = await loadInstanceConnection(tx, e);
  if (instance && instance.organisationId === organisationId) return { groupRoles: instance.groupRoles, defaultRole: instance.defaultRole };
  return { groupRoles: [], defaultRole: FALLBACK_DEFAULT_ROLE };
}

/** The lock every owner change takes (lib/members/mutations.ts), so the last-owner rule holds under concurrency. */
export async function lockOwners(tx: Tx, organisationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + organisationId}))`;
}

/** Why access is being re-computed: decides how the last owner is protected. */
export type SyncReason =
  /** The identity provider reports the person for the first time (POST /Users) or replaces them (PUT). */
  | "provisioned"
  /** A change the identity provider made on purpose: groups, a group's name, active. */
  | "changed"
  /** Deactivated (active false) or deleted. */
  | "deprovisioned";

const lastOwnerRefusal = (email: string) =>
  new ScimError(
    409,
    `${email} is the organisation's last owner, and an organisation needs at least one: make someone else an owner first (in Sovra, or by putting them in a group mapped to the owner role).`,
    "mutability",
  );

/**
 * Brings one SCIM user's membership in line with their active flag and groups. Throws 409
 * mutability rather than leave the organisation without an owner. Call inside a transaction that
 * holds {@link lockOwners}.
 *
 * - Break-glass owners keep their role whatever their groups say: they are the way in when the
 *   identity provider or its mapping is wrong, so group changes must not take it away. An explicit
 *   deprovisioning still removes them (the person has left; IT said so), but only while another
 *   owner remains, like everyone else: the last-owner rule below refuses it otherwise.
 * - A role given by hand stays while no group and no default role gives one (as at SSO sign-in).
 * - When the identity provider first reports (or replaces) the last owner with groups that give a
 *   lesser role, they silently stay owner: Entra ID and Okta create users before they push group
 *   memberships, and refusing the creation would leave no user to add to the owners' group.
 *   Every later change that would demote or remove the last owner is refused.
 */
export async function syncAccess(tx: Tx, organisationId: string, scimUserId: string, settings: RoleSettings, reason: SyncReason): Promise<void> {
  const scimUser = await tx.scimUser.findFirst({
    where: { id: scimUserId, organisationId },
    select: {
      userId: true,
      active: true,
      userName: true,
      groups: { where: { organisationId }, select: { group: { select: { displayName: true, externalId: true } } } },
    },
  });
  if (!scimUser) return;
  const groups = scimUser.groups.flatMap(({ group }) => (group.externalId ? [group.displayName, group.externalId] : [group.displayName]));
  const fromGroups = () => roleForGroups(groups, settings.groupRoles, null);
  await applyRole(tx, organisationId, scimUser.userId, scimUser.userName, () => ({ fromGroups: fromGroups(), fallback: settings.defaultRole }), reason, scimUser.active);
}

/** The person behind a SCIM user loses access here: used for DELETE (the SCIM user row goes with it). */
export async function deprovisionUser(tx: Tx, organisationId: string, userId: string, email: string): Promise<void> {
  await applyRole(tx, organisationId, userId, email, () => ({ fromGroups: null, fallback: null }), "deprovisioned", false);
}

/**
 * `mappedRole`: the role the person's mapped groups give, and the default role for someone no
 * mapped group covers. A role an owner gave by hand (source manual) stays until a mapped group
 * gives one: the default role does not override it (as at sign-in, lib/sso/provision.ts).
 */
async function applyRole(
  tx: Tx,
  organisationId: string,
  userId: string,
  email: string,
  mappedRole: () => { fromGroups: Role | null; fallback: Role | null },
  reason: SyncReason,
  active: boolean,
): Promise<void> {
  const membership = await tx.membership.findFirst({
    where: { organisationId, userId },
    select: { id: true, role: true, breakGlass: true, source: true },
  });
  const deprovision = reason === "deprovisioned";
  const { fromGroups, fallback } = deprovision || !active ? { fromGroups: null, fallback: null } : mappedRole();
  const mapped = fromGroups ?? fallback;

  let role: Role | null;
  if (deprovision || !active) role = null;
  else if (membership?.breakGlass) role = membership.role;
  else if (membership && fromGroups === null && membership.source === "manual") role = membership.role;
  else role = mapped;

  if (membership?.role === "owner" && role !== "owner") {
    const owners = await tx.membership.count({ where: { organisationId, role: "owner" } });
    if (owners <= 1) {
      if (reason !== "provisioned") throw lastOwnerRefusal(email);
      role = "owner";
    }
  }

  const audit = { organisationId, userId: null };
  if (role === null) {
    if (membership) {
      await tx.membership.deleteMany({ where: { id: membership.id, organisationId } });
      await recordAudit(tx, audit, {
        action: "remove_member",
        entityType: "membership",
        entityId: membership.id,
        before: { role: membership.role, email },
        after: { source: "scim", reason: deprovision || !active ? "deactivated or deleted by the identity provider" : "no group gives a role" },
      });
    }
    // On an explicit deprovisioning, ended even without a membership here (one removed by hand
    // before): a leaver's browsers must never outlive the identity provider's word. A group change
    // that merely concerns an inactive user ends nothing (they may be active elsewhere).
    if (membership || deprovision) await endAccess(tx, organisationId, userId);
    return;
  }
  if (!membership) {
    const created = await tx.membership.create({ data: { organisationId, userId, role, source: "scim" }, select: { id: true } });
    await recordAudit(tx, audit, { action: "join", entityType: "membership", entityId: created.id, after: { email, role, source: "scim" } });
    return;
  }
  const source = membership.breakGlass || (fromGroups === null && membership.source === "manual") ? membership.source : "scim";
  if (membership.role !== role || membership.source !== source) {
    await tx.membership.updateMany({
      where: { id: membership.id, organisationId },
      data: { role, source, ...(membership.role !== role && { version: { increment: 1 } }) },
    });
  }
  if (membership.role !== role) {
    await recordAudit(tx, audit, {
      action: "role_change",
      entityType: "membership",
      entityId: membership.id,
      before: { role: membership.role },
      after: { role, email, source: "scim" },
    });
  }
}

/** Ends the person's sessions (all of them, as removing a member does) and revokes the API tokens they made in this organisation. */
async function endAccess(tx: Tx, organisationId: string, userId: string): Promise<void> {
  await revokeUserSessions(tx, userId);
  const tokens = await tx.apiToken.findMany({ where: { organisationId, createdById: userId, revokedAt: null }, select: { id: true } });
  if (tokens.length === 0) return;
  const revokedAt = new Date();
  await tx.apiToken.updateMany({ where: { organisationId, createdById: userId, revokedAt: null }, data: { revokedAt } });
  for (const token of tokens) {
    await recordAudit(tx, { organisationId, userId: null }, {
      action: "revoke_api_token",
      entityType: "api_token",
      entityId: token.id,
      before: { revokedAt: null },
      after: { revokedAt, source: "scim", reason: "its creator was deprovisioned by the identity provider" },
    });
  }
}
