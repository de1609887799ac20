import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Env } from "@/lib/env";
import { isRole, type Role } from "@/lib/auth/permissions";
import { parseGroupRoles, type GroupRole } from "@/lib/sso/roles";
import { openSecret } from "@/lib/sso/secret-box";

// Where single sign-on connections come from (decision 049): one for the whole instance, from the
// environment (self-hosted companies), and one per organisation, set up by its owner (consultants'
// clients bring their own IdP). Both become the same SsoConnectionConfig; everything after this
// file (OIDC through Auth.js, SAML, provisioning) sees only that.

type Db = PrismaClient | Prisma.TransactionClient;

export const INSTANCE_KEY = "instance";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Null when it cannot be opened (sealed under another AUTH_SECRET): the connection cannot sign in. */
  clientSecret: string | null;
}

export interface SamlSettings {
  /** Where the metadata came from; for the instance also a file path. */
  metadataUrl: string | null;
  metadataFile: string | null;
  idpEntityId: string | null;
  idpSsoUrl: string | null;
  idpCertificates: string[];
  allowIdpInitiated: boolean;
}

export interface SsoConnectionConfig {
  /** An SsoConnection id, or "instance". */
  key: string;
  /** The organisation people signed in by this connection join; null: the instance's organisation does not exist. */
  organisationId: string | null;
  protocol: "oidc" | "saml";
  name: string;
  enabled: boolean;
  oidc: OidcSettings | null;
  saml: SamlSettings | null;
  groupsAttribute: string;
  groupRoles: GroupRole[];
  defaultRole: Role | null;
  /** Email domains this connection may sign in (lower case); null: any. An organisation's are its verified domains. */
  domains: string[] | null;
}

/** Auth.js's provider id for a connection: "sso-instance", "sso-0193…". */
export function providerId(key: string): string {
  return `sso-${key}`;
}

/** The connection key in an Auth.js provider id, or null for another provider. */
export function keyOfProviderId(id: string): string | null {
  return id.startsWith("sso-") ? id.slice(4) : null;
}

/** lower case, no trailing dot, or null when not a plausible domain. */
export function normaliseDomain(value: string): string | null {
  const d = value.trim().toLowerCase().replace(/\.$/, "");
  return /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(d) ? d : null;
}

/** The domain of an email address, lower case, or null. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at > 0 ? normaliseDomain(email.slice(at + 1)) : null;
}

/** Parses SOVRA_SSO_GROUP_ROLES ("a=owner,b=viewer"). */
export function parseGroupRolesEnv(value: string | undefined): GroupRole[] {
  if (!value) return [];
  return value.split(",").flatMap((pair) => {
    const at = pair.lastIndexOf("=");
    const group = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim();
    return group && isRole(role) ? [{ group, role }] : [];
  });
}

/** The instance connection as the environment describes it (without its organisation's id), or null. */
export function instanceSettings(e: Env): Omit<SsoConnectionConfig, "organisationId"> & { organisationSlug: string } | null {
  const saml = Boolean(e.SOVRA_SAML_IDP_METADATA_URL || e.SOVRA_SAML_IDP_METADATA_FILE);
  if (!e.SOVRA_OIDC_ISSUER && !saml) return null;
  if (!e.SOVRA_SSO_ORGANISATION) return null;
  const domains = e.SOVRA_SSO_DOMAINS ? e.SOVRA_SSO_DOMAINS.split(",").map((d) => normaliseDomain(d)).filter((d): d is string => d !== null) : null;
  return {
    key: INSTANCE_KEY,
    organisationSlug: e.SOVRA_SSO_ORGANISATION,
    protocol: e.SOVRA_OIDC_ISSUER ? "oidc" : "saml",
    name: e.SOVRA_SSO_NAME,
    enabled: true,
    oidc: e.SOVRA_OIDC_ISSUER
      ? { issuer: e.SOVRA_OIDC_ISSUER, clientId: e.SOVRA_OIDC_CLIENT_ID ?? "", clientSecret: e.SOVRA_OIDC_CLIENT_SECRET ?? null }
      : null,
    saml: saml
      ? {
          metadataUrl: e.SOVRA_SAML_IDP_METADATA_URL ?? null,
          metadataFile: e.SOVRA_SAML_IDP_METADATA_FILE ?? null,
          idpEntityId: null,
          idpSsoUrl: null,
          idpCertificates: [],
          allowIdpInitiated: true,
        }
      : null,
    groupsAttribute: e.SOVRA_SSO_GROUPS_ATTRIBUTE,
    groupRoles: parseGroupRolesEnv(e.SOVRA_SSO_GROUP_ROLES),
    defaultRole: e.SOVRA_SSO_DEFAULT_ROLE === "none" ? null : e.SOVRA_SSO_DEFAULT_ROLE,
    domains,
  };
}

/** The instance connection with its organisation resolved, or null when there is none. */
export async function loadInstanceConnection(prisma: Db, e: Env): Promise<SsoConnectionConfig | null> {
  const settings = instanceSettings(e);
  if (!settings) return null;
  const { organisationSlug, ...rest } = settings;
  const org = await prisma.organisation.findUnique({ where: { slug: organisationSlug }, select: { id: true } });
  return { ...rest, organisationId: org?.id ?? null };
}

const connectionSelect = {
  id: true,
  organisationId: true,
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
  organisation: { select: { ssoDomains: { where: { verifiedDomain: { not: null } }, select: { verifiedDomain: true } } } },
} as const satisfies Prisma.SsoConnectionSelect;

type ConnectionRow = Prisma.SsoConnectionGetPayload<{ select: typeof connectionSelect }>;

function fromRow(row: ConnectionRow, authSecret: string): SsoConnectionConfig {
  return {
    key: row.id,
    organisationId: row.organisationId,
    protocol: row.protocol,
    name: row.name,
    enabled: row.enabled,
    oidc:
      row.protocol === "oidc" && row.oidcIssuer && row.oidcClientId
        ? { issuer: row.oidcIssuer, clientId: row.oidcClientId, clientSecret: row.oidcClientSecret ? openSecret(row.oidcClientSecret, authSecret) : null }
        : null,
    saml:
      row.protocol === "saml"
        ? {
            metadataUrl: row.samlMetadataUrl,
            metadataFile: null,
            idpEntityId: row.samlIdpEntityId,
            idpSsoUrl: row.samlIdpSsoUrl,
            idpCertificates: row.samlIdpCertificates,
            allowIdpInitiated: row.samlAllowIdpInitiated,
          }
        : null,
    groupsAttribute: row.groupsAttribute,
    groupRoles: parseGroupRoles(row.groupRoles),
    defaultRole: row.defaultRole,
    domains: row.organisation.ssoDomains.map((d) => d.verifiedDomain!).filter(Boolean),
  };
}

/** A connection by key ("instance" or an SsoConnection id), or null. Disabled ones are returned too (the caller says why it refuses). */
export async function loadConnection(prisma: Db, key: string, e: Env, authSecret: string): Promise<SsoConnectionConfig | null> {
  if (key === INSTANCE_KEY) return loadInstanceConnection(prisma, e);
  if (!/^[0-9a-f-]{36}$/i.test(key)) return null;
  const row = await prisma.ssoConnection.findUnique({ where: { id: key }, select: connectionSelect });
  return row ? fromRow(row, authSecret) : null;
}

/**
 * The connection that signs in this email: the organisation that verified its domain (if its
 * connection is enabled), else the instance connection when it takes this domain (or every domain).
 * Null: no single sign-on for this email.
 */
export async function connectionForEmail(prisma: Db, email: string, e: Env, authSecret: string): Promise<SsoConnectionConfig | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const claimed = await prisma.ssoDomain.findUnique({
    where: { verifiedDomain: domain },
    select: { organisation: { select: { ssoConnection: { select: connectionSelect } } } },
  });
  const own = claimed?.organisation.ssoConnection;
  if (own?.enabled) return fromRow(own, authSecret);
  if (claimed) return null; // the domain belongs to an organisation whose SSO is off: not the instance's to take
  const instance = await loadInstanceConnection(prisma, e);
  if (instance && (instance.domains === null || instance.domains.includes(domain))) return instance;
  return null;
}
