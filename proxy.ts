import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { createNonce, requestIsHttps, securityHeaders } from "@/lib/security-headers";
import { urlTextProblem } from "@/lib/text";

// Runs before every request but Next's static files. It sets the security headers, with a fresh
// CSP nonce for each page (docs/decisions/030): Next reads the nonce from the request's
// Content-Security-Policy header and puts it on its own scripts, so every page renders per request
// (the root layout is force-dynamic anyway). It refuses addresses with control characters (a
// crafted `?q=%00` used to reach the database as a 500). And, as a convenience only, it sends
// visitors without a session cookie to sign-in early. It is never the guard: every page, action
// and route handler checks the session and role itself (CVE-2025-29927 showed middleware can be
// skipped). /print/report/, /print/workshop/ and /print/ai-act-registrations/ pages check a signed print token instead (lib/reports/print-token.ts):
// headless Chromium has no session.
const PUBLIC = [/^\/print\/(report|workshop|ai-act-registrations)\//, /^\/sign-in/, /^\/setup/, /^\/invite\//, /^\/practice-invite\//, /^\/q\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/[^/]+\.(png|svg|ico|txt|webmanifest)$/];
/** The public API and the SCIM endpoint answer JSON and files only, and check their own input in their own error shape. */
const PUBLIC_API = /^\/api\/(v1|scim)\//;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const api = PUBLIC_API.test(pathname);
  const nonce = api ? undefined : createNonce();
  const headers = securityHeaders({ nonce, https: requestIsHttps(request.headers, env().SOVRA_TRUSTED_PROXIES), dev: process.env.NODE_ENV === "development" });
  const secured = (response: NextResponse) => {
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    return response;
  };

  const problem = api ? null : urlTextProblem(request.nextUrl);
  if (problem) return secured(badRequest(problem));

  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith("authjs.session-token"));
  if (hasSession || PUBLIC.some((re) => re.test(pathname))) {
    if (!nonce) return secured(NextResponse.next());
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
    requestHeaders.set("x-nonce", nonce);
    return secured(NextResponse.next({ request: { headers: requestHeaders } }));
  }
  const url = new URL("/sign-in", request.url);
  if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
  return secured(NextResponse.redirect(url));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page for a refused address: the browser shows it, a script reads the status. */
function badRequest(problem: string): NextResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bad request · Sovra</title></head><body><main><h1>This address cannot be opened</h1><p>${escapeHtml(problem)}</p><p><a href="/">Go to Sovra's start page</a></p></main></body></html>`;
  return new NextResponse(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
