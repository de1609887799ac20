import { z } from "zod";
import { officeSchema } from "@/lib/offices/schemas";
import { inventoryDocumentSchema } from "@/scoring/schema/inventory";
import { RATINGS } from "@/scoring/ratings";
import { DIMENSIONS } from "@/scoring/options";
import { IMPORT_ENTITY_TYPES } from "@/lib/inventory/import-plan";
import { apiErrorSchema } from "@/lib/api/errors";

// The public API's request and response schemas. Route handlers validate with them and
// lib/api/openapi.ts describes the API from them, so the description cannot drift from the code.
// Components are named in two registries: request bodies are described as they may be sent
// (zod "input"), responses as they are sent ("output").

type ComponentMeta = { id: string };
export const requestComponents = z.registry<ComponentMeta>();
export const responseComponents = z.registry<ComponentMeta>();

// ---- shared ------------------------------------------------------------------------------

export const MAX_PAGE_SIZE = 200;

export const orgParamsSchema = z.object({ org: z.string().min(1).meta({ description: "The organisation's slug, as in the app's URLs" }) });
export const officeParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The office's id" }) });

export const pageQuerySchema = z.object({
  page: z.coerce.number("Expected a page number").int("Expected a whole number").min(1, "Pages start at 1").max(100_000, "At most 100,000").default(1),
  size: z.coerce.number("Expected a page size").int("Expected a whole number").min(1, "At least 1").max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE}`).default(50),
});

/** No query parameters: one sent anyway (a misspelt or hoped-for filter) is refused with 422, not silently ignored. */
export const noQuerySchema = z.strictObject({});

const versionSchema = z.number("Send the version you read").int().positive().meta({ description: "The version you read; a newer one on the server answers 409 with the current row" });

apiErrorSchema.register(responseComponents, { id: "Error" });

// ---- offices -----------------------------------------------------------------------------

// The office form coerces its text inputs, so `null` or `true` would become a headcount of 0 or 1.
// A JSON body must send a number; the form schema's own rules then apply as they are.
const headcountSchema = z
  .number("Enter a number")
  .int("Enter a whole number")
  .min(0, "Cannot be negative")
  .max(1_000_000, "At most 1,000,000")
  // The form schema's input type is `unknown` (it coerces); here it only ever receives a number.
  .pipe(officeSchema.shape.headcount as z.ZodCoercedNumber<number>);

/** A new office: the app's own office form schema, JSON-typed, refusing fields it does not know. */
export const officeCreateSchema = z.strictObject({ ...officeSchema.shape, headcount: headcountSchema }).register(requestComponents, { id: "OfficeCreate" });

/** Changes to an office: any of its fields, and the version they were made against. */
export const officeUpdateSchema = z
  .strictObject({
    ...officeSchema.partial().shape,
    // `.partial()` would keep the default of `teams` and so clear them whenever they are not sent.
    teams: officeSchema.shape.teams.unwrap().optional(),
    headcount: headcountSchema.optional(),
    version: versionSchema,
  })
  .register(requestComponents, { id: "OfficeUpdate" });

export const officeDeleteQuerySchema = z.object({
  version: z.coerce.number("Send ?version= with the version you read").int().positive().meta({ description: "The version you read" }),
});

export const officeResourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    country: z.string().length(2).meta({ description: "ISO 3166-1 alpha-2" }),
    city: z.string(),
    headcount: z.number().int().nonnegative(),
    teams: z.array(z.string()),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "Office" });

export const officePageSchema = z
  .object({
    items: z.array(officeResourceSchema),
    page: z.number().int().positive(),
    size: z.number().int().positive(),
    total: z.number().int().nonnegative().meta({ description: "Offices in the organisation, over all pages" }),
  })
  .register(responseComponents, { id: "OfficePage" });

// ---- inventory document -------------------------------------------------------------------

inventoryDocumentSchema.register(requestComponents, { id: "InventoryDocument" });

export const importQuerySchema = z.object({
  dryRun: z
    .enum(["true", "false"], 'Expected "true" or "false"')
    .default("false")
    .transform((v) => v === "true")
    .meta({ description: "true: only answer what the import would do" }),
});

const naturalRowSchema = z.record(z.string(), z.unknown());
const entityPlanSchema = z.object({
  create: z.array(z.object({ path: z.string(), label: z.string(), values: naturalRowSchema })),
  update: z.array(
    z.object({
      id: z.uuid(),
      version: z.number().int(),
      path: z.string(),
      label: z.string(),
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      before: naturalRowSchema,
      values: naturalRowSchema,
    }),
  ),
  unchanged: z.array(z.object({ id: z.uuid(), path: z.string(), label: z.string() })),
});

export const importResultSchema = z
  .object({
    applied: z.boolean().meta({ description: "false for a dry run" }),
    plan: z.object({
      entities: z.record(z.enum(IMPORT_ENTITY_TYPES), entityPlanSchema),
      notes: z.array(z.string()),
      totals: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
    }),
  })
  .register(responseComponents, { id: "ImportResult" });

// ---- scores ------------------------------------------------------------------------------

export const scoresQuerySchema = z.object({
  asOf: z.iso.date("Expected a date as YYYY-MM-DD").optional().meta({ description: "Score against the policy events in force on this day (default: today, UTC)" }),
});

const ratingSchema = z.enum(RATINGS);
const scoredFields = {
  score: z.number().min(0).max(100).meta({ description: "0-100, higher is more sovereign" }),
  rating: ratingSchema,
  profile: z.string().meta({ description: "One line: what the score rests on" }),
};

const vendorScoreSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    hqCountry: z.string(),
    ultimateParentCountry: z.string().nullable(),
    accessType: z.string(),
    accessPaths: z.array(z.string()),
    ...scoredFields,
    systemCount: z.number().int(),
    dependencyCount: z.number().int(),
  })
  .register(responseComponents, { id: "VendorScore" });

const findingSchema = z
  .object({
    system: z.string(),
    dependency: z.string(),
    factor: z.string(),
    pointsLost: z.number(),
    sentence: z.string(),
    sources: z.array(z.object({ kind: z.enum(["framework", "law", "policy-event", "method", "catalogue"]), ref: z.string(), title: z.string() })),
  })
  .register(responseComponents, { id: "Finding" });

export const scoresSchema = z
  .discriminatedUnion("ok", [
    z.object({
      ok: z.literal(true),
      asOf: z.iso.date(),
      methodologyVersion: z.string(),
      organisation: z.object({
        name: z.string(),
        ...scoredFields,
        dimensions: z.record(z.enum(DIMENSIONS), z.number()),
        systemCount: z.number().int(),
        dependencyCount: z.number().int(),
      }),
      vendors: z.array(vendorScoreSchema).meta({ description: "Vendors the organisation depends on, weakest first" }),
      findings: z.array(findingSchema).meta({ description: "The biggest point losses, each with the sentence that explains it" }),
      skippedDataFlows: z.number().int().meta({ description: "Data flows left out because they lack an origin office or a dependency" }),
    }),
    z.object({
      ok: z.literal(false),
      asOf: z.iso.date(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).meta({ description: "Why the inventory cannot be scored yet, by JSON path" }),
    }),
  ])
  .register(responseComponents, { id: "Scores" });
