import { z } from "zod";
import { organisationSchema } from "@/lib/auth/schemas";
import { leiProblem, normaliseLei } from "@/lib/exports/dora/lei";
import { REGIMES } from "./regimes";

export { REGIMES };

export { organisationSchema };

/**
 * The Legal Entity Identifier as typed: spaces dropped, upper-cased, checked with its ISO 17442
 * check digits; blank clears it (null). The DORA report package names the entity by it.
 */
export const leiSchema = z
  .string()
  .max(40, "An LEI has 20 characters")
  .transform(normaliseLei)
  .superRefine((lei, ctx) => {
    const problem = lei === "" ? null : leiProblem(lei);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((lei) => (lei === "" ? null : lei));

export const updateOrganisationSchema = organisationSchema.extend({
  /** Absent: left as it is (callers that do not show the field); blank: cleared. */
  lei: leiSchema.optional(),
  regimes: z.array(z.enum(Object.keys(REGIMES) as [keyof typeof REGIMES, ...(keyof typeof REGIMES)[]])).default([]),
  version: z.coerce.number().int().positive(),
});

export type OrganisationInput = z.infer<typeof organisationSchema>;
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationSchema>;

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A URL-safe slug from an organisation's name.
 * @example slugify("Mainfeld Maschinenbau AG") // "mainfeld-maschinenbau-ag"
 */
export function slugify(name: string): string {
  // NFKD and the dropped accents change nothing in plain ASCII, and are most of the cost: the
  // inventory document keys every row by a slug (500,000 at the largest tenants).
  const slug = (ASCII.test(name) ? name : name.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return slug || "organisation";
}

/** Slugs that would shadow the app's own routes. */
export const RESERVED_SLUGS = new Set(["api", "sign-in", "sign-out", "setup", "invite", "practice-invite", "organisations", "practices", "print", "q", "_next", "favicon.ico"]);
