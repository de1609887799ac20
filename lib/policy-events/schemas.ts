import { z } from "zod";
import { slugify } from "@/lib/organisations/schemas";
import { idAndVersion } from "@/lib/form-fields";
import { keySchema } from "@/scoring/schema/primitives";
import { POLICY_EVENT_TYPES, policyEventSchema as enginePolicyEventSchema, type PolicyEvent } from "@/scoring/schema/policy-event";

const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A form sends scope and restrictions as JSON text (the editor's hidden fields); the API sends objects. */
const jsonText = (v: unknown) => {
  if (typeof v !== "string") return v;
  if (v.trim() === "") return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

/**
 * The fields of a policy event as a form or the API sends them. `key` may be left out (derived
 * from the title); an own event with a catalogue event's key corrects that event. The shape is
 * then checked by the engine's own policy-event schema, so its messages and paths come back.
 */
const fields = z.object({
  key: z.preprocess(blank, keySchema.optional()),
  kind: z.enum(["impose", "lift"], { error: "Choose impose or lift" }),
  title: z.string().trim().min(1, "Enter a title").max(200, "Use at most 200 characters"),
  effectiveDate: z.iso.date({ message: "Enter a date (YYYY-MM-DD)" }),
  source: z.string().trim().min(1, "Enter a source: a URL or a reference to the text").max(500, "Use at most 500 characters"),
  summary: z.preprocess(blank, z.string().trim().max(2000, "Use at most 2,000 characters").optional()),
  type: z.preprocess(blank, z.enum(POLICY_EVENT_TYPES, { error: "Choose the kind of measure" }).optional()),
  issuer: z.preprocess((v) => {
    const b = blank(v);
    return typeof b === "string" ? (b.trim().toLowerCase() === "vendor" ? "vendor" : b.trim().toUpperCase()) : b;
  }, z.string().optional()),
  expires: z.preprocess(blank, z.iso.date({ message: "Enter a date (YYYY-MM-DD)" }).optional()),
  scope: z.preprocess(jsonText, z.unknown().optional()),
  restrictions: z.preprocess(jsonText, z.unknown().optional()),
  lifts: z.preprocess(blank, keySchema.optional()),
});

type Fields = z.infer<typeof fields>;

function toEvent(f: Fields, ctx: z.RefinementCtx): PolicyEvent {
  const base = { key: f.key ?? (slugify(f.title) || "event"), title: f.title, effectiveDate: f.effectiveDate, source: f.source, ...(f.summary ? { summary: f.summary } : {}) };
  const candidate =
    f.kind === "lift"
      ? { ...base, kind: "lift", lifts: f.lifts }
      : { ...base, kind: "impose", type: f.type, issuer: f.issuer, ...(f.expires ? { expires: f.expires } : {}), scope: f.scope ?? {}, restrictions: f.restrictions };
  if (f.kind === "lift" && !f.lifts) ctx.addIssue({ code: "custom", message: "Choose the event this lifts", path: ["lifts"] });
  if (f.kind === "impose") {
    if (!f.type) ctx.addIssue({ code: "custom", message: "Choose the kind of measure", path: ["type"] });
    if (!f.issuer) ctx.addIssue({ code: "custom", message: "Enter who issued it: a country code, EU or vendor", path: ["issuer"] });
    if (f.restrictions === undefined) ctx.addIssue({ code: "custom", message: "Say whom it restricts", path: ["restrictions"] });
    if (f.expires && f.expires <= f.effectiveDate) ctx.addIssue({ code: "custom", message: "Must be after the effective date", path: ["expires"] });
  }
  const parsed = enginePolicyEventSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path.length === 1 && ["lifts", "type", "issuer", "restrictions"].includes(String(issue.path[0])) && (candidate as Record<string, unknown>)[String(issue.path[0])] === undefined) continue; // said above
      ctx.addIssue({ code: "custom", message: issue.path.length > 1 ? `${issue.path.slice(1).join(".")}: ${issue.message}` : issue.message, path: issue.path.slice(0, 1) as PropertyKey[] });
    }
    return z.NEVER;
  }
  return parsed.data;
}

export const policyEventInputSchema = fields.transform(toEvent);
export const updatePolicyEventSchema = fields.extend(idAndVersion).transform((f, ctx) => ({ id: f.id, version: f.version, event: toEvent(f, ctx) }));
export const deletePolicyEventSchema = z.object(idAndVersion);

export type PolicyEventInput = PolicyEvent;
