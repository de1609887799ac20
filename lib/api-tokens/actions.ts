"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { apiTokenPolicySchema, createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { createApiToken, revokeApiToken, revokeOwnApiToken, updateApiTokenPolicy } from "@/lib/api-tokens/mutations";

const tokensPath = (slug: string) => `/${slug}/settings/api-tokens`;

export const createApiTokenAction = orgAction("api_tokens:manage", createApiTokenSchema, async (ctx, input) => {
  const created = await createApiToken(ctx, input);
  revalidatePath(tokensPath(ctx.organisationSlug));
  return {
    status: "success",
    message: "Token created. Copy it now: it is shown only once.",
    data: { token: created.token, name: created.name, role: created.role, expiresAt: created.expiresAt.toISOString() },
  };
});

export const revokeApiTokenAction = orgAction("api_tokens:manage", revokeApiTokenSchema, async (ctx, input) => {
  await revokeApiToken(ctx, input.tokenId);
  revalidatePath(tokensPath(ctx.organisationSlug));
  return { status: "success", message: "Token revoked." };
});

export const revokeOwnApiTokenAction = orgAction("api_tokens:own", revokeApiTokenSchema, async (ctx, input) => {
  await revokeOwnApiToken(ctx, input.tokenId);
  revalidatePath(tokensPath(ctx.organisationSlug));
  return { status: "success", message: "Token revoked." };
});

export const updateApiTokenPolicyAction = orgAction("api_tokens:manage", apiTokenPolicySchema, async (ctx, input) => {
  await updateApiTokenPolicy(ctx, input);
  revalidatePath(tokensPath(ctx.organisationSlug));
  return { status: "success", message: "Token lifetimes saved. They apply to tokens created from now on." };
});
