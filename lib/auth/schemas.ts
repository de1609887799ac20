import { z } from "zod";
import { countryCodeSchema } from "@/lib/countries";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { singleLineText } from "@/lib/text";

// Shared by the forms (field errors in the browser) and the server actions (the guard).

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address" }));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
});

// Length only: the rest of the policy (breached list, name and email, guessability) needs the
// person's details and ~1 MB of dictionaries, so the server checks it in the mutation
// (lib/auth/password-policy.ts) and the browser shows it in the strength meter as one types.
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`);

export const accountSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  email: emailSchema,
  password: newPasswordSchema,
});

export const organisationSchema = z.object({
  name: z.string().trim().min(2, "Enter the organisation's name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  hqCountry: countryCodeSchema,
  sector: z.string().trim().min(2, "Enter a sector").max(80, "Use at most 80 characters").superRefine(singleLineText),
});

/** First run: the first account and its organisation together (flat, as the form sends it). */
export const setupSchema = accountSchema.extend({
  organisationName: organisationSchema.shape.name,
  hqCountry: organisationSchema.shape.hqCountry,
  sector: organisationSchema.shape.sector,
});

export type SignInInput = z.infer<typeof signInSchema>;

/** A member changes their own password: the current one proves it is them. */
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(MAX_PASSWORD_LENGTH, "Password is too long"),
  newPassword: newPasswordSchema,
});

/** Someone holding a one-time reset link sets a new password. */
export const resetPasswordSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid"),
  newPassword: newPasswordSchema,
});
