// An owner's single sign-on settings (decision 049) against the real database: the connection
// (OIDC and SAML, optimistic locking, the write-only client secret), require-SSO with its
// preconditions and the password sessions it ends, break-glass owners, SCIM tokens, the role
// matrix and another organisation's ids. The SAML metadata URL is served by a real IdP (samlify).
process.env.AUTH_SECRET ??= "sso-settings-int-test-secret-sso-settings";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { createSession } from "@/lib/auth/sessions";
import { db, twoOrganisations } from "@/lib/testing/db";
import { buildMembership, buildUser } from "@/prisma/factories";
import { hashToken } from "@/lib/members/tokens";
import { changeMemberRole, removeMember, setBreakGlass } from "@/lib/members/mutations";
import { openSecret } from "@/lib/sso/secret-box";
import { ssoConnectionSchema, type SsoConnectionInput } from "@/lib/sso/schemas";
import { addSsoDomain, deleteSsoConnection, NEED_BREAK_GLASS, refreshSamlMetadata, removeSsoDomain, saveSsoConnection, setSsoRequired } from "@/lib/sso/mutations";
import { getSsoSettings } from "@/lib/sso/queries";
import { recordSsoError, SsoError } from "@/lib/sso/errors";
import { createScimToken, listScimTokens, revokeScimToken } from "@/lib/scim/tokens";
import { startSamlIdp, type SamlIdp } from "@/e2e/support/saml-idp";

/** A real self-signed certificate (openssl, CN=idp.example.test, valid 2026–2036), as metadata carries it. */
const CERTIFICATE =
  "MIIDFzCCAf+gAwIBAgIUbyEbXDHVFPai+pJfUipbajA68NcwDQYJKoZIhvcNAQELBQAwGzEZMBcGA1UEAwwQaWRwLmV4YW1wbGUudGVzdDAeFw0yNjEyMDcxMjU2MDlaFw0zNjEyMDQxMjU2MDlaMBsxGTAXBgNVBAMMEGlkcC5leGFtcGxlLnRlc3QwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCqt9HebXwrcn8ezkcLzCoqwZs5Z+4Iu/B60YyyxgB0dpTXmRCefWRokvdppRP7M5A+1s/8O6l6VmUiHf0mQxy2zlTaZGa1swhn5OJXB12Rn52jp5FhM/AWCIwKAxtk4csvego98Xb/wTyd2v77qODLSFNg6nDxEVf/TfJPwB+x8K6oomwsdCQdawMp6Wap4EJLlayQMGzKVxsjw7nA4nMt8sUOjzrlQj4xKgox2tE0K2cmo+lrdAjR+79RPNjPftnNuReaAey03rokDpJPkpLeJwJ7JQDMt73nWZAWIJudp7B9yBnLyDKWHh1bqlLvJb9gLPVxZTh90cJLAxO8k495AgMBAAGjUzBRMB0GA1UdDgQWBBTf45ZwGFLnBM6amV9yj6ye/OcAEjAfBgNVHSMEGDAWgBTf45ZwGFLnBM6amV9yj6ye/OcAEjAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQA3sESum5XbO8OEjKCYUH87mqrjhkHuG408TMPx/+of1/xly/mRlo9OWS3WtnZ7L2pOeWWQcj1eAyUpc3AlEE6UKQeHOtkAfZcL6+jNb6IZS64UatKQfC44ZM2mt8J/nDy6rBBFZgokvW+vbEn/nyYWmr8e714ghYOOu1wgW88dyYk6enaqzHuVicjAFkRZYPub4tuP2d7nfSC2tTXJU5aCP/QIxYsqwqx6DxpkjOUB8EgfSDnKbP6UWAyLq03n97oi5Irn4+mQ/uX1O+Nh8ShCSlGoEjS2jOFXhLXoVIb+IQ20WJ058N0khbn/zlLQEfXafcgPkXEj4HZi8o0QcepM";

const METADATA = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example.test/saml">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>
        ${CERTIFICATE.match(/.{1,64}/g)!.join("\n        ")}
      </ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/saml/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

type World = Awaited<ReturnType<typeof twoOrganisations>>;

/** Domains are unique across organisations once verified, and the database is shared by a run's files: this file's own. */
const RUN = Math.random().toString(36).slice(2, 8);

/** The connection form as the browser sends it (strings, repeated mapping rows), through the action's schema. */
function form(fields: Record<string, string | string[]>): SsoConnectionInput {
  return ssoConnectionSchema.parse({ version: "", name: "Contoso (Entra ID)", enabled: "on", groupsAttribute: "groups", defaultRole: "none", ...fields });
}
const oidc = (fields: Record<string, string | string[]> = {}) =>
  form({ protocol: "oidc", oidcIssuer: "https://login.example.test/tenant/v2.0", oidcClientId: "sovra-client", oidcClientSecret: "first-secret", ...fields });
const saml = (fields: Record<string, string | string[]> = {}) => form({ protocol: "saml", samlMetadataUrl: "", samlMetadataXml: METADATA, samlAllowIdpInitiated: "on", ...fields });

/** Everything ready for require-SSO in `org`: an enabled connection and a verified domain. */
async function readyForRequired(w: World, org: World["a"]) {
  await saveSsoConnection(w.ctx(org, "owner"), oidc());
  const domain = await addSsoDomain(w.ctx(org, "owner"), `${org.organisation.slug}.example.test`);
  await db().ssoDomain.update({ where: { id: domain.id }, data: { verifiedAt: new Date(), verifiedDomain: domain.domain } });
  return domain;
}
const orgVersion = async (org: World["a"]) => (await db().organisation.findUniqueOrThrow({ where: { id: org.organisation.id } })).version;
const ownerMembership = (org: World["a"]) => db().membership.findFirstOrThrow({ where: { organisationId: org.organisation.id, userId: org.users.owner.id } });

describe("single sign-on settings", () => {
  let w: World;
  beforeEach(async () => {
    w = await twoOrganisations();
  });

  describe("the connection", () => {
    it("is created, read back without its client secret, and updated from the version read", async () => {
      const owner = w.ctx(w.a, "owner");
      expect((await getSsoSettings(owner)).connection).toBeNull();
      const created = await saveSsoConnection(owner, oidc({ group: ["sovra-owners", "/risk", ""], groupRole: ["owner", "analyst", ""], defaultRole: "viewer" }));
      expect(created.version).toBe(1);

      const read = await getSsoSettings(owner);
      expect(read.connection).toMatchObject({
        id: created.id,
        protocol: "oidc",
        name: "Contoso (Entra ID)",
        enabled: true,
        oidcIssuer: "https://login.example.test/tenant/v2.0",
        oidcClientId: "sovra-client",
        clientSecretSet: true,
        groupRoles: [
          { group: "sovra-owners", role: "owner" },
          { group: "/risk", role: "analyst" },
        ],
        defaultRole: "viewer",
        version: 1,
      });
      // Neither the secret nor its sealed form ever leaves the query.
      const stored = await db().ssoConnection.findUniqueOrThrow({ where: { id: created.id } });
      expect(JSON.stringify(read)).not.toContain("first-secret");
      expect(JSON.stringify(read)).not.toContain(stored.oidcClientSecret!);
      expect(stored.oidcClientSecret).not.toContain("first-secret");
      expect(openSecret(stored.oidcClientSecret!, process.env.AUTH_SECRET!)).toBe("first-secret");

      // A blank secret keeps the stored one; the rest is updated.
      const updated = await saveSsoConnection(owner, oidc({ version: "1", oidcClientSecret: "", name: "Contoso SSO", enabled: "" }));
      expect(updated.version).toBe(2);
      const after = await db().ssoConnection.findUniqueOrThrow({ where: { id: created.id } });
      expect(after).toMatchObject({ name: "Contoso SSO", enabled: false, oidcClientSecret: stored.oidcClientSecret });
      // A new secret replaces it.
      await saveSsoConnection(owner, oidc({ version: "2", oidcClientSecret: "second-secret" }));
      expect(openSecret((await db().ssoConnection.findUniqueOrThrow({ where: { id: created.id } })).oidcClientSecret!, process.env.AUTH_SECRET!)).toBe("second-secret");

      // Audited without the secret.
      const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityType: "sso_connection" }, orderBy: { id: "asc" } });
      expect(events.map((e) => e.action)).toEqual(["create", "update", "update"]);
      expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toMatch(/first-secret|second-secret|v1\./);
      expect(events[2]!.after).toMatchObject({ clientSecretChanged: true });
    });

    it("refuses a stale version (CONFLICT, nothing changed) and a second first save", async () => {
      const owner = w.ctx(w.a, "owner");
      await saveSsoConnection(owner, oidc());
      await saveSsoConnection(owner, oidc({ version: "1", name: "Theirs" }));
      await expect(saveSsoConnection(owner, oidc({ version: "1", name: "Mine" }))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/) });
      await expect(saveSsoConnection(owner, oidc({ name: "Also mine" }))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/) });
      expect((await db().ssoConnection.findUniqueOrThrow({ where: { organisationId: w.a.organisation.id } })).name).toBe("Theirs");
    });

    it("needs a client secret when none is stored (a first OIDC save, or a switch from SAML)", async () => {
      const owner = w.ctx(w.a, "owner");
      await expect(saveSsoConnection(owner, oidc({ oidcClientSecret: "" }))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { oidcClientSecret: [expect.any(String)] } } });
      await saveSsoConnection(owner, saml());
      await expect(saveSsoConnection(owner, oidc({ version: "1", oidcClientSecret: "" }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });

    it("accepts https issuers, and http only on this machine", () => {
      expect(() => oidc({ oidcIssuer: "http://idp.example.test" })).toThrow(/https:\/\//);
      expect(oidc({ oidcIssuer: "http://127.0.0.1:9/realm" })).toMatchObject({ oidcIssuer: "http://127.0.0.1:9/realm" });
      expect(oidc({ oidcIssuer: "http://localhost:8080" })).toMatchObject({ protocol: "oidc" });
    });

    it("reads pasted SAML metadata: entity ID, sign-in address and signing certificate; switching protocol clears the other's settings", async () => {
      const owner = w.ctx(w.a, "owner");
      await saveSsoConnection(owner, oidc());
      await saveSsoConnection(owner, saml({ version: "1", samlAllowIdpInitiated: "" }));
      const row = await db().ssoConnection.findUniqueOrThrow({ where: { organisationId: w.a.organisation.id } });
      expect(row).toMatchObject({
        protocol: "saml",
        samlIdpEntityId: "https://idp.example.test/saml",
        samlIdpSsoUrl: "https://idp.example.test/saml/sso",
        samlIdpCertificates: [CERTIFICATE],
        samlAllowIdpInitiated: false,
        oidcIssuer: null,
        oidcClientSecret: null,
      });
      const read = await getSsoSettings(owner);
      expect(read.connection?.samlCertificates).toEqual([{ subject: "idp.example.test", validTo: new Date("2036-12-04T12:56:09Z") }]);
      // Saving again without new metadata keeps what was read.
      await saveSsoConnection(owner, saml({ version: "2", samlMetadataXml: "", name: "Renamed" }));
      expect(await db().ssoConnection.findUniqueOrThrow({ where: { organisationId: w.a.organisation.id } })).toMatchObject({ name: "Renamed", samlIdpCertificates: [CERTIFICATE] });
    });

    it("refuses metadata that is not an IdP's, with the reason, on the field", async () => {
      const owner = w.ctx(w.a, "owner");
      await expect(saveSsoConnection(owner, saml({ samlMetadataXml: "<html>login</html>" }))).rejects.toMatchObject({
        code: "INVALID_INPUT",
        details: { fieldErrors: { samlMetadataXml: [expect.stringContaining("EntityDescriptor")] } },
      });
      await expect(saveSsoConnection(owner, saml({ samlMetadataXml: METADATA.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, "") }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(saveSsoConnection(owner, saml({ samlMetadataXml: "" }))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { samlMetadataUrl: [expect.any(String)] } } });
      expect(await db().ssoConnection.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    });

    describe("from a metadata URL (a real IdP on loopback)", () => {
      let idp: SamlIdp;
      beforeAll(async () => {
        idp = await startSamlIdp();
      });
      afterAll(async () => {
        await idp.close();
      });

      it("reads the metadata on save and again on refresh", async () => {
        const owner = w.ctx(w.a, "owner");
        await saveSsoConnection(owner, saml({ samlMetadataXml: "", samlMetadataUrl: idp.metadataUrl }));
        const row = await db().ssoConnection.findUniqueOrThrow({ where: { organisationId: w.a.organisation.id } });
        expect(row).toMatchObject({ samlMetadataUrl: idp.metadataUrl, samlIdpEntityId: idp.entityId, samlIdpCertificates: [idp.certificate] });
        // Someone changed the certificate by hand; refreshing reads the IdP's again.
        await db().ssoConnection.update({ where: { id: row.id }, data: { samlIdpCertificates: [CERTIFICATE] } });
        expect(await refreshSamlMetadata(owner)).toMatchObject({ certificates: 1, version: 2 });
        expect((await db().ssoConnection.findUniqueOrThrow({ where: { id: row.id } })).samlIdpCertificates).toEqual([idp.certificate]);
      });

      it("says which address could not be read", async () => {
        const url = `${idp.url}/nowhere`;
        await expect(saveSsoConnection(w.ctx(w.a, "owner"), saml({ samlMetadataXml: "", samlMetadataUrl: url }))).rejects.toMatchObject({
          code: "INVALID_INPUT",
          details: { fieldErrors: { samlMetadataUrl: [expect.stringContaining(url)] } },
        });
      });
    });

    it("is deleted with the version read, but not while single sign-on is required", async () => {
      await readyForRequired(w, w.a);
      const owner = w.ctx(w.a, "owner");
      const m = await ownerMembership(w.a);
      await setBreakGlass(owner, { membershipId: m.id, breakGlass: true, version: m.version });
      await setSsoRequired(owner, { required: true, version: await orgVersion(w.a) });
      await expect(deleteSsoConnection(owner, 1)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Turn off “Require single sign-on” first") });
      // Switching it off is refused too: it would lock everyone out the same way.
      await expect(saveSsoConnection(owner, oidc({ version: "1", enabled: "" }))).rejects.toMatchObject({ code: "CONFLICT" });
      await setSsoRequired(owner, { required: false, version: await orgVersion(w.a) });
      await expect(deleteSsoConnection(owner, 7)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/) });
      await deleteSsoConnection(owner, 1);
      expect(await db().ssoConnection.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    });
  });

  describe("requiring single sign-on", () => {
    it("needs an enabled connection, a verified domain and a break-glass owner, each said in words", async () => {
      const owner = w.ctx(w.a, "owner");
      const turnOn = async () => setSsoRequired(owner, { required: true, version: await orgVersion(w.a) });
      await expect(turnOn()).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("connection") });
      await saveSsoConnection(owner, oidc());
      const domain = await addSsoDomain(owner, `contoso.${RUN}.example.test`);
      await expect(turnOn()).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Verify at least one email domain") });
      await db().ssoDomain.update({ where: { id: domain.id }, data: { verifiedAt: new Date(), verifiedDomain: domain.domain } });
      await expect(turnOn()).rejects.toMatchObject({ code: "CONFLICT", message: NEED_BREAK_GLASS });
      expect((await db().organisation.findUniqueOrThrow({ where: { id: w.a.organisation.id } })).ssoRequired).toBe(false);
    });

    it("ends the open password sessions of members who are not break-glass, and no other session", async () => {
      await readyForRequired(w, w.a);
      const owner = w.ctx(w.a, "owner");
      const m = await ownerMembership(w.a);
      await setBreakGlass(owner, { membershipId: m.id, breakGlass: true, version: m.version });
      const session = (userId: string, method: "password" | "oidc" | "saml" = "password") => createSession(db(), { userId, method });
      const ownerPassword = await session(w.a.users.owner.id);
      const editorPassword = await session(w.a.users.editor.id);
      const editorSso = await session(w.a.users.editor.id, "oidc");
      const viewerSaml = await session(w.a.users.viewer.id, "saml");
      const analystPassword = await session(w.a.users.analyst.id);
      const otherOrgPassword = await session(w.b.users.editor.id);

      const result = await setSsoRequired(owner, { required: true, version: await orgVersion(w.a) });
      expect(result).toMatchObject({ required: true, sessionsEnded: 2 });
      const revoked = async (id: string) => (await db().session.findUniqueOrThrow({ where: { id } })).revokedAt !== null;
      expect(await revoked(editorPassword)).toBe(true);
      expect(await revoked(analystPassword)).toBe(true);
      expect(await revoked(ownerPassword)).toBe(false); // break-glass
      expect(await revoked(editorSso)).toBe(false);
      expect(await revoked(viewerSaml)).toBe(false);
      expect(await revoked(otherOrgPassword)).toBe(false);
      expect((await db().organisation.findUniqueOrThrow({ where: { id: w.a.organisation.id } })).ssoRequired).toBe(true);
      expect(await db().auditEvent.findFirst({ where: { organisationId: w.a.organisation.id, entityType: "organisation" }, orderBy: { id: "desc" } })).toMatchObject({
        after: { ssoRequired: true, passwordSessionsEnded: 2 },
      });

      // Turned off again: no session is touched.
      const fresh = await session(w.a.users.editor.id);
      expect(await setSsoRequired(owner, { required: false, version: result.version })).toMatchObject({ required: false, sessionsEnded: 0 });
      expect(await revoked(fresh)).toBe(false);
    });

    it("refuses a stale organisation version", async () => {
      await readyForRequired(w, w.a);
      const owner = w.ctx(w.a, "owner");
      const m = await ownerMembership(w.a);
      await setBreakGlass(owner, { membershipId: m.id, breakGlass: true, version: m.version });
      const version = await orgVersion(w.a);
      await db().organisation.update({ where: { id: w.a.organisation.id }, data: { sector: "Banking", version: { increment: 1 } } });
      await expect(setSsoRequired(owner, { required: true, version })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/) });
    });

    it("keeps the last break-glass owner and the last verified domain while it is required", async () => {
      await readyForRequired(w, w.a);
      const owner = w.ctx(w.a, "owner");
      const second = await buildUser(db());
      const secondOwner = await buildMembership(db(), w.a.organisation.id, second.id, "owner");
      const m = await ownerMembership(w.a);
      const marked = await setBreakGlass(owner, { membershipId: m.id, breakGlass: true, version: m.version });
      await setSsoRequired(owner, { required: true, version: await orgVersion(w.a) });

      await expect(setBreakGlass(owner, { membershipId: m.id, breakGlass: false, version: marked.version })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("only break-glass owner") });
      await expect(changeMemberRole(owner, { membershipId: m.id, role: "editor", version: marked.version })).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(removeMember(w.ctx(w.a, "owner"), m.id)).rejects.toMatchObject({ code: "CONFLICT" });
      const [domain] = (await getSsoSettings(owner)).domains;
      await expect(removeSsoDomain(owner, domain!.id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("at least one verified domain") });

      // With a second break-glass owner, the first may step down (and a demoted owner is no longer break-glass).
      await setBreakGlass(owner, { membershipId: secondOwner.id, breakGlass: true, version: secondOwner.version });
      await changeMemberRole(owner, { membershipId: m.id, role: "editor", version: marked.version });
      expect(await db().membership.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ role: "editor", breakGlass: false });
    });

    it("break-glass is for owners only, with the version read", async () => {
      const owner = w.ctx(w.a, "owner");
      const editor = await db().membership.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, userId: w.a.users.editor.id } });
      await expect(setBreakGlass(owner, { membershipId: editor.id, breakGlass: true, version: editor.version })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Only owners") });
      const m = await ownerMembership(w.a);
      await expect(setBreakGlass(owner, { membershipId: m.id, breakGlass: true, version: m.version + 1 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/) });
      await setBreakGlass(owner, { membershipId: m.id, breakGlass: true, version: m.version });
      expect((await getSsoSettings(owner)).owners).toEqual([{ membershipId: m.id, userId: w.a.users.owner.id, name: w.a.users.owner.name, email: w.a.users.owner.email, breakGlass: true, version: m.version + 1 }]);
    });
  });

  describe("SCIM tokens", () => {
    it("are shown once, stored as a hash, listed without either, and revoked", async () => {
      const owner = w.ctx(w.a, "owner");
      const created = await createScimToken(owner, { name: "Okta provisioning" });
      expect(created.token).toMatch(/^sovra_scim_[A-Za-z0-9_-]{43}$/);
      const row = await db().scimToken.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.tokenHash).toBe(hashToken(created.token));
      expect(JSON.stringify(row)).not.toContain(created.token);

      const listed = await listScimTokens(owner);
      expect(listed).toEqual([{ id: created.id, name: "Okta provisioning", createdAt: row.createdAt, lastUsedAt: null, revokedAt: null, createdBy: { name: w.a.users.owner.name } }]);
      expect(JSON.stringify(await getSsoSettings(owner))).not.toContain(row.tokenHash);

      await revokeScimToken(owner, created.id);
      expect((await db().scimToken.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).not.toBeNull();
      await expect(revokeScimToken(owner, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityType: "scim_token" } })).map((e) => e.action).sort()).toEqual(["create", "revoke"]);
    });
  });

  it("lists the organisation's latest failed sign-ins with their title, and no one else's", async () => {
    const mine = await recordSsoError(db(), new SsoError("no_role", "groups: staff", w.a.organisation.id, "x@contoso.example.test"));
    const theirs = await recordSsoError(db(), new SsoError("clock_skew", "theirs", w.b.organisation.id));
    const errors = (await getSsoSettings(w.ctx(w.a, "owner"))).loginErrors;
    expect(errors).toEqual([{ reference: mine, code: "no_role", title: "No access to this organisation", detail: "groups: staff", email: "x@contoso.example.test", createdAt: expect.any(Date) }]);
    expect(JSON.stringify(errors)).not.toContain(theirs);
  });

  it("is for owners only: every other role is refused and writes nothing", async () => {
    for (const role of ROLES.filter((r): r is Exclude<Role, "owner"> => r !== "owner")) {
      const ctx = w.ctx(w.a, role);
      await expect(getSsoSettings(ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveSsoConnection(ctx, oidc())).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(addSsoDomain(ctx, `contoso.${RUN}.example.test`)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setSsoRequired(ctx, { required: false, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createScimToken(ctx, { name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setBreakGlass(ctx, { membershipId: (await ownerMembership(w.a)).id, breakGlass: true, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db().ssoConnection.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    expect(await db().ssoDomain.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    expect(await db().scimToken.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("another organisation's ids reach nothing", async () => {
    const domainA = await readyForRequired(w, w.a);
    const tokenA = await createScimToken(w.ctx(w.a, "owner"), { name: "A's token" });
    const mA = await ownerMembership(w.a);
    const asB = w.ctx(w.b, "owner");
    await expect(removeSsoDomain(asB, domainA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeScimToken(asB, tokenA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setBreakGlass(asB, { membershipId: mA.id, breakGlass: true, version: mA.version })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteSsoConnection(asB, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const seen = await getSsoSettings(asB);
    expect(seen).toMatchObject({ connection: null, domains: [], scimTokens: [], loginErrors: [] });
    expect(seen.owners.map((o) => o.userId)).toEqual([w.b.users.owner.id]);
    // B's own first save creates B's connection and leaves A's alone.
    await saveSsoConnection(asB, oidc({ name: "B's IdP" }));
    expect(await db().ssoConnection.findUniqueOrThrow({ where: { organisationId: w.a.organisation.id } })).toMatchObject({ name: "Contoso (Entra ID)", version: 1 });
    // A domain A verified cannot be claimed by B.
    await expect(addSsoDomain(asB, domainA.domain)).rejects.toMatchObject({ code: "CONFLICT", message: expect.not.stringContaining(w.a.organisation.name) });
    expect(await db().scimToken.findUniqueOrThrow({ where: { id: tokenA.id } })).toMatchObject({ revokedAt: null });
  });
});
