import { z } from "zod";
import { checkbox, optionalText } from "@/lib/form-fields";
import { singleLineText } from "@/lib/text";
import { ANNEX_III_AREA_KEYS } from "@/lib/ai-act-registrations/annex-viii";
import type { Paper } from "@/lib/reports/print-token";

// One schema for the registration form and its action (decision 046). Every answer may stay
// empty: an empty field is what the registration still lacks, flagged, not refused; saving a
// half-filled registration is the point. The columns hold "" for empty, never null.

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** Optional text that is stored as "" when blank. */
const answer = (max: number, lines: "single-line" | "multi-line") => optionalText(max, lines).transform((v) => v ?? "");

/**
 * The provider's entry in the EU database: an https address, of whichever host the Commission runs
 * it on (not hard-coded: the database's address is the Commission's to choose). Blank is "".
 */
const providerEntryUrl = z
  .preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(2000, "Use at most 2000 characters")
      .superRefine(singleLineText)
      .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, message: "Enter the address of the provider's entry in the EU database, starting with https://" }))
      .optional(),
  )
  .transform((v) => v ?? "");

export const annexIIIAreaSchema = z
  .preprocess(blankToUndefined, z.enum(ANNEX_III_AREA_KEYS, { message: "Choose one of the eight Annex III areas, or leave it not recorded" }).optional())
  .transform((v) => v ?? null);

/** The version the form was filled from: blank when there was no registration yet (the first save creates it). */
const versionRead = z
  .preprocess(blankToUndefined, z.coerce.number().int().positive().optional())
  .transform((v) => v ?? null);

export const registrationFields = {
  annexIIIArea: annexIIIAreaSchema,
  deployerName: answer(200, "single-line"),
  deployerAddress: answer(500, "multi-line"),
  deployerContact: answer(500, "multi-line"),
  submitterName: answer(200, "single-line"),
  submitterAddress: answer(500, "multi-line"),
  submitterContact: answer(500, "multi-line"),
  providerEuDatabaseUrl: providerEntryUrl,
  friaSummary: answer(5000, "multi-line"),
  dpiaSummary: answer(5000, "multi-line"),
  dpiaNotApplicable: checkbox,
};

export const aiActRegistrationSchema = z
  .object({ aiSystemId: z.uuid(), version: versionRead, ...registrationFields })
  .superRefine((v, ctx) => {
    // Both at once would leave the form saying two things; the PDF could show only one.
    if (v.dpiaNotApplicable && v.dpiaSummary !== "")
      ctx.addIssue({ code: "custom", path: ["dpiaSummary"], message: "Clear the summary, or untick \"No data protection impact assessment applies\"" });
  });

export type AiActRegistrationInput = z.infer<typeof aiActRegistrationSchema>;
export type AiActRegistrationChanges = Omit<AiActRegistrationInput, "aiSystemId" | "version">;

/** The pack's download options (the Reports page's route and the API's): one AI system's form or all, and the paper. */
export const registrationPackQuerySchema = z.object({
  aiSystemId: z.uuid({ error: "aiSystemId must be an AI system's id (a UUID)." }).optional().meta({ description: "One AI system's form; every registration of the organisation when absent" }),
  paper: z
    .enum(["a4", "letter"] as const satisfies readonly Paper[], { error: "paper must be a4 or letter." })
    .default("a4")
    .meta({ description: "The PDF's paper: a4 (default) or letter" }),
});
