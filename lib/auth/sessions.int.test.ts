// Server-side sessions through the real request path: Auth.js's own signIn and signOut, the
// real auth() reading the real sealed cookie, and a real route handler answering; only Next's
// request store (cookies() and headers()) is played by a Map, as a browser would fill it. The
// issue's case: a session cookie copied before sign-out must stop working at sign-out.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildOrganisationWithMembers, TEST_PASSWORD } from "@/prisma/factories";
import { db } from "@/lib/testing/db";
import { callRoute } from "@/lib/testing/api-call";
import { SESSION, touchSession } from "./sessions";

process.env.AUTH_SECRET = "sessions-int-test-secret-sessions-int-test-secret";

const browser = vi.hoisted(() => ({ cookies: new Map<string, string>(), options: new Map<string, Record<string, unknown>>() }));
vi.mock("next/headers", () => {
  const jar = {
    get: (name: string) => (browser.cookies.has(name) ? { name, value: browser.cookies.get(name)! } : undefined),
    getAll: () => [...browser.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => browser.cookies.has(name),
    set: (name: string, value: string, options?: { maxAge?: number; expires?: Date } & Record<string, unknown>) => {
      browser.options.set(name, { ...options });
      const expired = options?.maxAge === 0 || (options?.expires !== undefined && options.expires.getTime() <= Date.now());
      if (expired || value === "") browser.cookies.delete(name);
      else browser.cookies.set(name, value);
    },
    delete: (name: string) => browser.cookies.delete(name),
  };
  return {
    cookies: async () => jar,
    headers: async () =>
      new Headers({
        host: "localhost:3000",
        "x-forwarded-proto": "http",
        "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/140.0",
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { signIn, auth } = await import("./auth");
const { signOutAction } = await import("./actions");
const { changePasswordAction, signOutEverywhereAction } = await import("@/lib/account/actions");
const { removeMember } = await import("@/lib/members/mutations");
const { contextFor } = await import("@/lib/testing/db");
const offices = await import("@/app/api/v1/orgs/[org]/offices/route");

const SESSION_COOKIE = "authjs.session-token";

/** Signs in through Auth.js as the sign-in form does; returns the session cookie's value. */
async function signInAs(email: string, password = TEST_PASSWORD): Promise<string> {
  browser.cookies.delete(SESSION_COOKIE);
  await signIn("credentials", { email, password, redirect: false });
  const cookie = browser.cookies.get(SESSION_COOKIE);
  if (!cookie) throw new Error("signing in set no session cookie");
  return cookie;
}

/** What the offices API answers to a browser presenting this session cookie. */
async function officesStatusWith(cookie: string, org: string): Promise<number> {
  browser.cookies.set(SESSION_COOKIE, cookie);
  return (await callRoute(offices.GET, "GET", { org })).status;
}

/** Runs a server action or sign-out that finishes with a redirect. */
async function followingRedirect(run: () => Promise<unknown>) {
  try {
    return await run();
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return undefined;
    throw e;
  }
}

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};

describe("server-side sessions", () => {
  let org: Awaited<ReturnType<typeof buildOrganisationWithMembers>>;
  beforeEach(async () => {
    browser.cookies.clear();
    org = await buildOrganisationWithMembers(db());
  });

  it("signing out ends the session: a copy of the cookie taken before no longer works", async () => {
    const copied = await signInAs(org.users.viewer.email);
    expect(await officesStatusWith(copied, org.organisation.slug)).toBe(200);

    await followingRedirect(() => signOutAction());
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await officesStatusWith(copied, org.organisation.slug)).toBe(401);
  });

  it("signing in sets the session cookie HttpOnly and SameSite=Lax, for this host only and the whole site", async () => {
    await signInAs(org.users.viewer.email);
    const options = browser.options.get(SESSION_COOKIE);
    expect(options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(options?.domain).toBeUndefined();
  });

  it("Auth.js's own sign-out route ends the session too", async () => {
    const { signOut } = await import("./auth");
    const copied = await signInAs(org.users.viewer.email);
    browser.cookies.set(SESSION_COOKIE, copied);
    await followingRedirect(() => signOut({ redirectTo: "/sign-in" }));
    expect(await officesStatusWith(copied, org.organisation.slug)).toBe(401);
  });

  it("'sign out everywhere' ends every session of the user, and only theirs", async () => {
    const laptop = await signInAs(org.users.editor.email);
    const phone = await signInAs(org.users.editor.email);
    const colleague = await signInAs(org.users.viewer.email);

    browser.cookies.set(SESSION_COOKIE, phone);
    await followingRedirect(() => signOutEverywhereAction({ status: "idle" }, form({})));

    expect(await officesStatusWith(laptop, org.organisation.slug)).toBe(401);
    expect(await officesStatusWith(phone, org.organisation.slug)).toBe(401);
    expect(await officesStatusWith(colleague, org.organisation.slug)).toBe(200);
  });

  it("changing the password ends the user's other sessions and keeps this one", async () => {
    const other = await signInAs(org.users.analyst.email);
    const current = await signInAs(org.users.analyst.email);
    browser.cookies.set(SESSION_COOKIE, current);
    const result = await changePasswordAction({ status: "idle" }, form({ currentPassword: TEST_PASSWORD, newPassword: "lilac otter quarry tuesday" }));
    expect(result).toMatchObject({ status: "success", message: expect.stringContaining("signed out on 1 other browser") });

    expect(await officesStatusWith(current, org.organisation.slug)).toBe(200);
    expect(await officesStatusWith(other, org.organisation.slug)).toBe(401);
    // The new password is the one that works now.
    await expect(signInAs(org.users.analyst.email)).rejects.toThrow();
    expect(await signInAs(org.users.analyst.email, "lilac otter quarry tuesday")).toBeTruthy();
  });

  it("removing a member ends their sessions at once", async () => {
    const theirs = await signInAs(org.users.editor.email);
    const membership = await db().membership.findFirstOrThrow({ where: { organisationId: org.organisation.id, userId: org.users.editor.id } });
    await removeMember(contextFor(org.organisation, org.users.owner.id, "owner"), membership.id);
    browser.cookies.set(SESSION_COOKIE, theirs);
    expect(await auth()).toBeNull();
  });

  it("refuses a cookie without a server-side session, as issued before sessions were kept", async () => {
    const { encode } = await import("next-auth/jwt");
    const legacy = await encode({ token: { sub: org.users.viewer.id }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE, maxAge: 3600 });
    expect(await officesStatusWith(legacy, org.organisation.slug)).toBe(401);
  });
});

describe("the per-request session check", () => {
  it("refuses an unknown, revoked, expired or idle session, or one presented for another user", async () => {
    const org = await buildOrganisationWithMembers(db());
    const userId = org.users.viewer.id;
    const now = new Date();
    const open = await db().session.create({ data: { userId, expiresAt: new Date(now.getTime() + SESSION.maxAgeMs) } });
    expect(await touchSession(db(), open.id, userId, now)).toBe(true);
    expect(await touchSession(db(), open.id, org.users.owner.id, now)).toBe(false);
    expect(await touchSession(db(), "00000000-0000-7000-8000-000000000000", userId, now)).toBe(false);
    expect(await touchSession(db(), "not-a-uuid", userId, now)).toBe(false);
    expect(await touchSession(db(), open.id, userId, new Date(now.getTime() + SESSION.maxAgeMs + 1000))).toBe(false);

    const idle = await db().session.create({ data: { userId, expiresAt: new Date(now.getTime() + SESSION.maxAgeMs), lastSeenAt: new Date(now.getTime() - SESSION.idleMs - 1000) } });
    expect(await touchSession(db(), idle.id, userId, now)).toBe(false);

    const revoked = await db().session.create({ data: { userId, expiresAt: new Date(now.getTime() + SESSION.maxAgeMs), revokedAt: now } });
    expect(await touchSession(db(), revoked.id, userId, now)).toBe(false);
  });

  it("notes a visit at most every few minutes, so that a page costs a read, not a write", async () => {
    const org = await buildOrganisationWithMembers(db());
    const userId = org.users.viewer.id;
    const start = new Date(Date.now() - 60 * 60 * 1000);
    const row = await db().session.create({ data: { userId, createdAt: start, lastSeenAt: start, expiresAt: new Date(start.getTime() + SESSION.maxAgeMs) } });
    const soon = new Date(start.getTime() + 60_000);
    await touchSession(db(), row.id, userId, soon);
    expect((await db().session.findUniqueOrThrow({ where: { id: row.id } })).lastSeenAt).toEqual(start);
    const later = new Date(start.getTime() + SESSION.touchEveryMs + 1000);
    await touchSession(db(), row.id, userId, later);
    expect((await db().session.findUniqueOrThrow({ where: { id: row.id } })).lastSeenAt).toEqual(later);
  });
});
