import { samlMetadata, samlRouteDeps } from "@/lib/sso/saml-routes";

export const dynamic = "force-dynamic";

/** Sovra's SP metadata for a SAML connection (its entity ID is this address), to import at the IdP. */
export async function GET(request: Request, { params }: { params: Promise<{ connection: string }> }) {
  return samlMetadata(request, await params, samlRouteDeps());
}
