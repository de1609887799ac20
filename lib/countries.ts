import { z } from "zod";
// The codes, names and options are in a file without zod, which browser code imports;
// this module adds the schema that server-side validation uses (docs/decisions/051).
import { COUNTRY_CODES, COUNTRY_OPTIONS, countryName, isCountryCode } from "./country-codes";

export { COUNTRY_CODES, COUNTRY_OPTIONS, countryName, isCountryCode };

/** A country field: trims and upper-cases, then requires an assigned ISO 3166-1 alpha-2 code. */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: "Choose a country (ISO 3166-1 alpha-2 code, e.g. DE)" });
