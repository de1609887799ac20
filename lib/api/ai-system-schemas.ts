import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { aiSystemFields } from "@/lib/ai-systems/schemas";
import { cloudMatchesPath } from "@/lib/dependencies/schemas";
import { countryCodeSchema } from "@/lib/countries";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS, DATA_CATEGORY_LABELS } from "@/lib/labels";
import type { AccessPath, Criticality, DataCategory } from "@/lib/generated/prisma/enums";
import { orgParamsSchema, pageQuerySchema, requestComponents, responseComponents } from "@/lib/api/schemas";

// The public API's schemas for AI systems, their dependencies and the dependencies' fallbacks.
// Bodies are typed as JSON (a boolean is `true`, never "on"; a number is a number) and refuse
// fields they do not know; the app's own rules (trimming, lengths, a cloud exactly for cloud
// paths) are the forms' rules. Enum values are the app's: `direct_api`, `cloud_marketplace`, ...

const accessPaths = Object.keys(ACCESS_PATH_LABELS) as [AccessPath, ...AccessPath[]];
const dataCategories = Object.keys(DATA_CATEGORY_LABELS) as [DataCategory, ...DataCategory[]];
const criticalities = Object.keys(CRITICALITY_LABELS) as [Criticality, ...Criticality[]];

const versionSchema = z.number("Send the version you read").int().positive().meta({ description: "The version you read; a newer one on the server answers 409 with the current row" });
export const versionQuerySchema = z.object({
  version: z.coerce.number("Send ?version= with the version you read").int().positive().meta({ description: "The version you read" }),
});

const idParams = (what: string) => orgParamsSchema.extend({ id: z.uuid().meta({ description: `The ${what}'s id` }) });
export const aiSystemParamsSchema = idParams("AI system");
export const dependencyParamsSchema = idParams("dependency");
export const fallbackParamsSchema = idParams("fallback");

/** Optional text (lib/text.ts: one line, or notes): `null` or "" clears it. */
const nullableText = (max: number, lines: "single-line" | "multi-line") =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .superRefine(lines === "single-line" ? singleLineText : multiLineText)
    .nullable()
    .transform((v) => v || null);
/** Optional calendar date as YYYY-MM-DD; `null` clears it. */
const nullableDate = z
  .iso.date("Expected a date as YYYY-MM-DD")
  .nullable()
  .transform((v) => (v ? new Date(`${v}T00:00:00.000Z`) : null));
const nullableCountry = z.string("Expected an ISO 3166-1 alpha-2 code").pipe(countryCodeSchema).nullable().meta({ description: "ISO 3166-1 alpha-2" });
const wholeNumber = (max: number) => z.number("Enter a number").int("Enter a whole number").min(0, "Cannot be negative").max(max, `At most ${max.toLocaleString("en")}`);
const exitPlanUrl = z
  .string()
  .trim()
  .max(2000, "Use at most 2000 characters")
  .superRefine(singleLineText)
  .pipe(z.url({ protocol: /^https?$/, message: "Enter a web address starting with https:// or http://" }))
  .nullable();

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

// ---- AI systems --------------------------------------------------------------------------

const aiSystemBodyFields = {
  name: aiSystemFields.shape.name,
  description: z.string().trim().max(2000, "Use at most 2,000 characters").superRefine(multiLineText),
  owner: aiSystemFields.shape.owner,
  criticality: z.enum(criticalities, { message: "Choose a criticality" }),
  toleratedDowntimeMinutes: wholeNumber(60 * 24 * 365).meta({ description: "The longest outage the business tolerates (RTO), in minutes" }),
  usersServed: wholeNumber(100_000_000),
  officeIds: z.array(z.uuid("Expected an office id")).transform((ids) => [...new Set(ids)]).meta({ description: "The offices it serves" }),
  teams: z
    .array(z.string().trim().min(1, "Enter a team name").max(60, "A name has at most 60 characters").superRefine(singleLineText))
    .max(50, "At most 50 entries")
    .transform((t) => [...new Set(t)]),
};

export const aiSystemCreateSchema = z
  .strictObject({
    ...aiSystemBodyFields,
    description: aiSystemBodyFields.description.default(""),
    usersServed: aiSystemBodyFields.usersServed.default(0),
    officeIds: aiSystemBodyFields.officeIds.default([]),
    teams: aiSystemBodyFields.teams.default([]),
  })
  .register(requestComponents, { id: "AiSystemCreate" });

export const aiSystemUpdateSchema = z
  .strictObject({
    name: aiSystemBodyFields.name.optional(),
    description: aiSystemBodyFields.description.optional(),
    owner: aiSystemBodyFields.owner.optional(),
    criticality: aiSystemBodyFields.criticality.optional(),
    toleratedDowntimeMinutes: aiSystemBodyFields.toleratedDowntimeMinutes.optional(),
    usersServed: aiSystemBodyFields.usersServed.optional(),
    officeIds: aiSystemBodyFields.officeIds.optional(),
    teams: aiSystemBodyFields.teams.optional(),
    version: versionSchema,
  })
  .register(requestComponents, { id: "AiSystemUpdate" });

export const aiSystemResourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    criticality: z.enum(criticalities),
    toleratedDowntimeMinutes: z.number().int().nonnegative(),
    usersServed: z.number().int().nonnegative(),
    teams: z.array(z.string()),
    officeIds: z.array(z.uuid()),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "AiSystem" });

export const aiSystemPageSchema = z
  .object({ items: z.array(aiSystemResourceSchema), page: z.number().int().positive(), size: z.number().int().positive(), total: z.number().int().nonnegative() })
  .register(responseComponents, { id: "AiSystemPage" });

type AiSystemRow = z.input<typeof aiSystemResourceSchema>;
export const presentAiSystem = (s: AiSystemRow & Record<string, unknown>): AiSystemRow => ({
  id: s.id,
  name: s.name,
  description: s.description,
  owner: s.owner,
  criticality: s.criticality,
  toleratedDowntimeMinutes: s.toleratedDowntimeMinutes,
  usersServed: s.usersServed,
  teams: s.teams,
  officeIds: s.officeIds,
  version: s.version,
});

// ---- routes (what a dependency and a fallback share) -------------------------------------

const routeBodyFields = {
  modelId: z.uuid("Expected the id of one of your models"),
  accessPath: z.enum(accessPaths, { message: `Expected one of ${accessPaths.join(", ")}` }),
  cloudVendorId: z.uuid("Expected the id of one of your vendors").nullable().meta({ description: "The cloud operator (a vendor): required for cloud_marketplace and third_party_hosted (with hostingCountry), null otherwise" }),
  hostingCountry: nullableCountry,
  hostingRegion: nullableText(60, "single-line"),
};

/** The cloud rule on a whole row: a PATCH's merged result is checked with it too. */
export const routeRuleSchema = z.object({ accessPath: z.enum(accessPaths), cloudVendorId: z.string().nullable(), hostingCountry: z.string().nullable() }).superRefine(cloudMatchesPath);

const optionalAll = <T extends Record<string, z.ZodType>>(shape: T) => Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };

// ---- dependencies ------------------------------------------------------------------------

const dependencyBodyFields = {
  ...routeBodyFields,
  dataSent: z.array(z.enum(dataCategories, { message: `Expected one of ${dataCategories.join(", ")}` })).transform((c) => [...new Set(c)]),
  exitPlanDocumented: z.boolean("Expected true or false"),
  exitPlanLastReviewed: nullableDate,
  contractDataResidency: z.boolean("Expected true, false or null").nullable().meta({ description: "The contract fixes where data may reside; null: not known" }),
  contractExitTerms: z.boolean("Expected true, false or null").nullable().meta({ description: "The contract has exit terms; null: not known" }),
  notes: nullableText(2000, "multi-line"),
};

export const dependencyCreateSchema = z
  .strictObject({
    aiSystemId: z.uuid("Expected the id of one of your AI systems"),
    ...dependencyBodyFields,
    cloudVendorId: dependencyBodyFields.cloudVendorId.default(null),
    hostingCountry: dependencyBodyFields.hostingCountry.default(null),
    hostingRegion: dependencyBodyFields.hostingRegion.default(null),
    dataSent: dependencyBodyFields.dataSent.default([]),
    exitPlanDocumented: dependencyBodyFields.exitPlanDocumented.default(false),
    exitPlanLastReviewed: dependencyBodyFields.exitPlanLastReviewed.default(null),
    contractDataResidency: dependencyBodyFields.contractDataResidency.default(null),
    contractExitTerms: dependencyBodyFields.contractExitTerms.default(null),
    notes: dependencyBodyFields.notes.default(null),
  })
  .superRefine(cloudMatchesPath)
  .register(requestComponents, { id: "DependencyCreate" });

export const dependencyUpdateSchema = z.strictObject({ ...optionalAll(dependencyBodyFields), version: versionSchema }).register(requestComponents, { id: "DependencyUpdate" });

export const dependencyResourceSchema = z
  .object({
    id: z.uuid(),
    aiSystemId: z.uuid(),
    modelId: z.uuid(),
    accessPath: z.enum(accessPaths),
    cloudVendorId: z.uuid().nullable(),
    hostingCountry: z.string().length(2).nullable(),
    hostingRegion: z.string().nullable(),
    dataSent: z.array(z.enum(dataCategories)),
    exitPlanDocumented: z.boolean(),
    exitPlanLastReviewed: z.iso.date().nullable(),
    contractDataResidency: z.boolean().nullable(),
    contractExitTerms: z.boolean().nullable(),
    notes: z.string().nullable(),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "Dependency" });

export const dependencyPageSchema = z
  .object({ items: z.array(dependencyResourceSchema), page: z.number().int().positive(), size: z.number().int().positive(), total: z.number().int().nonnegative() })
  .register(responseComponents, { id: "DependencyPage" });

export const dependencyListQuerySchema = pageQuerySchema.extend({
  aiSystemId: z.uuid("Expected an AI system id").optional().meta({ description: "Only this AI system's dependencies (another organisation's id: 404)" }),
});

type DependencyRow = Omit<z.input<typeof dependencyResourceSchema>, "exitPlanLastReviewed"> & { exitPlanLastReviewed: Date | null };
export const presentDependency = ({ exitPlanLastReviewed, ...d }: DependencyRow): z.input<typeof dependencyResourceSchema> => ({
  id: d.id,
  aiSystemId: d.aiSystemId,
  modelId: d.modelId,
  accessPath: d.accessPath,
  cloudVendorId: d.cloudVendorId,
  hostingCountry: d.hostingCountry,
  hostingRegion: d.hostingRegion,
  dataSent: d.dataSent,
  exitPlanDocumented: d.exitPlanDocumented,
  exitPlanLastReviewed: isoDay(exitPlanLastReviewed),
  contractDataResidency: d.contractDataResidency,
  contractExitTerms: d.contractExitTerms,
  notes: d.notes,
  version: d.version,
});

// ---- fallbacks ---------------------------------------------------------------------------

const fallbackBodyFields = {
  ...routeBodyFields,
  lastTestedAt: nullableDate.meta({ description: "The last drill that switched to it; null: never tested" }),
  switchTimeMinutes: wholeNumber(60 * 24 * 365).nullable().meta({ description: "Measured (or, if never tested, estimated) switch-over time" }),
  qualityParityChecked: z.boolean("Expected true or false"),
  exitPlan: nullableText(2000, "multi-line"),
  exitPlanUrl: exitPlanUrl.meta({ description: "Where the full exit plan lives; http or https" }),
};

export const fallbackCreateSchema = z
  .strictObject({
    dependencyId: z.uuid("Expected the id of one of your dependencies"),
    ...fallbackBodyFields,
    cloudVendorId: fallbackBodyFields.cloudVendorId.default(null),
    hostingCountry: fallbackBodyFields.hostingCountry.default(null),
    hostingRegion: fallbackBodyFields.hostingRegion.default(null),
    lastTestedAt: fallbackBodyFields.lastTestedAt.default(null),
    switchTimeMinutes: fallbackBodyFields.switchTimeMinutes.default(null),
    qualityParityChecked: fallbackBodyFields.qualityParityChecked.default(false),
    exitPlan: fallbackBodyFields.exitPlan.default(null),
    exitPlanUrl: fallbackBodyFields.exitPlanUrl.default(null),
  })
  .superRefine(cloudMatchesPath)
  .register(requestComponents, { id: "FallbackCreate" });

export const fallbackUpdateSchema = z.strictObject({ ...optionalAll(fallbackBodyFields), version: versionSchema }).register(requestComponents, { id: "FallbackUpdate" });

export const fallbackResourceSchema = z
  .object({
    id: z.uuid(),
    dependencyId: z.uuid(),
    modelId: z.uuid(),
    accessPath: z.enum(accessPaths),
    cloudVendorId: z.uuid().nullable(),
    hostingCountry: z.string().length(2).nullable(),
    hostingRegion: z.string().nullable(),
    lastTestedAt: z.iso.date().nullable(),
    switchTimeMinutes: z.number().int().nonnegative().nullable(),
    qualityParityChecked: z.boolean(),
    exitPlan: z.string().nullable(),
    exitPlanUrl: z.string().nullable(),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "Fallback" });

export const fallbackPageSchema = z
  .object({ items: z.array(fallbackResourceSchema), page: z.number().int().positive(), size: z.number().int().positive(), total: z.number().int().nonnegative() })
  .register(responseComponents, { id: "FallbackPage" });

export const fallbackListQuerySchema = pageQuerySchema.extend({
  dependencyId: z.uuid("Expected a dependency id").optional().meta({ description: "Only this dependency's fallbacks (another organisation's id: 404)" }),
});

type FallbackRow = Omit<z.input<typeof fallbackResourceSchema>, "lastTestedAt"> & { lastTestedAt: Date | null };
export const presentFallback = ({ lastTestedAt, ...f }: FallbackRow): z.input<typeof fallbackResourceSchema> => ({
  id: f.id,
  dependencyId: f.dependencyId,
  modelId: f.modelId,
  accessPath: f.accessPath,
  cloudVendorId: f.cloudVendorId,
  hostingCountry: f.hostingCountry,
  hostingRegion: f.hostingRegion,
  lastTestedAt: isoDay(lastTestedAt),
  switchTimeMinutes: f.switchTimeMinutes,
  qualityParityChecked: f.qualityParityChecked,
  exitPlan: f.exitPlan,
  exitPlanUrl: f.exitPlanUrl,
  version: f.version,
});
