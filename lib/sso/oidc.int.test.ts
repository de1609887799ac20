// OIDC single sign-on end to end (decision 049): a real OpenID Connect provider (oidc-provider,
// e2e/support/oidc-idp.ts) on 127.0.0.1, Sovra's own Auth.js route handlers called with Request
// objects, and a cookie jar per side kept here as a browser would. Nothing is mocked: discovery,
// the authorization code with PKCE, state and nonce, the token exchange and the ID token checks
// are Auth.js's and oauth4webapi's own; provisioning writes to this run's PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { startOidcIdp } from "@/e2e/support/oidc-idp";
import { buildMembership, buildOrganisation, buildUser } from "@/prisma/factories";

const ORIGIN = "http://localhost:3000";
const SECRET = (process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-42");
const tag = randomUUID().slice(0, 8);
const CORP = `corp-${tag}.example`;
const WRONG = `wrong-${tag}.example`;
const INSTANCE_DOMAIN = `inst-${tag}.example`;
const INSTANCE_SLUG = `inst-${tag}`;
const ORG_CONNECTION = randomUUID();
const WRONG_SECRET_CONNECTION = randomUUID();
const callbackOf = (key: string) => `${ORIGIN}/api/auth/callback/sso-${key}`;

// The IdP first: its address is the instance connection's issuer, which the environment names.
const idp = await startOidcIdp({
  clients: [
    { client_id: "sovra-org", client_secret: "org-client-secret", redirect_uris: [callbackOf(ORG_CONNECTION), callbackOf(WRONG_SECRET_CONNECTION)] },
    { client_id: "sovra-instance", client_secret: "instance-client-secret", redirect_uris: [callbackOf("instance")] },
  ],
  accounts: {
    alice: { email: `alice@${CORP}`, name: "Alice Analyst", groups: ["sovra-analysts", "staff"] },
    nomail: { name: "No Mail", groups: ["sovra-analysts"] },
    outsider: { email: `olaf@elsewhere-${tag}.example`, groups: ["sovra-analysts"] },
    wrongsecret: { email: `walt@${WRONG}`, groups: ["sovra-analysts"] },
    inez: { email: `inez@${INSTANCE_DOMAIN}`, name: "Inez", groups: ["/inst-editors"] },
  },
});
Object.assign(process.env, {
  SOVRA_OIDC_ISSUER: idp.issuer,
  SOVRA_OIDC_CLIENT_ID: "sovra-instance",
  SOVRA_OIDC_CLIENT_SECRET: "instance-client-secret",
  SOVRA_SSO_ORGANISATION: INSTANCE_SLUG,
  SOVRA_SSO_DOMAINS: INSTANCE_DOMAIN,
  SOVRA_SSO_GROUP_ROLES: "inst-editors=editor",
  SOVRA_SSO_NAME: "Instance IdP",
});
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");
const { readSessionToken } = await import("@/lib/auth/session-token");
const { touchSession } = await import("@/lib/auth/sessions");
const { db } = await import("@/lib/testing/db");
const { sealSecret } = await import("@/lib/sso/secret-box");
const { loadInstanceConnection } = await import("@/lib/sso/config");
const { parseEnv } = await import("@/lib/env");
const { oidcProvider, oidcRedirectUri } = await import("@/lib/sso/oidc");
const { atPublicOrigin } = await import("@/lib/sso/oidc-route");
/** No SOVRA_PUBLIC_URL, no trusted proxy: the address is the Host the browser sent. */
const NO_PROXY = { SOVRA_PUBLIC_URL: undefined, SOVRA_TRUSTED_PROXIES: 0 };
const { beginOidcSignIn } = await import("@/lib/sso/oidc-start");

/** Cookies as a browser keeps them for one site: set, replaced, removed when cleared. Expiry dates are not compared (the IdP's clock may be shifted on purpose). */
class Jar {
  readonly cookies = new Map<string, string>();
  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1).trim();
      const cleared = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*19[67]\d/i.test(a));
      if (cleared || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  list() {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }
}

const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0";

function sovraRequest(pathOrUrl: string, jar: Jar, init: { method?: string; body?: URLSearchParams } = {}) {
  const headers: Record<string, string> = { cookie: jar.header(), "user-agent": USER_AGENT };
  if (init.body) headers["content-type"] = "application/x-www-form-urlencoded";
  return new NextRequest(new URL(pathOrUrl, ORIGIN), { method: init.method ?? "GET", headers, body: init.body });
}

interface Journey {
  /** Where the sign-in start sent the browser (the IdP's authorization endpoint, or an error page). */
  authorize: URL;
  /** Where Sovra's callback sent the browser, or the start's redirect when it never reached the IdP. */
  location: string;
  sovra: Jar;
}

/** A browser's sign-in: the start (CSRF token, POST), the IdP's login page, back to the callback. */
async function signInThroughIdp(key: string, account: string, options: { deny?: boolean; callbackPath?: string; startedBy?: "browser" | "action" } = {}): Promise<Journey> {
  const sovra = new Jar();
  let location: string;
  if (options.startedBy === "action") {
    // As the sign-in page's server action starts it (lib/sso/start.ts): the cookies go to the browser.
    const start = await beginOidcSignIn(key, options.callbackPath ?? "/", new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", "user-agent": USER_AGENT }), NO_PROXY);
    for (const cookie of start.cookies) sovra.cookies.set(cookie.name, cookie.value);
    location = start.location;
  } else {
    const csrf = await GET(sovraRequest("/api/auth/csrf", sovra));
    sovra.absorb(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const start = await POST(
      sovraRequest(`/api/auth/signin/sso-${key}`, sovra, { method: "POST", body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}${options.callbackPath ?? "/"}` }) }),
    );
    sovra.absorb(start);
    location = start.headers.get("location")!;
  }
  const authorize = new URL(location, ORIGIN);
  if (!location.startsWith(idp.issuer)) return { authorize, location, sovra };

  const idpJar = new Jar();
  const idpFetch = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: idpJar.header() } });
    idpJar.absorb(response);
    return response;
  };
  for (let hop = 0; hop < 12 && location.startsWith(idp.issuer); hop++) {
    let response = await idpFetch(location);
    if (response.status === 200) {
      // The login form: post the account id (or cancel), as the browser would.
      expect(await response.text()).toContain('name="login"');
      const url = new URL(location);
      const form = new URLSearchParams(options.deny ? { deny: "1" } : { login: account });
      response = await idpFetch(`${url.origin}${url.pathname}/login`, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    }
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(300);
    location = new URL(response.headers.get("location")!, location).toString();
  }
  expect(location.startsWith(`${ORIGIN}/api/auth/callback/sso-${key}?`)).toBe(true);
  const callback = await GET(sovraRequest(location, sovra));
  sovra.absorb(callback);
  return { authorize, location: callback.headers.get("location")!, sovra };
}

async function openSession(jar: Jar) {
  const token = await readSessionToken(jar.list(), SECRET);
  if (!token?.sessionId) return null;
  const open = await touchSession(db(), token.sessionId, token.userId);
  return open ? { ...token, session: await db().session.findUniqueOrThrow({ where: { id: token.sessionId } }) } : null;
}

/** The error page's code and the SsoLoginError its reference names. */
async function errorOf(location: string) {
  const url = new URL(location, ORIGIN);
  expect(url.pathname).toBe("/sign-in/sso-error");
  const ref = url.searchParams.get("ref")!;
  expect(ref).toMatch(/^SSO-[2-9A-HJ-NP-Z]{6}$/);
  return { code: url.searchParams.get("code"), row: await db().ssoLoginError.findUnique({ where: { reference: ref } }) };
}

let org: { id: string; slug: string };
let instanceOrg: { id: string };

describe("OIDC single sign-on through Auth.js against a real identity provider", () => {
  beforeAll(async () => {
    org = await buildOrganisation(db());
    instanceOrg = await buildOrganisation(db(), { slug: INSTANCE_SLUG });
    const wrongOrg = await buildOrganisation(db());
    const connection = (organisationId: string, id: string, secret: string) => ({
      id,
      organisationId,
      protocol: "oidc" as const,
      name: "Corp IdP",
      oidcIssuer: idp.issuer,
      oidcClientId: "sovra-org",
      oidcClientSecret: sealSecret(secret, SECRET),
      groupRoles: [
        { group: "sovra-analysts", role: "analyst" },
        { group: "sovra-editors", role: "editor" },
      ],
    });
    await db().ssoConnection.create({ data: connection(org.id, ORG_CONNECTION, "org-client-secret") });
    await db().ssoConnection.create({ data: connection(wrongOrg.id, WRONG_SECRET_CONNECTION, "not-the-client-secret") });
    for (const [organisationId, domain] of [
      [org.id, CORP],
      [wrongOrg.id, WRONG],
    ] as const) {
      await db().ssoDomain.create({ data: { organisationId, domain, verificationToken: randomUUID(), verifiedAt: new Date(), verifiedDomain: domain } });
    }
  });

  afterAll(async () => {
    await idp.close();
  });

  it("signs in a new person with PKCE, creates them with the role their group maps to, and opens an OIDC session", async () => {
    const journey = await signInThroughIdp(ORG_CONNECTION, "alice", { callbackPath: `/${org.slug}/scores` });
    // The authorization request Sovra sent: code flow, PKCE (S256), state, nonce, the registered redirect URI.
    expect(journey.authorize.origin).toBe(idp.issuer);
    expect(journey.authorize.searchParams.get("response_type")).toBe("code");
    expect(journey.authorize.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(journey.authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(journey.authorize.searchParams.get("state")).toBeTruthy();
    expect(journey.authorize.searchParams.get("nonce")).toBeTruthy();
    expect(journey.authorize.searchParams.get("scope")).toBe("openid email profile");
    expect(journey.authorize.searchParams.get("redirect_uri")).toBe(callbackOf(ORG_CONNECTION));

    expect(journey.location).toBe(`${ORIGIN}/${org.slug}/scores`);
    const signedIn = await openSession(journey.sovra);
    expect(signedIn).not.toBeNull();
    expect(signedIn!.session).toMatchObject({ method: "oidc", userAgent: "Chrome on Linux" });
    const user = await db().user.findUniqueOrThrow({ where: { id: signedIn!.userId }, select: { email: true, name: true, passwordHash: true } });
    expect(user).toEqual({ email: `alice@${CORP}`, name: "Alice Analyst", passwordHash: "sso-only" });
    const membership = await db().membership.findUniqueOrThrow({ where: { organisationId_userId: { organisationId: org.id, userId: signedIn!.userId } } });
    expect(membership).toMatchObject({ role: "analyst", source: "sso" });
  });

  it("starts as the sign-in page's action does, and ends signed in at the page asked for", async () => {
    const journey = await signInThroughIdp(ORG_CONNECTION, "alice", { startedBy: "action", callbackPath: `/${org.slug}` });
    expect(journey.authorize.searchParams.get("redirect_uri")).toBe(callbackOf(ORG_CONNECTION));
    expect(journey.location).toBe(`${ORIGIN}/${org.slug}`);
    expect(await openSession(journey.sovra)).toMatchObject({ session: { method: "oidc" } });
  });

  it("starts at SOVRA_PUBLIC_URL behind a reverse proxy: the redirect URI and the cookies are the public address's", async () => {
    const start = await beginOidcSignIn(ORG_CONNECTION, "/", new Headers({ host: "10.0.0.5:3000", "x-forwarded-proto": "http" }), { SOVRA_PUBLIC_URL: "https://sovra.example.com", SOVRA_TRUSTED_PROXIES: 0 });
    const authorize = new URL(start.location);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get("redirect_uri")).toBe(oidcRedirectUri(ORG_CONNECTION, "https://sovra.example.com"));
    expect(start.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(["__Secure-authjs.pkce.code_verifier", "__Secure-authjs.state", "__Secure-authjs.nonce"]));
    expect(start.cookies.every((c) => c.secure && c.httpOnly)).toBe(true);
  });

  it("applies the groups again at the next sign-in: a new mapped group promotes, a removed one demotes", async () => {
    idp.setGroups("alice", ["sovra-editors"]);
    const promoted = await signInThroughIdp(ORG_CONNECTION, "alice");
    const userId = (await openSession(promoted.sovra))!.userId;
    expect((await db().membership.findUniqueOrThrow({ where: { organisationId_userId: { organisationId: org.id, userId } } })).role).toBe("editor");

    idp.setGroups("alice", ["staff"]);
    const refused = await signInThroughIdp(ORG_CONNECTION, "alice");
    expect(await errorOf(refused.location)).toMatchObject({ code: "no_role", row: { organisationId: org.id, code: "no_role" } });
    expect(await openSession(refused.sovra)).toBeNull();
    expect(await db().membership.findUnique({ where: { organisationId_userId: { organisationId: org.id, userId } } })).toBeNull();
    idp.setGroups("alice", ["sovra-analysts"]);
  });

  it("sends someone who cancels at the IdP (access_denied) to the error page with a reference, and records the IdP's words", async () => {
    const journey = await signInThroughIdp(ORG_CONNECTION, "alice", { deny: true });
    const { code, row } = await errorOf(journey.location);
    expect(code).toBe("idp_error");
    expect(row).toMatchObject({ organisationId: org.id, code: "idp_error" });
    expect(row!.detail).toContain("access_denied: The person cancelled the sign-in at the identity provider.");
    expect(await openSession(journey.sovra)).toBeNull();
  });

  it("refuses an ID token from an IdP whose clock is two hours slow (expired on arrival) as clock skew", async () => {
    idp.setClockOffset(-2 * 3600);
    try {
      const journey = await signInThroughIdp(ORG_CONNECTION, "alice");
      const { code, row } = await errorOf(journey.location);
      expect(code).toBe("clock_skew");
      expect(row).toMatchObject({ organisationId: org.id, code: "clock_skew" });
      expect(row!.detail).toMatch(/"exp"/);
      expect(await openSession(journey.sovra)).toBeNull();
    } finally {
      idp.setClockOffset(0);
    }
  });

  it("refuses a person the IdP sends without an email (missing_email)", async () => {
    const journey = await signInThroughIdp(ORG_CONNECTION, "nomail");
    expect(await errorOf(journey.location)).toMatchObject({ code: "missing_email", row: { organisationId: org.id, code: "missing_email" } });
    expect(await openSession(journey.sovra)).toBeNull();
  });

  it("refuses an email on a domain the organisation has not verified (domain_not_verified), creating nobody", async () => {
    const journey = await signInThroughIdp(ORG_CONNECTION, "outsider");
    expect(await errorOf(journey.location)).toMatchObject({ code: "domain_not_verified", row: { organisationId: org.id, email: `olaf@elsewhere-${tag}.example` } });
    expect(await db().user.findUnique({ where: { email: `olaf@elsewhere-${tag}.example` } })).toBeNull();
  });

  it("explains a client secret the IdP refuses as a configuration problem", async () => {
    const journey = await signInThroughIdp(WRONG_SECRET_CONNECTION, "wrongsecret");
    const { code, row } = await errorOf(journey.location);
    expect(code).toBe("configuration");
    expect(row!.detail).toContain("client id or secret");
    expect(row!.detail).toContain("invalid_client");
  });

  it("reports a connection whose secret cannot be opened (another AUTH_SECRET) as configuration when the sign-in starts", async () => {
    await db().ssoConnection.update({ where: { id: WRONG_SECRET_CONNECTION }, data: { oidcClientSecret: sealSecret("x", "another-secret-another-secret-another") } });
    const journey = await signInThroughIdp(WRONG_SECRET_CONNECTION, "wrongsecret");
    expect(journey.authorize.origin).toBe(ORIGIN); // never went to the IdP
    const { code, row } = await errorOf(journey.location);
    expect(code).toBe("configuration");
    expect(row!.detail).toContain("client secret cannot be read");
  });

  it("reports a switched-off connection as such", async () => {
    await db().ssoConnection.update({ where: { id: WRONG_SECRET_CONNECTION }, data: { enabled: false } });
    const journey = await signInThroughIdp(WRONG_SECRET_CONNECTION, "wrongsecret");
    expect((await errorOf(journey.location)).code).toBe("connection_disabled");
  });

  it("signs in through the instance connection from the environment, with its group mapping (Keycloak's leading / ignored)", async () => {
    const journey = await signInThroughIdp("instance", "inez");
    expect(journey.authorize.searchParams.get("client_id")).toBe("sovra-instance");
    const signedIn = await openSession(journey.sovra);
    expect(signedIn).not.toBeNull();
    const membership = await db().membership.findUniqueOrThrow({ where: { organisationId_userId: { organisationId: instanceOrg.id, userId: signedIn!.userId } } });
    expect(membership).toMatchObject({ role: "editor", source: "sso" });
  });

  it("keeps a break-glass owner an owner whatever the IdP's groups say", async () => {
    const owner = await buildUser(db(), { email: `boss@${CORP}` });
    const other = await buildUser(db());
    await buildMembership(db(), org.id, other.id, "owner");
    await db().membership.create({ data: { organisationId: org.id, userId: owner.id, role: "owner", breakGlass: true } });
    idp.setAccount("boss", { email: `boss@${CORP}`, groups: ["staff"] });
    const journey = await signInThroughIdp(ORG_CONNECTION, "boss");
    expect((await openSession(journey.sovra))!.userId).toBe(owner.id);
    expect((await db().membership.findUniqueOrThrow({ where: { organisationId_userId: { organisationId: org.id, userId: owner.id } } })).role).toBe("owner");
  });
});

describe("the instance connection and the redirect URI", () => {
  it("reads the instance's OIDC connection from a parsed environment, with its organisation", async () => {
    const e = parseEnv({
      SOVRA_OIDC_ISSUER: "https://login.example.com/realms/acme",
      SOVRA_OIDC_CLIENT_ID: "sovra",
      SOVRA_OIDC_CLIENT_SECRET: "s3cret",
      SOVRA_SSO_ORGANISATION: INSTANCE_SLUG,
      SOVRA_SSO_GROUP_ROLES: "sovra-owners=owner, risk=analyst",
      SOVRA_SSO_DEFAULT_ROLE: "viewer",
    });
    const connection = await loadInstanceConnection(db(), e);
    expect(connection).toMatchObject({
      key: "instance",
      organisationId: instanceOrg.id,
      protocol: "oidc",
      oidc: { issuer: "https://login.example.com/realms/acme", clientId: "sovra", clientSecret: "s3cret" },
      groupRoles: [
        { group: "sovra-owners", role: "owner" },
        { group: "risk", role: "analyst" },
      ],
      defaultRole: "viewer",
      domains: null,
    });
    expect(oidcProvider(connection!)).toMatchObject({ id: "sso-instance", type: "oidc", issuer: "https://login.example.com/realms/acme", checks: ["pkce", "state", "nonce"] });
    // Its organisation missing: still a provider (the callback then says the connection is switched off).
    expect(await loadInstanceConnection(db(), { ...e, SOVRA_SSO_ORGANISATION: `nobody-${tag}` })).toMatchObject({ organisationId: null });
    expect(await loadInstanceConnection(db(), parseEnv({}))).toBeNull();
  });

  it("builds the redirect URI from the public address, and moves an Auth.js request there with its body", async () => {
    expect(oidcRedirectUri("instance", "https://sovra.example.com/")).toBe("https://sovra.example.com/api/auth/callback/sso-instance");
    expect(oidcRedirectUri(ORG_CONNECTION, "https://sovra.example.com/some/path")).toBe(`https://sovra.example.com/api/auth/callback/sso-${ORG_CONNECTION}`);
    const request = new NextRequest("http://10.0.0.5:3000/api/auth/signin/sso-instance?x=1", { method: "POST", body: new URLSearchParams({ csrfToken: "t" }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    const moved = atPublicOrigin(request, { SOVRA_PUBLIC_URL: "https://sovra.example.com", SOVRA_TRUSTED_PROXIES: 0 });
    expect(moved.url).toBe("https://sovra.example.com/api/auth/signin/sso-instance?x=1");
    expect(await moved.text()).toBe("csrfToken=t");
  });

  it("without SOVRA_PUBLIC_URL runs at the Host the browser sent, not at Next's own view of the URL (http://localhost:PORT behind Sovra's web server)", async () => {
    const asNextSeesIt = new Request("http://localhost:3900/api/auth/callback/sso-instance?code=c", { headers: { host: "127.0.0.1:3900" } });
    expect(atPublicOrigin(asNextSeesIt, NO_PROXY).url).toBe("http://127.0.0.1:3900/api/auth/callback/sso-instance?code=c");
    // A forged X-Forwarded-Host counts only behind trusted proxies (SOVRA_TRUSTED_PROXIES).
    const forged = new Request("http://localhost:3900/api/auth/callback/sso-instance", { headers: { host: "127.0.0.1:3900", "x-forwarded-host": "evil.example" } });
    expect(new URL(atPublicOrigin(forged, NO_PROXY).url).host).toBe("127.0.0.1:3900");
    const proxied = new Request("http://10.0.0.5:3000/api/auth/callback/sso-instance", { headers: { host: "10.0.0.5:3000", "x-forwarded-host": "sovra.example.com", "x-forwarded-proto": "https" } });
    expect(new URL(atPublicOrigin(proxied, { SOVRA_PUBLIC_URL: undefined, SOVRA_TRUSTED_PROXIES: 1 }).url).origin).toBe("https://sovra.example.com");
    const unchanged = new Request("http://127.0.0.1:3900/api/auth/csrf", { headers: { host: "127.0.0.1:3900" } });
    expect(atPublicOrigin(unchanged, NO_PROXY)).toBe(unchanged);
  });
});
