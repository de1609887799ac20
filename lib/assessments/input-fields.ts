// The inventory document's fields and values as people know them, for "Why the score moved"
// (Compare, its API and the board report). The document names fields and rows by key
// (`toleratedDowntimeHours`, `mistral-small-3`); these turn them into the words the forms use.
// Pure: no database, no server-only.
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { COUNTRY_NAMES } from "@/lib/country-names";
import { formatDay } from "@/lib/dates";
import {
  ACCESS_PATH_LABELS,
  CRITICALITY_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_VOLUME_LABELS,
  ENCRYPTION_LABELS,
  labelFor,
  POLICY_EVENT_TYPE_LABELS,
  TRAINING_COMPUTE_LABELS,
  TRANSFER_MECHANISM_LABELS,
  VENDOR_TYPE_LABELS,
  WEIGHTS_LABELS,
  formatMinutes,
} from "@/lib/labels";
import { REGIMES } from "@/lib/organisations/schemas";
import { inSentence } from "@/scoring/words";
import type { InputSection } from "./input-diff";

const route = {
  model: "Model",
  accessPath: "Access path",
  cloud: "Cloud",
  "hostingRegion.country": "Hosting country",
  "hostingRegion.region": "Hosting region",
};
const source = { source: "Source", asOf: "As of", catalogueKey: "Catalogue entry" };

const FIELD_LABELS: Record<InputSection, Record<string, string>> = {
  organisation: { name: "Name", hqCountry: "Headquarters country", sector: "Sector", regimes: "Regulatory regimes", dpfCertified: "DPF certified" },
  offices: { name: "Name", country: "Country", headcount: "Headcount", teams: "Teams" },
  vendors: {
    name: "Name",
    type: "Type",
    hqCountry: "HQ country",
    "ultimateParent.name": "Ultimate parent",
    "ultimateParent.country": "Parent country",
    dpfCertified: "DPF certified",
    ...source,
  },
  models: { name: "Name", vendor: "Vendor", family: "Family", weights: "Weights", licence: "Licence", trainingCompute: "Training compute", ...source },
  aiSystems: {
    name: "Name",
    owner: "Owner",
    criticality: "Criticality",
    toleratedDowntimeHours: "Tolerated downtime",
    offices: "Offices",
    teams: "Teams",
    dataSensitivity: "Data sensitivity",
  },
  dependencies: {
    system: "AI system",
    ...route,
    "exitPlan.documented": "Exit plan documented",
    "exitPlan.lastReviewed": "Exit plan last reviewed",
    "contract.dataResidency": "Contract data residency",
    "contract.exitTerms": "Contract exit terms",
    dataSent: "Data sent",
    notes: "Notes",
  },
  fallbacks: {
    dependency: "Dependency",
    ...route,
    lastTested: "Last tested",
    switchTimeHours: "Switch time",
    qualityParityMeasured: "Quality parity measured",
    exitPlan: "Exit plan",
    exitPlanUrl: "Exit plan link",
  },
  dataFlows: {
    fromOffice: "From office",
    dependency: "Dependency",
    categories: "Data categories",
    volume: "Volume",
    transferMechanism: "Transfer mechanism",
    encrypted: "Encrypted",
  },
  policyEvents: {
    title: "Title",
    effectiveDate: "Effective date",
    dateEstimated: "Date estimated",
    dateNote: "Date note",
    source: "Source",
    references: "References",
    summary: "Summary",
    kind: "Kind",
    type: "Kind of measure",
    issuer: "Issuer",
    expires: "Expires",
    scope: "Scope",
    restrictions: "Restrictions",
    lifts: "Lifts",
    countries: "Countries",
  },
};

/** "fooBarBaz" -> "Foo bar baz": a field this table does not know yet still reads as words. */
const words = (field: string) => {
  const w = field.replace(/\./g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/** A document field as people know it: ("dependencies", "exitPlan.documented") -> "Exit plan documented". */
export function inputFieldLabel(section: InputSection, field: string): string {
  return FIELD_LABELS[section][field] ?? words(field);
}

/** Sorts fields in the order the forms show them (the table's order); fields it does not know go last, by name. */
export function compareInputFields(section: InputSection, a: string, b: string): number {
  const order = Object.keys(FIELD_LABELS[section]);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Names for the keys a document's rows refer to, from both documents of a comparison (a removed row is still named). */
export interface InputNames {
  vendors: Map<string, string>;
  models: Map<string, string>;
  aiSystems: Map<string, string>;
  offices: Map<string, string>;
  dependencies: Map<string, string>;
  policyEvents: Map<string, string>;
}

export function inputNames(...docs: InventoryDocumentInput[]): InputNames {
  const names: InputNames = { vendors: new Map(), models: new Map(), aiSystems: new Map(), offices: new Map(), dependencies: new Map(), policyEvents: new Map() };
  for (const doc of docs) {
    for (const v of doc.vendors ?? []) names.vendors.set(v.key, v.name);
    for (const m of doc.models ?? []) names.models.set(m.key, m.name);
    for (const s of doc.aiSystems ?? []) names.aiSystems.set(s.key, s.name);
    for (const o of doc.offices ?? []) names.offices.set(o.key, o.name);
    for (const e of doc.policyEvents ?? []) names.policyEvents.set(e.key, e.title);
  }
  for (const doc of docs)
    for (const d of doc.dependencies ?? [])
      names.dependencies.set(d.key, `${names.aiSystems.get(d.system) ?? d.system} → ${names.models.get(d.model) ?? d.model}`);
  return names;
}

/** The document spells enum values with hyphens ("direct-api"), the label tables with underscores. */
const enumLabel = (labels: Readonly<Record<string, string>>) => (v: string) => labelFor(labels, v.replaceAll("-", "_"));
const country = (code: string) => COUNTRY_NAMES[code] ?? (code === "EU" ? "European Union" : code === "vendor" ? "the vendor itself" : code);
const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDay(iso) : iso);
const hours = (h: number) => formatMinutes(Math.round(h * 60));

type Say = (v: string | number, names: InputNames) => string;

/** How to say one scalar value of a field; a field not named here is said as it is. */
const SAY: Record<string, Say> = {
  country: (v) => country(String(v)),
  hqCountry: (v) => country(String(v)),
  "hostingRegion.country": (v) => country(String(v)),
  "ultimateParent.country": (v) => country(String(v)),
  issuer: (v) => country(String(v)),
  countries: (v) => country(String(v)),
  model: (v, n) => n.models.get(String(v)) ?? String(v),
  vendor: (v, n) => n.vendors.get(String(v)) ?? String(v),
  cloud: (v, n) => n.vendors.get(String(v)) ?? String(v),
  system: (v, n) => n.aiSystems.get(String(v)) ?? String(v),
  offices: (v, n) => n.offices.get(String(v)) ?? String(v),
  fromOffice: (v, n) => n.offices.get(String(v)) ?? String(v),
  dependency: (v, n) => n.dependencies.get(String(v)) ?? String(v),
  lifts: (v, n) => n.policyEvents.get(String(v)) ?? String(v),
  accessPath: (v) => inSentence(enumLabel(ACCESS_PATH_LABELS)(String(v))),
  type: (v) => enumLabel({ ...VENDOR_TYPE_LABELS, ...POLICY_EVENT_TYPE_LABELS })(String(v)),
  weights: (v) => enumLabel(WEIGHTS_LABELS)(String(v)),
  criticality: (v) => enumLabel(CRITICALITY_LABELS)(String(v)),
  dataSensitivity: (v) => enumLabel(DATA_CATEGORY_LABELS)(String(v)),
  dataSent: (v) => enumLabel(DATA_CATEGORY_LABELS)(String(v)),
  categories: (v) => enumLabel(DATA_CATEGORY_LABELS)(String(v)),
  volume: (v) => enumLabel(DATA_VOLUME_LABELS)(String(v)),
  transferMechanism: (v) => enumLabel(TRANSFER_MECHANISM_LABELS)(String(v)),
  encryption: (v) => enumLabel(ENCRYPTION_LABELS)(String(v)),
  trainingCompute: (v) => labelFor(TRAINING_COMPUTE_LABELS, String(v)),
  regimes: (v) => labelFor(REGIMES, String(v)),
  toleratedDowntimeHours: (v) => hours(Number(v)),
  switchTimeHours: (v) => hours(Number(v)),
  headcount: (v) => Number(v).toLocaleString("en"),
  asOf: (v) => day(String(v)),
  lastTested: (v) => day(String(v)),
  "exitPlan.lastReviewed": (v) => day(String(v)),
  effectiveDate: (v) => day(String(v)),
  expires: (v) => day(String(v)),
};

/**
 * A field's value in words, "—" when absent; null for a value too rich for one line (a policy's
 * scope, its restrictions or references), which is then only said to have changed.
 */
export function describeInputValue(field: string, value: unknown, names: InputNames): string | null {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  const say = (x: string | number) => (SAY[field] ?? ((v) => String(v)))(x, names);
  if (typeof value === "string" || typeof value === "number") return say(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    if (value.every((x) => typeof x === "string" || typeof x === "number")) return value.map((x) => say(x as string | number)).join(", ");
    return null;
  }
  return null;
}
