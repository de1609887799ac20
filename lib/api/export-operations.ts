import { z } from "zod";
import type { Operation } from "@/lib/api/operations";
import { orgParamsSchema } from "@/lib/api/schemas";
import { CYCLONEDX_MEDIA_TYPE, CYCLONEDX_SPEC_VERSIONS } from "@/lib/exports/cyclonedx";
import { responseComponents } from "@/lib/api/schemas";
import { doraPackageQuerySchema } from "@/lib/exports/dora/package-options";
import { DORA_RULE_IDS } from "@/lib/exports/dora/validate";
import { AI_ACT_REGISTRATION_EXPORT_OPERATIONS } from "@/lib/api/ai-act-registration-operations";

// Exports in the public API, so companies can schedule them: each is a file built from one
// frozen assessment (`?assessmentId=`, default the latest; 409 when none exists). Decision 025.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";

export const exportQuerySchema = z.object({
  assessmentId: z.uuid("Give an assessment id (a UUID)").optional().meta({ description: "The assessment to export; the latest when absent" }),
});

export const DORA_EXPORT_FILES = ["b_05.01", "b_02.02", "b_07.01", "b_02.01", "b_05.02", "gaps"] as const;
export const doraExportParamsSchema = orgParamsSchema.extend({
  template: z.enum(DORA_EXPORT_FILES).meta({ description: "b_05.01 (ICT third-party service providers), b_02.02 (contractual arrangements: specific information), b_07.01 (assessment of the ICT services), b_02.01 (contractual arrangements: general information), b_05.02 (ICT service supply chains), or gaps (what Sovra could not fill)" }),
});

const FILE_HEADERS = { "content-disposition": "attachment; filename=… (organisation, assessment date, what)" };
const ERRORS = ["CONFLICT"] as const;

export const exportAssessmentXlsxOperation = define({
  operationId: "exportAssessmentXlsx",
  method: "GET",
  path: `${ORG}/exports/assessment.xlsx`,
  tag: "Exports",
  summary: "The assessment as a workbook",
  description:
    "The full frozen assessment as XLSX: Summary (id, date, inputs hash, score), Vendors (sovereignty table), AI systems, Dependencies, Fallbacks, Data flows, Findings, Policy events in force, EU AI Act inventory and Methodology. 409 when the organisation has no assessment yet.",
  permission: "reports:export",
  params: orgParamsSchema,
  query: exportQuerySchema,
  notFound: "Assessment",
  success: { status: 200, description: "The workbook", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", headers: FILE_HEADERS },
  errors: ERRORS,
});

export const exportDoraTemplateOperation = define({
  operationId: "exportDoraTemplate",
  method: "GET",
  path: `${ORG}/exports/dora/{template}`,
  tag: "Exports",
  summary: "A DORA Register of Information template",
  description:
    "One template of the Register of Information (Implementing Regulation (EU) 2024/2956) for the organisation's AI providers, as the EBA's plain CSV: UTF-8 without BOM, header row of column codes (c0010…), the EBA's coded values (eba_GA:DE, eba_ZZ:x962…), empty cells where Sovra holds no value. `gaps` lists those cells and the values to confirm. 409 when the organisation has no assessment yet.",
  permission: "reports:export",
  params: doraExportParamsSchema,
  query: exportQuerySchema,
  notFound: "Export",
  success: { status: 200, description: "The CSV file", mediaType: "text/csv", headers: FILE_HEADERS },
  errors: ERRORS,
});

export const exportAiActInventoryOperation = define({
  operationId: "exportAiActInventory",
  method: "GET",
  path: `${ORG}/exports/ai-act.csv`,
  tag: "Exports",
  summary: "The EU AI Act deployer inventory",
  description:
    "One row per AI system: owner, criticality, offices served, models and their providers, GPAI facts (open licence, systemic risk above 10^25 FLOP, the documentation the provider owes under Art. 53), data categories sent, and the deployer's Art. 26 duties as columns to answer. CSV, UTF-8 with BOM. 409 when the organisation has no assessment yet.",
  permission: "reports:export",
  params: orgParamsSchema,
  query: exportQuerySchema,
  notFound: "Assessment",
  success: { status: 200, description: "The CSV file", mediaType: "text/csv", headers: FILE_HEADERS },
  errors: ERRORS,
});

export const cycloneDxQuerySchema = z.object({
  specVersion: z
    .enum(CYCLONEDX_SPEC_VERSIONS, { error: `Give a CycloneDX version Sovra writes: ${CYCLONEDX_SPEC_VERSIONS.join(" or ")}` })
    .default("1.6")
    .meta({ description: "The CycloneDX specification version of the BOM; 1.6 when absent" }),
});

export const exportCycloneDxOperation = define({
  operationId: "exportCycloneDx",
  method: "GET",
  path: `${ORG}/exports/cyclonedx.json`,
  tag: "Exports",
  summary: "The inventory as a CycloneDX ML-BOM (AI-BOM)",
  description:
    "The inventory as it stands today, for security teams' SBOM/AI-BOM tools: models as `machine-learning-model` components (supplier, manufacturer, licence, model card), each dependency's access path and each fallback as a service, the AI systems as applications depending on them (`dependencies`), data flows as `data` components and as the services' data with their classification, and Sovra's sovereignty facts (vendor HQ and ultimate parent country, access path, cloud and region, restrictions in force today, fallback and its last drill, score and rating with the methodology version) as `sovra:` properties. bom-refs derive from Sovra's ids, so re-exports diff. Not built from an assessment: today's live score. 409 while the inventory cannot be scored. Decision 044.",
  permission: "reports:export",
  params: orgParamsSchema,
  query: cycloneDxQuerySchema,
  notFound: "Organisation",
  success: { status: 200, description: "The BOM (CycloneDX JSON)", mediaType: CYCLONEDX_MEDIA_TYPE, headers: { "content-disposition": "attachment; filename=… (organisation, date, ai-bom.cdx.json)" } },
  errors: ERRORS,
});

// ---- the DORA Register of Information as supervisors receive it (decision 045) ----------------

const DORA_PACKAGE_DESCRIPTION =
  "The zip is named {LEI}.{CON|IND}_{country}_DORA010100_DORA_{reference date}_{timestamp}.zip and holds one folder of that name with META-INF/reportPackage.json, reports/report.json (extends the EBA's DORA taxonomy module), reports/parameters.csv (entityID rs:{LEI}.CON|IND, refPeriod, baseCurrency, decimals), reports/FilingIndicators.csv and one b_XX.YY.csv per reported template: B_01.01, B_02.01, B_02.02, B_05.01, B_05.02 and B_07.01 for the organisation's AI providers (an AI slice of the full register; the others are filed as not reported). Built from a frozen assessment.";

export const exportDoraPackageOperation = define({
  operationId: "exportDoraPackage",
  method: "GET",
  path: `${ORG}/exports/dora-package.zip`,
  tag: "Exports",
  summary: "The DORA Register of Information as an xBRL-CSV report package",
  description: `${DORA_PACKAGE_DESCRIPTION} Checked before it leaves (see dora-package/checks): 409 listing every failed rule while one makes the package malformed (the organisation's LEI missing or invalid above all), or when the organisation has no assessment yet. Mandatory cells Sovra does not hold (providers' LEIs, contract dates, costs) do not refuse it: the checks list them as to complete before filing.`,
  permission: "reports:export",
  params: orgParamsSchema,
  query: doraPackageQuerySchema,
  notFound: "Assessment",
  success: { status: 200, description: "The report package (zip)", mediaType: "application/zip", headers: { "content-disposition": "attachment; filename=… (the EBA's naming convention)" } },
  errors: ERRORS,
});

export const doraPackageChecksSchema = z
  .object({
    assessmentId: z.uuid(),
    refDate: z.iso.date().meta({ description: "The reference date used" }),
    fileName: z.string().nullable().meta({ description: "The zip's name if downloaded now (the timestamp is the download's); null while the download is refused" }),
    downloadable: z.boolean().meta({ description: "No rule that refuses the download fails" }),
    complete: z.boolean().meta({ description: "No rule fails at all" }),
    checks: z.array(
      z.object({
        id: z.enum(DORA_RULE_IDS),
        rule: z.string().meta({ description: "The rule, in words" }),
        blocksDownload: z.boolean().meta({ description: "Whether a failure refuses the download (the package would be malformed) or lists what to complete before filing" }),
        passed: z.boolean(),
        failures: z.array(z.string()).meta({ description: "Each failure in words, for a person" }),
      }),
    ),
  })
  .register(responseComponents, { id: "DoraPackageChecks" });

export const checkDoraPackageOperation = define({
  operationId: "checkDoraPackage",
  method: "GET",
  path: `${ORG}/exports/dora-package/checks`,
  tag: "Exports",
  summary: "The checks of the DORA report package, before download",
  description: `The rules a supervisor's intake applies to the package, each with its result and every failure in words: structure, metadata, parameters, the LEI, the file name, filing indicators, column codes, value domains, references between templates, and the mandatory cells still empty. ${DORA_PACKAGE_DESCRIPTION} 409 when the organisation has no assessment yet.`,
  permission: "reports:export",
  params: orgParamsSchema,
  query: doraPackageQuerySchema,
  notFound: "Assessment",
  success: { status: 200, description: "The checks", schema: doraPackageChecksSchema },
  errors: ERRORS,
});

export const EXPORT_OPERATIONS = [exportAssessmentXlsxOperation, exportDoraTemplateOperation, exportAiActInventoryOperation, exportCycloneDxOperation, exportDoraPackageOperation, checkDoraPackageOperation, ...AI_ACT_REGISTRATION_EXPORT_OPERATIONS] as const;
