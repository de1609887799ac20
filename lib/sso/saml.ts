import "server-only";
import { readFile } from "node:fs/promises";
import { SAML, SamlStatusError, ValidateInResponseTo, type Profile } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SsoConnectionConfig } from "@/lib/sso/config";
import { SsoError, type SsoErrorCode } from "@/lib/sso/errors";
import type { SsoIdentity } from "@/lib/sso/provision";
import { groupsFromClaim } from "@/lib/sso/roles";
import { acsUrl, fetchIdpMetadata, parseIdpMetadata, spEntityId, type IdpMetadata } from "@/lib/sso/saml-metadata";
import { consumeRequest, discardRequest, REQUEST_TTL_MS, rememberAssertion, samlRequestCache } from "@/lib/sso/saml-store";

// Sovra as a SAML 2.0 service provider, with node-saml (decision 049). One SAML instance per use,
// built from the connection: cheap (no I/O), and nothing of one organisation's IdP lingers in
// another's. What is required of a response:
//
// - the assertion signed by a certificate of the connection (wantAssertionsSigned); a signed
//   response around an unsigned assertion is refused (a response signature alone would let an
//   IdP-side proxy or a misconfigured IdP vouch for an assertion it did not sign);
// - addressed to this connection: audience = Sovra's entity ID for it (spEntityId: its metadata
//   address), issued by the connection's IdP entity ID;
// - within its NotBefore/NotOnOrAfter, give or take CLOCK_SKEW_MS (60 s: NTP keeps servers within
//   a second; a minute forgives a sloppy IdP without stretching a 5-minute assertion much);
// - answering a request Sovra sent in the last 10 minutes, once (InResponseTo, checked in the
//   database: saml-store.ts); without InResponseTo (IdP-initiated) only if the connection allows
//   it, and each assertion ID only once.

/** How far the IdP's clock may be off (NotBefore / NotOnOrAfter). */
export const CLOCK_SKEW_MS = 60_000;
/** The instance's metadata (SOVRA_SAML_IDP_METADATA_URL/FILE) is read again after this long. */
export const METADATA_MAX_AGE_MS = 3_600_000;

type Db = PrismaClient;

// ---------------------------------------------------------------- the IdP's settings

const metadataCache = new Map<string, { idp: IdpMetadata; readAt: number }>();

function metadataSource(connection: SsoConnectionConfig): string | null {
  const saml = connection.saml;
  if (!saml) return null;
  if (saml.metadataFile) return `file:${saml.metadataFile}`;
  if (saml.metadataUrl) return saml.metadataUrl;
  return null;
}

/** Whether the connection's IdP settings come from metadata read at use (the instance's), rather than stored ones. */
function readsMetadata(connection: SsoConnectionConfig): boolean {
  const saml = connection.saml;
  const stored = Boolean(saml?.idpEntityId && saml.idpSsoUrl && saml.idpCertificates.length > 0);
  return !stored && metadataSource(connection) !== null;
}

/**
 * The IdP's entity ID, sign-in address and certificates: stored with an organisation's connection
 * (its owner refreshes them in Settings), or read from the instance's metadata URL or file at first
 * use, kept an hour, and read again sooner when `refresh` (a signature failed: the IdP may have
 * rolled its certificate). Throws SsoError("configuration") with what went wrong.
 */
export async function idpSettings(connection: SsoConnectionConfig, options: { refresh?: boolean; now?: number } = {}): Promise<IdpMetadata> {
  const saml = connection.saml;
  if (!saml) throw new SsoError("configuration", `connection ${connection.key} is not a SAML connection`, connection.organisationId);
  if (!readsMetadata(connection)) {
    if (!saml.idpEntityId || !saml.idpSsoUrl || saml.idpCertificates.length === 0) {
      throw new SsoError("configuration", "the SAML connection has no identity provider metadata (entity ID, sign-in address, certificate)", connection.organisationId);
    }
    return { entityId: saml.idpEntityId, ssoUrl: saml.idpSsoUrl, certificates: saml.idpCertificates };
  }
  const source = metadataSource(connection)!;
  const cacheKey = `${connection.key}|${source}`;
  const now = options.now ?? Date.now();
  const cached = metadataCache.get(cacheKey);
  if (cached && !options.refresh && now - cached.readAt < METADATA_MAX_AGE_MS) return cached.idp;
  try {
    const xml = saml.metadataFile ? await readFile(saml.metadataFile, "utf8") : await fetchIdpMetadata(saml.metadataUrl!);
    const idp = parseIdpMetadata(xml);
    metadataCache.set(cacheKey, { idp, readAt: now });
    return idp;
  } catch (e) {
    // A stale copy is better than none while the IdP's metadata address is briefly down.
    if (cached && !options.refresh) return cached.idp;
    const what = saml.metadataFile ? `the metadata file ${saml.metadataFile}` : `the metadata at ${saml.metadataUrl}`;
    throw new SsoError("configuration", `${what} could not be used: ${e instanceof Error ? e.message : String(e)}`, connection.organisationId);
  }
}

/** Forgets every cached instance metadata (tests). */
export function clearSamlMetadataCache(): void {
  metadataCache.clear();
}

// ---------------------------------------------------------------- node-saml

function samlFor(prisma: Db, connection: SsoConnectionConfig, idp: IdpMetadata, base: string): SAML {
  const entityId = spEntityId(connection.key, base);
  return new SAML({
    entryPoint: idp.ssoUrl,
    issuer: entityId,
    callbackUrl: acsUrl(connection.key, base),
    audience: entityId,
    idpCert: idp.certificates,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: connection.saml?.allowIdpInitiated ? ValidateInResponseTo.ifPresent : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: samlRequestCache(prisma, connection.key),
    // No NameIDPolicy format and no RequestedAuthnContext in the AuthnRequest: ADFS and Entra ID
    // refuse a request whose format or authentication class they are not set up for (MFA is not
    // "PasswordProtectedTransport"); the email is read from the NameID or an attribute alike.
    identifierFormat: null,
    disableRequestedAuthnContext: true,
  });
}

/** Refuses a connection that cannot sign anyone in; answers its organisation's id. */
function usable(connection: SsoConnectionConfig): string {
  if (connection.protocol !== "saml" || !connection.saml || !connection.enabled || !connection.organisationId) {
    throw new SsoError("connection_disabled", `connection ${connection.key} is not an enabled SAML connection of an existing organisation`, connection.organisationId);
  }
  return connection.organisationId;
}

/**
 * The IdP address to send a person to (HTTP-Redirect binding): a fresh AuthnRequest, remembered
 * for 10 minutes, with `relayState` (the page to return to) riding along.
 * @example await samlSignInUrl(db(), connection, "https://sovra.example.com", "/mainfeld") // "https://idp.example/sso?SAMLRequest=…&RelayState=%2Fmainfeld"
 */
export async function samlSignInUrl(prisma: Db, connection: SsoConnectionConfig, base: string, relayState: string): Promise<string> {
  usable(connection);
  const idp = await idpSettings(connection);
  try {
    return await samlFor(prisma, connection, idp, base).getAuthorizeUrlAsync(relayState, undefined, {});
  } catch (e) {
    throw new SsoError("configuration", `the sign-in request could not be made: ${e instanceof Error ? e.message : String(e)}`, connection.organisationId);
  }
}

// ---------------------------------------------------------------- reading a response

const DS = "http://www.w3.org/2000/09/xmldsig#";

interface ResponseShape {
  inResponseTo: string | null;
  /** null: no assertion; else whether it carries its own signature. */
  assertionSigned: boolean | null;
  encrypted: boolean;
}

/** What the raw response says about itself, for choosing an error (never trusted for a decision to accept). */
function responseShape(xml: string): ResponseShape {
  const shape: ResponseShape = { inResponseTo: null, assertionSigned: null, encrypted: false };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return shape;
  try {
    const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, "text/xml");
    const root = doc?.documentElement;
    // By local name, as node-saml reads it: the InResponseTo it checked is the one used up here.
    if (!root || root.localName !== "Response") return shape;
    shape.inResponseTo = root.getAttribute("InResponseTo") || null;
    for (let n = root.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const el = n as Element;
      if (el.localName === "EncryptedAssertion") shape.encrypted = true;
      if (el.localName !== "Assertion") continue;
      let signed = false;
      for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).namespaceURI === DS && (c as Element).localName === "Signature") signed = true;
      shape.assertionSigned = signed;
    }
  } catch {
    // unreadable: node-saml says why
  }
  return shape;
}

const isSignatureFailure = (e: unknown) => e instanceof Error && /signature/i.test(e.message) && !/InResponseTo/.test(e.message);

/** The SsoError code for a refusal by node-saml. */
export function samlErrorCode(error: unknown, shape: ResponseShape): SsoErrorCode {
  if (error instanceof SamlStatusError) return "idp_error";
  const message = error instanceof Error ? error.message : String(error);
  if (/InResponseTo is missing/.test(message)) return "unsolicited";
  if (/InResponseTo/.test(message)) return "replayed";
  if (/No decryption key|EncryptedAssertion/.test(message)) return "configuration";
  if (/multiple assertions/.test(message)) return "bad_signature";
  if (/signature/i.test(message)) return shape.assertionSigned === false ? "unsigned_assertion" : "bad_signature";
  if (/not yet valid|expired|No valid subject confirmation/.test(message)) return "clock_skew";
  if (/[Aa]udience/.test(message)) return "wrong_audience";
  return "configuration";
}

type Attributes = Record<string, unknown>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const first = (value: unknown): string | null => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
};
const EMAIL_ATTRIBUTES = ["email", "mail", "emailAddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3"];
const DISPLAY_NAME_ATTRIBUTES = ["displayName", "http://schemas.microsoft.com/identity/claims/displayname", "urn:oid:2.16.840.1.113730.3.1.241"];
const GIVEN_NAME_ATTRIBUTES = ["givenName", "firstName", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42"];
const SURNAME_ATTRIBUTES = ["surname", "sn", "lastName", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "urn:oid:2.5.4.4"];
/** Entra ID sends groups under this claim name whatever the app calls them. */
export const ENTRA_GROUPS_CLAIM = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups";

const pickAttribute = (attributes: Attributes, names: readonly string[]) => {
  for (const name of names) {
    const v = first(attributes[name]);
    if (v) return v;
  }
  return null;
};

/**
 * The person an assertion describes: the email from the NameID when it is an email address, else
 * from an email attribute (email, mail, Entra ID's emailaddress claim, the mail OID); the name from
 * displayName (or its claim), else given name + surname, else a "name" attribute that is not an
 * email; the groups from `groupsAttribute`, and, when that is "groups" (the default), also from
 * Entra ID's groups claim (http://schemas.microsoft.com/ws/2008/06/identity/claims/groups), which
 * Entra sends under that name only.
 * @example identityFromSamlProfile({ nameID: "ann@example.com", attributes: { groups: ["a", "b"] } }, "groups") // { email: "ann@example.com", name: null, groups: ["a", "b"] }
 */
export function identityFromSamlProfile(profile: Pick<Profile, "nameID"> & { attributes?: unknown }, groupsAttribute: string): SsoIdentity & { name: string | null } {
  const attributes = (profile.attributes && typeof profile.attributes === "object" ? profile.attributes : {}) as Attributes;
  const nameId = typeof profile.nameID === "string" ? profile.nameID.trim() : "";
  const email = EMAIL.test(nameId) ? nameId : pickAttribute(attributes, EMAIL_ATTRIBUTES);
  const display = pickAttribute(attributes, DISPLAY_NAME_ATTRIBUTES);
  const given = pickAttribute(attributes, GIVEN_NAME_ATTRIBUTES);
  const surname = pickAttribute(attributes, SURNAME_ATTRIBUTES);
  const plainName = first(attributes.name);
  const name = display ?? ([given, surname].filter(Boolean).join(" ") || (plainName && !EMAIL.test(plainName) ? plainName : null));
  const groupValues = [attributes[groupsAttribute], ...(groupsAttribute === "groups" ? [attributes[ENTRA_GROUPS_CLAIM]] : [])];
  const groups = [...new Set(groupValues.flatMap((v) => groupsFromClaim(v)))];
  return { email, name, groups };
}

interface AssertionFacts {
  id: string | null;
  issuer: string | null;
  notOnOrAfter: Date | null;
}

/** The verified assertion's ID, issuer and the latest of its NotOnOrAfter times (node-saml's xml2js shape). */
function assertionFacts(profile: Profile): AssertionFacts {
  type Node = { $?: Record<string, string>; _?: string; [k: string]: unknown };
  const assertion = (profile.getAssertion?.() as { Assertion?: Node } | undefined)?.Assertion;
  const child = (n: Node | undefined, name: string) => (Array.isArray(n?.[name]) ? (n[name] as Node[])[0] : undefined);
  const times = [
    child(assertion, "Conditions")?.$?.NotOnOrAfter,
    child(child(child(assertion, "Subject"), "SubjectConfirmation"), "SubjectConfirmationData")?.$?.NotOnOrAfter,
  ]
    .map((t) => (t ? Date.parse(t) : NaN))
    .filter((t) => Number.isFinite(t));
  const issuer = child(assertion, "Issuer");
  return {
    id: assertion?.$?.ID ?? null,
    issuer: typeof issuer === "string" ? issuer : (issuer?._ ?? profile.issuer ?? null),
    notOnOrAfter: times.length ? new Date(Math.max(...times) + CLOCK_SKEW_MS) : null,
  };
}

/**
 * Validates a SAMLResponse (base64, from the ACS form) for a connection and answers the person it
 * vouches for; throws SsoError with the code that explains the refusal. The request it answers is
 * used up either way, and an accepted assertion cannot be accepted again.
 */
export async function validateSamlResponse(prisma: Db, connection: SsoConnectionConfig, base: string, samlResponse: string): Promise<SsoIdentity & { name: string | null }> {
  const orgId = usable(connection);
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  const shape = responseShape(xml);
  const refuse = async (code: SsoErrorCode, detail: string, email: string | null = null, options: { keepRequest?: boolean } = {}): Promise<never> => {
    if (shape.inResponseTo && !options.keepRequest) await discardRequest(prisma, connection.key, shape.inResponseTo);
    throw new SsoError(code, detail, orgId, email);
  };

  let idp: IdpMetadata;
  try {
    idp = await idpSettings(connection);
  } catch (e) {
    if (shape.inResponseTo) await discardRequest(prisma, connection.key, shape.inResponseTo);
    throw e;
  }
  let profile: Profile | null = null;
  try {
    profile = (await samlFor(prisma, connection, idp, base).validatePostResponseAsync({ SAMLResponse: samlResponse })).profile;
  } catch (e) {
    let error = e;
    // The instance's IdP may have rolled its certificate since its metadata was read: read it again once.
    if (isSignatureFailure(e) && readsMetadata(connection)) {
      const fresh = await idpSettings(connection, { refresh: true }).catch(() => idp);
      if (fresh.certificates.join() !== idp.certificates.join()) {
        idp = fresh;
        try {
          profile = (await samlFor(prisma, connection, idp, base).validatePostResponseAsync({ SAMLResponse: samlResponse })).profile;
          error = null;
        } catch (again) {
          error = again;
        }
      }
    }
    if (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = samlErrorCode(error, shape);
      const hint = code === "configuration" && shape.encrypted ? " (Sovra does not decrypt assertions: turn off assertion encryption for Sovra at the IdP)" : "";
      await refuse(code, `${message}${hint}`);
    }
  }
  if (!profile) return refuse("configuration", "the identity provider answered without an assertion (a passive or logout response)");

  const facts = assertionFacts(profile);
  const identity = identityFromSamlProfile(profile, connection.groupsAttribute);
  if (facts.issuer !== idp.entityId) {
    return refuse("configuration", `the assertion was issued by ${facts.issuer ?? "nobody"}, but the connection's identity provider is ${idp.entityId}`, identity.email);
  }
  if (!facts.id) return refuse("configuration", "the assertion has no ID", identity.email);
  if (!(await rememberAssertion(prisma, connection.key, facts.id, facts.notOnOrAfter))) {
    // Not the request's to discard: a copy of this response racing in another process may be the one that uses it.
    return refuse("replayed", `assertion ${facts.id} was accepted before`, identity.email, { keepRequest: true });
  }
  if (shape.inResponseTo && !(await consumeRequest(prisma, connection.key, shape.inResponseTo))) {
    return refuse("replayed", `the request ${shape.inResponseTo} was answered before or has expired`, identity.email);
  }
  return identity;
}
