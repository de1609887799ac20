import { z } from "zod";
import { countryCodeSchema } from "@/lib/countries";

// Shared by the forms (field errors in the browser) and the server actions (the guard).

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address" }));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
});

export const newPasswordSchema = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(200, "Use at most 200 characters");

export const accountSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(120, "Use at most 120 characters"),
  email: emailSchema,
  password: newPasswordSchema,
});

export const organisationSchema = z.object({
  name: z.string().trim().min(2, "Enter the organisation's name").max(120, "Use at most 120 characters"),
  hqCountry: countryCodeSchema,
  sector: z.string().trim().min(2, "Enter a sector").max(80, "Use at most 80 characters"),
});

/** First run: the first account and its organisation together (flat, as the form sends it). */
export const setupSchema = accountSchema.extend({
  organisationName: organisationSchema.shape.name,
  hqCountry: organisationSchema.shape.hqCountry,
  sector: organisationSchema.shape.sector,
});

export type SignInInput = z.infer<typeof signInSchema>;
