"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction, type ActionState } from "@/lib/actions";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { emailSchema } from "@/lib/auth/schemas";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { connectionForEmail, loadInstanceConnection, type SsoConnectionConfig } from "@/lib/sso/config";
import { recordSsoError, SSO_ERRORS, SsoError, ssoErrorPath } from "@/lib/sso/errors";
import { beginOidcSignIn } from "@/lib/sso/oidc-start";

// The sign-in page's single sign-on (decision 049): a work email finds its connection (the
// organisation that verified the domain, else the instance's), and the browser goes to that IdP;
// or the instance's button goes straight to the instance's IdP.

const ssoEmailSchema = z.object({ email: emailSchema, callbackUrl: z.string().max(2048).optional() });
const instanceSchema = z.object({ callbackUrl: z.string().max(2048).optional() });

function secret(): string {
  const value = env().AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set");
  return value;
}

/** Sends the browser to the connection's IdP (never returns), or says in the form why it cannot. */
async function startAt(connection: SsoConnectionConfig, callbackUrl: string | undefined, values: Record<string, string>): Promise<ActionState> {
  const callback = safeCallbackPath(callbackUrl);
  if (!connection.enabled || !connection.organisationId) {
    return { status: "error", code: "FORBIDDEN", message: SSO_ERRORS.connection_disabled.text, values };
  }
  if (connection.protocol === "saml") redirect(`/api/sso/saml/${connection.key}/login?callbackUrl=${encodeURIComponent(callback)}`);
  if (!connection.oidc?.clientSecret) {
    // Auth.js has no provider for it (lib/sso/oidc.ts): explained with a reference its owners can look up.
    const reference = await recordSsoError(
      db(),
      new SsoError("configuration", `connection ${connection.key} is incomplete or its client secret cannot be read (saved under another AUTH_SECRET): enter it again`, connection.organisationId),
    );
    redirect(ssoErrorPath("configuration", reference));
  }
  const start = await beginOidcSignIn(connection.key, callback, await headers(), env());
  const jar = await cookies();
  for (const cookie of start.cookies) jar.set(cookie);
  redirect(start.location);
}

/** "Continue with single sign-on": the work email's connection. */
export const startSsoAction = publicAction(ssoEmailSchema, async (input): Promise<ActionState> => {
  const values = { email: input.email };
  const connection = await connectionForEmail(db(), input.email, env(), secret());
  if (!connection) return { status: "error", code: "NOT_FOUND", message: SSO_ERRORS.unknown_domain.text, values };
  return startAt(connection, input.callbackUrl, values);
});

/** "Sign in with {name}": the instance's connection, when it takes every email domain. */
export const startInstanceSsoAction = publicAction(instanceSchema, async (input): Promise<ActionState> => {
  const connection = await loadInstanceConnection(db(), env());
  if (!connection) return { status: "error", code: "NOT_FOUND", message: SSO_ERRORS.connection_disabled.text };
  return startAt(connection, input.callbackUrl, {});
});
