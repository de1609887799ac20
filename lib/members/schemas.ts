import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { emailSchema } from "@/lib/auth/schemas";

export const roleSchema = z.enum(ROLES, { message: "Choose a role" });

export const createInvitationSchema = z.object({
  role: roleSchema,
  email: z.union([z.literal(""), emailSchema]).optional().transform((v) => v || undefined),
});

export const changeRoleSchema = z.object({
  membershipId: z.uuid(),
  role: roleSchema,
  version: z.coerce.number().int().positive(),
});

/** Marks an owner as a break-glass account (keeps a password when single sign-on is required) or unmarks them. */
export const setBreakGlassSchema = z.object({
  membershipId: z.uuid(),
  breakGlass: z.enum(["true", "false"]).transform((v) => v === "true"),
  version: z.coerce.number().int().positive(),
});

export const removeMemberSchema = z.object({ membershipId: z.uuid() });
export const createPasswordResetSchema = z.object({ membershipId: z.uuid() });
export const revokeInvitationSchema = z.object({ invitationId: z.uuid() });
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid");

export const INVITATION_TTL_DAYS = 7;
/** A password reset link works for a day: long enough to pass on, short enough not to linger in a chat. */
export const PASSWORD_RESET_TTL_HOURS = 24;
