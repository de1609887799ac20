import { z } from "zod";
import { singleLineText } from "@/lib/text";
import { CONSOLIDATIONS, DORA_CURRENCIES } from "./taxonomy";
import { ENTITY_TYPES } from "./templates";

// What a caller chooses for a DORA report package: one schema for the Reports page's download,
// the API's file route and its checks (decision 045).

const ENTITY_TYPE_CODES = ENTITY_TYPES.map((t) => t.code) as [(typeof ENTITY_TYPES)[number]["code"], ...(typeof ENTITY_TYPES)[number]["code"][]];

export const doraPackageQuerySchema = z.object({
  assessmentId: z.uuid("Give an assessment id (a UUID)").optional().meta({ description: "The assessment to export; the latest when absent" }),
  refDate: z.iso.date("Give the reference date as YYYY-MM-DD").optional().meta({ description: "The register's reference date (refPeriod and the file name); the assessment's date when absent" }),
  consolidation: z.enum(CONSOLIDATIONS, { error: "Give CON (consolidated) or IND (individual)" }).default("CON").meta({ description: "Whether the register is reported on a consolidated (CON) or individual (IND) basis: entityID rs:{LEI}.CON|IND" }),
  currency: z.enum(DORA_CURRENCIES, { error: `Give a base currency: ${DORA_CURRENCIES.join(", ")}` }).default("EUR").meta({ description: "The base currency (parameters.csv baseCurrency iso4217:…)" }),
  entityType: z
    .enum(ENTITY_TYPE_CODES, { error: "Give the type of entity as one of the EBA's codes (eba_CT:x12 for a credit institution, …)" })
    .optional()
    .meta({ description: "B_01.01 c0040, the type of entity (eba_CT:…); left empty, and listed as to complete, when absent" }),
  competentAuthority: z
    .string()
    .trim()
    .min(2, "Give the competent authority's name")
    .max(120, "Use at most 120 characters")
    .superRefine(singleLineText)
    .optional()
    .meta({ description: "B_01.01 c0050, the competent authority; left empty, and listed as to complete, when absent" }),
});

export type DoraPackageQuery = z.output<typeof doraPackageQuerySchema>;

// Building the query string needs no zod: it is in its own file, which the Reports page's download
// form imports in the browser.
export { doraPackageSearch } from "./package-search";
