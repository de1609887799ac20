import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import { createSession } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record";
import { emailDomain, type SsoConnectionConfig } from "@/lib/sso/config";
import { roleForGroups } from "@/lib/sso/roles";
import { SsoError } from "@/lib/sso/errors";

// What happens once an identity provider has vouched for someone (OIDC or SAML alike; decision
// 049): the email must be on a domain the connection may sign in, the person is created on first
// sign-in (just-in-time), their membership takes the role their groups give (re-applied every
// time, so a removed group demotes), and a server-side session opens.

/** A password hash no password matches (lib/auth/password.ts refuses malformed hashes): people created by SSO have no password. */
export const NO_PASSWORD = "sso-only";

export interface SsoIdentity {
  email: string | null | undefined;
  name?: string | null;
  groups: readonly string[];
}

export interface SsoSignIn {
  userId: string;
  sessionId: string;
  organisationId: string;
  role: Role;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Signs in a person an identity provider has vouched for; throws SsoError with what to fix.
 * Break-glass owners keep their role whatever their groups say, and the last owner is never
 * demoted or removed by an IdP (an organisation must keep one).
 */
export async function completeSsoSignIn(
  prisma: PrismaClient,
  connection: SsoConnectionConfig,
  identity: SsoIdentity,
  meta: { method: "oidc" | "saml"; userAgent?: string | null; address?: string },
  now = new Date(),
): Promise<SsoSignIn> {
  const orgId = connection.organisationId;
  if (!connection.enabled || !orgId) throw new SsoError("connection_disabled", `connection ${connection.key} is disabled or its organisation does not exist`, orgId);
  const email = identity.email?.trim().toLowerCase() ?? "";
  if (!EMAIL.test(email) || email.length > 320) throw new SsoError("missing_email", `the identity provider sent no usable email (got ${JSON.stringify(identity.email ?? null)})`, orgId);
  const domain = emailDomain(email);
  if (!domain || (connection.domains !== null && !connection.domains.includes(domain))) {
    throw new SsoError("domain_not_verified", `${domain ?? email} is not among the connection's domains (${connection.domains?.join(", ") || "none verified"})`, orgId, email);
  }
  const fromGroups = roleForGroups(identity.groups, connection.groupRoles, null);
  const mapped = fromGroups ?? connection.defaultRole;
  const name = (identity.name?.trim() || email.slice(0, email.indexOf("@"))).slice(0, 200);

  return prisma.$transaction(async (tx) => {
    // The same lock as every owner change (lib/members/mutations.ts): the last-owner rule holds under concurrency.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + orgId}))`;
    let user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    const membership = user
      ? await tx.membership.findUnique({
          where: { organisationId_userId: { organisationId: orgId, userId: user.id } },
          select: { id: true, role: true, breakGlass: true, source: true },
        })
      : null;
    const owners = () => tx.membership.count({ where: { organisationId: orgId, role: "owner" } });

    let role: Role | null;
    if (membership?.breakGlass) role = membership.role;
    else if (membership && fromGroups === null && membership.source === "manual") role = membership.role; // a role given by hand stays until a mapped group gives one (the default role does not override it)
    else role = mapped;
    if (membership?.role === "owner" && role !== "owner" && (await owners()) <= 1) role = "owner";

    if (role === null) {
      if (membership) {
        await tx.membership.deleteMany({ where: { id: membership.id, organisationId: orgId } });
        await recordAudit(tx, { organisationId: orgId, userId: user!.id }, {
          action: "remove_member",
          entityType: "membership",
          entityId: membership.id,
          before: { role: membership.role, email },
          after: { reason: "no mapped group at sign-in" },
        });
      }
      // Refused after the transaction commits: a throw here would roll back the removal too.
      return { refused: true as const, userId: user?.id ?? null };
    }

    if (!user) user = await tx.user.create({ data: { email, name, passwordHash: NO_PASSWORD }, select: { id: true } });
    if (!membership) {
      const created = await tx.membership.create({ data: { organisationId: orgId, userId: user.id, role, source: "sso" }, select: { id: true } });
      await recordAudit(tx, { organisationId: orgId, userId: user.id }, { action: "join", entityType: "membership", entityId: created.id, after: { email, role, source: "sso" } });
    } else if (membership.role !== role) {
      await tx.membership.updateMany({
        where: { id: membership.id, organisationId: orgId },
        data: { role, source: membership.breakGlass ? membership.source : "sso", version: { increment: 1 } },
      });
      await recordAudit(tx, { organisationId: orgId, userId: user.id }, {
        action: "role_change",
        entityType: "membership",
        entityId: membership.id,
        before: { role: membership.role },
        after: { role, source: "identity provider groups" },
      });
    } else if (fromGroups !== null && membership.source === "manual" && !membership.breakGlass) {
      await tx.membership.updateMany({ where: { id: membership.id, organisationId: orgId }, data: { source: "sso" } });
    }
    const sessionId = await createSession(tx, { userId: user.id, userAgent: meta.userAgent, address: meta.address, method: meta.method }, now);
    return { refused: false as const, userId: user.id, sessionId, organisationId: orgId, role };
  }).then((result) => {
    if (result.refused) {
      throw new SsoError("no_role", `none of the groups [${identity.groups.join(", ")}] is mapped and the connection has no default role`, orgId, email);
    }
    return { userId: result.userId, sessionId: result.sessionId, organisationId: result.organisationId, role: result.role };
  });
}
