import { NextResponse, type NextRequest } from "next/server";

// A convenience only: send visitors without a session cookie to sign-in early. It is never the
// guard: every page, action and route handler checks the session and role itself
// (CVE-2025-29927 showed middleware can be skipped). /print/report/ pages check a signed print
// token instead (lib/reports/print-token.ts): headless Chromium has no session.
const PUBLIC = [/^\/print\/report\//, /^\/sign-in/, /^\/setup/, /^\/invite\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/[^/]+\.(png|svg|ico|txt)$/];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((re) => re.test(pathname))) return NextResponse.next();
  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith("authjs.session-token"));
  if (hasSession) return NextResponse.next();
  const url = new URL("/sign-in", request.url);
  if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
