import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { isAcceptedByAuthJs } from "@/lib/auth/callback-url";
import { handleAuthRequest } from "@/lib/sso/oidc-route";

// Auth.js's routes, behind one check of their own: Auth.js answers a callbackUrl that is not an
// http(s) URL (`javascript:…`), in the query or its callback-url cookie, with a 500 "server
// configuration" error. Such a request is sent back without it instead (a GET: 303 to the same
// route; a POST: 400), and a bad cookie is cleared (docs/decisions/030). Off-site http(s) URLs go
// through: Auth.js's `redirect` callback sends them home (lib/auth/auth.ts). A single sign-on's
// routes run at SOVRA_PUBLIC_URL and explain their failures on /sign-in/sso-error (lib/sso/oidc-route.ts).

const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

function refuseUnusableCallback(request: NextRequest): Response | null {
  const badQuery = request.nextUrl.searchParams.getAll("callbackUrl").some((v) => !isAcceptedByAuthJs(v));
  const badCookies = CALLBACK_COOKIES.filter((name) => {
    const value = request.cookies.get(name)?.value;
    return value !== undefined && !isAcceptedByAuthJs(value);
  });
  if (!badQuery && badCookies.length === 0) return null;
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of badCookies) headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  if (request.method === "GET" || request.method === "HEAD") {
    const url = request.nextUrl.clone();
    url.searchParams.delete("callbackUrl");
    headers.set("location", url.toString());
    return new Response(null, { status: 303, headers });
  }
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify({ error: "callbackUrl must be a page of this site." }), { status: 400, headers });
}

export async function GET(request: NextRequest) {
  return refuseUnusableCallback(request) ?? handleAuthRequest(request, handlers.GET);
}

export async function POST(request: NextRequest) {
  return refuseUnusableCallback(request) ?? handleAuthRequest(request, handlers.POST);
}
