// A stored PolicyEvent row as the engine's policy event (scoring/schema/policy-event.ts): the one
// translation that the policy event pages, the public API and the inventory document share, so
// an event reads the same wherever it is shown or exported. Database enums are the document's
// values in snake case; JSON columns hold the engine's own shapes.
//
// Pure (no database, no server-only import): lib/inventory/document-rows.ts uses it too.
import type { ImposeEvent, PolicyEvent, PolicyScope, Reference, Restriction } from "@/scoring/schema/policy-event";
import type { CountrySet } from "@/scoring/schema/primitives";

/** The columns {@link policyEventFromRow} reads. */
export interface PolicyEventRow {
  key: string;
  kind: "impose" | "lift";
  title: string;
  effectiveDate: Date;
  dateEstimated: boolean;
  dateNote: string | null;
  source: string;
  summary: string | null;
  references: unknown;
  type: string | null;
  issuer: string | null;
  expires: Date | null;
  scope: unknown;
  restrictions: unknown;
  lifts: string | null;
  countries: unknown;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The engine's policy event of a stored row. Fields the row leaves empty are left out, so the
 * event is what a JSON export writes (and what an import of that export writes back).
 *
 * @example
 * policyEventFromRow({ kind: "lift", lifts: "a-ban", countries: { only: [], sets: ["us-key-allies"] }, dateEstimated: true, ... })
 * //=> { key, title, effectiveDate, dateEstimated: true, source, kind: "lift", lifts: "a-ban", countries: { only: [], sets: ["us-key-allies"] } }
 */
export function policyEventFromRow(e: PolicyEventRow): PolicyEvent {
  const base = {
    key: e.key,
    title: e.title,
    effectiveDate: isoDate(e.effectiveDate),
    ...(e.dateEstimated ? { dateEstimated: true } : {}),
    ...(e.dateNote ? { dateNote: e.dateNote } : {}),
    source: e.source,
    ...(Array.isArray(e.references) ? { references: e.references as Reference[] } : {}),
    ...(e.summary ? { summary: e.summary } : {}),
  };
  if (e.kind === "lift") return { ...base, kind: "lift", lifts: e.lifts ?? "", ...(e.countries ? { countries: e.countries as CountrySet } : {}) };
  return {
    ...base,
    kind: "impose",
    type: (e.type ?? "ban").replaceAll("_", "-") as ImposeEvent["type"],
    issuer: (e.issuer ?? "vendor") as ImposeEvent["issuer"],
    ...(e.expires ? { expires: isoDate(e.expires) } : {}),
    scope: (e.scope ?? {}) as PolicyScope,
    restrictions: (e.restrictions ?? []) as Restriction[],
  };
}
