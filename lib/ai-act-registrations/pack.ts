import { annexIIIAreaLabel, ANSWER_FIELDS, missingFieldKeys, missingFields, REGISTRATION_FIELD_LABELS, type AnswerField, type RegistrationFields } from "@/lib/ai-act-registrations/annex-viii";

// The EU AI Act registration pack (decision 046): one filled Annex VIII C form per registered AI
// system, as the print route lays them out for the PDF and as one CSV row each. Pure.

/** One AI system's registration, with what the inventory says of the system for context. */
export interface RegistrationForm {
  aiSystemId: string;
  aiSystemName: string;
  aiSystemOwner: string;
  aiSystemPurpose: string;
  registration: RegistrationFields & { version: number; updatedAt: Date };
  /** The answer fields still empty, in the order of Annex VIII C. */
  missing: AnswerField[];
}

export interface RegistrationPack {
  organisationName: string;
  /** When the pack was read, ISO 8601. */
  generatedAt: string;
  forms: RegistrationForm[];
}

/** A registration row with its AI system, as the queries read it, to the form the pack shows. */
export function toRegistrationForm(row: RegistrationFields & { version: number; updatedAt: Date; aiSystem: { id: string; name: string; owner: string; description: string } }): RegistrationForm {
  const { aiSystem, ...registration } = row;
  return { aiSystemId: aiSystem.id, aiSystemName: aiSystem.name, aiSystemOwner: aiSystem.owner, aiSystemPurpose: aiSystem.description, registration, missing: missingFieldKeys(registration) };
}

export const REGISTRATION_CSV_HEADERS = [
  "AI system",
  REGISTRATION_FIELD_LABELS.annexIIIArea,
  ...ANSWER_FIELDS.map((f) => REGISTRATION_FIELD_LABELS[f]),
  REGISTRATION_FIELD_LABELS.dpiaNotApplicable,
  "Missing (Annex VIII C)",
  "Complete",
  "Last changed (UTC)",
] as const;

/**
 * The pack as a table: one row per registration, the Annex III area and the yes/no answer in
 * words, every Annex VIII C field as entered, and what is missing.
 */
export function registrationTable(pack: Pick<RegistrationPack, "forms">): { headers: string[]; rows: string[][] } {
  const rows = pack.forms.map((form) => {
    const r = form.registration;
    const missing = missingFields(r);
    return [
      form.aiSystemName,
      annexIIIAreaLabel(r.annexIIIArea),
      ...ANSWER_FIELDS.map((f) => r[f]),
      r.dpiaNotApplicable ? "yes" : "no",
      missing.join("; "),
      missing.length === 0 ? "yes" : "no",
      r.updatedAt.toISOString().slice(0, 16).replace("T", " "),
    ];
  });
  return { headers: [...REGISTRATION_CSV_HEADERS], rows };
}

/**
 * The file name of a pack download: organisation, day, and the AI system when it is one form.
 * @example registrationPackFileName("mainfeld", pack, "pdf") // "sovra-mainfeld-2026-12-07-ai-act-registration-pack.pdf"
 */
export function registrationPackFileName(organisationSlug: string, pack: Pick<RegistrationPack, "generatedAt" | "forms">, extension: "csv" | "pdf", oneSystem = false): string {
  const one = oneSystem ? pack.forms[0] : undefined;
  const slug = one?.aiSystemName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const what = one ? `ai-act-registration-${slug || "ai-system"}` : "ai-act-registration-pack";
  return `sovra-${organisationSlug}-${pack.generatedAt.slice(0, 10)}-${what}.${extension}`;
}

/** The Reports page's download of the pack (app/(app)/[org]/reports/exports/[kind]): CSV, or PDF of all forms or one AI system's. */
export const registrationPackHref = (org: string, format: "csv" | "pdf", aiSystemId?: string) =>
  `/${org}/reports/exports/ai-act-registrations.${format}${aiSystemId ? `?aiSystemId=${encodeURIComponent(aiSystemId)}` : ""}`;
