// What happens once an identity provider vouched for someone (lib/sso/provision.ts), against the
// real database: just-in-time creation, the group-to-role mapping at every sign-in, the owners it
// never touches, the refusals; and the password refused where an organisation requires SSO
// (lib/auth/sign-in.ts).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { completeSsoSignIn, NO_PASSWORD } from "./provision";
import { SsoError } from "./errors";
import type { SsoConnectionConfig } from "./config";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { verifyPassword } from "@/lib/auth/password";
import { buildMembership, buildOrganisation, buildUser, TEST_PASSWORD } from "@/prisma/factories";
import { db } from "@/lib/testing/db";

const OIDC = { method: "oidc" as const, userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15", address: "198.51.100.7" };

let org: { id: string; slug: string; name: string };
let domain: string;
let connection: SsoConnectionConfig;

const email = (local: string) => `${local}-${randomUUID().slice(0, 6)}@${domain}`;

/** The error a sign-in is refused with (fails the test when it is not refused). */
async function refusal(promise: Promise<unknown>): Promise<SsoError> {
  const outcome = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(SsoError);
  return outcome as SsoError;
}

const membershipOf = (userId: string) =>
  db().membership.findUnique({ where: { organisationId_userId: { organisationId: org.id, userId } }, select: { role: true, source: true, breakGlass: true } });

describe("single sign-on provisioning", () => {
  beforeAll(async () => {
    org = await buildOrganisation(db());
    domain = `prov-${randomUUID().slice(0, 8)}.example`;
    connection = {
      key: randomUUID(),
      organisationId: org.id,
      protocol: "oidc",
      name: "Test IdP",
      enabled: true,
      oidc: { issuer: "https://idp.example", clientId: "sovra", clientSecret: "s" },
      saml: null,
      groupsAttribute: "groups",
      groupRoles: [
        { group: "risk", role: "analyst" },
        { group: "editors", role: "editor" },
        { group: "admins", role: "owner" },
        { group: "readers", role: "viewer" },
      ],
      defaultRole: null,
      domains: [domain],
    };
    // The organisation's first owner, so the last-owner rule does not interfere unless a test wants it.
    const founder = await buildUser(db());
    await buildMembership(db(), org.id, founder.id, "owner");
  });

  it("creates a new person just in time, with the role their group maps to, source sso, no password, an OIDC session and an audit event", async () => {
    const address = email("jit");
    const result = await completeSsoSignIn(db(), connection, { email: address.toUpperCase(), name: " Jo Jit ", groups: ["risk", "staff"] }, OIDC);
    expect(result).toMatchObject({ organisationId: org.id, role: "analyst" });
    const user = await db().user.findUniqueOrThrow({ where: { id: result.userId }, select: { email: true, name: true, passwordHash: true } });
    expect(user).toEqual({ email: address, name: "Jo Jit", passwordHash: NO_PASSWORD });
    expect(await verifyPassword("sso-only", user.passwordHash)).toBe(false);
    expect(await membershipOf(result.userId)).toEqual({ role: "analyst", source: "sso", breakGlass: false });
    expect(await db().session.findUniqueOrThrow({ where: { id: result.sessionId } })).toMatchObject({ userId: result.userId, method: "oidc", address: "198.51.100.7" });
    const audit = await db().auditEvent.findMany({ where: { organisationId: org.id, actorId: result.userId }, select: { action: true, after: true } });
    expect(audit).toEqual([{ action: "join", after: expect.objectContaining({ email: address, role: "analyst", source: "sso" }) }]);
  });

  it("gives the highest role of several mapped groups", async () => {
    const result = await completeSsoSignIn(db(), connection, { email: email("many"), groups: ["readers", "editors", "risk"] }, OIDC);
    expect(result.role).toBe("editor");
  });

  it("demotes at the next sign-in when a group was removed at the IdP, and records the change", async () => {
    const address = email("demote");
    const first = await completeSsoSignIn(db(), connection, { email: address, groups: ["editors", "risk"] }, OIDC);
    expect(first.role).toBe("editor");
    const second = await completeSsoSignIn(db(), connection, { email: address, groups: ["risk"] }, OIDC);
    expect(second).toMatchObject({ userId: first.userId, role: "analyst" });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await membershipOf(first.userId)).toMatchObject({ role: "analyst", source: "sso" });
    const change = await db().auditEvent.findFirstOrThrow({ where: { organisationId: org.id, actorId: first.userId, action: "role_change" }, select: { before: true, after: true } });
    expect(change).toMatchObject({ before: { role: "editor" }, after: { role: "analyst" } });
  });

  it("refuses someone none of whose groups is mapped when there is no default role (no_role), and removes an SSO member", async () => {
    const stranger = email("stranger");
    const error = await refusal(completeSsoSignIn(db(), connection, { email: stranger, groups: ["staff"] }, OIDC));
    expect(error).toMatchObject({ code: "no_role", organisationId: org.id, email: stranger });
    expect(await db().user.findUnique({ where: { email: stranger } })).toBeNull();

    const leaver = email("leaver");
    const before = await completeSsoSignIn(db(), connection, { email: leaver, groups: ["risk"] }, OIDC);
    expect((await refusal(completeSsoSignIn(db(), connection, { email: leaver, groups: [] }, OIDC))).code).toBe("no_role");
    expect(await membershipOf(before.userId)).toBeNull();
    expect(await db().session.count({ where: { userId: before.userId, method: "oidc" } })).toBe(1); // no new session for the refusal
    expect(await db().auditEvent.count({ where: { organisationId: org.id, actorId: before.userId, action: "remove_member" } })).toBe(1);
  });

  it("gives the default role to someone with no mapped group when the connection has one", async () => {
    const result = await completeSsoSignIn(db(), { ...connection, defaultRole: "viewer" }, { email: email("default"), groups: [] }, OIDC);
    expect(result.role).toBe("viewer");
  });

  it("keeps the role of a member added by hand while no group maps one; a mapped group then takes over", async () => {
    const user = await buildUser(db(), { email: email("manual") });
    await buildMembership(db(), org.id, user.id, "editor");
    expect((await completeSsoSignIn(db(), connection, { email: user.email, groups: ["staff"] }, OIDC)).role).toBe("editor");
    expect(await membershipOf(user.id)).toMatchObject({ role: "editor", source: "manual" });
    expect((await completeSsoSignIn(db(), connection, { email: user.email, groups: ["readers"] }, OIDC)).role).toBe("viewer");
    expect(await membershipOf(user.id)).toMatchObject({ role: "viewer", source: "sso" });
  });

  it("does not let the default role replace a role given by hand: only a mapped group does", async () => {
    const user = await buildUser(db(), { email: email("manual-default") });
    await buildMembership(db(), org.id, user.id, "editor");
    const withDefault = { ...connection, defaultRole: "viewer" as const };
    expect((await completeSsoSignIn(db(), withDefault, { email: user.email, groups: [] }, OIDC)).role).toBe("editor");
    expect(await membershipOf(user.id)).toMatchObject({ role: "editor", source: "manual" });
  });

  it("keeps a break-glass owner an owner whatever their groups say", async () => {
    const user = await buildUser(db(), { email: email("glass") });
    await db().membership.create({ data: { organisationId: org.id, userId: user.id, role: "owner", breakGlass: true } });
    expect((await completeSsoSignIn(db(), connection, { email: user.email, groups: ["readers"] }, OIDC)).role).toBe("owner");
    expect((await completeSsoSignIn(db(), connection, { email: user.email, groups: [] }, OIDC)).role).toBe("owner");
    expect(await membershipOf(user.id)).toEqual({ role: "owner", source: "manual", breakGlass: true });
  });

  it("never demotes or removes the last owner of an organisation", async () => {
    const lone = await buildOrganisation(db());
    const loneConnection = { ...connection, organisationId: lone.id };
    const address = email("lastowner");
    const owner = await completeSsoSignIn(db(), loneConnection, { email: address, groups: ["admins"] }, OIDC);
    expect(owner.role).toBe("owner");
    expect((await completeSsoSignIn(db(), loneConnection, { email: address, groups: ["readers"] }, OIDC)).role).toBe("owner");
    expect((await completeSsoSignIn(db(), loneConnection, { email: address, groups: [] }, OIDC)).role).toBe("owner");
    expect(await db().membership.count({ where: { organisationId: lone.id, role: "owner" } })).toBe(1);
    // With a second owner, the IdP's word counts again.
    const second = await buildUser(db());
    await buildMembership(db(), lone.id, second.id, "owner");
    expect((await completeSsoSignIn(db(), loneConnection, { email: address, groups: ["readers"] }, OIDC)).role).toBe("viewer");
  });

  it("refuses an email outside the connection's verified domains (domain_not_verified) and creates nobody", async () => {
    const outsider = `eve-${randomUUID().slice(0, 6)}@elsewhere.example`;
    const error = await refusal(completeSsoSignIn(db(), connection, { email: outsider, groups: ["admins"] }, OIDC));
    expect(error).toMatchObject({ code: "domain_not_verified", organisationId: org.id, email: outsider });
    expect(await db().user.findUnique({ where: { email: outsider } })).toBeNull();
    // No verified domain at all: nobody gets in through an organisation's connection.
    expect((await refusal(completeSsoSignIn(db(), { ...connection, domains: [] }, { email: email("none"), groups: ["risk"] }, OIDC))).code).toBe("domain_not_verified");
  });

  it("takes any domain for a connection without a domain list (the instance's)", async () => {
    const result = await completeSsoSignIn(db(), { ...connection, key: "instance", domains: null }, { email: `any-${randomUUID().slice(0, 6)}@anywhere.example`, groups: ["risk"] }, OIDC);
    expect(result.role).toBe("analyst");
  });

  it.each([
    ["no email", undefined],
    ["an empty email", ""],
    ["not an email", "jo"],
  ])("refuses %s (missing_email)", async (_, value) => {
    expect((await refusal(completeSsoSignIn(db(), connection, { email: value, groups: ["risk"] }, OIDC))).code).toBe("missing_email");
  });

  it("refuses a switched-off connection, and one whose organisation does not exist", async () => {
    const off = await refusal(completeSsoSignIn(db(), { ...connection, enabled: false }, { email: email("off"), groups: ["risk"] }, OIDC));
    expect(off).toMatchObject({ code: "connection_disabled", organisationId: org.id });
    const orphan = await refusal(completeSsoSignIn(db(), { ...connection, organisationId: null }, { email: email("orphan"), groups: ["risk"] }, OIDC));
    expect(orphan.code).toBe("connection_disabled");
  });
});

describe("passwords where an organisation requires single sign-on", () => {
  let octet = 0;
  const attempt = (emailAddress: string, password: string) =>
    attemptSignIn(db(), { email: emailAddress, password, address: `198.18.7.${++octet}`, knownDeviceId: null, userAgent: "test" });

  let required: { id: string; name: string };
  beforeAll(async () => {
    required = await buildOrganisation(db(), { name: "Required Ltd" });
    await db().organisation.update({ where: { id: required.id }, data: { ssoRequired: true } });
  });

  it("refuses the right password of a member with sso_required, naming the organisation, and opens no session", async () => {
    const member = await buildUser(db());
    await buildMembership(db(), required.id, member.id, "editor");
    expect(await attempt(member.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "sso_required", organisationName: "Required Ltd" });
    expect(await db().session.count({ where: { userId: member.id } })).toBe(0);
  });

  it("lets a break-glass owner in with their password", async () => {
    const owner = await buildUser(db());
    await db().membership.create({ data: { organisationId: required.id, userId: owner.id, role: "owner", breakGlass: true } });
    const result = await attempt(owner.email, TEST_PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { id: owner.id } });
    if (result.ok) expect(await db().session.findUniqueOrThrow({ where: { id: result.sessionId } })).toMatchObject({ method: "password" });
  });

  it("says only 'invalid' for a wrong password, so a guesser learns nothing about single sign-on", async () => {
    const member = await buildUser(db());
    await buildMembership(db(), required.id, member.id, "viewer");
    expect(await attempt(member.email, "not the password at all")).toEqual({ ok: false, reason: "invalid" });
  });

  it("does not refuse a member of organisations that do not require it", async () => {
    const member = await buildUser(db());
    const free = await buildOrganisation(db());
    await buildMembership(db(), free.id, member.id, "viewer");
    expect(await attempt(member.email, TEST_PASSWORD)).toMatchObject({ ok: true });
  });
});
