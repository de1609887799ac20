"use server";
import { revalidatePath } from "next/cache";
import { practiceAction } from "@/lib/actions";
import { createPracticeApiTokenSchema, revokePracticeApiTokenSchema } from "@/lib/practices/api-token-schemas";
import { createPracticeApiToken, revokePracticeApiToken } from "@/lib/practices/api-token-mutations";

const tokensPath = (slug: string) => `/practices/${slug}/settings/api-tokens`;

export const createPracticeApiTokenAction = practiceAction("practice:manage", createPracticeApiTokenSchema, async (ctx, input) => {
  const created = await createPracticeApiToken(ctx, input);
  revalidatePath(tokensPath(ctx.practiceSlug));
  return { status: "success", message: "Token created. Copy it now: it is shown only once.", data: { token: created.token, name: created.name, expiresAt: created.expiresAt.toISOString() } };
});

export const revokePracticeApiTokenAction = practiceAction("practice:manage", revokePracticeApiTokenSchema, async (ctx, input) => {
  await revokePracticeApiToken(ctx, input.tokenId);
  revalidatePath(tokensPath(ctx.practiceSlug));
  return { status: "success", message: "Token revoked." };
});
