// The EU AI Act registration of a deployer's use of a high-risk AI system (Art. 49(3), Annex VIII
// Section C): the Annex III areas, the five items the deployer submits with their legal wording,
// and what a registration still lacks. Pure: the form, the AI system's page, the CSV and the PDF
// all read it (decision 046). Sovra records what the deployer answers; it does not judge whether a
// use is high-risk or whether the organisation must register.

/** The areas of Annex III (high-risk uses), by point number, in plain words. */
export const ANNEX_III_AREAS = {
  "1": "Biometrics",
  "2": "Critical infrastructure",
  "3": "Education and vocational training",
  "4": "Employment, workers' management and access to self-employment",
  "5": "Access to essential private and public services and benefits",
  "6": "Law enforcement",
  "7": "Migration, asylum and border control",
  "8": "Administration of justice and democratic processes",
} as const;

export type AnnexIIIArea = keyof typeof ANNEX_III_AREAS;
export const ANNEX_III_AREA_KEYS = Object.keys(ANNEX_III_AREAS) as [AnnexIIIArea, ...AnnexIIIArea[]];

/**
 * An Annex III area in words, with its point; null (not judged yet) or an unknown value as such.
 * @example annexIIIAreaLabel("4") // "Annex III point 4: Employment, workers' management and access to self-employment"
 */
export function annexIIIAreaLabel(area: string | null | undefined): string {
  if (!area) return "Not recorded";
  return Object.hasOwn(ANNEX_III_AREAS, area) ? `Annex III point ${area}: ${ANNEX_III_AREAS[area as AnnexIIIArea]}` : `Annex III point ${area}`;
}

/** What a registration holds (the database row's fields, without its id and version). */
export interface RegistrationFields {
  annexIIIArea: string | null;
  deployerName: string;
  deployerAddress: string;
  deployerContact: string;
  submitterName: string;
  submitterAddress: string;
  submitterContact: string;
  providerEuDatabaseUrl: string;
  friaSummary: string;
  dpiaSummary: string;
  dpiaNotApplicable: boolean;
}

/** The fields that answer Annex VIII C (the Annex III area is Sovra's context, not one of them). */
export type AnswerField = Exclude<keyof RegistrationFields, "annexIIIArea" | "dpiaNotApplicable">;

/** Each field as people call it: form labels, the CSV's headers, what is missing, conflict messages. */
export const REGISTRATION_FIELD_LABELS = {
  annexIIIArea: "Annex III area",
  deployerName: "Deployer's name",
  deployerAddress: "Deployer's address",
  deployerContact: "Deployer's contact details",
  submitterName: "Name of the person submitting",
  submitterAddress: "Address of the person submitting",
  submitterContact: "Contact details of the person submitting",
  providerEuDatabaseUrl: "Provider's EU database entry (URL)",
  friaSummary: "Fundamental rights impact assessment: summary of findings",
  dpiaSummary: "Data protection impact assessment: summary",
  dpiaNotApplicable: "No data protection impact assessment applies",
} as const satisfies Record<keyof RegistrationFields, string>;

/** The five items of Annex VIII Section C, in the Regulation's words, and the fields that answer each. */
export const ANNEX_VIII_C = [
  { point: 1, wording: "The name, address and contact details of the deployer", fields: ["deployerName", "deployerAddress", "deployerContact"] },
  { point: 2, wording: "The name, address and contact details of the person submitting information on behalf of the deployer", fields: ["submitterName", "submitterAddress", "submitterContact"] },
  { point: 3, wording: "The URL of the entry of the AI system in the EU database by its provider", fields: ["providerEuDatabaseUrl"] },
  { point: 4, wording: "A summary of the findings of the fundamental rights impact assessment conducted in accordance with Article 27", fields: ["friaSummary"] },
  {
    point: 5,
    wording:
      "A summary of the data protection impact assessment carried out in accordance with Article 35 of Regulation (EU) 2016/679 or Article 27 of Directive (EU) 2016/680 as specified in Article 26(8) of this Regulation, where applicable",
    fields: ["dpiaSummary"],
  },
] as const satisfies readonly { point: number; wording: string; fields: readonly AnswerField[] }[];

/** Every answer field, in the order of Annex VIII C. */
export const ANSWER_FIELDS: readonly AnswerField[] = ANNEX_VIII_C.flatMap((item) => item.fields);

const blank = (value: string | null | undefined) => (value ?? "").trim() === "";

/**
 * The answer fields Annex VIII C still lacks: each empty one (blank text counts as empty), except
 * the DPIA summary when the deployer marked that no DPIA applies (C.5 is "where applicable").
 * No registration at all lacks every field.
 * @example missingFieldKeys({ ...filled, submitterContact: " " }) // ["submitterContact"]
 */
export function missingFieldKeys(registration: RegistrationFields | null | undefined): AnswerField[] {
  if (!registration) return [...ANSWER_FIELDS];
  return ANSWER_FIELDS.filter((field) => !(field === "dpiaSummary" && registration.dpiaNotApplicable) && blank(registration[field]));
}

/**
 * What Annex VIII C still lacks, in plain words, in the order of the Annex; empty when the
 * registration is complete.
 * @example missingFields({ ...filled, providerEuDatabaseUrl: "" }) // ["Provider's EU database entry (URL)"]
 */
export function missingFields(registration: RegistrationFields | null | undefined): string[] {
  return missingFieldKeys(registration).map((field) =>
    field === "dpiaSummary" ? `${REGISTRATION_FIELD_LABELS.dpiaSummary} (or mark that none applies)` : REGISTRATION_FIELD_LABELS[field],
  );
}

/** The Annex VIII C item (1-5) a field answers. */
export function annexPointOf(field: AnswerField): number {
  return ANNEX_VIII_C.find((item) => (item.fields as readonly AnswerField[]).includes(field))!.point;
}

/**
 * What the Annex III area means for the registration, in words, or null when it changes nothing.
 * Art. 49(3) leaves out Annex III point 2 (registered at national level, Art. 49(5)); uses under
 * points 1, 6 and 7 in law enforcement, migration, asylum and border control go into the EU
 * database's secure non-public section (Art. 49(4)).
 */
export function annexIIIAreaNote(area: string | null | undefined): string | null {
  if (!area) return "The Annex III area is not recorded yet. Sovra does not judge whether a use is high-risk: record the area your own assessment found.";
  if (area === "2") return "Art. 49(3) does not cover Annex III point 2 (critical infrastructure): such systems are registered at national level (Art. 49(5)). Check whether this registration is needed at all.";
  if (area === "1" || area === "6" || area === "7")
    return "Where this use is in law enforcement, migration, asylum or border control, it is registered in the secure non-public section of the EU database (Art. 49(4)).";
  return null;
}
