// SAML sign-in end to end against a real identity provider: samlify on 127.0.0.1 (port 0) signs
// real responses; Sovra's route handlers receive them as Request objects, as Next would pass them.
// Only the test decides how the IdP misbehaves (e2e/support/saml-idp.ts's tweaks).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildUser, buildMembership } from "@/prisma/factories";
import { db } from "@/lib/testing/db";
import { parseEnv } from "@/lib/env";
import { readSessionToken } from "@/lib/auth/session-token";
import type { SsoErrorCode } from "@/lib/sso/errors";
import { clearSamlMetadataCache } from "@/lib/sso/saml";
import { samlAcs, samlLogin, samlMetadata, samlRouteDeps, type SamlRouteDeps } from "@/lib/sso/saml-routes";
import { GET as loginRoute } from "@/app/api/sso/saml/[connection]/login/route";
import { POST as acsRoute } from "@/app/api/sso/saml/[connection]/acs/route";
import { GET as metadataRoute } from "@/app/api/sso/saml/[connection]/metadata/route";
import { readAutoPost, startSamlIdp, type AutoPost, type SamlIdp } from "@/e2e/support/saml-idp";

process.env.AUTH_SECRET ??= "saml-int-test-secret-saml-int-test-secret-42";
const SECRET = process.env.AUTH_SECRET;
const ORIGIN = "http://sovra.test";

let idp: SamlIdp;
const tag = randomUUID().slice(0, 8);
const DOMAIN = `saml-${tag}.example`;
const STRICT_DOMAIN = `strict-${tag}.example`;
const bob = `bob@${DOMAIN}`;
let org: { id: string; slug: string };
let strictOrg: { id: string; slug: string };
let key: string; // the connection that allows IdP-initiated sign-in
let strictKey: string; // the one that does not

async function samlConnection(organisationId: string, domain: string, allowIdpInitiated: boolean): Promise<string> {
  await db().ssoDomain.create({ data: { organisationId, domain, verificationToken: randomUUID(), verifiedAt: new Date(), verifiedDomain: domain } });
  const connection = await db().ssoConnection.create({
    data: {
      organisationId,
      protocol: "saml",
      name: "Test IdP",
      samlIdpEntityId: idp.entityId,
      samlIdpSsoUrl: `${idp.url}/sso`,
      samlIdpCertificates: [idp.certificate],
      samlAllowIdpInitiated: allowIdpInitiated,
      groupsAttribute: "groups",
      groupRoles: [{ group: "sovra-editors", role: "editor" }, { group: "sovra-owners", role: "owner" }],
      defaultRole: "viewer",
    },
    select: { id: true },
  });
  return connection.id;
}

beforeAll(async () => {
  idp = await startSamlIdp({
    users: {
      bob: { email: bob, displayName: "Bob Builder", groups: ["sovra-editors"] },
      carol: { email: `carol@${STRICT_DOMAIN}`, groups: [] },
      eve: { email: `eve@unverified-${tag}.example`, groups: ["sovra-editors"] },
      dora: { email: `dora@${DOMAIN}`, groups: ["sovra-owners"] },
    },
  });
  org = await buildOrganisation(db());
  strictOrg = await buildOrganisation(db());
  key = await samlConnection(org.id, DOMAIN, true);
  strictKey = await samlConnection(strictOrg.id, STRICT_DOMAIN, false);
});
afterEach(() => idp.reset());
afterAll(async () => {
  await idp?.close();
});

const params = (connection: string) => ({ params: Promise.resolve({ connection }) });

/** Sovra's login route → the IdP's form → the user chosen → the auto-post form the browser would submit. */
async function idpAnswer(connection: string, user: string, options: { callbackUrl?: string; login?: (r: Request) => Promise<Response> } = {}): Promise<AutoPost> {
  const query = options.callbackUrl === undefined ? "" : `?callbackUrl=${encodeURIComponent(options.callbackUrl)}`;
  const request = new Request(`${ORIGIN}/api/sso/saml/${connection}/login${query}`);
  const started = options.login ? await options.login(request) : await loginRoute(request, params(connection));
  expect(started.status).toBe(303);
  const to = started.headers.get("location")!;
  expect(to.startsWith(`${idp.url}/sso?SAMLRequest=`)).toBe(true);
  const form = await (await fetch(to)).text();
  const field = (name: string) => /name="(\w+)" value="([^"]*)"/g.exec(form.slice(form.indexOf(`name="${name}"`)))?.[2]?.replace(/&amp;/g, "&");
  const body = new URLSearchParams({ SAMLRequest: field("SAMLRequest")!, user });
  const relay = field("RelayState");
  if (relay !== undefined) body.set("RelayState", relay);
  const answer = await fetch(`${idp.url}/sso/login`, { method: "POST", body });
  expect(answer.status, await answer.clone().text()).toBe(200);
  return readAutoPost(await answer.text());
}

async function idpInitiated(connection: string, user: string, relayState?: string): Promise<AutoPost> {
  const q = new URLSearchParams({ user, acs: `${ORIGIN}/api/sso/saml/${connection}/acs` });
  if (relayState) q.set("RelayState", relayState);
  const answer = await fetch(`${idp.url}/idp-initiated?${q}`);
  expect(answer.status).toBe(200);
  return readAutoPost(await answer.text());
}

/** What the browser POSTs to the ACS. */
function post(form: AutoPost, extra: Record<string, string> = {}): Request {
  const body = new URLSearchParams({ SAMLResponse: form.SAMLResponse, ...(form.RelayState !== null ? { RelayState: form.RelayState } : {}), ...extra });
  return new Request(form.action, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "Mozilla/5.0 Firefox/140.0" } });
}

const connectionOf = (form: AutoPost) => /\/api\/sso\/saml\/([^/]+)\/acs$/.exec(form.action)![1]!;
const acs = (form: AutoPost) => acsRoute(post(form), params(connectionOf(form)));

function cookieOf(response: Response): { name: string; value: string; raw: string } {
  const raw = response.headers.getSetCookie().find((c) => c.includes("authjs.session-token="));
  expect(raw, "a session cookie").toBeDefined();
  const [pair] = raw!.split(";");
  const at = pair!.indexOf("=");
  return { name: pair!.slice(0, at), value: pair!.slice(at + 1), raw: raw! };
}

async function expectSignedIn(response: Response, expected: { email: string; role: string; organisationId: string; location: string }) {
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe(expected.location);
  const cookie = cookieOf(response);
  const token = await readSessionToken([cookie], SECRET);
  expect(token).not.toBeNull();
  const session = await db().session.findUniqueOrThrow({ where: { id: token!.sessionId! }, select: { userId: true, method: true, revokedAt: true, expiresAt: true, user: { select: { email: true } } } });
  expect(session).toMatchObject({ userId: token!.userId, method: "saml", revokedAt: null, user: { email: expected.email } });
  expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now());
  const membership = await db().membership.findFirstOrThrow({ where: { organisationId: expected.organisationId, userId: token!.userId }, select: { role: true, source: true } });
  expect(membership).toEqual({ role: expected.role, source: "sso" });
  return cookie;
}

async function expectRefused(response: Response, code: SsoErrorCode, organisationId: string | null) {
  expect(response.status).toBe(303);
  expect(response.headers.getSetCookie().some((c) => c.includes("session-token"))).toBe(false);
  const location = new URL(response.headers.get("location")!, ORIGIN);
  expect(location.pathname).toBe("/sign-in/sso-error");
  expect(location.searchParams.get("code")).toBe(code);
  const reference = location.searchParams.get("ref")!;
  const row = await db().ssoLoginError.findUniqueOrThrow({ where: { reference }, select: { code: true, organisationId: true, detail: true } });
  expect(row).toMatchObject({ code, organisationId });
  return row;
}

describe("SP-initiated sign-in", () => {
  it("lands a SAML session for the person, with the role their group maps to, on the page they asked for", async () => {
    const form = await idpAnswer(key, "bob", { callbackUrl: "/some/page?x=1" });
    expect(form.action).toBe(`${ORIGIN}/api/sso/saml/${key}/acs`);
    const cookie = await expectSignedIn(await acs(form), { email: bob, role: "editor", organisationId: org.id, location: "/some/page?x=1" });
    expect(cookie.name).toBe("authjs.session-token"); // plain http: no __Secure- prefix
    expect(cookie.raw).toMatch(/HttpOnly/i);
    expect(cookie.raw).toMatch(/SameSite=lax/i);
    const user = await db().user.findUniqueOrThrow({ where: { email: bob }, select: { name: true } });
    expect(user.name).toBe("Bob Builder");
    // The request it answered is used up.
    expect(await db().samlRequest.count({ where: { id: idp.requests.at(-1)!.id } })).toBe(0);
  });

  it("re-applies the groups at every sign-in: leaving the mapped group demotes", async () => {
    const email = `dora@${DOMAIN}`;
    await expectSignedIn(await acs(await idpAnswer(key, "dora")), { email, role: "owner", organisationId: org.id, location: "/" });
    idp.setGroups("dora", []);
    const user = await buildUser(db(), { email: `second-owner-${tag}@${DOMAIN}` });
    await buildMembership(db(), org.id, user.id, "owner"); // dora is not the last owner
    await expectSignedIn(await acs(await idpAnswer(key, "dora")), { email, role: "viewer", organisationId: org.id, location: "/" });
  });

  it("sends an off-site callbackUrl home instead", async () => {
    const form = await idpAnswer(key, "bob", { callbackUrl: "https://evil.example/steal" });
    expect(form.RelayState).toBe("/");
    await expectSignedIn(await acs(form), { email: bob, role: "editor", organisationId: org.id, location: "/" });
  });

  it("accepts an IdP clock 30 seconds ahead (within the minute allowed)", async () => {
    idp.tweak({ clockShiftMs: 30_000 });
    await expectSignedIn(await acs(await idpAnswer(key, "bob")), { email: bob, role: "editor", organisationId: org.id, location: "/" });
  });

  it("reads the email from an attribute when the NameID is an opaque id", async () => {
    idp.tweak({ emailIn: "attribute" });
    await expectSignedIn(await acs(await idpAnswer(key, "bob")), { email: bob, role: "editor", organisationId: org.id, location: "/" });
  });
});

describe("IdP-initiated sign-in", () => {
  it("is accepted when the connection allows it", async () => {
    await expectSignedIn(await acs(await idpInitiated(key, "bob", "/landing")), { email: bob, role: "editor", organisationId: org.id, location: "/landing" });
  });

  it("is refused as unsolicited when the connection does not", async () => {
    await expectRefused(await acs(await idpInitiated(strictKey, "carol")), "unsolicited", strictOrg.id);
  });

  it("still signs in SP-initiated on the strict connection", async () => {
    await expectSignedIn(await acs(await idpAnswer(strictKey, "carol")), { email: `carol@${STRICT_DOMAIN}`, role: "viewer", organisationId: strictOrg.id, location: "/" });
  });
});

describe("refusals", () => {
  it("refuses a signed response around an unsigned assertion", async () => {
    idp.tweak({ signAssertion: false, signResponse: true });
    const row = await expectRefused(await acs(await idpAnswer(key, "bob")), "unsigned_assertion", org.id);
    expect(row.detail).toMatch(/signature/i);
  });

  it("refuses an assertion signed with a certificate the connection does not know", async () => {
    idp.tweak({ signWithOtherKey: true });
    await expectRefused(await acs(await idpAnswer(key, "bob")), "bad_signature", org.id);
    // The same, started at the IdP.
    await expectRefused(await acs(await idpInitiated(key, "bob")), "bad_signature", org.id);
  });

  it("refuses an expired assertion and one from the future", async () => {
    idp.tweak({ clockShiftMs: -10 * 60_000 });
    await expectRefused(await acs(await idpAnswer(key, "bob")), "clock_skew", org.id);
    idp.tweak({ clockShiftMs: 10 * 60_000 });
    await expectRefused(await acs(await idpInitiated(key, "bob")), "clock_skew", org.id);
    await expectRefused(await acs(await idpAnswer(key, "bob")), "clock_skew", org.id);
  });

  it("refuses an assertion addressed to another application", async () => {
    idp.tweak({ audience: "https://other-app.example/metadata" });
    await expectRefused(await acs(await idpAnswer(key, "bob")), "wrong_audience", org.id);
  });

  it("refuses an assertion meant for another organisation's connection at the same IdP (its audience)", async () => {
    const meantForStrict = await idpInitiated(strictKey, "bob");
    const response = await acsRoute(post({ ...meantForStrict, action: `${ORIGIN}/api/sso/saml/${key}/acs` }), params(key));
    await expectRefused(response, "wrong_audience", org.id);
  });

  it("refuses the same response twice (SP-initiated and IdP-initiated)", async () => {
    const form = await idpAnswer(key, "bob");
    await expectSignedIn(await acs(form), { email: bob, role: "editor", organisationId: org.id, location: "/" });
    await expectRefused(await acs(form), "replayed", org.id);

    const unsolicited = await idpInitiated(key, "bob");
    await expectSignedIn(await acs(unsolicited), { email: bob, role: "editor", organisationId: org.id, location: "/" });
    await expectRefused(await acs(unsolicited), "replayed", org.id);
  });

  it("refuses the same response posted twice at once: one session only", async () => {
    const form = await idpAnswer(key, "bob");
    const [a, b] = await Promise.all([acs(form), acs(form)]);
    const codes = [a, b].map((r) => new URL(r.headers.get("location")!, ORIGIN).searchParams.get("code"));
    expect(codes.filter((c) => c === "replayed")).toHaveLength(1);
    expect([a, b].filter((r) => r.headers.getSetCookie().length > 0)).toHaveLength(1);
  });

  it("refuses a response that answers a request Sovra never sent", async () => {
    const form = await idpAnswer(key, "bob");
    await db().samlRequest.deleteMany({ where: { id: idp.requests.at(-1)!.id } }); // as if it expired and was swept
    await expectRefused(await acs(form), "replayed", org.id);
  });

  it("refuses a person without an email", async () => {
    idp.tweak({ omitEmail: true });
    await expectRefused(await acs(await idpAnswer(key, "bob")), "missing_email", org.id);
  });

  it("refuses an email on a domain the organisation has not verified", async () => {
    const row = await expectRefused(await acs(await idpAnswer(key, "eve")), "domain_not_verified", org.id);
    expect(row.detail).toContain(`unverified-${tag}.example`);
    expect(await db().user.count({ where: { email: `eve@unverified-${tag}.example` } })).toBe(0);
  });

  it("passes on the IdP's own refusal", async () => {
    idp.tweak({ status: "urn:oasis:names:tc:SAML:2.0:status:Responder" });
    const row = await expectRefused(await acs(await idpAnswer(key, "bob")), "idp_error", org.id);
    expect(row.detail).toContain("The test IdP was told to refuse.");
  });

  it("refuses a body that is not a SAML response, and an unknown or disabled connection", async () => {
    const junk = new Request(`${ORIGIN}/api/sso/saml/${key}/acs`, { method: "POST", body: new URLSearchParams({ SAMLResponse: "<not base64>" }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    await expectRefused(await acsRoute(junk, params(key)), "configuration", org.id);
    const json = new Request(`${ORIGIN}/api/sso/saml/${key}/acs`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    await expectRefused(await acsRoute(json, params(key)), "configuration", org.id);

    const unknown = randomUUID();
    await expectRefused(await loginRoute(new Request(`${ORIGIN}/api/sso/saml/${unknown}/login`), params(unknown)), "connection_disabled", null);
    await expectRefused(await loginRoute(new Request(`${ORIGIN}/api/sso/saml/..%2F/login`), params("../")), "connection_disabled", null);

    const form = await idpAnswer(key, "bob");
    await db().ssoConnection.update({ where: { id: key }, data: { enabled: false } });
    try {
      await expectRefused(await loginRoute(new Request(`${ORIGIN}/api/sso/saml/${key}/login`), params(key)), "connection_disabled", org.id);
      await expectRefused(await acs(form), "connection_disabled", org.id);
    } finally {
      await db().ssoConnection.update({ where: { id: key }, data: { enabled: true } });
    }
  });
});

describe("SP metadata", () => {
  it("serves XML naming the connection's entity ID and ACS, as a download", async () => {
    const response = await metadataRoute(new Request(`${ORIGIN}/api/sso/saml/${key}/metadata`), params(key));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/samlmetadata\+xml/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="sovra-sp-metadata.xml"');
    const xml = await response.text();
    expect(xml).toContain(`entityID="${ORIGIN}/api/sso/saml/${key}/metadata"`);
    expect(xml).toContain(`Location="${ORIGIN}/api/sso/saml/${key}/acs"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });

  it("answers 404 for an unknown connection or a malformed key", async () => {
    const unknown = randomUUID();
    expect((await metadataRoute(new Request(`${ORIGIN}/api/sso/saml/${unknown}/metadata`), params(unknown))).status).toBe(404);
    expect((await metadataRoute(new Request(`${ORIGIN}/api/sso/saml/x/metadata`), params("x"))).status).toBe(404);
  });
});

describe("SOVRA_PUBLIC_URL", () => {
  const publicUrl = "https://sovra.example.com";
  let deps: SamlRouteDeps;
  beforeAll(() => {
    deps = { ...samlRouteDeps(), env: parseEnv({ ...process.env, SOVRA_PUBLIC_URL: `${publicUrl}/` }) };
  });

  it("puts the public address in the metadata, the AuthnRequest's ACS and the audience, and makes the cookie secure", async () => {
    const xml = await (await samlMetadata(new Request(`http://10.0.0.5:3000/api/sso/saml/${key}/metadata`), { connection: key }, deps)).text();
    expect(xml).toContain(`Location="${publicUrl}/api/sso/saml/${key}/acs"`);
    expect(xml).toContain(`entityID="${publicUrl}/api/sso/saml/${key}/metadata"`);

    const form = await idpAnswer(key, "bob", { login: (request) => samlLogin(new Request(request.url.replace(ORIGIN, "http://10.0.0.5:3000")), { connection: key }, deps) });
    expect(idp.requests.at(-1)).toMatchObject({ acs: `${publicUrl}/api/sso/saml/${key}/acs`, issuer: `${publicUrl}/api/sso/saml/${key}/metadata` });
    expect(form.action).toBe(`${publicUrl}/api/sso/saml/${key}/acs`);
    // The proxy hands the POST on to the inside address; the audience is still the public entity ID.
    const inside = post({ ...form, action: `http://10.0.0.5:3000/api/sso/saml/${key}/acs` });
    const response = await samlAcs(inside, { connection: key }, deps);
    const cookie = await expectSignedIn(response, { email: bob, role: "editor", organisationId: org.id, location: "/" });
    expect(cookie.name).toBe("__Secure-authjs.session-token");
    expect(cookie.raw).toMatch(/Secure/);
  });
});

describe("the instance connection", () => {
  it("reads the IdP from SOVRA_SAML_IDP_METADATA_URL and signs people into SOVRA_SSO_ORGANISATION", async () => {
    clearSamlMetadataCache();
    const instanceOrg = await buildOrganisation(db());
    const domain = `instance-${tag}.example`;
    idp.setUser("ian", { email: `ian@${domain}`, groups: ["risk"] });
    const deps = {
      ...samlRouteDeps(),
      env: parseEnv({
        ...process.env,
        SOVRA_SAML_IDP_METADATA_URL: idp.metadataUrl,
        SOVRA_SSO_ORGANISATION: instanceOrg.slug,
        SOVRA_SSO_DOMAINS: domain,
        SOVRA_SSO_GROUP_ROLES: "risk=analyst",
      }),
    };
    const form = await idpAnswer("instance", "ian", { login: (request) => samlLogin(request, { connection: "instance" }, deps) });
    expect(form.action).toBe(`${ORIGIN}/api/sso/saml/instance/acs`);
    await expectSignedIn(await samlAcs(post(form), { connection: "instance" }, deps), { email: `ian@${domain}`, role: "analyst", organisationId: instanceOrg.id, location: "/" });
    // Another organisation's person is not the instance's to sign in.
    const outsider = await idpInitiated("instance", "bob");
    await expectRefused(await samlAcs(post(outsider), { connection: "instance" }, deps), "domain_not_verified", instanceOrg.id);
  });
});
