import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { addPolicyEventTextIssues } from "@/lib/policy-events/schemas";
import { shockListSchema } from "@/lib/scenarios/schemas";
import { orgParamsSchema, requestComponents, responseComponents } from "@/lib/api/schemas";
import { imposeEventSchema, liftEventSchema, policyEventSchema } from "@/scoring/schema/policy-event";
import { countrySetSchema } from "@/scoring/schema/primitives";
import { shockSchema, type Shock } from "@/scoring/schema/scenario";
import type { ScenarioResult } from "@/scoring/scenario";

// The public API's policy event and scenario schemas. Policy events travel in the engine's own
// shape (scoring/schema/policy-event.ts, the inventory document's); scenario shocks too
// (scoring/schema/scenario.ts). The handlers then apply the same rules as the forms
// (lib/policy-events/schemas.ts, lib/scenarios/schemas.ts).

const versionSchema = z.number("Send the version you read").int().positive().meta({ description: "The version you read; a newer one on the server answers 409 with the current row" });
const isoDateTime = z.string().meta({ description: "ISO 8601 date and time (UTC)" });

export const deleteQuerySchema = z.object({ version: z.coerce.number("Send ?version= with the version you read").int().positive().meta({ description: "The version you read" }) });

// ---- policy events -------------------------------------------------------------------------

export const policyEventParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The own policy event's id" }) });

/** The engine's policy event (a new union object: the engine's own carries a global id that would not be a component here). */
// The engine's schemas, with the app's text rules on titles, sources and notes (lib/text.ts).
export const policyEventCreateSchema = z
  .discriminatedUnion("kind", [imposeEventSchema, liftEventSchema])
  .superRefine((event, ctx) => addPolicyEventTextIssues(event, ctx))
  .register(requestComponents, { id: "PolicyEventCreate" });
export const policyEventUpdateSchema = z
  .strictObject({ version: versionSchema, event: policyEventSchema })
  .superRefine((body, ctx) => addPolicyEventTextIssues(body.event, ctx, ["event"]))
  .register(requestComponents, { id: "PolicyEventUpdate" });

const changeSchema = z.object({ key: z.string(), name: z.string(), before: z.number(), after: z.number(), delta: z.number(), ratingBefore: z.string(), ratingAfter: z.string() });

export const policyEventImpactSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      asOf: z.string().meta({ description: "The day scored: today, or the event's effective date when later" }),
      organisation: changeSchema,
      landscape: z.object({ imposed: z.array(z.object({ key: z.string(), title: z.string() })), lifted: z.array(z.object({ key: z.string(), title: z.string() })) }),
      systems: z.array(changeSchema),
      vendors: z.array(changeSchema),
    }),
    z.object({ ok: z.literal(false), asOf: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })) }),
  ])
  .meta({ description: "What the change did to the organisation's scores" })
  .register(responseComponents, { id: "PolicyEventImpact" });

export const ownPolicyEventSchema = z.object({ id: z.uuid(), version: z.number().int().positive(), event: policyEventSchema }).register(responseComponents, { id: "OwnPolicyEvent" });

export const policyEventChangeSchema = z
  .object({ id: z.uuid(), version: z.number().int().positive(), event: policyEventSchema, impact: policyEventImpactSchema })
  .register(responseComponents, { id: "PolicyEventChange" });

export const policyEventDeletionSchema = z.object({ event: policyEventSchema, impact: policyEventImpactSchema }).register(responseComponents, { id: "PolicyEventDeletion" });

export const policyEventListSchema = z
  .object({
    items: z.array(
      z.object({
        origin: z.enum(["catalogue", "own"]),
        id: z.uuid().optional().meta({ description: "Own events only" }),
        version: z.number().int().positive().optional(),
        status: z
          .enum(["in-force", "lifted", "expired", "not-yet", "lift"])
          .meta({ description: "On today's date. An event that partial lifts narrowed is still in-force (it restricts everyone they did not free); partialLifts names them" }),
        liftedBy: z.string().optional().meta({ description: "For a lifted event: the lift's title (the partial lifts' titles when together they freed every country)" }),
        partialLifts: z
          .array(
            z.object({
              key: z.string(),
              title: z.string(),
              effectiveDate: z.iso.date(),
              dateEstimated: z.boolean().optional().meta({ description: "No source gives the date: it is an estimate" }),
              countries: countrySetSchema,
            }),
          )
          .optional()
          .meta({ description: "For an event in force: the partial lifts in force today that freed some countries, oldest first" }),
        correctedByOwn: z.boolean().optional().meta({ description: "A catalogue event replaced by an own event with its key" }),
        correctsCatalogue: z.boolean().optional(),
        event: policyEventSchema,
      }),
    ),
  })
  .register(responseComponents, { id: "PolicyEventList" });

// ---- scenarios -----------------------------------------------------------------------------

export const scenarioParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The scenario's id" }) });

const scenarioBodyShape = {
  name: z.string().superRefine(singleLineText).meta({ description: "Unique in the organisation" }),
  description: z.string().superRefine(multiLineText).optional(),
  asOf: z.iso.date().nullable().optional().meta({ description: "Landscape date to simulate against; null or absent: the day it runs" }),
  shocks: shockListSchema.meta({ description: "Simultaneous shocks, in the engine's scenario schema" }),
};

export const scenarioCreateSchema = z.strictObject(scenarioBodyShape).register(requestComponents, { id: "ScenarioCreate" });
export const scenarioUpdateSchema = z
  .strictObject({ name: scenarioBodyShape.name.optional(), description: scenarioBodyShape.description, asOf: scenarioBodyShape.asOf, shocks: scenarioBodyShape.shocks.optional(), version: versionSchema })
  .register(requestComponents, { id: "ScenarioUpdate" });

const scenarioResultSchema = z
  .looseObject({
    methodologyVersion: z.string(),
    asOf: z.string(),
    summary: z.string(),
    weightedImpactPercent: z.number(),
    systems: z.array(z.looseObject({ key: z.string(), name: z.string(), status: z.string(), affectedOffices: z.array(z.string()), recoveryHours: z.number().optional(), weightedImpact: z.number() })),
    offices: z.array(z.looseObject({ key: z.string(), name: z.string(), country: z.string(), systemsAffected: z.number() })),
    teams: z.array(z.string()),
    dataFlows: z.object({ count: z.number(), keys: z.array(z.string()) }),
    counts: z.looseObject({ systemsAffected: z.number() }),
    score: z.looseObject({ before: z.number(), after: z.number(), delta: z.number() }),
    unmatched: z.array(z.string()).optional().meta({ description: "Vendors, clouds and models the shocks name that the inventory does not have (not used, or renamed since the scenario was written)" }),
  })
  .meta({ description: "The blast radius: systems, offices, teams and data flows that lose service, recovery, impact, score before and after" })
  .register(responseComponents, { id: "ScenarioResult" });

export const scenarioResourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    asOf: z.string().nullable(),
    shocks: z.array(shockSchema),
    lastRunAt: isoDateTime.nullable(),
    lastResult: scenarioResultSchema.nullable(),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "Scenario" });

export const scenarioListSchema = z.object({ items: z.array(scenarioResourceSchema) }).register(responseComponents, { id: "ScenarioList" });

export const scenarioRunSchema = z.object({ id: z.uuid(), lastRunAt: isoDateTime, result: scenarioResultSchema }).register(responseComponents, { id: "ScenarioRun" });

type ApiScenarioResult = z.infer<typeof scenarioResultSchema>;

/** The engine's result as the API's type (an interface has no index signature; the response schema checks it at runtime). */
export const presentResult = (r: ScenarioResult) => r as unknown as ApiScenarioResult;

/** A saved scenario as the API answers it (dates as strings). */
export function presentScenario(s: { id: string; name: string; description: string; asOf: string | null; shocks: Shock[]; lastRunAt: Date | null; lastResult: ScenarioResult | null; version: number }) {
  return { id: s.id, name: s.name, description: s.description, asOf: s.asOf, shocks: s.shocks, lastRunAt: s.lastRunAt?.toISOString() ?? null, lastResult: s.lastResult ? presentResult(s.lastResult) : null, version: s.version };
}
