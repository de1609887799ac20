import { z } from "zod";
import countriesFile from "../catalogue/countries.json";
import countrySetsFile from "../catalogue/country-sets.json";
// The access paths are in a file without zod, which the policy-event form imports in the browser.
import { ACCESS_PATHS } from "./access-paths";

/** Every ISO 3166-1 alpha-2 code, from the country reference file. */
export const COUNTRY_CODES = countriesFile.countries.map((c) => c.code) as [string, ...string[]];

/** An ISO 3166-1 alpha-2 country code, upper case, e.g. `"DE"`. */
const missing = (what: string) => `required field is missing (expected ${what})`;

export const countryCodeSchema = z.enum(COUNTRY_CODES, {
  error: (issue) =>
    issue.input === undefined
      ? missing("an ISO 3166-1 alpha-2 country code")
      : `expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received ${JSON.stringify(issue.input)}`,
}).meta({ id: "CountryCode", description: "ISO 3166-1 alpha-2 country code" });

/** A calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date({ error: (issue) => (issue.input === undefined ? missing("a date as YYYY-MM-DD") : "expected a date as YYYY-MM-DD") }).meta({ id: "Date", description: "Calendar date, YYYY-MM-DD" });

/** A stable identifier used for cross references between rows. */
export const keySchema = z
  .string({ error: (issue) => (issue.input === undefined ? missing("a key (string)") : "expected a key (string)") })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,119}$/, {
    error: "expected a key: letters, digits, '.', '_', ':', '/', '-' (1-120 characters, starting with a letter or digit)",
  })
  .meta({ id: "Key", description: "Stable identifier used for cross references" });

/** Keys of the catalogue's named country sets (scoring/catalogue/country-sets.json). */
export const COUNTRY_SET_KEYS = countrySetsFile.sets.map((s) => s.key) as [string, ...string[]];

/** The key of a named country set in the catalogue, e.g. `"us-key-allies"`. */
export const countrySetKeySchema = z.enum(COUNTRY_SET_KEYS, {
  error: (issue) => `expected the key of a country set in the catalogue (${COUNTRY_SET_KEYS.join(", ")}), received ${JSON.stringify(issue.input)}`,
}).meta({ id: "CountrySetKey", description: "Key of a named, dated country set in the catalogue" });

const setsField = z.array(countrySetKeySchema).min(1).optional();

/**
 * A set of countries, either listed (`only`) or everyone except a list (`allExcept`). `sets`
 * adds the catalogue's named lists to the listed countries (`only`) or to the exceptions.
 * @example { "only": ["CN", "RU"] } or { "allExcept": ["US"], "sets": ["us-key-allies"] }
 */
export const countrySetSchema = z.union([
  z
    .strictObject({ only: z.array(countryCodeSchema), sets: setsField })
    .refine((s) => s.only.length > 0 || (s.sets?.length ?? 0) > 0, { message: "expected at least one country or country set", path: ["only"] }),
  z.strictObject({ allExcept: z.array(countryCodeSchema), sets: setsField }),
]).meta({ id: "CountrySet", description: "Either the listed countries and sets (only) or every country except those listed and those in the sets (allExcept)" });
export type CountrySet = z.infer<typeof countrySetSchema>;

export { ACCESS_PATHS };
export const accessPathSchema = z.enum(ACCESS_PATHS);
export type AccessPath = z.infer<typeof accessPathSchema>;

export const CRITICALITIES = ["low", "medium", "high", "critical"] as const;
export const criticalitySchema = z.enum(CRITICALITIES);
export type Criticality = z.infer<typeof criticalitySchema>;

export const DATA_CATEGORIES = [
  "public",
  "internal",
  "personal",
  "trade-secret",
  "regulated",
  "special-category",
] as const;
export const dataCategorySchema = z.enum(DATA_CATEGORIES);
export type DataCategory = z.infer<typeof dataCategorySchema>;

export const TRANSFER_MECHANISMS = ["not-required", "adequacy", "scc", "bcr", "derogation", "none"] as const;
export const transferMechanismSchema = z.enum(TRANSFER_MECHANISMS);
export type TransferMechanism = z.infer<typeof transferMechanismSchema>;

export const COMPUTE_BANDS = ["below-1e25", "1e25-1e26", "above-1e26", "unknown"] as const;
export const computeBandSchema = z.enum(COMPUTE_BANDS);
export type ComputeBand = z.infer<typeof computeBandSchema>;

export const VENDOR_TYPES = [
  "frontier-lab",
  "hyperscaler",
  "cloud-provider",
  "open-weight-publisher",
  "reseller",
  "other",
] as const;
export const vendorTypeSchema = z.enum(VENDOR_TYPES);
export type VendorType = z.infer<typeof vendorTypeSchema>;

/** Where a model runs: a country, and optionally the provider's region name. */
export const hostingRegionSchema = z.strictObject({
  country: countryCodeSchema,
  region: z.string().min(1).max(100).optional(),
}).meta({ id: "HostingRegion", description: "Where a model runs: country, and optionally the provider's region name" });
export type HostingRegion = z.infer<typeof hostingRegionSchema>;
