import { z } from "zod";

/** The lifetimes a partner chooses from for a practice API token, in days; every token expires. */
export const PRACTICE_TOKEN_LIFETIMES = [7, 30, 90, 180, 365] as const;
export const PRACTICE_TOKEN_DEFAULT_DAYS = 90;

export const createPracticeApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Enter a name, e.g. what will use the token").max(80, "Use at most 80 characters"),
  expiresInDays: z.coerce
    .number({ message: "Choose how long the token lives" })
    .refine((d) => (PRACTICE_TOKEN_LIFETIMES as readonly number[]).includes(d), { message: `Choose one of ${PRACTICE_TOKEN_LIFETIMES.join(", ")} days` }),
});

export const revokePracticeApiTokenSchema = z.object({ tokenId: z.uuid() });

export type CreatePracticeApiTokenInput = z.infer<typeof createPracticeApiTokenSchema>;
