// The security headers as proxy.ts sets them on each kind of response (docs/decisions/030):
// HTML pages, the board report's print route (opened by headless Chromium), the public API's
// JSON, downloads, the sign-in redirect; and the 400 for an address with a control character.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import nextConfig from "@/next.config";
import { API_CSP, HSTS, STATIC_SECURITY_HEADERS, createNonce, pageCsp, requestIsHttps, securityHeaders, withApiSecurityHeaders } from "./security-headers";

const SESSION = { cookie: "authjs.session-token=x" };
const call = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(new URL(path, "http://127.0.0.1:3000"), { headers }));

/** The CSP directives of a response, by name. */
function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values.join(" ")]));
}

function expectStaticHeaders(res: Response) {
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) expect(res.headers.get(k), k).toBe(v);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("same-origin");
  expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
}

/** The nonce a page's CSP allows scripts with; the same one must reach Next on the request. */
function expectPageCsp(res: Response): string {
  const csp = directives(res.headers.get("content-security-policy"));
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp["script-src"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(csp["script-src"]).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(csp["script-src"]).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp).toMatchObject({
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "object-src": "'none'",
  });
  // NextResponse.next({ request: { headers } }) forwards the request headers Next renders with.
  expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(res.headers.get("content-security-policy"));
  expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  return nonce!;
}

describe("proxy.ts security headers", () => {
  it.each(["/mainfeld", "/mainfeld/inventory/vendors?q=acme&sort=name.desc", "/mainfeld/scores/assessments", "/organisations/new"])("an HTML page (%s) gets a nonce CSP and every static header", (path) => {
    const res = call(path, SESSION);
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expectStaticHeaders(res);
    expectPageCsp(res);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("each request gets its own nonce", () => {
    const nonces = new Set(Array.from({ length: 20 }, () => expectPageCsp(call("/mainfeld", SESSION))));
    expect(nonces.size).toBe(20);
  });

  it("the print route that headless Chromium opens (no session) gets the page CSP, so its chart scripts run with the nonce", () => {
    const res = call("/print/report/eyJhbGciOi.abc?part=main");
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expectStaticHeaders(res);
    expectPageCsp(res);
    // Over plain HTTP on 127.0.0.1: upgrading its requests to HTTPS would break every script and font.
    expect(res.headers.get("content-security-policy")).not.toMatch(/upgrade-insecure-requests/);
  });

  it("the EU AI Act registration pack's print route (no session either) is let through to its token check, not sent to sign-in", () => {
    const res = call("/print/ai-act-registrations/eyJhbGciOi.abc");
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("location")).toBeNull();
    expectPageCsp(res);
  });

  it.each(["/api/v1/orgs/mainfeld/offices", "/api/v1/orgs/mainfeld/exports/dora/b_07.01", "/api/v1/openapi.json"])("the public API (%s) gets the API's CSP and every static header", (path) => {
    const res = call(path);
    expectStaticHeaders(res);
    expect(res.headers.get("content-security-policy")).toBe(API_CSP);
  });

  it.each(["/mainfeld/inventory/export/xlsx", "/mainfeld/reports/exports/ai-act.csv", "/api/health", "/world-map.svg", "/api/auth/session"])("a download or other route (%s) gets every static header and a CSP", (path) => {
    const res = call(path, SESSION);
    expectStaticHeaders(res);
    expect(directives(res.headers.get("content-security-policy"))["frame-ancestors"]).toBe("'none'");
  });

  it("the redirect to sign-in carries the headers too", () => {
    const res = call("/mainfeld/scores");
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get("location")!).searchParams.get("callbackUrl")).toBe("/mainfeld/scores");
    expectStaticHeaders(res);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });

  it("sends HSTS and upgrade-insecure-requests only when a trusted proxy says the request came over HTTPS", () => {
    // SOVRA_TRUSTED_PROXIES is 0 here: nobody vouches for X-Forwarded-Proto, any client can send it.
    const forged = call("/mainfeld", { ...SESSION, "x-forwarded-proto": "https" });
    expect(forged.headers.get("strict-transport-security")).toBeNull();
    expect(forged.headers.get("content-security-policy")).not.toMatch(/upgrade-insecure-requests/);
    const https = securityHeaders({ nonce: "n", https: true, dev: false });
    expect(https["strict-transport-security"]).toBe(HSTS);
    expect(https["content-security-policy"]).toMatch(/; upgrade-insecure-requests$/);
    expect(securityHeaders({ https: true, dev: false })["strict-transport-security"]).toBe(HSTS);
  });
});

describe("Next's static files, which proxy.ts does not see", () => {
  it("get nosniff and a same-origin resource policy from next.config.ts", async () => {
    const rules = (await nextConfig.headers!()).filter((r) => r.source === "/_next/static/:path*");
    expect(rules).toHaveLength(1);
    expect(Object.fromEntries(rules[0]!.headers.map((h) => [h.key.toLowerCase(), h.value]))).toEqual({ "x-content-type-options": "nosniff", "cross-origin-resource-policy": "same-origin" });
  });
});

describe("proxy.ts refuses addresses with control characters", () => {
  it.each([
    ["a NUL in a list's search", "/mainfeld/inventory/vendors?q=%00"],
    ["a NUL in a list's text filter", "/mainfeld/inventory/offices?f.city=Ly%00on"],
    ["a line break in the sign-in callbackUrl", "/sign-in?callbackUrl=%2Fmainfeld%0Aevil"],
    ["a control character in the path", "/mainfeld%00/inventory"],
    ["a malformed escape", "/mainfeld/%E0%A4%A"],
  ])("%s: 400 with a page that says what is wrong, and the headers", async (_, path) => {
    for (const headers of [{}, SESSION]) {
      const res = call(path, headers);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await res.text()).toMatch(/control character|malformed/);
      expectStaticHeaders(res);
    }
  });

  it("leaves the public API's addresses to its handlers, which answer in the API's JSON shape", () => {
    expect(call("/api/v1/orgs/mainfeld/offices?page=%00").status).toBe(200);
  });

  it("lets ordinary searches through, tabs and right-to-left text included", () => {
    for (const path of ["/mainfeld/inventory/vendors?q=Z%C3%BCrich", "/mainfeld/inventory/vendors?q=a%09b", "/mainfeld/inventory/vendors?q=%D7%A9%D7%9C%D7%95%D7%9D"]) expect(call(path, SESSION).status).toBe(200);
  });
});

describe("security header helpers", () => {
  it("make 128-bit base64 nonces", () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("allow eval for scripts in development only (React's error overlay needs it)", () => {
    expect(directives(pageCsp({ nonce: "n", https: false, dev: true }))["script-src"]).toBe("'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(directives(pageCsp({ nonce: "n", https: false, dev: false }))["script-src"]).toBe("'self' 'nonce-n' 'strict-dynamic'");
  });

  it.each([
    [{ "x-forwarded-proto": "https" }, 1, true],
    [{ "x-forwarded-proto": "http" }, 1, false],
    [{}, 1, false],
    [{ "x-forwarded-proto": "https" }, 0, false],
    // Two proxies that append: the client's own "https" (first) is not believed, the outer proxy's "http" is.
    [{ "x-forwarded-proto": "https, http, http" }, 2, false],
    [{ "x-forwarded-proto": "http, https, http" }, 2, true],
    [{ "x-forwarded-proto": "HTTPS" }, 1, true],
  ] as const)("read X-Forwarded-Proto %j with %i trusted proxies as HTTPS: %s", (headers, proxies, https) => {
    expect(requestIsHttps(new Headers(headers), proxies)).toBe(https);
  });

  it("add the API's headers to a response without overriding its own", () => {
    const headers = withApiSecurityHeaders(new Headers({ "content-security-policy": "sandbox" }));
    expect(headers.get("content-security-policy")).toBe("sandbox");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(withApiSecurityHeaders(new Headers()).get("content-security-policy")).toBe(API_CSP);
  });
});
