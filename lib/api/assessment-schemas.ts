import { z } from "zod";
import { orgParamsSchema, requestComponents, responseComponents } from "@/lib/api/schemas";
import { assessmentAsOfSchema, assessmentNoteSchema } from "@/lib/assessments/schemas";
import { INPUT_SECTIONS } from "@/lib/assessments/input-diff";
import { RATINGS } from "@/scoring/ratings";
import { DIMENSIONS } from "@/scoring/options";

// The public API's assessment schemas (lib/api/assessment-operations.ts).

export const assessmentParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The assessment's id" }) });

export const freezeAssessmentBodySchema = z
  .object({
    asOf: assessmentAsOfSchema.optional().meta({ description: "Score against the policy events in force on this day (default: today, UTC; never in the future)" }),
    note: assessmentNoteSchema.optional().meta({ description: "A short note, e.g. the board meeting it is for" }),
  })
  .register(requestComponents, { id: "AssessmentFreeze" });

export const compareAssessmentsQuerySchema = z.object({
  a: z.uuid("Expected an assessment id").meta({ description: "The earlier assessment (before)" }),
  b: z.uuid("Expected an assessment id").meta({ description: "The later assessment (after)" }),
});

const ratingSchema = z.enum(RATINGS);

export const assessmentSummarySchema = z
  .object({
    id: z.uuid(),
    asOf: z.iso.date().meta({ description: "The day whose policy landscape it was scored against" }),
    createdAt: z.iso.datetime().meta({ description: "When it was frozen" }),
    score: z.number().min(0).max(100),
    rating: ratingSchema,
    methodologyVersion: z.string(),
    inputsHash: z.string().meta({ description: "sha256 of the canonical (key-sorted) inventory document that was scored" }),
    createdBy: z.object({ name: z.string(), email: z.string() }).nullable().meta({ description: "Who froze it (null once that account is gone)" }),
  })
  .register(responseComponents, { id: "AssessmentSummary" });

export const assessmentListSchema = z.object({ items: z.array(assessmentSummarySchema).meta({ description: "Newest first" }) });

export const assessmentSchema = assessmentSummarySchema
  .extend({
    inputs: z.record(z.string(), z.unknown()).meta({ description: "The inventory document as it was frozen (the format of the import and export)" }),
    landscape: z
      .object({
        catalogueEvents: z.array(z.record(z.string(), z.unknown())).meta({ description: "The catalogue's policy events at freezing time (the document's own events are in inputs)" }),
        active: z.array(z.object({ key: z.string(), title: z.string(), type: z.string(), effectiveDate: z.string() })).meta({ description: "The events that were in force" }),
      })
      .meta({ description: "Enough of the policy landscape to re-score the inputs without today's catalogue" }),
    results: z.record(z.string(), z.unknown()).meta({ description: "The engine's full result (organisation, vendors, systems, dependencies, findings, each with factors), plus skippedDataFlows and note" }),
  })
  .register(responseComponents, { id: "Assessment" });

const factorChangeSchema = z.object({ id: z.string(), before: z.number(), after: z.number(), delta: z.number(), sentenceBefore: z.string(), sentenceAfter: z.string() });

const entityDeltaSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    status: z.enum(["added", "removed", "changed", "unchanged"]),
    before: z.number().nullable(),
    after: z.number().nullable(),
    delta: z.number().nullable(),
    ratingBefore: ratingSchema.nullable(),
    ratingAfter: ratingSchema.nullable(),
    factors: z.array(factorChangeSchema).meta({ description: "The factors that moved, largest first" }),
  })
  .register(responseComponents, { id: "AssessmentEntityDelta" });

const eventChangeSchema = z.object({
  key: z.string(),
  title: z.string(),
  effectiveDate: z.iso.date(),
  dateEstimated: z.boolean().meta({ description: "No source gives the date: it is a dated reading" }),
});

export const assessmentComparisonSchema = z
  .object({
    before: assessmentSummarySchema,
    after: assessmentSummarySchema,
    organisation: z.object({ before: z.number(), after: z.number(), delta: z.number(), ratingBefore: ratingSchema, ratingAfter: ratingSchema, factors: z.array(factorChangeSchema) }),
    dimensions: z.array(z.object({ dimension: z.enum(DIMENSIONS), before: z.number(), after: z.number(), delta: z.number() })),
    vendors: z.array(entityDeltaSchema),
    systems: z.array(entityDeltaSchema),
    landscape: z
      .object({
        imposed: z.array(eventChangeSchema).meta({ description: "In force in the later assessment only" }),
        lifted: z.array(eventChangeSchema.extend({ endedBy: eventChangeSchema.optional(), expired: z.iso.date().optional() })).meta({ description: "In force in the earlier assessment only, with the lift that ended it or the day it expired" }),
        partlyLifted: z.array(eventChangeSchema.extend({ lifts: z.array(eventChangeSchema) })).meta({ description: "In force in both; the later one's partial lifts free some countries" }),
      })
      .meta({ description: "The policy events that changed between the two assessments" }),
    inputs: z
      .array(
        z.object({
          section: z.enum(INPUT_SECTIONS),
          key: z.string(),
          label: z.string(),
          change: z.enum(["added", "removed", "changed"]),
          fields: z.array(
            z.object({
              field: z.string().meta({ description: "The document's field, a dotted path for a nested one (exitPlan.documented)" }),
              label: z.string().meta({ description: "The field as the forms name it" }),
              before: z.unknown(),
              after: z.unknown(),
              beforeText: z.string().nullable().meta({ description: "The value before, in words, with names for keys (null: too rich for one line, e.g. a policy's scope)" }),
              afterText: z.string().nullable().meta({ description: "The value after, in words (null: too rich for one line)" }),
            }),
          ),
          description: z.string().meta({ description: "The change in one readable line" }),
        }),
      )
      .meta({ description: "The inventory rows that changed between the two frozen documents, matched by natural keys" }),
    methodology: z.object({ before: z.string(), after: z.string(), changed: z.boolean() }),
    asOfChanged: z.boolean(),
  })
  .register(responseComponents, { id: "AssessmentComparison" });
