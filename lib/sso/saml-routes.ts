import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env as readEnv, type Env } from "@/lib/env";
import { jsonResponse } from "@/lib/api/handler";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clientAddress } from "@/lib/auth/client-address";
import { readBodyBytes } from "@/lib/request-body";
import { requestIsHttps } from "@/lib/security-headers";
import { loadConnection, type SsoConnectionConfig } from "@/lib/sso/config";
import { recordSsoError, SsoError, ssoErrorPath } from "@/lib/sso/errors";
import { completeSsoSignIn } from "@/lib/sso/provision";
import { samlSignInUrl, validateSamlResponse } from "@/lib/sso/saml";
import { spMetadataXml } from "@/lib/sso/saml-metadata";
import { publicOrigin } from "@/lib/sso/public-origin";
import { issueSessionCookie } from "@/lib/sso/session-cookie";

// The three SAML routes (app/api/sso/saml/[connection]/{login,acs,metadata}) as functions of the
// request and what they depend on, so that tests can run them under another environment
// (SOVRA_PUBLIC_URL) than the process's. Every failure of a sign-in is recorded with a reference
// and ends on the page that explains it (decision 049).

export interface SamlRouteDeps {
  prisma: PrismaClient;
  env: Env;
  authSecret: string;
}

/** The process's database, environment and AUTH_SECRET. */
export function samlRouteDeps(): SamlRouteDeps {
  const e = readEnv();
  if (!e.AUTH_SECRET) throw new Error("AUTH_SECRET is not set: start Sovra with `npm start`, which provides one");
  return { prisma: db(), env: e, authSecret: e.AUTH_SECRET };
}

/** `{connection}`: "instance" or an SsoConnection id. */
export const samlParamsSchema = z.object({ connection: z.union([z.literal("instance"), z.uuid()]) });

const loginQuerySchema = z.object({ callbackUrl: z.string().max(2048).optional() });

/** The ACS form: SAMLResponse base64 (a large one, with many groups, is some hundred kB), RelayState optional. */
const acsFormSchema = z.object({
  SAMLResponse: z
    .string()
    .max(2_000_000)
    .transform((s) => s.replace(/\s+/g, ""))
    .pipe(z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, "not base64")),
  RelayState: z.string().max(2048).optional(),
});
const ACS_MAX_BODY_BYTES = 2_100_000;

const noStore = { "cache-control": "no-store" };

/** A 303 to a path of this site; relative, so that it is right behind any proxy. */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path, ...noStore } });
}

function baseOf(request: Request, e: Env): string {
  return publicOrigin(request.headers, e, request.url);
}

async function failed(deps: SamlRouteDeps, error: unknown, organisationId: string | null): Promise<NextResponse> {
  const sso = error instanceof SsoError ? error : new SsoError("configuration", error instanceof Error ? `${error.name}: ${error.message}` : String(error), organisationId);
  const reference = await recordSsoError(deps.prisma, sso);
  return seeOther(ssoErrorPath(sso.code, reference));
}

async function samlConnection(deps: SamlRouteDeps, rawParams: unknown): Promise<SsoConnectionConfig> {
  const params = samlParamsSchema.safeParse(rawParams);
  const connection = params.success ? await loadConnection(deps.prisma, params.data.connection, deps.env, deps.authSecret) : null;
  if (!connection || connection.protocol !== "saml" || !connection.enabled || !connection.organisationId) {
    throw new SsoError("connection_disabled", `no enabled SAML connection "${String((rawParams as { connection?: unknown } | null)?.connection).slice(0, 80)}"`, connection?.organisationId ?? null);
  }
  return connection;
}

/** GET …/login?callbackUrl=/path: an AuthnRequest to the IdP (HTTP-Redirect), the path riding in RelayState. */
export async function samlLogin(request: Request, rawParams: unknown, deps: SamlRouteDeps): Promise<Response> {
  let connection: SsoConnectionConfig | null = null;
  try {
    connection = await samlConnection(deps, rawParams);
    const query = loginQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    const callbackPath = safeCallbackPath(query.success ? query.data.callbackUrl : undefined);
    const url = await samlSignInUrl(deps.prisma, connection, baseOf(request, deps.env), callbackPath);
    return new NextResponse(null, { status: 303, headers: { location: url, ...noStore } });
  } catch (e) {
    return failed(deps, e, connection?.organisationId ?? null);
  }
}

/** POST …/acs: the IdP's response (HTTP-POST binding) → a session and its cookie, then the RelayState page. */
export async function samlAcs(request: Request, rawParams: unknown, deps: SamlRouteDeps): Promise<Response> {
  let connection: SsoConnectionConfig | null = null;
  try {
    connection = await samlConnection(deps, rawParams);
    const orgId = connection.organisationId;
    const badForm = (why: string) => new SsoError("configuration", `the ACS received no usable SAML response: ${why}`, orgId);
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw badForm(`content type ${type || "none"}`);
    const bytes = await readBodyBytes(request, ACS_MAX_BODY_BYTES, () => badForm("the body is larger than 2 MB"));
    const form = acsFormSchema.safeParse(Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes))));
    if (!form.success) throw badForm(z.prettifyError(form.error));

    const base = baseOf(request, deps.env);
    const identity = await validateSamlResponse(deps.prisma, connection, base, form.data.SAMLResponse);
    const signIn = await completeSsoSignIn(deps.prisma, connection, identity, {
      method: "saml",
      userAgent: request.headers.get("user-agent"),
      address: clientAddress(request.headers, deps.env.SOVRA_TRUSTED_PROXIES),
    });
    const secure = base.startsWith("https:") || new URL(request.url).protocol === "https:" || requestIsHttps(request.headers, deps.env.SOVRA_TRUSTED_PROXIES);
    const cookie = await issueSessionCookie({ userId: signIn.userId, sessionId: signIn.sessionId, secure }, deps.authSecret);
    const response = seeOther(safeCallbackPath(form.data.RelayState));
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (e) {
    return failed(deps, e, connection?.organisationId ?? null);
  }
}

/** GET …/metadata: Sovra's SP metadata for the connection, to import at the IdP. */
export async function samlMetadata(request: Request, rawParams: unknown, deps: SamlRouteDeps): Promise<Response> {
  const params = samlParamsSchema.safeParse(rawParams);
  const connection = params.success ? await loadConnection(deps.prisma, params.data.connection, deps.env, deps.authSecret) : null;
  if (!connection || connection.protocol !== "saml") {
    return jsonResponse({ error: { code: "NOT_FOUND", message: "SAML connection not found" } }, { status: 404 });
  }
  return new Response(spMetadataXml(connection.key, baseOf(request, deps.env)), {
    headers: {
      "content-type": "application/samlmetadata+xml; charset=utf-8",
      "content-disposition": 'attachment; filename="sovra-sp-metadata.xml"',
      ...noStore,
    },
  });
}
