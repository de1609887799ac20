import { z } from "zod";
import { roleSchema } from "@/lib/members/schemas";
import { DEFAULT_TOKEN_POLICY, TOKEN_LIFETIME_CEILING_DAYS } from "./lifetime";

export { DEFAULT_TOKEN_POLICY, TOKEN_LIFETIME_CEILING_DAYS };

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const days = (what: string) =>
  z.coerce
    .number({ message: `Enter ${what} in days` })
    .int("Enter a whole number of days")
    .min(1, "At least 1 day")
    .max(TOKEN_LIFETIME_CEILING_DAYS, `At most ${TOKEN_LIFETIME_CEILING_DAYS} days`);

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Enter a name, e.g. what will use the token").max(80, "Use at most 80 characters"),
  role: roleSchema,
  /** Absent: the organisation's default lifetime. Above the organisation's maximum: refused by the mutation. */
  expiresInDays: z.preprocess(blankToUndefined, days("a lifetime").optional()),
});

export const revokeApiTokenSchema = z.object({ tokenId: z.uuid() });

/** The organisation's token lifetimes: a default within a maximum, both within the ceiling. */
export const apiTokenPolicySchema = z
  .object({
    defaultDays: days("the default lifetime"),
    maxDays: days("the maximum lifetime"),
  })
  .refine((p) => p.defaultDays <= p.maxDays, { path: ["defaultDays"], message: "The default cannot be longer than the maximum" });

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
export type ApiTokenPolicy = z.infer<typeof apiTokenPolicySchema>;
