import "server-only";
import { randomInt } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// What went wrong at a single sign-on, in words the person (and their IT) can act on, with a
// reference that is logged and kept for the organisation's owners (decision 049).

export const SSO_ERRORS = {
  unknown_domain: {
    title: "No single sign-on for this email",
    text: "No organisation in Sovra signs in people with this email's domain through single sign-on. Check the address, or sign in with your password.",
  },
  domain_not_verified: {
    title: "Email domain not verified",
    text: "Your identity provider signed you in with an email whose domain this organisation has not verified. An owner verifies the domain in Settings → Single sign-on (a DNS TXT record).",
  },
  missing_email: {
    title: "Your identity provider sent no email address",
    text: "Sovra identifies people by email. Ask your IT to release the email claim (OIDC: the \"email\" scope; SAML: the NameID as an email address, or an \"email\" attribute).",
  },
  no_role: {
    title: "No access to this organisation",
    text: "None of your groups at your identity provider gives a role in this organisation, and it lets in nobody without one. Ask your IT to add you to a group mapped in Sovra.",
  },
  clock_skew: {
    title: "The clocks disagree",
    text: "The sign-in was issued for a time that this server's clock does not accept (issued in the future or already expired). Check the time on your identity provider's and Sovra's servers (NTP).",
  },
  unsigned_assertion: {
    title: "The SAML response was not signed",
    text: "Sovra only accepts SAML assertions signed by your identity provider. Turn on assertion signing (\"Sign assertion\" or \"Sign response and assertion\") in the IdP's settings for Sovra.",
  },
  bad_signature: {
    title: "The signature did not match",
    text: "The response was signed with a certificate this organisation has not registered. If the IdP's certificate was renewed, refresh its metadata in Settings → Single sign-on.",
  },
  wrong_audience: {
    title: "The response was meant for another application",
    text: "The identity provider addressed its response to a different application or address. Check the Entity ID / audience and the reply (ACS or redirect) URL configured for Sovra at the IdP.",
  },
  redirect_uri: {
    title: "Wrong redirect URI",
    text: "The identity provider refused the redirect URI. Register exactly the redirect URI shown in Settings → Single sign-on at the IdP; behind a reverse proxy, set SOVRA_PUBLIC_URL to the address people use.",
  },
  unsolicited: {
    title: "Unrequested sign-in refused",
    text: "This organisation does not accept sign-ins started at the identity provider. Start from Sovra's sign-in page instead.",
  },
  replayed: {
    title: "This sign-in was already used",
    text: "The identity provider's response was used before, or answers a request that has expired. Start again from the sign-in page.",
  },
  idp_error: {
    title: "Your identity provider refused the sign-in",
    text: "The identity provider answered with an error instead of signing you in. Its message is kept under the reference below for your IT.",
  },
  connection_disabled: {
    title: "Single sign-on is switched off",
    text: "This organisation's single sign-on connection is switched off or incomplete. Ask its owner to check Settings → Single sign-on.",
  },
  configuration: {
    title: "Single sign-on is not set up correctly",
    text: "Sovra could not talk to the identity provider as configured (issuer, client id or secret, metadata). The reference below tells your IT what went wrong.",
  },
} as const;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

export function isSsoErrorCode(value: unknown): value is SsoErrorCode {
  return typeof value === "string" && Object.hasOwn(SSO_ERRORS, value);
}

/** A sign-in refused for a reason the person or their IT can fix. */
export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly detail: string,
    readonly organisationId: string | null = null,
    readonly email: string | null = null,
  ) {
    super(`${code}: ${detail}`);
    this.name = "SsoError";
  }
}

// No 0/O, 1/I/L: read over the phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** "SSO-7KQ2M9" */
export function newReference(): string {
  let out = "";
  for (let i = 0; i < 6; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return `SSO-${out}`;
}

/**
 * Logs a failed sign-in (one JSON line) and keeps it for the organisation's owners; returns the
 * reference to show. Never throws: a failure to record must not hide the error page.
 */
export async function recordSsoError(prisma: PrismaClient, error: SsoError): Promise<string> {
  const reference = newReference();
  const detail = error.detail.slice(0, 2_000);
  console.error(JSON.stringify({ level: "warn", event: "sso_error", reference, code: error.code, organisationId: error.organisationId, detail }));
  await prisma.ssoLoginError
    .create({ data: { reference, code: error.code, detail, organisationId: error.organisationId, email: error.email?.slice(0, 320) ?? null } })
    .catch(() => undefined);
  return reference;
}

/** The page that explains an error: /sign-in/sso-error?code=…&ref=… */
export function ssoErrorPath(code: SsoErrorCode, reference: string): string {
  return `/sign-in/sso-error?${new URLSearchParams({ code, ref: reference })}`;
}
