import { z } from "zod";
import {
  accessPathSchema,
  computeBandSchema,
  countryCodeSchema,
  countrySetSchema,
  isoDateSchema,
  keySchema,
} from "./primitives";

export const POLICY_EVENT_TYPES = ["export-control", "sanction", "vendor-restriction", "ban", "disruption", "licence-term"] as const;
export const SEVERITIES = ["block", "licence-required"] as const;
export const LOCI = ["users", "hosting", "any", "licensee"] as const;

/**
 * Who is restricted: a set of countries, matched against the countries of the offices
 * that use a dependency (`users`), the country where the model runs (`hosting`), either
 * (`any`), or the country of the organisation itself as the licensee (`licensee`: licence terms
 * that withhold rights from companies based in a region).
 */
export const restrictionSchema = z.strictObject({
  countries: countrySetSchema,
  locus: z.enum(LOCI),
  severity: z.enum(SEVERITIES),
});
export type Restriction = z.infer<typeof restrictionSchema>;

/**
 * Which dependencies an event reaches. Every listed selector must match (AND);
 * an omitted selector matches everything. Vendor, model and cloud selectors match the
 * inventory key or the `catalogueKey`.
 */
export const policyScopeSchema = z.strictObject({
  vendors: z.array(keySchema).optional(),
  vendorCountries: countrySetSchema.optional(),
  models: z.array(keySchema).optional(),
  modelFamilies: z.array(z.string().min(1)).optional(),
  weights: z.enum(["open", "closed"]).optional(),
  minTrainingCompute: z.enum(["1e25-1e26", "above-1e26"]).optional(),
  accessPaths: z.array(accessPathSchema).optional(),
  clouds: z.array(keySchema).optional(),
  hostingRegions: z.array(z.string().min(1)).optional(),
});
export type PolicyScope = z.infer<typeof policyScopeSchema>;

/** A published text an event rests on (a press report, a rule, a notice). */
export const referenceSchema = z.strictObject({
  /** Who published it; omitted when the copy held does not say. */
  publisher: z.string().min(1).max(200).optional(),
  title: z.string().min(1).max(500),
  url: z.url({ protocol: /^https?$/, error: "expected an http or https address" }).max(2000).optional(),
  /** What the text says that the event rests on, or why it is cited. */
  note: z.string().max(1000).optional(),
}).meta({ id: "Reference", description: "A published text an event rests on" });
export type Reference = z.infer<typeof referenceSchema>;

const eventBase = {
  key: keySchema,
  title: z.string().min(1),
  effectiveDate: isoDateSchema,
  /** True when no source gives the date and `effectiveDate` is a dated reading (shown as an estimate). */
  dateEstimated: z.boolean().optional(),
  /** How the date was read, e.g. why it is an estimate. */
  dateNote: z.string().max(2000).optional(),
  source: z.string().min(1),
  /** The texts the event rests on, with their publishers. */
  references: z.array(referenceSchema).optional(),
  summary: z.string().optional(),
};

/** A restriction that comes into force on `effectiveDate` (and ends on `expires`, if given). */
export const imposeEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal("impose"),
  type: z.enum(POLICY_EVENT_TYPES),
  issuer: z.union([countryCodeSchema, z.literal("EU"), z.literal("vendor")]),
  expires: isoDateSchema.optional(),
  scope: policyScopeSchema,
  restrictions: z.array(restrictionSchema).min(1),
});

/**
 * Ends an imposed event (by key) from `effectiveDate`: for everyone, or, with `countries`, only
 * for those countries (a partial lift: the rest stay restricted).
 */
export const liftEventSchema = z.strictObject({
  ...eventBase,
  kind: z.literal("lift"),
  lifts: keySchema,
  countries: countrySetSchema.optional(),
});

/** A dated change in the policy landscape: imposing or lifting a restriction. */
export const policyEventSchema = z.discriminatedUnion("kind", [imposeEventSchema, liftEventSchema]).meta({ id: "PolicyEvent", description: "A dated change in the policy landscape: imposing or lifting a restriction" });
export type PolicyEvent = z.infer<typeof policyEventSchema>;
export type ImposeEvent = z.infer<typeof imposeEventSchema>;
export type LiftEvent = z.infer<typeof liftEventSchema>;
export { computeBandSchema };
