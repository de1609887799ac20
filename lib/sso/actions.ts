"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import {
  addSsoDomain,
  deleteSsoConnection,
  refreshSamlMetadata,
  removeSsoDomain,
  saveSsoConnection,
  setSsoRequired,
  verifySsoDomain,
} from "@/lib/sso/mutations";
import { createScimToken, revokeScimToken } from "@/lib/scim/tokens";
import {
  addSsoDomainSchema,
  createScimTokenSchema,
  deleteSsoConnectionSchema,
  refreshSamlMetadataSchema,
  revokeScimTokenSchema,
  setSsoRequiredSchema,
  ssoConnectionSchema,
  ssoDomainIdSchema,
} from "@/lib/sso/schemas";

// The single sign-on settings' forms (decision 049). orgAction checks the session and the
// "sso:manage" permission again for every call: the page that rendered the form is no guard.

const ssoPath = (slug: string) => `/${slug}/settings/sso`;

export const saveSsoConnectionAction = orgAction("sso:manage", ssoConnectionSchema, async (ctx, input) => {
  const saved = await saveSsoConnection(ctx, input);
  revalidatePath(ssoPath(ctx.organisationSlug));
  return { status: "success", message: input.version === null ? "Connection created." : "Connection saved.", data: saved };
});

export const refreshSamlMetadataAction = orgAction("sso:manage", refreshSamlMetadataSchema, async (ctx) => {
  const refreshed = await refreshSamlMetadata(ctx);
  revalidatePath(ssoPath(ctx.organisationSlug));
  return { status: "success", message: `Metadata read again: ${refreshed.certificates} signing ${refreshed.certificates === 1 ? "certificate" : "certificates"}.` };
});

export const deleteSsoConnectionAction = orgAction("sso:manage", deleteSsoConnectionSchema, async (ctx, input) => {
  await deleteSsoConnection(ctx, input.version);
  revalidatePath(ssoPath(ctx.organisationSlug));
  return { status: "success", message: "Connection deleted." };
});

export const addSsoDomainAction = orgAction("sso:manage", addSsoDomainSchema, async (ctx, input) => {
  const added = await addSsoDomain(ctx, input.domain);
  revalidatePath(ssoPath(ctx.organisationSlug));
  return { status: "success", message: `${added.domain} added. Create its TXT record, then verify it.` };
});

/** A miss is answered as an error (with what was found), so that the form shows it as one; the check's time is kept either way. */
export const verifySsoDomainAction = orgAction("sso:manage", ssoDomainIdSchema, async (ctx, input) => {
  const check = await verifySsoDomain(ctx, input.domainId);
  revalidatePath(ssoPath(ctx.organisationSlug));
  if (!check.verified) return { status: "error", code: "NOT_VERIFIED", message: check.message };
  return { status: "success", message: check.message };
});

export const removeSsoDomainAction = orgAction("sso:manage", ssoDomainIdSchema, async (ctx, input) => {
  await removeSsoDomain(ctx, input.domainId);
  revalidatePath(ssoPath(ctx.organisationSlug));
  return { status: "success", message: "Domain removed." };
});

export const setSsoRequiredAction = orgAction("sso:manage", setSsoRequiredSchema, async (ctx, input) => {
  const result = await setSsoRequired(ctx, input);
  revalidatePath(ssoPath(ctx.organisationSlug));
  if (!result.required) return { status: "success", message: "Single sign-on is no longer required: members may sign in with a password again." };
  const ended = result.sessionsEnded === 1 ? "1 password session was ended" : `${result.sessionsEnded} password sessions were ended`;
  return { status: "success", message: `Single sign-on is now required. ${ended}.` };
});

export const createScimTokenAction = orgAction("sso:manage", createScimTokenSchema, async (ctx, input) => {
  const created = await createScimToken(ctx, input);
  revalidatePath(ssoPath(ctx.organisationSlug));
  return { status: "success", message: "SCIM token created. Copy it now: it is shown only once.", data: { token: created.token, name: created.name } };
});

export const revokeScimTokenAction = orgAction("sso:manage", revokeScimTokenSchema, async (ctx, input) => {
  await revokeScimToken(ctx, input.tokenId);
  revalidatePath(ssoPath(ctx.organisationSlug));
  return { status: "success", message: "SCIM token revoked." };
});
