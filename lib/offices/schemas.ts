import { z } from "zod";
import { singleLineText } from "@/lib/text";
import { countryCodeSchema } from "@/lib/countries";

const teamsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(60, "A team name has at most 60 characters").superRefine(singleLineText)).max(50, "At most 50 teams"))
  .transform((teams) => [...new Set(teams)]);

export const officeSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  country: countryCodeSchema,
  city: z.string().trim().min(1, "Enter a city").max(120, "Use at most 120 characters").superRefine(singleLineText),
  headcount: z.coerce.number({ message: "Enter a number" }).int("Enter a whole number").min(0, "Cannot be negative").max(1_000_000, "At most 1,000,000"),
  teams: teamsSchema.default([]),
});

export const updateOfficeSchema = officeSchema.extend({
  id: z.uuid(),
  version: z.coerce.number().int().positive(),
});

export const deleteOfficeSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().positive() });

export type OfficeInput = z.infer<typeof officeSchema>;
