import { z } from "zod";
import { accessPathSchema, countryCodeSchema, countrySetSchema, isoDateSchema, keySchema } from "./primitives";

export const SCENARIO_SCHEMA_VERSION = "1.0" as const;

/** A vendor (inventory key or catalogue key) stops serving users in the given countries. */
const vendorBlockedSchema = z.strictObject({
  type: z.literal("vendor-blocked"),
  vendor: keySchema,
  countries: countrySetSchema,
  accessPaths: z.array(accessPathSchema).optional(),
});

/** Closed models of vendors headquartered in `vendorCountries` become unavailable in `region` (users or hosting there). */
const closedModelsUnavailableSchema = z.strictObject({
  type: z.literal("closed-models-unavailable"),
  vendorCountries: z.array(countryCodeSchema).min(1),
  region: countrySetSchema,
});

/** A cloud operator loses a region (by region name) or every region in a country. */
const cloudRegionLostSchema = z
  .strictObject({
    type: z.literal("cloud-region-lost"),
    cloud: keySchema,
    region: z.string().min(1).optional(),
    country: countryCodeSchema.optional(),
  })
  .refine((s) => s.region !== undefined || s.country !== undefined, {
    message: "expected a region or a country for cloud-region-lost",
    path: ["region"],
  });

/** Weights of the listed models need an export licence wherever they are held or used in `countries`. */
const weightsUnderLicenceSchema = z.strictObject({
  type: z.literal("weights-under-licence"),
  models: z.array(keySchema).min(1),
  countries: countrySetSchema,
});

export const shockSchema = z.union([
  vendorBlockedSchema,
  closedModelsUnavailableSchema,
  cloudRegionLostSchema,
  weightsUnderLicenceSchema,
]);
export type Shock = z.infer<typeof shockSchema>;

/** A hypothetical shock (one or more simultaneous events) to simulate against an inventory. */
export const scenarioSchema = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION, { error: `expected schemaVersion "${SCENARIO_SCHEMA_VERSION}"` }),
  key: keySchema,
  name: z.string().min(1),
  description: z.string().optional(),
  asOf: isoDateSchema.optional(),
  shocks: z.array(shockSchema).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;
