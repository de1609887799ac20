import { z } from "zod";
import { accountSchema, emailSchema } from "@/lib/auth/schemas";
import { PRACTICE_ROLES } from "@/lib/auth/practice-permissions";
import { INVITATION_TTL_DAYS, invitationTokenSchema } from "@/lib/members/schemas";

// Invitation links to a practice (issue 15), shared by the forms and the server actions. The link
// itself is the organisation's kind: a 256-bit token, checked by the same pattern.

/** A practice invitation works as long as an organisation's: a week. */
export const PRACTICE_INVITATION_TTL_DAYS = INVITATION_TTL_DAYS;

export const createPracticeInvitationSchema = z.object({
  role: z.enum(PRACTICE_ROLES, { message: "Choose a role" }),
  email: z.union([z.literal(""), emailSchema]).optional().transform((v) => v || undefined),
});

export const revokePracticeInvitationSchema = z.object({ invitationId: z.uuid({ message: "Not a valid reference" }) });

export const practiceInvitationTokenSchema = invitationTokenSchema;

export const acceptPracticeInvitationSchema = z.object({ token: practiceInvitationTokenSchema });

export const acceptPracticeInvitationWithAccountSchema = accountSchema.extend({ token: practiceInvitationTokenSchema });

export type CreatePracticeInvitationInput = z.infer<typeof createPracticeInvitationSchema>;
