import "server-only";
import { X509Certificate } from "node:crypto";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { parseGroupRoles } from "@/lib/sso/roles";
import { isSsoErrorCode, SSO_ERRORS } from "@/lib/sso/errors";
import { verificationRecordName } from "@/lib/sso/domains";
import { listScimTokens } from "@/lib/scim/tokens";

/** How many of the latest failed sign-ins the settings page lists. */
export const RECENT_SSO_ERRORS = 20;

/** A signing certificate in words: whom it names and until when it is valid (null: unreadable). */
function describeCertificate(body: string): { subject: string; validTo: Date } | null {
  try {
    const cert = new X509Certificate(Buffer.from(body.replace(/-----[^-]+-----|\s+/g, ""), "base64"));
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
    return { subject: cn ?? cert.subject.replace(/\n/g, ", "), validTo: new Date(cert.validTo) };
  } catch {
    return null;
  }
}

/**
 * Everything the single sign-on settings page shows (owners): the connection (never its client
 * secret, only whether one is stored), the email domains, whether SSO is required, the owners with
 * their break-glass mark, the SCIM tokens and the latest failed sign-ins.
 */
export async function getSsoSettings(ctx: OrgContext) {
  assertCan(ctx, "sso:manage");
  const organisationId = ctx.organisationId;
  const [organisation, connection, domains, owners, scimTokens, errors] = await Promise.all([
    db().organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { ssoRequired: true, version: true } }),
    db().ssoConnection.findUnique({
      where: { organisationId },
      select: {
        id: true,
        protocol: true,
        name: true,
        enabled: true,
        oidcIssuer: true,
        oidcClientId: true,
        oidcClientSecret: true,
        samlMetadataUrl: true,
        samlIdpEntityId: true,
        samlIdpSsoUrl: true,
        samlIdpCertificates: true,
        samlAllowIdpInitiated: true,
        groupsAttribute: true,
        groupRoles: true,
        defaultRole: true,
        updatedAt: true,
        version: true,
      },
    }),
    db().ssoDomain.findMany({
      where: { organisationId },
      select: { id: true, domain: true, verificationToken: true, verifiedAt: true, lastCheckedAt: true, createdAt: true },
      orderBy: [{ domain: "asc" }],
    }),
    db().membership.findMany({
      where: { organisationId, role: "owner" },
      select: { id: true, breakGlass: true, version: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    listScimTokens(ctx),
    db().ssoLoginError.findMany({
      where: { organisationId },
      select: { reference: true, code: true, detail: true, email: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_SSO_ERRORS,
    }),
  ]);

  return {
    ssoRequired: organisation.ssoRequired,
    organisationVersion: organisation.version,
    connection: connection && {
      id: connection.id,
      protocol: connection.protocol,
      name: connection.name,
      enabled: connection.enabled,
      oidcIssuer: connection.oidcIssuer,
      oidcClientId: connection.oidcClientId,
      clientSecretSet: connection.oidcClientSecret !== null && connection.oidcClientSecret !== "",
      samlMetadataUrl: connection.samlMetadataUrl,
      samlIdpEntityId: connection.samlIdpEntityId,
      samlIdpSsoUrl: connection.samlIdpSsoUrl,
      samlCertificates: connection.samlIdpCertificates.map(describeCertificate),
      samlAllowIdpInitiated: connection.samlAllowIdpInitiated,
      groupsAttribute: connection.groupsAttribute,
      groupRoles: parseGroupRoles(connection.groupRoles),
      defaultRole: connection.defaultRole,
      updatedAt: connection.updatedAt,
      version: connection.version,
    },
    domains: domains.map((d) => ({ ...d, recordName: verificationRecordName(d.domain) })),
    owners: owners.map((m) => ({ membershipId: m.id, userId: m.user.id, name: m.user.name, email: m.user.email, breakGlass: m.breakGlass, version: m.version })),
    scimTokens,
    loginErrors: errors.map((e) => ({ ...e, title: isSsoErrorCode(e.code) ? SSO_ERRORS[e.code].title : "Sign-in failed" })),
  };
}

export type SsoSettings = Awaited<ReturnType<typeof getSsoSettings>>;
