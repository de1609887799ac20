import { z } from "zod";
import { policyEventSchema, type PolicyEvent } from "../schema/policy-event";
import { accessPathSchema, computeBandSchema, countryCodeSchema, isoDateSchema, keySchema, vendorTypeSchema } from "../schema/primitives";
import countriesFile from "./countries.json";
import countrySetsFile from "./country-sets.json";
import modelsFile from "./models.json";
import eventsFile from "./policy-events.json";
import vendorsFile from "./vendors.json";

const sourced = { source: z.string().min(1), asOf: isoDateSchema };

export const catalogueVendorSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  type: vendorTypeSchema,
  hqCountry: countryCodeSchema,
  ultimateParent: z.strictObject({ name: z.string().min(1), country: countryCodeSchema }),
  ...sourced,
});

export const catalogueModelSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  vendor: keySchema,
  family: z.string().min(1),
  weights: z.enum(["open", "closed"]),
  licence: z.string().min(1),
  trainingCompute: computeBandSchema,
  accessPaths: z
    .array(z.strictObject({ type: accessPathSchema, cloud: keySchema.optional(), service: z.string().optional(), regions: z.array(z.string()).optional() }))
    .min(1),
  ...sourced,
});

const lawSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  since: isoDateSchema,
  summary: z.string().min(1),
  source: z.string().min(1),
});

export const catalogueCountrySchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/),
  name: z.string().min(1),
  eu: z.boolean(),
  eea: z.boolean(),
  gdprAdequacy: z.strictObject({ since: isoDateSchema, decision: z.string().min(1), scope: z.string().optional() }).optional(),
  extraterritorialLaws: z.array(lawSchema).optional(),
});
export type CatalogueCountry = z.infer<typeof catalogueCountrySchema>;
export type ExtraterritorialLaw = z.infer<typeof lawSchema>;

export const catalogueCountrySetSchema = z.strictObject({
  key: keySchema,
  name: z.string().min(1),
  description: z.string().min(1),
  countries: z.array(countryCodeSchema).min(1),
  ...sourced,
});
export type CatalogueCountrySet = z.infer<typeof catalogueCountrySetSchema>;

export const catalogueFilesSchema = {
  vendors: z.strictObject({ asOf: isoDateSchema, note: z.string(), vendors: z.array(catalogueVendorSchema) }),
  models: z.strictObject({ asOf: isoDateSchema, note: z.string(), models: z.array(catalogueModelSchema) }),
  countries: z.strictObject({ asOf: isoDateSchema, source: z.string(), countries: z.array(catalogueCountrySchema) }),
  policyEvents: z.strictObject({ asOf: isoDateSchema, note: z.string(), events: z.array(policyEventSchema) }),
  countrySets: z.strictObject({ asOf: isoDateSchema, note: z.string(), sets: z.array(catalogueCountrySetSchema) }),
};

export type CatalogueVendor = z.infer<typeof catalogueVendorSchema>;
export type CatalogueModel = z.infer<typeof catalogueModelSchema>;

/** The default catalogue's vendors (HQ, ultimate parent, source, date). */
export const CATALOGUE_VENDORS: readonly CatalogueVendor[] = vendorsFile.vendors as CatalogueVendor[];
/** The default catalogue's model families (weights, licence, access paths, source, date). */
export const CATALOGUE_MODELS: readonly CatalogueModel[] = modelsFile.models as CatalogueModel[];
/** Country reference data: EU/EEA membership, GDPR adequacy, extraterritorial access laws. */
export const COUNTRIES: readonly CatalogueCountry[] = countriesFile.countries as CatalogueCountry[];
/** Named, dated country sets ("US key allies", "EU member states") that events and scenarios refer to. */
export const COUNTRY_SETS: readonly CatalogueCountrySet[] = countrySetsFile.sets as CatalogueCountrySet[];
/** The default policy landscape: dated export controls, sanctions and vendor restrictions. */
export const DEFAULT_POLICY_EVENTS: readonly PolicyEvent[] = eventsFile.events as PolicyEvent[];
