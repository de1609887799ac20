import { COUNTRY_CODES } from "@/scoring/schema/primitives";
import { ENTITY_TYPES } from "./taxonomy";

// The DORA Register of Information templates Sovra fills for AI providers, as DATA: each
// template's columns in the order the EBA lists them, with the column code that heads the CSV,
// the label, the value type and, for closed sets, the allowed EBA codes. The CSV writer and the
// tests both read this table, so a column cannot be added to one and not the other.
//
// Sources: Commission Implementing Regulation (EU) 2024/2956 (ITS on the register of
// information), Annex I templates B_01.01, B_02.01, B_02.02, B_05.01, B_05.02 and B_07.01 and Annex III (type of ICT
// services), in the EBA reporting framework 4.0 "DORA" taxonomy (data point model: closed sets
// as `eba_<domain>:<member>`, countries as `eba_GA:<ISO 3166-1 alpha-2>`, yes/no as
// `eba_BT:x28`/`eba_BT:x29`, types of identification code as `eba_qCO:qx2000`...). Column
// mandatory flags follow the ITS and the EBA's DPM validation rules e23674 (B_05.01: c0020,
// c0050-c0080, c0110), e23680 (B_02.02: c0040-c0080) and e23681 (B_07.01: c0050, c0070-c0110).
// Compiled on 2026-12-02 from the DPM 4.0 validation rules (column codes, mandatory columns,
// qx2000 = LEI) and cross-checked against two independent register tools' code lists; the EBA's
// DPM dictionary itself was not reachable from here, so the codes should be re-checked against
// it at the next taxonomy release (qx2001's label above all). Labels are shortened from the ITS.
// B_01.01, B_02.01 and B_05.02 (added for the report package) follow the ITS's column lists; their
// mandatory flags are the ITS's, not yet cross-checked against the DPM validation rules.
// See docs/decisions/025 and 045.

export type ColumnType = "alphanumerical" | "country" | "closed-set" | "date" | "monetary" | "natural-number" | "currency" | "yes-no";
/** "mandatory": always; "conditional": the ITS makes it mandatory in stated cases (see `condition`); "optional". */
export type Requirement = "mandatory" | "conditional" | "optional";

export interface CodeOption {
  code: string;
  label: string;
}

export interface TemplateColumn {
  /** The column code, e.g. "c0050": the CSV header. */
  code: string;
  label: string;
  type: ColumnType;
  requirement: Requirement;
  condition?: string;
  /** For closed sets and yes/no: the only codes a cell may hold. */
  options?: readonly CodeOption[];
}

export interface Template {
  id: DoraPackageTemplateId;
  /** The reporting file name inside an EBA xBRL-CSV package. */
  fileName: string;
  title: string;
  columns: readonly TemplateColumn[];
}

// ---- closed sets (EBA DPM 4.0) -------------------------------------------------------------

/** Type of code to identify a provider or its parent (LEI, EUID, country code + CRN/VAT/PNR/NIN). */
export const TYPE_OF_CODE = [
  { code: "eba_qCO:qx2000", label: "LEI" },
  { code: "eba_qCO:qx2001", label: "Country code + national identification number (NIN)" },
  { code: "eba_qCO:qx2002", label: "EUID" },
  { code: "eba_qCO:qx2003", label: "Country code + company registration number (CRN)" },
  { code: "eba_qCO:qx2004", label: "Country code + VAT number" },
  { code: "eba_qCO:qx2005", label: "Country code + passport number (PNR)" },
] as const satisfies readonly CodeOption[];

export const TYPE_OF_PERSON = [
  { code: "eba_CT:x212", label: "Legal person, excluding individuals acting in a business capacity" },
  { code: "eba_CT:x213", label: "Individual acting in a business capacity" },
] as const satisfies readonly CodeOption[];

/** Annex III of the ITS: type of ICT services. */
export const ICT_SERVICE_TYPES = [
  { code: "eba_TA:S01", label: "ICT project management" },
  { code: "eba_TA:S02", label: "ICT development" },
  { code: "eba_TA:S03", label: "ICT help desk and first level support" },
  { code: "eba_TA:S04", label: "ICT security management services" },
  { code: "eba_TA:S05", label: "Provision of data" },
  { code: "eba_TA:S06", label: "Data analysis" },
  { code: "eba_TA:S07", label: "ICT, facilities and hosting services (excluding cloud services)" },
  { code: "eba_TA:S08", label: "Computation" },
  { code: "eba_TA:S09", label: "Non-cloud data storage" },
  { code: "eba_TA:S10", label: "Telecom carrier" },
  { code: "eba_TA:S11", label: "Network infrastructure" },
  { code: "eba_TA:S12", label: "Hardware and physical devices" },
  { code: "eba_TA:S13", label: "Software licencing (excluding SaaS)" },
  { code: "eba_TA:S14", label: "ICT operation management (including maintenance)" },
  { code: "eba_TA:S15", label: "ICT consulting" },
  { code: "eba_TA:S16", label: "ICT risk management" },
  { code: "eba_TA:S17", label: "Cloud services: IaaS" },
  { code: "eba_TA:S18", label: "Cloud services: PaaS" },
  { code: "eba_TA:S19", label: "Cloud services: SaaS" },
] as const satisfies readonly CodeOption[];

export const TERMINATION_REASONS = [
  { code: "eba_CO:x4", label: "Termination not for cause: expired and not renewed" },
  { code: "eba_CO:x5", label: "Termination for cause: provider in breach of law, regulation or contract" },
  { code: "eba_CO:x6", label: "Termination for cause: identified impediments of the provider" },
  { code: "eba_CO:x7", label: "Termination for cause: provider's weaknesses in managing sensitive data" },
  { code: "eba_CO:x8", label: "Termination as requested by the competent authority" },
  { code: "eba_CO:x9", label: "Other reasons for termination" },
] as const satisfies readonly CodeOption[];

export const YES_NO = [
  { code: "eba_BT:x28", label: "Yes" },
  { code: "eba_BT:x29", label: "No" },
] as const satisfies readonly CodeOption[];

export const YES_NO_NOT_ASSESSED = [...YES_NO, { code: "eba_BT:x21", label: "Assessment not performed" }] as const satisfies readonly CodeOption[];

export const DATA_SENSITIVENESS = [
  { code: "eba_ZZ:x791", label: "Low" },
  { code: "eba_ZZ:x792", label: "Medium" },
  { code: "eba_ZZ:x793", label: "High" },
] as const satisfies readonly CodeOption[];

export const RELIANCE = [
  { code: "eba_ZZ:x794", label: "Not significant" },
  { code: "eba_ZZ:x795", label: "Low reliance" },
  { code: "eba_ZZ:x796", label: "Material reliance" },
  { code: "eba_ZZ:x797", label: "Full reliance" },
] as const satisfies readonly CodeOption[];

export const SUBSTITUTABILITY = [
  { code: "eba_ZZ:x959", label: "Not substitutable" },
  { code: "eba_ZZ:x960", label: "Highly complex substitutability" },
  { code: "eba_ZZ:x961", label: "Medium complexity in terms of substitutability" },
  { code: "eba_ZZ:x962", label: "Easily substitutable" },
] as const satisfies readonly CodeOption[];

export const NON_SUBSTITUTABILITY_REASONS = [
  { code: "eba_ZZ:x963", label: "Lack of real alternatives" },
  { code: "eba_ZZ:x964", label: "Difficulties in migrating or reintegrating" },
  { code: "eba_ZZ:x965", label: "Lack of real alternatives and difficulties in migrating or reintegrating" },
] as const satisfies readonly CodeOption[];

export const REINTEGRATION = [
  { code: "eba_ZZ:x798", label: "Easy" },
  { code: "eba_ZZ:x966", label: "Difficult" },
  { code: "eba_ZZ:x967", label: "Highly complex" },
] as const satisfies readonly CodeOption[];

export const DISCONTINUING_IMPACT = [...DATA_SENSITIVENESS, { code: "eba_ZZ:x799", label: "Assessment not performed" }] as const satisfies readonly CodeOption[];

/** Countries as the DPM codes them: `eba_GA:` + ISO 3166-1 alpha-2. */
export const COUNTRY_OPTIONS: readonly CodeOption[] = COUNTRY_CODES.map((c) => ({ code: `eba_GA:${c}`, label: c }));

export type CodeOf<L extends readonly CodeOption[]> = L[number]["code"];

// ENTITY_TYPES is in taxonomy.ts, a file without zod that the Reports page's download form imports.
export { ENTITY_TYPES };

/** B_02.01 c0020, type of contractual arrangement. */
export const ARRANGEMENT_TYPES = [
  { code: "eba_CO:x1", label: "Standalone arrangement" },
  { code: "eba_CO:x2", label: "Overarching arrangement" },
  { code: "eba_CO:x3", label: "Subsequent or associated arrangement" },
] as const satisfies readonly CodeOption[];

// ---- the templates ---------------------------------------------------------------------------

export const B_01_01: Template = {
  id: "b_01.01",
  fileName: "b_01.01.csv",
  title: "B_01.01 Entity maintaining the register of information",
  columns: [
    { code: "c0010", label: "LEI of the entity maintaining the register of information", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0020", label: "Name of the entity", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0030", label: "Country of the entity", type: "country", requirement: "mandatory", options: COUNTRY_OPTIONS },
    { code: "c0040", label: "Type of entity", type: "closed-set", requirement: "mandatory", options: ENTITY_TYPES },
    { code: "c0050", label: "Competent authority", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0060", label: "Date of the reporting", type: "date", requirement: "mandatory" },
  ],
};

export const B_02_01: Template = {
  id: "b_02.01",
  fileName: "b_02.01.csv",
  title: "B_02.01 Contractual arrangements: general information",
  columns: [
    { code: "c0010", label: "Contractual arrangement reference number", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0020", label: "Type of contractual arrangement", type: "closed-set", requirement: "mandatory", options: ARRANGEMENT_TYPES },
    { code: "c0030", label: "Overarching contractual arrangement reference number", type: "alphanumerical", requirement: "conditional", condition: "if c0020 is a subsequent or associated arrangement" },
    { code: "c0040", label: "Currency of the amount reported in c0050", type: "currency", requirement: "conditional", condition: "if c0050 is reported" },
    { code: "c0050", label: "Annual expense or estimated cost of the contractual arrangement for the past year", type: "monetary", requirement: "mandatory" },
  ],
};

export const B_05_02: Template = {
  id: "b_05.02",
  fileName: "b_05.02.csv",
  title: "B_05.02 ICT service supply chains",
  columns: [
    { code: "c0010", label: "Contractual arrangement reference number", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0020", label: "Type of ICT services", type: "closed-set", requirement: "mandatory", options: ICT_SERVICE_TYPES },
    { code: "c0030", label: "Identification code of the ICT third-party service provider", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0040", label: "Type of code to identify the ICT third-party service provider", type: "closed-set", requirement: "mandatory", options: TYPE_OF_CODE },
    { code: "c0050", label: "Rank", type: "natural-number", requirement: "mandatory" },
    { code: "c0060", label: "Identification code of the recipient of sub-contracted ICT services", type: "alphanumerical", requirement: "conditional", condition: "if the rank is above 1" },
    { code: "c0070", label: "Type of code to identify the recipient of sub-contracted ICT services", type: "closed-set", requirement: "conditional", condition: "if the rank is above 1", options: TYPE_OF_CODE },
  ],
};

const CIF = "if the ICT service supports a critical or important function";

export const B_05_01: Template = {
  id: "b_05.01",
  fileName: "b_05.01.csv",
  title: "B_05.01 ICT third-party service providers",
  columns: [
    { code: "c0010", label: "Identification code of the ICT third-party service provider", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0020", label: "Type of code to identify the ICT third-party service provider", type: "closed-set", requirement: "mandatory", options: TYPE_OF_CODE },
    { code: "c0030", label: "Additional identification code of the ICT third-party service provider", type: "alphanumerical", requirement: "optional" },
    { code: "c0040", label: "Type of additional identification code", type: "closed-set", requirement: "conditional", condition: "if c0030 is reported", options: TYPE_OF_CODE },
    { code: "c0050", label: "Legal name of the ICT third-party service provider", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0060", label: "Name of the ICT third-party service provider in Latin alphabet", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0070", label: "Type of person of the ICT third-party service provider", type: "closed-set", requirement: "mandatory", options: TYPE_OF_PERSON },
    { code: "c0080", label: "Country of the ICT third-party service provider's headquarters", type: "country", requirement: "mandatory", options: COUNTRY_OPTIONS },
    { code: "c0090", label: "Currency of the amount reported in c0100", type: "currency", requirement: "conditional", condition: "if c0100 is reported" },
    { code: "c0100", label: "Total annual expense or estimated cost of the ICT third-party service provider", type: "monetary", requirement: "conditional", condition: "if the provider is a direct ICT third-party service provider" },
    { code: "c0110", label: "Identification code of the provider's ultimate parent undertaking", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0120", label: "Type of code to identify the provider's ultimate parent undertaking", type: "closed-set", requirement: "mandatory", options: TYPE_OF_CODE },
  ],
};

export const B_02_02: Template = {
  id: "b_02.02",
  fileName: "b_02.02.csv",
  title: "B_02.02 Contractual arrangements: specific information",
  columns: [
    { code: "c0010", label: "Contractual arrangement reference number", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0020", label: "LEI of the entity making use of the ICT service(s)", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0030", label: "Identification code of the ICT third-party service provider", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0040", label: "Type of code to identify the ICT third-party service provider", type: "closed-set", requirement: "mandatory", options: TYPE_OF_CODE },
    { code: "c0050", label: "Function identifier", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0060", label: "Type of ICT services", type: "closed-set", requirement: "mandatory", options: ICT_SERVICE_TYPES },
    { code: "c0070", label: "Start date of the contractual arrangement", type: "date", requirement: "mandatory" },
    { code: "c0080", label: "End date of the contractual arrangement", type: "date", requirement: "mandatory" },
    { code: "c0090", label: "Reason of the termination or ending of the contractual arrangement", type: "closed-set", requirement: "conditional", condition: "if the arrangement was terminated or ended", options: TERMINATION_REASONS },
    { code: "c0100", label: "Notice period for the financial entity (days)", type: "natural-number", requirement: "conditional", condition: CIF },
    { code: "c0110", label: "Notice period for the ICT third-party service provider (days)", type: "natural-number", requirement: "conditional", condition: CIF },
    { code: "c0120", label: "Country of the governing law of the contractual arrangement", type: "country", requirement: "conditional", condition: CIF, options: COUNTRY_OPTIONS },
    { code: "c0130", label: "Country of provision of the ICT services", type: "country", requirement: "conditional", condition: CIF, options: COUNTRY_OPTIONS },
    { code: "c0140", label: "Storage of data", type: "yes-no", requirement: "conditional", condition: CIF, options: YES_NO },
    { code: "c0150", label: "Location of the data at rest (storage)", type: "country", requirement: "conditional", condition: "if c0140 is Yes", options: COUNTRY_OPTIONS },
    { code: "c0160", label: "Location of management of the data (processing)", type: "country", requirement: "conditional", condition: "if the ICT service is based on or foresees data processing", options: COUNTRY_OPTIONS },
    { code: "c0170", label: "Sensitiveness of the data stored by the ICT third-party service provider", type: "closed-set", requirement: "conditional", condition: `if the provider stores data and ${CIF.slice(3)}`, options: DATA_SENSITIVENESS },
    { code: "c0180", label: "Level of reliance on the ICT service supporting the critical or important function", type: "closed-set", requirement: "conditional", condition: CIF, options: RELIANCE },
  ],
};

export const B_07_01: Template = {
  id: "b_07.01",
  fileName: "b_07.01.csv",
  title: "B_07.01 Assessment of the ICT services",
  columns: [
    { code: "c0010", label: "Contractual arrangement reference number", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0020", label: "Identification code of the ICT third-party service provider", type: "alphanumerical", requirement: "mandatory" },
    { code: "c0030", label: "Type of code to identify the ICT third-party service provider", type: "closed-set", requirement: "mandatory", options: TYPE_OF_CODE },
    { code: "c0040", label: "Type of ICT services", type: "closed-set", requirement: "mandatory", options: ICT_SERVICE_TYPES },
    { code: "c0050", label: "Substitutability of the ICT third-party service provider", type: "closed-set", requirement: "mandatory", options: SUBSTITUTABILITY },
    { code: "c0060", label: "Reason if the provider is not substitutable or difficult to substitute", type: "closed-set", requirement: "conditional", condition: "if c0050 is not substitutable or highly complex", options: NON_SUBSTITUTABILITY_REASONS },
    { code: "c0070", label: "Date of the last audit on the ICT third-party service provider", type: "date", requirement: "mandatory" },
    { code: "c0080", label: "Existence of an exit plan", type: "yes-no", requirement: "mandatory", options: YES_NO },
    { code: "c0090", label: "Possibility of reintegration of the contracted ICT service", type: "closed-set", requirement: "mandatory", options: REINTEGRATION },
    { code: "c0100", label: "Impact of discontinuing the ICT services", type: "closed-set", requirement: "mandatory", options: DISCONTINUING_IMPACT },
    { code: "c0110", label: "Are there alternative ICT third-party service providers identified?", type: "closed-set", requirement: "mandatory", options: YES_NO_NOT_ASSESSED },
    { code: "c0120", label: "Identification of alternative ICT third-party service providers", type: "alphanumerical", requirement: "optional" },
  ],
};

/** The templates Sovra builds from an assessment alone, each also a CSV of its own to merge into the entity's register. */
export const DORA_TEMPLATE_IDS = ["b_02.01", "b_02.02", "b_05.01", "b_05.02", "b_07.01"] as const;
export type DoraTemplateId = (typeof DORA_TEMPLATE_IDS)[number];
/** The templates of Sovra's report package (decision 045): the entity's own row (B_01.01) and the five above. */
export const DORA_PACKAGE_TEMPLATE_IDS = ["b_01.01", ...DORA_TEMPLATE_IDS] as const;
export type DoraPackageTemplateId = (typeof DORA_PACKAGE_TEMPLATE_IDS)[number];

export const DORA_TEMPLATES: Record<DoraPackageTemplateId, Template> = { "b_01.01": B_01_01, "b_02.01": B_02_01, "b_02.02": B_02_02, "b_05.01": B_05_01, "b_05.02": B_05_02, "b_07.01": B_07_01 };

/** Whether `value` may stand in `column` (an empty cell is an absent value in xBRL-CSV, always allowed here; gaps are listed separately). */
export function isAllowedValue(column: TemplateColumn, value: string): boolean {
  if (value === "") return true;
  if (column.options) return column.options.some((o) => o.code === value);
  switch (column.type) {
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value);
    case "natural-number":
      return /^\d+$/.test(value);
    case "monetary":
      return /^-?\d+(\.\d+)?$/.test(value);
    case "currency":
      return /^eba_CU:[A-Z]{3}$/.test(value);
    default:
      return true;
  }
}
