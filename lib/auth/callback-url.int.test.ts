// Auth.js's own routes with bad callbackUrls (docs/decisions/030): in the query or in its
// callback-url cookie, a `javascript:` URL or a line break made Auth.js answer 500 "server
// configuration"; now the route sends the request back without it. Off-site URLs that Auth.js
// accepts are sent home by the `redirect` callback (lib/auth/auth.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-42";
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");
const { handlers } = await import("@/lib/auth/auth");

const ORIGIN = "http://localhost:3000";
const request = (path: string, init: { cookie?: string; method?: string } = {}) =>
  new NextRequest(new URL(path, ORIGIN), { method: init.method ?? "GET", headers: init.cookie ? { cookie: init.cookie } : {} });

describe("Auth.js's routes and callbackUrl", () => {
  beforeAll(() => {
    expect(process.env.AUTH_SECRET).toBeTruthy();
  });

  it("Auth.js by itself answers a javascript: callbackUrl with a 500 (why its route checks first)", async () => {
    expect((await handlers.GET(request("/api/auth/session?callbackUrl=javascript:alert(1)"))).status).toBe(500);
  });

  it.each([
    ["javascript:", "/api/auth/signin?callbackUrl=javascript:alert(1)"],
    ["javascript: on the session route", "/api/auth/session?callbackUrl=javascript%3Aalert(1)"],
    ["a line break", "/api/auth/signin?callbackUrl=%2Fmainfeld%0Aevil"],
    ["a protocol-relative host", "/api/auth/signin?callbackUrl=%2F%2Fevil.example"],
    ["data:", "/api/auth/providers?callbackUrl=data:text/html,x"],
  ])("a GET with %s in the query is sent back without it (303), never a 500", async (_, path) => {
    const res = await GET(request(path));
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin).toBe(ORIGIN);
    expect(location.pathname).toBe(new URL(path, ORIGIN).pathname);
    expect(location.searchParams.has("callbackUrl")).toBe(false);
    // Followed, the same route answers normally.
    expect((await GET(request(`${location.pathname}${location.search}`))).status).toBeLessThan(400);
  });

  it("a POST with a bad callbackUrl in the query is a 400", async () => {
    const res = await POST(request("/api/auth/signout?callbackUrl=javascript:alert(1)", { method: "POST" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "callbackUrl must be a page of this site." });
  });

  it("a bad callback-url cookie is cleared and the request sent back, where Auth.js answered 500", async () => {
    const cookie = "authjs.callback-url=javascript:alert(1)";
    expect((await handlers.GET(request("/api/auth/session", { cookie }))).status).toBe(500);
    const res = await GET(request("/api/auth/session", { cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^authjs\.callback-url=; Path=\/; Max-Age=0/);
  });

  it("a same-site callbackUrl reaches the sign-in page as it is", async () => {
    const res = await GET(request("/api/auth/signin?callbackUrl=%2Fmainfeld%2Fscores"));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!, ORIGIN);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe(`${ORIGIN}/mainfeld/scores`);
  });

  it("an off-site callbackUrl that Auth.js accepts is replaced by the start page (the redirect callback)", async () => {
    const res = await GET(request("/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.example%2Fphish"));
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!, ORIGIN).searchParams.get("callbackUrl")).toBe(`${ORIGIN}/`);
  });
});
