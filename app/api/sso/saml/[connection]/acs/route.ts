import { samlAcs, samlRouteDeps } from "@/lib/sso/saml-routes";

export const dynamic = "force-dynamic";

// The Assertion Consumer Service: the IdP's page POSTs here from its own site (HTTP-POST binding).
// Route handlers get no Origin/CSRF check from Next (only server actions do) and proxy.ts lets
// /api/ through without a session, so the cross-site POST arrives; what protects it is the
// signed assertion, its audience, its times, and the one-time request and assertion ids.

/** The IdP's SAMLResponse → a session cookie and a 303 to the RelayState page (or the error page). */
export async function POST(request: Request, { params }: { params: Promise<{ connection: string }> }) {
  return samlAcs(request, await params, samlRouteDeps());
}
