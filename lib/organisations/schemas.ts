import { z } from "zod";
import { organisationSchema } from "@/lib/auth/schemas";

export { organisationSchema };

/** Regimes an organisation can be under, keyed as the inventory document names them. */
export const REGIMES = {
  "eu-ai-act": "EU AI Act",
  dora: "DORA",
  gdpr: "GDPR",
  "uk-gdpr": "UK GDPR",
  nis2: "NIS2",
} as const satisfies Record<(typeof import("@/scoring/schema/inventory").REGIMES)[number], string>;

export const updateOrganisationSchema = organisationSchema.extend({
  regimes: z.array(z.enum(Object.keys(REGIMES) as [keyof typeof REGIMES, ...(keyof typeof REGIMES)[]])).default([]),
  version: z.coerce.number().int().positive(),
});

export type OrganisationInput = z.infer<typeof organisationSchema>;
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationSchema>;

/**
 * A URL-safe slug from an organisation's name.
 * @example slugify("Mainfeld Maschinenbau AG") // "mainfeld-maschinenbau-ag"
 */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return slug || "organisation";
}

/** Slugs that would shadow the app's own routes. */
export const RESERVED_SLUGS = new Set(["api", "sign-in", "sign-out", "setup", "invite", "practice-invite", "organisations", "practices", "print", "q", "_next", "favicon.ico"]);
