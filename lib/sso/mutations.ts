import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { normaliseDomain } from "@/lib/sso/config";
import { sealSecret } from "@/lib/sso/secret-box";
import { fetchIdpMetadata, parseIdpMetadata, type IdpMetadata } from "@/lib/sso/saml-metadata";
import { describeMiss, dnsServers, lookupTxt, newVerificationToken, verificationRecordName, type DnsOptions } from "@/lib/sso/domains";
import type { SsoConnectionInput } from "@/lib/sso/schemas";

// An organisation's single sign-on settings (decision 049): its identity provider connection,
// its verified email domains and whether it requires single sign-on. Owners only ("sso:manage");
// every write is scoped to the caller's organisation in its own `where` and audited with it.

type Tx = Prisma.TransactionClient;

/** Serialises owner and break-glass changes per organisation (the same lock as lib/members/mutations.ts). */
const lockOwners = (tx: Tx, organisationId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:owners:" + organisationId}))`;

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** What the audit trail keeps of a connection: everything but the client secret (only whether it changed). */
const auditSelect = {
  id: true,
  protocol: true,
  name: true,
  enabled: true,
  oidcIssuer: true,
  oidcClientId: true,
  samlMetadataUrl: true,
  samlIdpEntityId: true,
  samlIdpSsoUrl: true,
  samlAllowIdpInitiated: true,
  groupsAttribute: true,
  groupRoles: true,
  defaultRole: true,
  version: true,
} as const satisfies Prisma.SsoConnectionSelect;

type SamlMetadata = IdpMetadata;

function invalidMetadata(field: "samlMetadataXml" | "samlMetadataUrl", message: string): AppError {
  return new AppError("INVALID_INPUT", message, { fieldErrors: { [field]: [message] } });
}

// lib/sso/saml-metadata.ts says in plain words what is wrong with a document or an address.
function parseMetadata(xml: string, field: "samlMetadataXml" | "samlMetadataUrl"): SamlMetadata {
  try {
    return parseIdpMetadata(xml);
  } catch (e) {
    throw invalidMetadata(field, e instanceof Error ? e.message : String(e));
  }
}

async function metadataFromUrl(url: string): Promise<SamlMetadata> {
  let xml: string;
  try {
    xml = await fetchIdpMetadata(url);
  } catch (e) {
    throw invalidMetadata("samlMetadataUrl", `${e instanceof Error ? e.message : String(e)} Check the address, or paste the metadata XML instead.`);
  }
  return parseMetadata(xml, "samlMetadataUrl");
}

/** A connection that can sign people in: enabled, with everything its protocol needs. */
function usable(c: { enabled: boolean; protocol: "oidc" | "saml"; oidcIssuer: string | null; oidcClientId: string | null; oidcClientSecret: string | null; samlIdpSsoUrl: string | null; samlIdpCertificates: string[] } | null): boolean {
  if (!c?.enabled) return false;
  return c.protocol === "oidc" ? Boolean(c.oidcIssuer && c.oidcClientId && c.oidcClientSecret) : Boolean(c.samlIdpSsoUrl && c.samlIdpCertificates.length);
}

const REQUIRED_FIRST = "This organisation requires single sign-on. Turn off “Require single sign-on” first";

/**
 * Creates the organisation's connection (`version` null) or updates it (`version` as read).
 * OIDC: the client secret is write-only; null keeps the stored one. SAML: pasted metadata is
 * parsed; a metadata URL is read when it is new or changed (else the stored metadata is kept).
 * Saving does not contact an OIDC provider: a wrong issuer shows at the first sign-in.
 */
export async function saveSsoConnection(ctx: OrgContext, input: SsoConnectionInput) {
  assertCan(ctx, "sso:manage");
  const organisationId = ctx.organisationId;
  const stored = await db().ssoConnection.findUnique({
    where: { organisationId },
    select: { protocol: true, samlMetadataUrl: true, samlIdpEntityId: true, samlIdpSsoUrl: true, samlIdpCertificates: true },
  });
  // SAML metadata is read before the transaction: it may take a network round trip.
  let metadata: SamlMetadata | null = null;
  if (input.protocol === "saml") {
    const keep = stored?.protocol === "saml" && stored.samlIdpEntityId && stored.samlIdpSsoUrl ? { entityId: stored.samlIdpEntityId, ssoUrl: stored.samlIdpSsoUrl, certificates: stored.samlIdpCertificates } : null;
    if (input.samlMetadataXml) metadata = parseMetadata(input.samlMetadataXml, "samlMetadataXml");
    else if (input.samlMetadataUrl && (input.samlMetadataUrl !== stored?.samlMetadataUrl || !keep)) metadata = await metadataFromUrl(input.samlMetadataUrl);
    else metadata = keep;
    if (!metadata) {
      throw new AppError("INVALID_INPUT", "Enter the identity provider's metadata URL or paste its metadata XML.", {
        fieldErrors: { samlMetadataUrl: ["Enter the metadata URL, or paste the metadata XML below"] },
      });
    }
  }

  try {
    return await db().$transaction(async (tx) => {
      const before = await tx.ssoConnection.findUnique({ where: { organisationId }, select: { ...auditSelect, oidcClientSecret: true } });
      if (input.version === null && before) {
        throw new AppError("CONFLICT", "Someone else set up single sign-on while you were editing. Review their settings, then apply yours again.", { current: { version: before.version } });
      }
      if (input.version !== null && !before) throw notFoundError("Single sign-on connection");

      const common = { name: input.name, enabled: input.enabled, groupsAttribute: input.groupsAttribute, groupRoles: input.groupRoles, defaultRole: input.defaultRole };
      let data: Omit<Prisma.SsoConnectionUncheckedCreateInput, "organisationId">;
      if (input.protocol === "oidc") {
        const kept = before?.protocol === "oidc" ? before.oidcClientSecret : null;
        if (!input.oidcClientSecret && !kept) {
          throw new AppError("INVALID_INPUT", "Enter the client secret.", { fieldErrors: { oidcClientSecret: ["Enter the client secret the identity provider gave you"] } });
        }
        data = {
          ...common,
          protocol: "oidc",
          oidcIssuer: input.oidcIssuer.replace(/\/+$/, ""),
          oidcClientId: input.oidcClientId,
          oidcClientSecret: input.oidcClientSecret ? sealSecret(input.oidcClientSecret, authSecret()) : kept,
          // One protocol at a time: the other's settings are not kept behind the owner's back.
          samlMetadataUrl: null,
          samlIdpEntityId: null,
          samlIdpSsoUrl: null,
          samlIdpCertificates: [],
        };
      } else {
        data = {
          ...common,
          protocol: "saml",
          samlMetadataUrl: input.samlMetadataUrl,
          samlIdpEntityId: metadata!.entityId,
          samlIdpSsoUrl: metadata!.ssoUrl,
          samlIdpCertificates: metadata!.certificates,
          samlAllowIdpInitiated: input.samlAllowIdpInitiated,
          oidcIssuer: null,
          oidcClientId: null,
          oidcClientSecret: null,
        };
      }
      if (!input.enabled) {
        const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { ssoRequired: true } });
        if (org.ssoRequired) throw new AppError("CONFLICT", `${REQUIRED_FIRST}: switching the connection off now would lock out everyone but the break-glass owners.`);
      }
      const secretChanged = input.protocol === "oidc" && input.oidcClientSecret !== null;

      if (!before) {
        const created = await tx.ssoConnection.create({ data: { ...data, organisationId }, select: auditSelect });
        await recordAudit(tx, ctx, { action: "create", entityType: "sso_connection", entityId: created.id, after: { ...created, clientSecretChanged: secretChanged } });
        return { id: created.id, version: created.version };
      }
      const { count } = await tx.ssoConnection.updateMany({ where: { id: before.id, organisationId, version: input.version! }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw staleOrMissing("Single sign-on connection", before, input.version!);
      const after = await tx.ssoConnection.findUniqueOrThrow({ where: { id: before.id }, select: auditSelect });
      const { oidcClientSecret: _secret, ...beforeAudit } = before;
      await recordAudit(tx, ctx, { action: "update", entityType: "sso_connection", entityId: before.id, before: beforeAudit, after: { ...after, clientSecretChanged: secretChanged } });
      return { id: after.id, version: after.version };
    });
  } catch (e) {
    // Two first saves at once: the organisation holds one connection (organisationId is unique).
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "Someone else set up single sign-on while you were editing. Review their settings, then apply yours again.");
    throw e;
  }
}

function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: the client secret cannot be stored encrypted");
  return secret;
}

/** Reads the SAML metadata again from its URL (the IdP renewed its certificate, say). */
export async function refreshSamlMetadata(ctx: OrgContext) {
  assertCan(ctx, "sso:manage");
  const organisationId = ctx.organisationId;
  const current = await db().ssoConnection.findFirst({ where: { organisationId, protocol: "saml" }, select: { id: true, samlMetadataUrl: true } });
  if (!current) throw notFoundError("SAML connection");
  if (!current.samlMetadataUrl) throw new AppError("INVALID_INPUT", "This connection's metadata was pasted, not read from a URL: paste the new metadata XML and save instead.");
  const metadata = await metadataFromUrl(current.samlMetadataUrl);
  return db().$transaction(async (tx) => {
    const before = await tx.ssoConnection.findFirst({ where: { id: current.id, organisationId }, select: auditSelect });
    if (!before) throw notFoundError("SAML connection");
    const { count } = await tx.ssoConnection.updateMany({
      where: { id: current.id, organisationId, protocol: "saml" },
      data: { samlIdpEntityId: metadata.entityId, samlIdpSsoUrl: metadata.ssoUrl, samlIdpCertificates: metadata.certificates, version: { increment: 1 } },
    });
    if (count === 0) throw notFoundError("SAML connection");
    const after = await tx.ssoConnection.findUniqueOrThrow({ where: { id: current.id }, select: auditSelect });
    await recordAudit(tx, ctx, { action: "update", entityType: "sso_connection", entityId: current.id, before, after: { ...after, certificates: metadata.certificates.length } });
    return { id: after.id, version: after.version, certificates: metadata.certificates.length };
  });
}

/** Deletes the connection; refused while the organisation requires single sign-on (nobody but break-glass owners could sign in). */
export async function deleteSsoConnection(ctx: OrgContext, version: number) {
  assertCan(ctx, "sso:manage");
  const organisationId = ctx.organisationId;
  await db().$transaction(async (tx) => {
    const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { ssoRequired: true } });
    const before = await tx.ssoConnection.findFirst({ where: { organisationId }, select: auditSelect });
    if (!before) throw notFoundError("Single sign-on connection");
    if (org.ssoRequired) throw new AppError("CONFLICT", `${REQUIRED_FIRST}: without the connection only the break-glass owners could sign in.`);
    const { count } = await tx.ssoConnection.deleteMany({ where: { id: before.id, organisationId, version } });
    if (count === 0) throw staleOrMissing("Single sign-on connection", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "sso_connection", entityId: before.id, before });
  });
}

// ---- verified domains ------------------------------------------------------------------------

const TAKEN = "This domain is already verified by another organisation in Sovra. If it is yours, ask Sovra's operator for help.";

/** Adds an email domain to verify; answers the TXT record to create. */
export async function addSsoDomain(ctx: OrgContext, domain: string) {
  assertCan(ctx, "sso:manage");
  const name = normaliseDomain(domain);
  if (!name) throw new AppError("INVALID_INPUT", "Enter a domain such as example.com.", { fieldErrors: { domain: ["Enter a domain such as example.com (no “@”, no “https://”)"] } });
  try {
    return await db().$transaction(async (tx) => {
      const claimed = await tx.ssoDomain.findUnique({ where: { verifiedDomain: name }, select: { organisationId: true } });
      if (claimed && claimed.organisationId !== ctx.organisationId) throw new AppError("CONFLICT", TAKEN, { fieldErrors: { domain: [TAKEN] } });
      const row = await tx.ssoDomain.create({
        data: { organisationId: ctx.organisationId, domain: name, verificationToken: newVerificationToken() },
        select: { id: true, domain: true, verificationToken: true, createdAt: true },
      });
      await recordAudit(tx, ctx, { action: "create", entityType: "sso_domain", entityId: row.id, after: { domain: row.domain } });
      return { ...row, recordName: verificationRecordName(row.domain) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `${name} is already in the list.`, { fieldErrors: { domain: [`${name} is already in the list`] } });
    throw e;
  }
}

export type DomainCheck = { verified: boolean; message: string };

/**
 * Looks up the domain's TXT record and, if it holds the token, marks the domain verified. A miss
 * is an answer, not an error: it says which record was looked up and what it held, and the check's
 * time is kept. `dns` chooses the servers (default: SOVRA_DNS_SERVERS, else the system's).
 */
export async function verifySsoDomain(ctx: OrgContext, domainId: string, dns: DnsOptions = { servers: dnsServers(env().SOVRA_DNS_SERVERS) }): Promise<DomainCheck> {
  assertCan(ctx, "sso:manage");
  const organisationId = ctx.organisationId;
  const row = await db().ssoDomain.findFirst({ where: { id: domainId, organisationId }, select: { id: true, domain: true, verificationToken: true, verifiedAt: true } });
  if (!row) throw notFoundError("Domain");
  if (row.verifiedAt) return { verified: true, message: `${row.domain} is verified.` };
  const recordName = verificationRecordName(row.domain);
  const lookup = await lookupTxt(recordName, dns);
  const now = new Date();
  const found = lookup.ok && lookup.values.some((v) => v.trim() === row.verificationToken);
  if (!found) {
    await db().ssoDomain.updateMany({ where: { id: row.id, organisationId }, data: { lastCheckedAt: now } });
    return { verified: false, message: describeMiss(recordName, row.verificationToken, lookup) };
  }
  try {
    await db().$transaction(async (tx) => {
      const claimed = await tx.ssoDomain.findUnique({ where: { verifiedDomain: row.domain }, select: { organisationId: true } });
      if (claimed && claimed.organisationId !== organisationId) throw new AppError("CONFLICT", TAKEN);
      const { count } = await tx.ssoDomain.updateMany({ where: { id: row.id, organisationId, verifiedAt: null }, data: { verifiedAt: now, verifiedDomain: row.domain, lastCheckedAt: now } });
      if (count === 0) return; // verified meanwhile (another click): nothing more to record
      await recordAudit(tx, ctx, { action: "update", entityType: "sso_domain", entityId: row.id, before: { domain: row.domain, verifiedAt: null }, after: { domain: row.domain, verifiedAt: now } });
    });
  } catch (e) {
    // Another organisation verified the same domain between our check and our write (verifiedDomain is unique).
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", TAKEN);
    throw e;
  }
  return { verified: true, message: `${row.domain} is verified: people with an email on it are now sent to this organisation's identity provider.` };
}

/** Removes a domain; the last verified one is kept while single sign-on is required. */
export async function removeSsoDomain(ctx: OrgContext, domainId: string) {
  assertCan(ctx, "sso:manage");
  const organisationId = ctx.organisationId;
  await db().$transaction(async (tx) => {
    await lockOwners(tx, organisationId);
    const row = await tx.ssoDomain.findFirst({ where: { id: domainId, organisationId }, select: { id: true, domain: true, verifiedAt: true } });
    if (!row) throw notFoundError("Domain");
    if (row.verifiedAt) {
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { ssoRequired: true } });
      const verified = await tx.ssoDomain.count({ where: { organisationId, verifiedAt: { not: null } } });
      if (org.ssoRequired && verified <= 1) throw new AppError("CONFLICT", `${REQUIRED_FIRST}: it needs at least one verified domain.`);
    }
    await tx.ssoDomain.deleteMany({ where: { id: row.id, organisationId } });
    await recordAudit(tx, ctx, { action: "delete", entityType: "sso_domain", entityId: row.id, before: row });
  });
}

// ---- require single sign-on ------------------------------------------------------------------

export const NEED_BREAK_GLASS = "Mark at least one owner as a break-glass account first, so that someone can still sign in if the identity provider is down.";

/**
 * Requires single sign-on (or stops requiring it). Turning it on needs an enabled, complete
 * connection, a verified domain and a break-glass owner; it ends the open password sessions of
 * every member who is not break-glass, so that they come back through the identity provider.
 */
export async function setSsoRequired(ctx: OrgContext, input: { required: boolean; version: number }) {
  assertCan(ctx, "sso:manage");
  const organisationId = ctx.organisationId;
  return db().$transaction(async (tx) => {
    await lockOwners(tx, organisationId);
    const before = await tx.organisation.findUnique({ where: { id: organisationId }, select: { ssoRequired: true, version: true } });
    if (!before) throw notFoundError("Organisation");
    if (input.required) {
      const connection = await tx.ssoConnection.findUnique({
        where: { organisationId },
        select: { enabled: true, protocol: true, oidcIssuer: true, oidcClientId: true, oidcClientSecret: true, samlIdpSsoUrl: true, samlIdpCertificates: true },
      });
      if (!usable(connection)) throw new AppError("CONFLICT", "Set up and switch on a complete single sign-on connection first.");
      if ((await tx.ssoDomain.count({ where: { organisationId, verifiedAt: { not: null } } })) === 0) {
        throw new AppError("CONFLICT", "Verify at least one email domain first: people are sent to the identity provider by the domain of their email.");
      }
      if ((await tx.membership.count({ where: { organisationId, role: "owner", breakGlass: true } })) === 0) throw new AppError("CONFLICT", NEED_BREAK_GLASS);
    }
    const { count } = await tx.organisation.updateMany({ where: { id: organisationId, version: input.version }, data: { ssoRequired: input.required, version: { increment: 1 } } });
    if (count === 0) throw staleOrMissing("Organisation", before, input.version);
    let sessionsEnded = 0;
    if (input.required && !before.ssoRequired) {
      const now = new Date();
      ({ count: sessionsEnded } = await tx.session.updateMany({
        where: { method: "password", revokedAt: null, expiresAt: { gt: now }, user: { memberships: { some: { organisationId, breakGlass: false } } } },
        data: { revokedAt: now },
      }));
    }
    await recordAudit(tx, ctx, {
      action: "update",
      entityType: "organisation",
      entityId: organisationId,
      before: { ssoRequired: before.ssoRequired, version: before.version },
      after: { ssoRequired: input.required, version: input.version + 1, ...(sessionsEnded ? { passwordSessionsEnded: sessionsEnded } : {}) },
    });
    return { required: input.required, version: input.version + 1, sessionsEnded };
  });
}
