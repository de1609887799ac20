// The fields an import plan compares (lib/inventory/import-plan.ts, its "natural" rows), named as
// the user knows them: mostly the column headers of the import's tables. The preview says which
// fields a changed row changes with these (docs/decisions/033); internal names never reach it.
import type { ImportEntityType } from "./import-plan";
import { TABLE_TITLES, type TableEntity } from "./table-names";

export const ENTITY_TABLE: Record<ImportEntityType, TableEntity> = {
  office: "offices",
  vendor: "vendors",
  model: "models",
  ai_system: "ai_systems",
  dependency: "dependencies",
  fallback: "fallbacks",
  data_flow: "data_flows",
  policy_event: "policy_events",
};

const source = { source: "Source", sourceAsOf: "As of" };
const route = { modelVendor: "Vendor of model", model: "Model", accessPath: "Access path", cloudVendor: "Cloud", hostingCountry: "Hosting country", hostingRegion: "Hosting region" };

export const FIELD_LABELS: Record<ImportEntityType, Record<string, string>> = {
  office: { name: "Name", country: "Country", headcount: "Headcount", teams: "Teams" },
  vendor: {
    name: "Name",
    vendorType: "Type",
    hqCountry: "HQ country",
    parentName: "Ultimate parent",
    parentCountry: "Parent country",
    catalogueKey: "Catalogue key",
    dpfCertified: "DPF certified",
    ...source,
  },
  model: { vendor: "Vendor", name: "Name", family: "Family", weights: "Weights", licence: "Licence", trainingCompute: "Training compute", catalogueKey: "Catalogue key", ...source },
  ai_system: {
    name: "Name",
    owner: "Owner",
    criticality: "Criticality",
    toleratedDowntimeMinutes: "Tolerated downtime (hours)",
    teams: "Teams",
    dataSensitivity: "Data sensitivity",
    offices: "Offices",
  },
  dependency: {
    system: "AI system",
    ...route,
    exitPlanDocumented: "Exit plan documented",
    exitPlanLastReviewed: "Exit plan last reviewed",
    contractDataResidency: "Contract data residency",
    contractExitTerms: "Contract exit terms",
    dataSent: "Data sent",
    notes: "Notes",
  },
  fallback: {
    dependency: "Dependency",
    modelVendor: "Vendor of fallback model",
    model: "Fallback model",
    accessPath: "Fallback access path",
    cloudVendor: "Fallback cloud",
    hostingCountry: "Fallback hosting country",
    hostingRegion: "Fallback hosting region",
    lastTestedAt: "Last tested",
    switchTimeMinutes: "Switch time (hours)",
    qualityParityChecked: "Quality parity measured",
    exitPlan: "Exit plan",
    exitPlanUrl: "Exit plan link",
  },
  data_flow: {
    name: "Name",
    originOffice: "From office",
    originAiSystem: "AI system it comes from",
    dependency: "Dependency",
    vendor: "Vendor the data goes to",
    processingCountry: "Processing country",
    processingRegion: "Processing region",
    dataCategories: "Data categories",
    volume: "Volume",
    transferMechanism: "Transfer mechanism",
    encryption: "Encrypted",
  },
  policy_event: {
    key: "Key",
    title: "Title",
    kind: "Kind",
    effectiveDate: "Effective date",
    dateEstimated: "Date estimated",
    dateNote: "Date note",
    source: "Source",
    summary: "Summary",
    references: "References",
    type: "Type",
    issuer: "Issuer",
    expires: "Expires",
    scope: "Scope",
    restrictions: "Restrictions",
    lifts: "Lifts",
    countries: "Countries lifted",
    fromCatalogue: "From the catalogue",
  },
};

/** A field's name for people: its label, else its words ("someField" -> "some field"), never the bare key. */
export function fieldLabel(type: ImportEntityType, field: string): string {
  return FIELD_LABELS[type][field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** The title of the table an entity type's rows are listed in, e.g. "AI systems". */
export const tableTitleOf = (type: ImportEntityType) => TABLE_TITLES[ENTITY_TABLE[type]];
