import { samlLogin, samlRouteDeps } from "@/lib/sso/saml-routes";

export const dynamic = "force-dynamic";

/** SP-initiated SAML sign-in: ?callbackUrl=/path → the IdP (HTTP-Redirect AuthnRequest). */
export async function GET(request: Request, { params }: { params: Promise<{ connection: string }> }) {
  return samlLogin(request, await params, samlRouteDeps());
}
