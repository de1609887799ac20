import { z } from "zod";
import { policyEventSchema } from "./policy-event";
import {
  accessPathSchema,
  computeBandSchema,
  countryCodeSchema,
  criticalitySchema,
  dataCategorySchema,
  hostingRegionSchema,
  isoDateSchema,
  keySchema,
  transferMechanismSchema,
  vendorTypeSchema,
} from "./primitives";

/** The inventory document format version this engine reads. */
export const INVENTORY_SCHEMA_VERSION = "1.0" as const;

export const REGIMES = ["gdpr", "uk-gdpr", "eu-ai-act", "dora", "nis2"] as const;

export const organisationSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  hqCountry: countryCodeSchema,
  sector: z.string().optional(),
  regimes: z.array(z.enum(REGIMES)).optional(),
  /** True when the organisation itself is certified under the EU-US Data Privacy Framework. */
  dpfCertified: z.boolean().optional(),
}).meta({ id: "Organisation" });

export const officeSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  country: countryCodeSchema,
  headcount: z.number().int().nonnegative().optional(),
  teams: z.array(z.string().min(1)).optional(),
}).meta({ id: "Office" });

export const vendorSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  type: vendorTypeSchema,
  hqCountry: countryCodeSchema,
  ultimateParent: z.strictObject({ name: z.string().min(1), country: countryCodeSchema }).optional(),
  /** Key of the matching entry in the default catalogue, if any. */
  catalogueKey: keySchema.optional(),
  /** Certified under the EU-US Data Privacy Framework (relevant for US adequacy). */
  dpfCertified: z.boolean().optional(),
  source: z.string().optional(),
  asOf: isoDateSchema.optional(),
}).meta({ id: "Vendor" });

export const modelSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  vendor: keySchema,
  family: z.string().min(1).optional(),
  weights: z.enum(["open", "closed"]),
  licence: z.string().optional(),
  trainingCompute: computeBandSchema.optional(),
  catalogueKey: keySchema.optional(),
  /** Where the model's facts come from, and when they were read (as for a vendor; not scored). */
  source: z.string().optional(),
  asOf: isoDateSchema.optional(),
}).meta({ id: "Model" });

export const aiSystemSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  owner: z.string().optional(),
  criticality: criticalitySchema,
  /** The longest outage the business tolerates, in hours (the system's RTO). */
  toleratedDowntimeHours: z.number().nonnegative(),
  offices: z.array(keySchema),
  teams: z.array(z.string().min(1)).optional(),
  dataSensitivity: dataCategorySchema.optional(),
}).meta({ id: "AiSystem" });

const routeFields = {
  model: keySchema,
  accessPath: accessPathSchema,
  /** The cloud operator (a vendor key); required for cloud-marketplace and third-party-hosted. */
  cloud: keySchema.optional(),
  /** Where the model runs. Defaults: direct-api -> vendor HQ; self-hosted -> organisation HQ. */
  hostingRegion: hostingRegionSchema.optional(),
};

export const dependencySchema = z.strictObject({
  key: keySchema,
  system: keySchema,
  ...routeFields,
  exitPlan: z
    .strictObject({ documented: z.boolean(), lastReviewed: isoDateSchema.optional() })
    .optional(),
  contract: z
    .strictObject({ dataResidency: z.boolean().optional(), exitTerms: z.boolean().optional() })
    .optional(),
  /** The data categories sent to the model (not scored; registers such as DORA's report data sensitivity). */
  dataSent: z.array(dataCategorySchema).optional(),
  /** Free text for people (not scored). */
  notes: z.string().max(2000).optional(),
});

export const dataFlowSchema = z.strictObject({
  key: keySchema,
  fromOffice: keySchema,
  dependency: keySchema,
  categories: z.array(dataCategorySchema).min(1),
  volume: z.enum(["low", "medium", "high"]).optional(),
  transferMechanism: transferMechanismSchema.optional(),
  encrypted: z.boolean().optional(),
}).meta({ id: "DataFlow" });

export const fallbackSchema = z.strictObject({
  key: keySchema,
  dependency: keySchema,
  ...routeFields,
  lastTested: isoDateSchema.optional(),
  switchTimeHours: z.number().nonnegative().optional(),
  qualityParityMeasured: z.boolean().optional(),
  /** How and by whom the switch is made, in short (not scored). */
  exitPlan: z.string().max(2000).optional(),
  /** Where the full exit plan lives (wiki, runbook); http or https (not scored). */
  exitPlanUrl: z.url({ protocol: /^https?$/, error: "expected an http or https address" }).max(2000).optional(),
});

type RouteLike = { accessPath: string; cloud?: string | undefined; hostingRegion?: unknown };
const requireCloudFields = (row: RouteLike, ctx: z.RefinementCtx) => {
  if (row.accessPath === "cloud-marketplace" || row.accessPath === "third-party-hosted") {
    if (row.cloud === undefined)
      ctx.addIssue({ code: "custom", path: ["cloud"], message: `expected a cloud vendor key when accessPath is "${row.accessPath}"` });
    if (row.hostingRegion === undefined)
      ctx.addIssue({ code: "custom", path: ["hostingRegion"], message: `expected a hostingRegion when accessPath is "${row.accessPath}"` });
  }
};

/**
 * The inventory document: everything the engine scores, in one JSON file.
 * The CLI reads it, the app imports and exports it. Rows reference each other by `key`.
 */
export const inventoryDocumentSchema = z
  .strictObject({
    schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION, { error: `expected schemaVersion "${INVENTORY_SCHEMA_VERSION}"` }),
    organisation: organisationSchema,
    offices: z.array(officeSchema),
    vendors: z.array(vendorSchema),
    models: z.array(modelSchema),
    aiSystems: z.array(aiSystemSchema),
    dependencies: z.array(dependencySchema.superRefine(requireCloudFields).meta({ id: "Dependency" })),
    dataFlows: z.array(dataFlowSchema).default([]),
    fallbacks: z.array(fallbackSchema.superRefine(requireCloudFields).meta({ id: "Fallback" })).default([]),
    policyEvents: z.array(policyEventSchema).default([]),
  })
  .meta({
    title: "Sovra inventory document",
    description:
      "An organisation's AI dependencies: offices, vendors, models, AI systems, dependencies (access path and hosting region), data flows, fallbacks and policy events. Countries are ISO 3166-1 alpha-2 codes; rows reference each other by key.",
  });

export type InventoryDocument = z.infer<typeof inventoryDocumentSchema>;
/** The document as written (defaults not yet applied). */
export type InventoryDocumentInput = z.input<typeof inventoryDocumentSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type Office = z.infer<typeof officeSchema>;
export type Vendor = z.infer<typeof vendorSchema>;
export type Model = z.infer<typeof modelSchema>;
export type AiSystem = z.infer<typeof aiSystemSchema>;
export type Dependency = z.infer<typeof dependencySchema>;
export type DataFlow = z.infer<typeof dataFlowSchema>;
export type Fallback = z.infer<typeof fallbackSchema>;
