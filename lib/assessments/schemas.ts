import { z } from "zod";
import { multiLineText } from "@/lib/text";

const today = () => new Date().toISOString().slice(0, 10);

/** An empty form field counts as not sent. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Freezing an assessment: optionally the day whose policy landscape to score against (default
 * today, never in the future: an assessment records what was known) and a short note.
 */
export const assessmentAsOfSchema = z.iso.date("Enter a date as YYYY-MM-DD").refine((d) => d <= today(), "An assessment cannot be dated in the future");
export const assessmentNoteSchema = z.string().trim().max(500, "Use at most 500 characters").superRefine(multiLineText);

/** The form's version: empty fields are not sent. The API uses the same two field schemas (lib/api/assessment-schemas.ts). */
export const freezeAssessmentSchema = z.object({
  asOf: z.preprocess(blankToUndefined, assessmentAsOfSchema.optional()),
  note: z.preprocess(blankToUndefined, assessmentNoteSchema.optional()),
});

export type FreezeAssessmentInput = z.infer<typeof freezeAssessmentSchema>;

/** Two assessments to compare (the compare page's URL query and the API's). */
export const compareAssessmentsSchema = z.object({
  a: z.uuid("Choose an assessment"),
  b: z.uuid("Choose an assessment"),
});
