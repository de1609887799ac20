"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";

const tokensPath = (slug: string) => `/${slug}/settings/api-tokens`;

export const createApiTokenAction = orgAction("api_tokens:manage", createApiTokenSchema, async (ctx, input) => {
  const created = await createApiToken(ctx, input);
  revalidatePath(tokensPath(ctx.organisationSlug));
  return { status: "success", message: "Token created. Copy it now: it is shown only once.", data: { token: created.token, name: created.name, role: created.role } };
});

export const revokeApiTokenAction = orgAction("api_tokens:manage", revokeApiTokenSchema, async (ctx, input) => {
  await revokeApiToken(ctx, input.tokenId);
  revalidatePath(tokensPath(ctx.organisationSlug));
  return { status: "success", message: "Token revoked." };
});
