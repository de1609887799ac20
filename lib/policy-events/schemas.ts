import { z } from "zod";
import { multiLineText, singleLineText, textProblem } from "@/lib/text";
import { slugify } from "@/lib/organisations/schemas";
import { idAndVersion } from "@/lib/form-fields";
import { checkPolicyEvent } from "@/lib/policy-events/rules";
import { keySchema } from "@/scoring/schema/primitives";
import { POLICY_EVENT_TYPES, type PolicyEvent } from "@/scoring/schema/policy-event";

const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A form sends scope, restrictions, references and a lift's countries as JSON text (the editor's hidden fields); the API sends objects. */
const jsonText = (v: unknown) => {
  if (typeof v !== "string") return v;
  if (v.trim() === "") return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};
/** A lift's countries as the form sends them: no country and no named set is a full lift (none given). */
const liftCountries = (v: unknown) => {
  const set = jsonText(v);
  if (set === null || typeof set !== "object" || Array.isArray(set)) return set;
  const { only, allExcept, sets } = set as { only?: unknown; allExcept?: unknown; sets?: unknown };
  const listed = Array.isArray(only) ? only : Array.isArray(allExcept) ? allExcept : undefined;
  const named = Array.isArray(sets) ? sets : sets === undefined ? [] : undefined;
  return listed?.length === 0 && named?.length === 0 ? undefined : set;
};
/** A checkbox ("on") or the API's boolean. */
const ticked = (v: unknown) => v === true || v === "on" || v === "true";

/**
 * The fields of a policy event as a form or the API sends them. `key` may be left out (derived
 * from the title); an own event with a catalogue event's key corrects that event. The shape is
 * then checked by the engine's own policy-event schema (lib/policy-events/rules.ts), whose
 * problems come back in words under each field.
 */
const fields = z.object({
  key: z.preprocess(blank, keySchema.optional()),
  kind: z.enum(["impose", "lift"], { error: "Choose impose or lift" }),
  title: z.string().trim().min(1, "Enter a title").max(200, "Use at most 200 characters").superRefine(singleLineText),
  effectiveDate: z.preprocess(blank, z.iso.date({ message: "Enter a date (YYYY-MM-DD)" }).optional()),
  dateEstimated: z.preprocess(ticked, z.boolean()),
  dateNote: z.preprocess(blank, z.string().trim().max(2000, "Use at most 2,000 characters").superRefine(multiLineText).optional()),
  source: z.string().trim().min(1, "Enter a source: a URL or a reference to the text").max(500, "Use at most 500 characters").superRefine(singleLineText),
  summary: z.preprocess(blank, z.string().trim().max(2000, "Use at most 2,000 characters").superRefine(multiLineText).optional()),
  references: z.preprocess(jsonText, z.unknown().optional()),
  type: z.preprocess(blank, z.enum(POLICY_EVENT_TYPES, { error: "Choose the kind of measure" }).optional()),
  issuer: z.preprocess((v) => {
    const b = blank(v);
    return typeof b === "string" ? (b.trim().toLowerCase() === "vendor" ? "vendor" : b.trim().toUpperCase()) : b;
  }, z.string().optional()),
  expires: z.preprocess(blank, z.iso.date({ message: "Enter a date (YYYY-MM-DD)" }).optional()),
  scope: z.preprocess(jsonText, z.unknown().optional()),
  restrictions: z.preprocess(jsonText, z.unknown().optional()),
  lifts: z.preprocess(blank, keySchema.optional()),
  countries: z.preprocess(liftCountries, z.unknown().optional()),
});

type Fields = z.infer<typeof fields>;

/**
 * The text rules (lib/text.ts) on an event in the engine's shape, for what the engine's own schema
 * does not check: titles, sources, publishers and scope names one line, notes and summaries free.
 * The form's JSON fields (references, scope) and the API's bodies both go through it.
 */
export function addPolicyEventTextIssues(event: unknown, ctx: z.RefinementCtx, prefix: (string | number)[] = []) {
  if (event === null || typeof event !== "object") return;
  const e = event as Record<string, unknown>;
  const check = (value: unknown, kind: "single-line" | "multi-line", path: (string | number)[]) => {
    const message = typeof value === "string" ? textProblem(value, kind) : null;
    if (message) ctx.addIssue({ code: "custom", message, path: [...prefix, ...path] });
  };
  check(e.title, "single-line", ["title"]);
  check(e.source, "single-line", ["source"]);
  check(e.dateNote, "multi-line", ["dateNote"]);
  check(e.summary, "multi-line", ["summary"]);
  if (Array.isArray(e.references)) {
    e.references.forEach((r: unknown, i) => {
      if (r === null || typeof r !== "object") return;
      const ref = r as Record<string, unknown>;
      check(ref.publisher, "single-line", ["references", i, "publisher"]);
      check(ref.title, "single-line", ["references", i, "title"]);
      check(ref.url, "single-line", ["references", i, "url"]);
      check(ref.note, "multi-line", ["references", i, "note"]);
    });
  }
  const scope = e.scope as Record<string, unknown> | undefined;
  for (const list of ["modelFamilies", "hostingRegions"] as const) {
    const items = scope && typeof scope === "object" ? scope[list] : undefined;
    if (Array.isArray(items)) items.forEach((item: unknown, i) => check(item, "single-line", ["scope", list, i]));
  }
}

function toEvent(f: Fields, ctx: z.RefinementCtx): PolicyEvent {
  const references = Array.isArray(f.references) && f.references.length === 0 ? undefined : f.references;
  const base = {
    key: f.key ?? (slugify(f.title) || "event"),
    title: f.title,
    effectiveDate: f.effectiveDate,
    ...(f.dateEstimated ? { dateEstimated: true } : {}),
    ...(f.dateNote ? { dateNote: f.dateNote } : {}),
    source: f.source,
    ...(references === undefined ? {} : { references }),
    ...(f.summary ? { summary: f.summary } : {}),
  };
  const candidate =
    f.kind === "lift"
      ? { ...base, kind: "lift", lifts: f.lifts, ...(f.countries === undefined ? {} : { countries: f.countries }) }
      : { ...base, kind: "impose", type: f.type, issuer: f.issuer, ...(f.expires ? { expires: f.expires } : {}), scope: f.scope ?? {}, restrictions: f.restrictions };
  // Said here in the form's words; the engine's own message for a missing value is skipped below.
  const said = new Set<string>();
  const say = (field: string, message: string) => {
    said.add(field);
    ctx.addIssue({ code: "custom", message, path: [field] });
  };
  if (!f.effectiveDate) say("effectiveDate", f.dateEstimated ? "Enter the date you estimate (YYYY-MM-DD): an estimated date is still a date" : "Enter a date (YYYY-MM-DD)");
  if (f.kind === "lift" && !f.lifts) say("lifts", "Choose the event this lifts");
  if (f.kind === "impose") {
    if (!f.type) say("type", "Choose the kind of measure");
    if (!f.issuer) say("issuer", "Enter who issued it: a country code, EU or vendor");
    if (f.restrictions === undefined) say("restrictions", "Say whom it restricts");
  }
  addPolicyEventTextIssues({ references, scope: f.scope }, ctx);
  const checked = checkPolicyEvent(candidate);
  if (!checked.ok) {
    for (const [field, messages] of Object.entries(checked.problems)) {
      if (said.has(field)) continue;
      for (const message of messages) ctx.addIssue({ code: "custom", message, path: [field] });
    }
    return z.NEVER;
  }
  if (said.size > 0) return z.NEVER;
  return checked.event;
}

export const policyEventInputSchema = fields.transform(toEvent);
export const updatePolicyEventSchema = fields.extend(idAndVersion).transform((f, ctx) => ({ id: f.id, version: f.version, event: toEvent(f, ctx) }));
export const deletePolicyEventSchema = z.object(idAndVersion);

export type PolicyEventInput = PolicyEvent;
