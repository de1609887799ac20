// The SCIM 2.0 endpoint through its route handlers, against the real database, with the request
// bodies Microsoft Entra ID and Okta document for their provisioning clients. What matters most:
// deprovisioning ends access at once, groups map to roles, the last owner stays, and one
// organisation's token never reaches another's people.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { parseEnv } from "@/lib/env";
import { hashToken } from "@/lib/members/tokens";
import { NO_PASSWORD } from "@/lib/sso/provision";
import { db, twoOrganisations } from "@/lib/testing/db";
import { roleSettingsFor } from "@/lib/scim/provision";
import { buildMembership, buildOrganisation, buildUser } from "@/prisma/factories";
import * as users from "@/app/api/scim/v2/[organisation]/Users/route";
import * as user from "@/app/api/scim/v2/[organisation]/Users/[id]/route";
import * as groups from "@/app/api/scim/v2/[organisation]/Groups/route";
import * as group from "@/app/api/scim/v2/[organisation]/Groups/[id]/route";
import * as spc from "@/app/api/scim/v2/[organisation]/ServiceProviderConfig/route";
import * as resourceTypes from "@/app/api/scim/v2/[organisation]/ResourceTypes/route";
import * as schemas from "@/app/api/scim/v2/[organisation]/Schemas/route";
import * as schema from "@/app/api/scim/v2/[organisation]/Schemas/[id]/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Call {
  token?: string;
  id?: string;
  body?: unknown;
  raw?: string;
  query?: string;
  headers?: Record<string, string>;
}

/** Calls a SCIM route handler as Next does, with the headers an identity provider sends. */
async function scim(handler: Handler, method: string, organisation: string, call: Call = {}) {
  const headers = new Headers({ accept: "application/scim+json", ...call.headers });
  if (call.token) headers.set("authorization", `Bearer ${call.token}`);
  const hasBody = call.body !== undefined || call.raw !== undefined;
  if (hasBody) headers.set("content-type", "application/scim+json; charset=utf-8");
  const url = `http://localhost/api/scim/v2/${organisation}/X${call.id ? `/${call.id}` : ""}${call.query ? `?${call.query}` : ""}`;
  const response = await handler(new Request(url, { method, headers, body: hasBody ? (call.raw ?? JSON.stringify(call.body)) : undefined }), {
    params: Promise.resolve({ organisation, ...(call.id && { id: call.id }) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** A SCIM token of the organisation, stored as lib/scim/tokens.ts stores them. */
async function scimToken(organisationId: string, revoked = false) {
  const token = `sovra_scim_${randomBytes(32).toString("base64url")}`;
  const row = await db().scimToken.create({ data: { organisationId, name: "Entra ID", tokenHash: hashToken(token), ...(revoked && { revokedAt: new Date() }) }, select: { id: true } });
  return { token, id: row.id };
}

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const tag = () => randomBytes(4).toString("hex");

/** POST /Users as Microsoft Entra ID sends it (its SCIM guide's example, with an email as userName). */
const entraUser = (email: string) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  externalId: `entra-${tag()}`,
  userName: email,
  active: true,
  emails: [{ primary: true, type: "work", value: email }],
  meta: { resourceType: "User" },
  name: { formatted: "Ada Lovelace", familyName: "Lovelace", givenName: "Ada" },
  roles: [],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Risk" },
});

/** POST /Users as Okta sends it (its SCIM 2.0 reference's example). */
const oktaUser = (email: string) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName: email,
  name: { givenName: "Test", familyName: "User" },
  emails: [{ primary: true, value: email, type: "work" }],
  displayName: "Test User",
  locale: "en-US",
  externalId: `00u${tag()}`,
  groups: [],
  password: "1mz050nq",
  active: true,
});

const entraPatch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

let w: Awaited<ReturnType<typeof twoOrganisations>>;
let orgA: string;
let orgB: string;
let tokenA: string;
let tokenB: string;

beforeEach(async () => {
  w = await twoOrganisations();
  orgA = w.a.organisation.id;
  orgB = w.b.organisation.id;
  tokenA = (await scimToken(orgA)).token;
  tokenB = (await scimToken(orgB)).token;
});

const membershipOf = (organisationId: string, email: string) => db().membership.findFirst({ where: { organisationId, user: { email } }, select: { role: true, source: true, breakGlass: true } });
const createUser = async (org: string, token: string, body: unknown) => {
  const r = await scim(users.POST, "POST", org, { token, body });
  expect(r.status).toBe(201);
  return r.json as { id: string; userName: string; meta: { version: string } };
};
const createGroup = async (org: string, token: string, displayName: string, externalId?: string, members: string[] = []) => {
  const r = await scim(groups.POST, "POST", org, {
    token,
    body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName, ...(externalId && { externalId }), members: members.map((value) => ({ value })), meta: { resourceType: "Group" } },
  });
  expect(r.status).toBe(201);
  return r.json as { id: string };
};
const mapGroups = (organisationId: string, groupRoles: { group: string; role: string }[], defaultRole: "viewer" | "analyst" | null = "viewer") =>
  db().ssoConnection.create({ data: { organisationId, protocol: "oidc", name: "Contoso (Entra ID)", oidcIssuer: "https://login.example.test/v2.0", oidcClientId: "c", groupRoles, defaultRole } });

describe("authentication", () => {
  it("answers 401 in SCIM's error shape without a token, with a malformed, unknown or revoked one", async () => {
    const revoked = (await scimToken(orgA, true)).token;
    for (const token of [undefined, "sovra_scim_short", `sovra_scim_${randomBytes(32).toString("base64url")}`, revoked]) {
      const r = await scim(users.GET, "GET", orgA, { token });
      expect(r.status).toBe(401);
      expect(r.headers.get("content-type")).toBe("application/scim+json");
      expect(r.headers.get("www-authenticate")).toContain("Bearer");
      expect(r.json).toMatchObject({ schemas: [ERROR], status: "401" });
    }
  });

  it("answers another organisation's URL exactly as an organisation that does not exist, and touches nothing", async () => {
    const { token: secret, id: tokenAId } = await scimToken(orgA);
    const onB = await scim(users.POST, "POST", orgB, { token: secret, body: entraUser(`x-${tag()}@a.example`) });
    const nowhere = await scim(users.GET, "GET", "01900000-0000-7000-8000-000000000000", { token: secret });
    const notAnId = await scim(users.GET, "GET", "not-an-id", { token: secret });
    expect([onB.status, nowhere.status, notAnId.status]).toEqual([401, 401, 401]);
    expect(onB.json).toEqual(nowhere.json);
    expect(await db().scimUser.count({ where: { organisationId: orgB } })).toBe(0);
    expect((await db().scimToken.findUniqueOrThrow({ where: { id: tokenAId } })).lastUsedAt).toBeNull();
  });

  it("notes lastUsedAt at most once a minute", async () => {
    const { token, id } = await scimToken(orgA);
    await scim(users.GET, "GET", orgA, { token });
    const first = (await db().scimToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await scim(users.GET, "GET", orgA, { token });
    expect((await db().scimToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
    await db().scimToken.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await scim(users.GET, "GET", orgA, { token });
    expect((await db().scimToken.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 5_000);
  });
});

describe("discovery", () => {
  it("describes what the endpoint supports", async () => {
    const config = await scim(spc.GET, "GET", orgA, { token: tokenA });
    expect(config.status).toBe(200);
    expect(config.json).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
    });
    const types = await scim(resourceTypes.GET, "GET", orgA, { token: tokenA });
    expect(types.json.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    const all = await scim(schemas.GET, "GET", orgA, { token: tokenA });
    expect(all.json.totalResults).toBe(2);
    const one = await scim(schema.GET, "GET", orgA, { token: tokenA, id: "urn:ietf:params:scim:schemas:core:2.0:User" });
    expect(one.json.attributes.map((a: { name: string }) => a.name)).toContain("userName");
    expect((await scim(spc.GET, "GET", orgA)).status).toBe(401);
  });
});

describe("Users", () => {
  it("creates a person as Entra ID sends them: a password-less account, a SCIM user and a viewer membership, with meta and an ETag", async () => {
    const email = `Ada.${tag()}@Contoso.example`;
    const lookup = await scim(users.GET, "GET", orgA, { token: tokenA, query: `filter=${encodeURIComponent(`userName eq "${email}"`)}` });
    expect(lookup.json).toMatchObject({ totalResults: 0, Resources: [] });

    const r = await scim(users.POST, "POST", orgA, { token: tokenA, body: entraUser(email) });
    expect(r.status).toBe(201);
    const id = r.json.id as string;
    expect(r.json).toMatchObject({
      userName: email.toLowerCase(),
      active: true,
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ value: email.toLowerCase(), type: "work", primary: true }],
      meta: { resourceType: "User", location: `http://localhost/api/scim/v2/${orgA}/Users/${id}`, version: 'W/"1"' },
    });
    expect(r.json.meta.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(r.headers.get("etag")).toBe('W/"1"');
    expect(r.headers.get("location")).toBe(`http://localhost/api/scim/v2/${orgA}/Users/${id}`);
    const account = await db().user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(account.passwordHash).toBe(NO_PASSWORD);
    expect(await membershipOf(orgA, email.toLowerCase())).toEqual({ role: "viewer", source: "scim", breakGlass: false });
    const joined = await db().auditEvent.findFirst({ where: { organisationId: orgA, action: "join", actorId: null } });
    expect(joined?.after).toMatchObject({ role: "viewer", source: "scim" });

    const again = await scim(users.POST, "POST", orgA, { token: tokenA, body: entraUser(email.toUpperCase()) });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });

    for (const filter of [`userName eq "${email.toUpperCase()}"`, `externalId eq "${r.json.externalId}"`, `emails[type eq "work"].value eq "${email}"`, `id eq "${id}"`]) {
      const found = await scim(users.GET, "GET", orgA, { token: tokenA, query: `filter=${encodeURIComponent(filter)}` });
      expect(found.json, filter).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1, Resources: [{ id }] });
    }
    const got = await scim(user.GET, "GET", orgA, { token: tokenA, id, query: "attributes=userName&excludedAttributes=emails" });
    expect(got.status).toBe(200);
    expect(got.json.userName).toBe(email.toLowerCase());
  });

  it("links an existing account by email and leaves its password alone", async () => {
    const existing = await buildUser(db(), { email: `grace-${tag()}@contoso.example` });
    const r = await createUser(orgB, tokenB, oktaUser(existing.email));
    expect((await db().scimUser.findFirstOrThrow({ where: { id: r.id, organisationId: orgB } })).userId).toBe(existing.id);
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).passwordHash).not.toBe(NO_PASSWORD);
  });

  it("applies Entra ID's PATCH bodies: capitalised ops, paths, a work email, a new userName", async () => {
    const email = `alan-${tag()}@contoso.example`;
    const created = await createUser(orgA, tokenA, entraUser(email));
    const r = await scim(user.PATCH, "PATCH", orgA, {
      token: tokenA,
      id: created.id,
      body: entraPatch(
        { op: "Replace", path: 'emails[type eq "work"].value', value: email },
        { op: "Replace", path: "name.familyName", value: "Turing" },
        { op: "Add", path: "displayName", value: "Alan Turing" },
        { op: "Replace", path: "externalId", value: "3e5f0c1a" },
      ),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ name: { familyName: "Turing", givenName: "Ada" }, displayName: "Alan Turing", externalId: "3e5f0c1a", meta: { version: 'W/"2"' } });
    expect(r.headers.get("etag")).toBe('W/"2"');

    // A new userName is another email, so another account: the old one loses its access here.
    const renamed = `alan.turing-${tag()}@contoso.example`;
    const moved = await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: created.id, body: entraPatch({ op: "Replace", path: "userName", value: renamed.toUpperCase() }) });
    expect(moved.json.userName).toBe(renamed);
    expect(await membershipOf(orgA, email)).toBeNull();
    expect(await membershipOf(orgA, renamed)).toMatchObject({ role: "viewer", source: "scim" });
  });

  it("replaces a user with PUT as Okta sends it, keeping active when it is left out", async () => {
    const email = `okta-${tag()}@okta.example`;
    const created = await createUser(orgA, tokenA, oktaUser(email));
    const put = await scim(user.PUT, "PUT", orgA, {
      token: tokenA,
      id: created.id,
      body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: created.id, userName: email, name: { givenName: "Another", middleName: "Test", familyName: "User" }, emails: [{ primary: true, value: email, type: "work", display: email }], meta: { resourceType: "User" }, groups: [], password: "x" },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ name: { givenName: "Another", familyName: "User" }, active: true });
    expect(put.json).not.toHaveProperty("displayName");
    expect(put.json).not.toHaveProperty("externalId");
  });

  it("refuses what is not a user: a userName that is no email, a missing userName, malformed JSON, a body too large", async () => {
    const notEmail = await scim(users.POST, "POST", orgA, { token: tokenA, body: { ...entraUser("x@y.example"), userName: "Test_User_ab6490ee" } });
    expect(notEmail.json).toMatchObject({ status: "400", scimType: "invalidValue" });
    const missing = await scim(users.POST, "POST", orgA, { token: tokenA, body: { schemas: [], name: { givenName: "A" } } });
    expect(missing.status).toBe(400);
    expect(missing.json.detail).toContain("userName");
    const malformed = await scim(users.POST, "POST", orgA, { token: tokenA, raw: '{"userName": ' });
    expect(malformed.json).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    const notObject = await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: "01900000-0000-7000-8000-000000000000", raw: "[1,2]" });
    expect(notObject.json).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    const large = await scim(users.POST, "POST", orgA, { token: tokenA, body: { ...entraUser("big@y.example"), padding: "x".repeat(1024 * 1024) } });
    expect(large.status).toBe(413);
    expect(await db().scimUser.count({ where: { organisationId: orgA } })).toBe(0);
  });

  it("refuses unsupported filters with 400 invalidFilter", async () => {
    for (const filter of ['userName co "ada"', 'title eq "CTO"', "userName eq", 'userName eq "a" or userName eq "b"']) {
      const r = await scim(users.GET, "GET", orgA, { token: tokenA, query: `filter=${encodeURIComponent(filter)}` });
      expect(r.status, filter).toBe(400);
      expect(r.json).toMatchObject({ schemas: [ERROR], status: "400", scimType: "invalidFilter" });
    }
  });

  it("pages with startIndex and count, and counts every match in totalResults", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createUser(orgA, tokenA, entraUser(`page-${i}-${tag()}@contoso.example`))).id);
    const page = (query: string) => scim(users.GET, "GET", orgA, { token: tokenA, query });
    expect((await page("startIndex=1&count=2")).json).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2, Resources: [{ id: ids[0] }, { id: ids[1] }] });
    expect((await page("startIndex=3&count=2")).json).toMatchObject({ totalResults: 5, startIndex: 3, itemsPerPage: 2, Resources: [{ id: ids[2] }, { id: ids[3] }] });
    expect((await page("startIndex=5&count=2")).json).toMatchObject({ totalResults: 5, itemsPerPage: 1, Resources: [{ id: ids[4] }] });
    expect((await page("startIndex=9")).json).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect((await page("count=0")).json).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect((await page("startIndex=0&count=500")).json).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 5 });
    expect((await page("count=abc")).json).toMatchObject({ status: "400", scimType: "invalidValue" });
  });

  it("honours If-Match on PATCH, PUT and DELETE: another version is 412 and changes nothing", async () => {
    const email = `etag-${tag()}@contoso.example`;
    const created = await createUser(orgA, tokenA, entraUser(email));
    const stale = { "if-match": 'W/"7"' };
    const patch = await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: created.id, headers: stale, body: entraPatch({ op: "Replace", path: "displayName", value: "Stale" }) });
    expect(patch.status).toBe(412);
    expect(patch.json).toMatchObject({ schemas: [ERROR], status: "412" });
    expect((await scim(user.PUT, "PUT", orgA, { token: tokenA, id: created.id, headers: stale, body: entraUser(email) })).status).toBe(412);
    expect((await scim(user.DELETE, "DELETE", orgA, { token: tokenA, id: created.id, headers: stale })).status).toBe(412);
    const unchanged = await scim(user.GET, "GET", orgA, { token: tokenA, id: created.id });
    expect(unchanged.headers.get("etag")).toBe('W/"1"');
    expect(unchanged.json).not.toHaveProperty("displayName");

    const fresh = await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: created.id, headers: { "if-match": unchanged.headers.get("etag")! }, body: entraPatch({ op: "Replace", path: "displayName", value: "Fresh" }) });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("etag")).toBe('W/"2"');
    const deleted = await scim(user.DELETE, "DELETE", orgA, { token: tokenA, id: created.id, headers: { "if-match": 'W/"2"' } });
    expect(deleted.status).toBe(204);
    expect((await scim(user.GET, "GET", orgA, { token: tokenA, id: created.id })).status).toBe(404);
  });
});

describe("deprovisioning", () => {
  /** A provisioned person with an open session and an API token in A and in B. */
  async function provisionedWithAccess() {
    const email = `leaver-${tag()}@contoso.example`;
    const created = await createUser(orgA, tokenA, entraUser(email));
    const { userId } = await db().scimUser.findFirstOrThrow({ where: { id: created.id, organisationId: orgA } });
    const sessionId = await createSession(db(), { userId });
    const token = (organisationId: string) =>
      db().apiToken.create({ data: { organisationId, name: "CI", tokenHash: `h-${tag()}`, role: "viewer", createdById: userId, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
    await buildMembership(db(), orgB, userId, "viewer");
    return { email, id: created.id, userId, sessionId, tokenInA: await token(orgA), tokenInB: await token(orgB) };
  }

  it("Entra ID's active \"False\" removes the membership, ends sessions and revokes the person's API tokens here at once; \"True\" restores the role", async () => {
    const p = await provisionedWithAccess();
    const r = await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: p.id, body: { Operations: [{ op: "Replace", path: "active", value: "False" }], schemas: [PATCH_OP] } });
    expect(r.status).toBe(200);
    expect(r.json.active).toBe(false);
    expect(await membershipOf(orgA, p.email)).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: p.sessionId } })).revokedAt).toBeInstanceOf(Date);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: p.tokenInA.id } })).revokedAt).toBeInstanceOf(Date);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: p.tokenInB.id } })).revokedAt).toBeNull();
    expect(await membershipOf(orgB, p.email)).toMatchObject({ role: "viewer" });
    const removed = await db().auditEvent.findFirst({ where: { organisationId: orgA, action: "remove_member", actorId: null } });
    expect(removed?.after).toMatchObject({ source: "scim" });
    expect(await db().auditEvent.count({ where: { organisationId: orgA, action: "revoke_api_token", entityId: p.tokenInA.id, actorId: null } })).toBe(1);
    // The SCIM user stays, deactivated, for Okta and Entra ID to reactivate.
    expect((await scim(user.GET, "GET", orgA, { token: tokenA, id: p.id })).json.active).toBe(false);

    const back = await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: p.id, body: entraPatch({ op: "Replace", path: "active", value: "True" }) });
    expect(back.json.active).toBe(true);
    expect(await membershipOf(orgA, p.email)).toEqual({ role: "viewer", source: "scim", breakGlass: false });
  });

  it("Okta's pathless {active:false} deprovisions and {active:true} reactivates the same id with the mapped role", async () => {
    await mapGroups(orgA, [{ group: "Sovra Editors", role: "editor" }]);
    const p = await provisionedWithAccess();
    await createGroup(orgA, tokenA, "Sovra Editors", undefined, [p.id]);
    expect(await membershipOf(orgA, p.email)).toMatchObject({ role: "editor" });
    const off = await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: p.id, body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] } });
    expect(off.status).toBe(200);
    expect(await membershipOf(orgA, p.email)).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: p.sessionId } })).revokedAt).not.toBeNull();
    // While deactivated here, group changes concerning them end nothing (they still belong to B).
    const laterSession = await createSession(db(), { userId: p.userId });
    await createGroup(orgA, tokenA, "Sovra Everyone", undefined, [p.id]);
    expect(await membershipOf(orgA, p.email)).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: laterSession } })).revokedAt).toBeNull();
    await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: p.id, body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: true } }] } });
    expect(await membershipOf(orgA, p.email)).toMatchObject({ role: "editor", source: "scim" });
  });

  it("PUT with active false deprovisions too, and DELETE removes the SCIM user and the membership", async () => {
    const p = await provisionedWithAccess();
    await scim(user.PUT, "PUT", orgA, { token: tokenA, id: p.id, body: { ...entraUser(p.email), active: false } });
    expect(await membershipOf(orgA, p.email)).toBeNull();
    await scim(user.PUT, "PUT", orgA, { token: tokenA, id: p.id, body: { ...entraUser(p.email), active: true } });
    expect(await membershipOf(orgA, p.email)).toMatchObject({ role: "viewer" });
    const sessionId = await createSession(db(), { userId: p.userId });

    expect((await scim(user.DELETE, "DELETE", orgA, { token: tokenA, id: p.id })).status).toBe(204);
    expect(await membershipOf(orgA, p.email)).toBeNull();
    expect(await db().scimUser.count({ where: { id: p.id } })).toBe(0);
    expect((await db().session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    expect(await db().user.count({ where: { id: p.userId } })).toBe(1);
  });
});

describe("Groups and roles", () => {
  it("maps a group to a role as members come and go, in Entra ID's and Okta's shapes (owner ↔ viewer)", async () => {
    const entraObjectId = "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159";
    await mapGroups(orgA, [
      { group: "Sovra Owners", role: "owner" },
      { group: entraObjectId, role: "editor" },
    ]);
    const email = `dana-${tag()}@contoso.example`;
    const u = await createUser(orgA, tokenA, entraUser(email));
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "viewer" });

    const owners = await createGroup(orgA, tokenA, "Sovra Owners");
    const add = await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: owners.id, body: entraPatch({ op: "Add", path: "members", value: [{ $ref: null, value: u.id }] }) });
    expect(add.status).toBe(204);
    expect(add.headers.get("etag")).toBe('W/"2"');
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "owner", source: "scim" });
    expect(await db().auditEvent.count({ where: { organisationId: orgA, action: "role_change", actorId: null } })).toBe(1);

    const remove = await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: owners.id, body: { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${u.id}"]` }] } });
    expect(remove.status).toBe(204);
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "viewer" });

    // Entra ID sends a group's object id as its externalId; a mapping may name either.
    const editors = await createGroup(orgA, tokenA, "Risk team", entraObjectId, [u.id]);
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "editor" });
    await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: owners.id, body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "members", value: [{ value: u.id, display: email }] }] } });
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "owner" });

    // Okta renames with the group's own id in the value: an unmapped name demotes, the mapped one restores.
    const rename = (displayName: string) => scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: owners.id, body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { id: owners.id, displayName } }] } });
    expect((await rename("Former owners")).status).toBe(204);
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "editor" });
    await rename("Sovra Owners");
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "owner" });

    expect((await scim(group.DELETE, "DELETE", orgA, { token: tokenA, id: owners.id })).status).toBe(204);
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "editor" });
    await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: editors.id, body: entraPatch({ op: "Remove", path: "members", value: [{ $ref: null, value: u.id }] }) });
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "viewer" });
  });

  it("gives no membership when no group maps and there is no default role, and keeps a role given by hand then", async () => {
    await mapGroups(orgA, [{ group: "Sovra Analysts", role: "analyst" }], null);
    const email = `nobody-${tag()}@contoso.example`;
    const u = await createUser(orgA, tokenA, entraUser(email));
    expect(await membershipOf(orgA, email)).toBeNull();
    await createGroup(orgA, tokenA, "Sovra Analysts", undefined, [u.id]);
    expect(await membershipOf(orgA, email)).toMatchObject({ role: "analyst", source: "scim" });

    const editor = w.a.users.editor.email;
    await createUser(orgA, tokenA, entraUser(editor));
    expect(await membershipOf(orgA, editor)).toMatchObject({ role: "editor", source: "manual" });
  });

  it("lists, filters and reads groups, leaving members out when Entra ID excludes them", async () => {
    const u = await createUser(orgA, tokenA, entraUser(`m-${tag()}@contoso.example`));
    const g = await createGroup(orgA, tokenA, "Sovra Readers", "ext-readers", [u.id]);
    await createGroup(orgA, tokenA, "Other");
    const byName = await scim(groups.GET, "GET", orgA, { token: tokenA, query: `excludedAttributes=members&filter=${encodeURIComponent('displayName eq "sovra readers"')}` });
    expect(byName.json).toMatchObject({ totalResults: 1, Resources: [{ id: g.id, displayName: "Sovra Readers", externalId: "ext-readers" }] });
    expect(byName.json.Resources[0]).not.toHaveProperty("members");
    const byExternalId = await scim(groups.GET, "GET", orgA, { token: tokenA, query: `filter=${encodeURIComponent('externalId eq "ext-readers"')}` });
    expect(byExternalId.json.Resources[0].members).toEqual([{ value: u.id, display: u.userName, type: "User", $ref: `http://localhost/api/scim/v2/${orgA}/Users/${u.id}` }]);
    expect((await scim(groups.GET, "GET", orgA, { token: tokenA, query: "startIndex=1&count=100" })).json.totalResults).toBe(2);

    const one = await scim(group.GET, "GET", orgA, { token: tokenA, id: g.id, query: "excludedAttributes=members" });
    expect(one.json).not.toHaveProperty("members");
    expect(one.json.meta).toMatchObject({ resourceType: "Group", version: 'W/"1"', location: `http://localhost/api/scim/v2/${orgA}/Groups/${g.id}` });
    expect((await scim(group.GET, "GET", orgA, { token: tokenA, id: g.id })).json.members).toHaveLength(1);

    const duplicate = await scim(groups.POST, "POST", orgA, { token: tokenA, body: { displayName: "SOVRA READERS" } });
    expect(duplicate.json).toMatchObject({ status: "409", scimType: "uniqueness" });
    const unknownMember = await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: g.id, body: entraPatch({ op: "Add", path: "members", value: [{ value: "01900000-0000-7000-8000-000000000000" }] }) });
    expect(unknownMember.json).toMatchObject({ status: "400", scimType: "invalidValue" });
    const badFilter = await scim(groups.GET, "GET", orgA, { token: tokenA, query: `filter=${encodeURIComponent('displayName sw "Sovra"')}` });
    expect(badFilter.json).toMatchObject({ status: "400", scimType: "invalidFilter" });
  });

  it("replaces a group with PUT, and honours If-Match on group PATCH and DELETE", async () => {
    const u = await createUser(orgA, tokenA, entraUser(`p-${tag()}@contoso.example`));
    const g = await createGroup(orgA, tokenA, "Before", undefined, [u.id]);
    const put = await scim(group.PUT, "PUT", orgA, { token: tokenA, id: g.id, body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: g.id, displayName: "After", members: [] } });
    expect(put.json).toMatchObject({ displayName: "After", members: [], meta: { version: 'W/"2"' } });
    const stale = await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: g.id, headers: { "if-match": 'W/"1"' }, body: entraPatch({ op: "Replace", path: "displayName", value: "Stale" }) });
    expect(stale.status).toBe(412);
    expect((await scim(group.DELETE, "DELETE", orgA, { token: tokenA, id: g.id, headers: { "if-match": 'W/"1"' } })).status).toBe(412);
    expect((await scim(group.GET, "GET", orgA, { token: tokenA, id: g.id })).json.displayName).toBe("After");
    expect((await scim(group.DELETE, "DELETE", orgA, { token: tokenA, id: g.id, headers: { "if-match": 'W/"2"' } })).status).toBe(204);
  });
});

describe("the last owner", () => {
  /** An organisation whose only member is one owner, and its SCIM token. */
  async function soleOwnerOrganisation() {
    const organisation = await buildOrganisation(db());
    const owner = await buildUser(db());
    await buildMembership(db(), organisation.id, owner.id, "owner");
    const { token } = await scimToken(organisation.id);
    await mapGroups(organisation.id, [{ group: "Sovra Owners", role: "owner" }]);
    return { org: organisation.id, owner, token };
  }

  it("is linked without demotion, but cannot be deactivated, deleted or demoted by a group change (409 mutability, nothing changed)", async () => {
    const { org, owner, token } = await soleOwnerOrganisation();
    const u = await createUser(org, token, entraUser(owner.email));
    expect(await membershipOf(org, owner.email)).toMatchObject({ role: "owner" });
    const sessionId = await createSession(db(), { userId: owner.id });

    const off = await scim(user.PATCH, "PATCH", org, { token, id: u.id, body: entraPatch({ op: "Replace", path: "active", value: "False" }) });
    expect(off.status).toBe(409);
    expect(off.json).toMatchObject({ schemas: [ERROR], status: "409", scimType: "mutability" });
    expect(off.json.detail).toContain("last owner");
    expect((await scim(user.DELETE, "DELETE", org, { token, id: u.id })).status).toBe(409);
    expect((await scim(user.GET, "GET", org, { token, id: u.id })).json.active).toBe(true);
    expect((await db().session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).toBeNull();

    // Renaming the last owner is no role change and goes through.
    expect((await scim(user.PATCH, "PATCH", org, { token, id: u.id, body: entraPatch({ op: "Replace", path: "displayName", value: "The Owner" }) })).status).toBe(200);

    const owners = await createGroup(org, token, "Sovra Owners", undefined, [u.id]);
    const removal = await scim(group.PATCH, "PATCH", org, { token, id: owners.id, body: entraPatch({ op: "Remove", path: "members", value: [{ value: u.id }] }) });
    expect(removal.json).toMatchObject({ status: "409", scimType: "mutability" });
    expect((await scim(group.GET, "GET", org, { token, id: owners.id })).json.members).toHaveLength(1);
    expect((await scim(group.DELETE, "DELETE", org, { token, id: owners.id })).status).toBe(409);
    expect(await membershipOf(org, owner.email)).toMatchObject({ role: "owner" });

    // With a second owner from the group, the first can go.
    const second = await createUser(org, token, entraUser(`second-${tag()}@contoso.example`));
    await scim(group.PATCH, "PATCH", org, { token, id: owners.id, body: entraPatch({ op: "Add", path: "members", value: [{ value: second.id }] }) });
    expect((await scim(user.PATCH, "PATCH", org, { token, id: u.id, body: entraPatch({ op: "Replace", path: "active", value: false }) })).status).toBe(200);
    expect(await membershipOf(org, owner.email)).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
  });

  it("a break-glass owner keeps the role whatever the groups say, and is deprovisioned only while another owner remains", async () => {
    const { org, owner, token } = await soleOwnerOrganisation();
    await db().membership.updateMany({ where: { organisationId: org, userId: owner.id }, data: { breakGlass: true } });
    const u = await createUser(org, token, entraUser(owner.email));
    const readers = await createGroup(org, token, "Everyone", undefined, [u.id]);
    await scim(group.PATCH, "PATCH", org, { token, id: readers.id, body: entraPatch({ op: "Remove", path: "members", value: [{ value: u.id }] }) });
    expect(await membershipOf(org, owner.email)).toEqual({ role: "owner", source: "manual", breakGlass: true });
    expect((await scim(user.PATCH, "PATCH", org, { token, id: u.id, body: entraPatch({ op: "Replace", path: "active", value: "False" }) })).status).toBe(409);

    const other = await createUser(org, token, entraUser(`other-${tag()}@contoso.example`));
    await createGroup(org, token, "Sovra Owners", undefined, [other.id]);
    expect((await scim(user.PATCH, "PATCH", org, { token, id: u.id, body: entraPatch({ op: "Replace", path: "active", value: "False" }) })).status).toBe(200);
    expect(await membershipOf(org, owner.email)).toBeNull();
  });
});

describe("tenancy", () => {
  it("A's token cannot read, change or delete B's users and groups, even with their ids, and B stays as it was", async () => {
    const bUser = await createUser(orgB, tokenB, entraUser(`b-${tag()}@b.example`));
    const bGroup = await createGroup(orgB, tokenB, "B's owners", undefined, [bUser.id]);
    const snapshot = async () => ({
      scimUsers: await db().scimUser.findMany({ where: { organisationId: orgB }, orderBy: { id: "asc" } }),
      scimGroups: await db().scimGroup.findMany({ where: { organisationId: orgB }, orderBy: { id: "asc" } }),
      members: await db().scimGroupMember.findMany({ where: { organisationId: orgB }, orderBy: { scimUserId: "asc" } }),
      memberships: await db().membership.findMany({ where: { organisationId: orgB }, orderBy: { id: "asc" } }),
    });
    const before = await snapshot();

    // On A's own URL, B's ids are not found.
    expect((await scim(user.GET, "GET", orgA, { token: tokenA, id: bUser.id })).status).toBe(404);
    expect((await scim(user.PATCH, "PATCH", orgA, { token: tokenA, id: bUser.id, body: entraPatch({ op: "Replace", path: "active", value: "False" }) })).status).toBe(404);
    expect((await scim(user.PUT, "PUT", orgA, { token: tokenA, id: bUser.id, body: entraUser(bUser.userName) })).status).toBe(404);
    expect((await scim(user.DELETE, "DELETE", orgA, { token: tokenA, id: bUser.id })).status).toBe(404);
    expect((await scim(group.GET, "GET", orgA, { token: tokenA, id: bGroup.id })).status).toBe(404);
    expect((await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: bGroup.id, body: entraPatch({ op: "Remove", path: "members", value: [{ value: bUser.id }] }) })).status).toBe(404);
    expect((await scim(group.PUT, "PUT", orgA, { token: tokenA, id: bGroup.id, body: { displayName: "Taken over", members: [] } })).status).toBe(404);
    expect((await scim(group.DELETE, "DELETE", orgA, { token: tokenA, id: bGroup.id })).status).toBe(404);
    expect((await scim(users.GET, "GET", orgA, { token: tokenA, query: `filter=${encodeURIComponent(`id eq "${bUser.id}"`)}` })).json.totalResults).toBe(0);
    expect((await scim(users.GET, "GET", orgA, { token: tokenA, query: `filter=${encodeURIComponent(`userName eq "${bUser.userName}"`)}` })).json.totalResults).toBe(0);
    expect((await scim(groups.GET, "GET", orgA, { token: tokenA })).json.totalResults).toBe(0);
    // A's group cannot take B's user in.
    const aGroup = await createGroup(orgA, tokenA, "A's group");
    const smuggle = await scim(group.PATCH, "PATCH", orgA, { token: tokenA, id: aGroup.id, body: entraPatch({ op: "Add", path: "members", value: [{ value: bUser.id }] }) });
    expect(smuggle.status).toBe(400);
    expect((await scim(groups.POST, "POST", orgA, { token: tokenA, body: { displayName: "Smuggled", members: [{ value: bUser.id }] } })).status).toBe(400);

    // On B's URL, A's token is refused outright.
    expect((await scim(user.GET, "GET", orgB, { token: tokenA, id: bUser.id })).status).toBe(401);
    expect((await scim(user.PATCH, "PATCH", orgB, { token: tokenA, id: bUser.id, body: entraPatch({ op: "Replace", path: "active", value: "False" }) })).status).toBe(401);
    expect((await scim(user.DELETE, "DELETE", orgB, { token: tokenA, id: bUser.id })).status).toBe(401);
    expect((await scim(group.PATCH, "PATCH", orgB, { token: tokenA, id: bGroup.id, body: entraPatch({ op: "Remove", path: "members" }) })).status).toBe(401);
    expect((await scim(group.DELETE, "DELETE", orgB, { token: tokenA, id: bGroup.id })).status).toBe(401);
    expect((await scim(users.POST, "POST", orgB, { token: tokenA, body: entraUser(`a-${tag()}@a.example`) })).status).toBe(401);

    expect(await snapshot()).toEqual(before);
  });
});

describe("roleSettingsFor", () => {
  it("uses the organisation's connection, else the instance connection for its organisation, else viewer for everyone", async () => {
    const instance = parseEnv({
      SOVRA_OIDC_ISSUER: "https://idp.example.test",
      SOVRA_OIDC_CLIENT_ID: "sovra",
      SOVRA_OIDC_CLIENT_SECRET: "secret",
      SOVRA_SSO_ORGANISATION: w.a.organisation.slug,
      SOVRA_SSO_GROUP_ROLES: "sovra-admins=owner,sovra-risk=analyst",
      SOVRA_SSO_DEFAULT_ROLE: "none",
    });
    const settings = (organisationId: string) => db().$transaction((tx) => roleSettingsFor(tx, organisationId, instance));
    expect(await settings(orgA)).toEqual({ groupRoles: [{ group: "sovra-admins", role: "owner" }, { group: "sovra-risk", role: "analyst" }], defaultRole: null });
    expect(await settings(orgB)).toEqual({ groupRoles: [], defaultRole: "viewer" });
    await mapGroups(orgA, [{ group: "Own", role: "editor" }], "analyst");
    expect(await settings(orgA)).toEqual({ groupRoles: [{ group: "Own", role: "editor" }], defaultRole: "analyst" });
  });
});
