import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { idAndVersion, optionalText } from "@/lib/form-fields";
import { emailSchema } from "@/lib/auth/schemas";
import { refineSystemCapture, systemCaptureShape } from "@/lib/workshops/schemas";
// The link lifetimes are in a file without zod, which the link form imports in the browser.
import { QUESTIONNAIRE_DEFAULT_DAYS, QUESTIONNAIRE_MAX_DAYS } from "./link-days";

// The pre-workshop questionnaire (docs/decisions/039): links made by the client's owners and
// editors, answers from staff without an account, and their review into the inventory.

export { QUESTIONNAIRE_DEFAULT_DAYS, QUESTIONNAIRE_MAX_DAYS };
/** One answer names at most this many AI systems or tools. */
export const MAX_ITEMS_PER_ANSWER = 25;
/** One link takes at most this many answers (a link passed around too far stops, it does not flood the review). */
export const MAX_ANSWERS_PER_LINK = 500;

const line = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `Use at most ${max} characters`).superRefine(singleLineText);

export const questionnaireTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This questionnaire link is not valid");

export const createQuestionnaireSchema = z.object({
  title: line(160, "Give the questionnaire a title"),
  days: z.preprocess(
    (v) => (v === undefined || v === "" ? QUESTIONNAIRE_DEFAULT_DAYS : v),
    z.coerce.number({ message: "Enter a number of days" }).int("Enter whole days").min(1, "At least 1 day").max(QUESTIONNAIRE_MAX_DAYS, `At most ${QUESTIONNAIRE_MAX_DAYS} days`),
  ),
});
export const revokeQuestionnaireSchema = z.object(idAndVersion);

/** One AI system or tool a respondent names. */
export const answerItemSchema = z.object({
  systemName: line(120, "Name the AI system or tool"),
  purpose: z.string().trim().min(1, "Say what you use it for").max(500, "Use at most 500 characters").superRefine(multiLineText),
  vendorName: optionalText(120, "single-line"),
  modelName: optionalText(120, "single-line"),
  dataNote: optionalText(300, "single-line"),
});
export type AnswerItem = z.infer<typeof answerItemSchema>;

const ITEM_FIELDS = ["systemName", "purpose", "vendorName", "modelName", "dataNote"] as const;

/** The respondent: a name to thank and to ask again, the rest optional. */
export const respondentSchema = z.object({
  token: questionnaireTokenSchema,
  respondentName: line(120, "Enter your name"),
  respondentEmail: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), emailSchema.optional()).transform((v) => v ?? null),
  team: optionalText(120, "single-line"),
});
export type AnswerInput = z.infer<typeof respondentSchema> & { items: AnswerItem[] };

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/**
 * A submitted answer. Its rows arrive as parallel repeated fields (every row sends all five
 * inputs, empty ones as ""), so row i is the i-th value of each; rows left wholly empty are
 * dropped. Errors name the row's field as `items.<i>.<field>`, for the form to show under it.
 */
export function parseAnswer(values: Record<string, unknown>): { ok: true; data: AnswerInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  const who = respondentSchema.safeParse(values);
  if (!who.success) Object.assign(fieldErrors, z.flattenError(who.error).fieldErrors);
  const columns = ITEM_FIELDS.map((f) => asList(values[f]));
  const rowCount = Math.max(0, ...columns.map((c) => c.length));
  const items: AnswerItem[] = [];
  for (let i = 0; i < rowCount; i++) {
    const raw = Object.fromEntries(ITEM_FIELDS.map((f, j) => [f, columns[j]![i] ?? ""]));
    if (ITEM_FIELDS.every((f) => raw[f]!.trim() === "")) continue;
    const row = answerItemSchema.safeParse(raw);
    if (row.success) items.push(row.data);
    else for (const [field, messages] of Object.entries(z.flattenError(row.error).fieldErrors)) fieldErrors[`items.${i}.${field}`] = messages as string[];
  }
  if (rowCount === 0 || (items.length === 0 && !Object.keys(fieldErrors).some((k) => k.startsWith("items.")))) fieldErrors.items = ["Name at least one AI system or tool you use"];
  if (items.length > MAX_ITEMS_PER_ANSWER) fieldErrors.items = [`Name at most ${MAX_ITEMS_PER_ANSWER} in one answer: send the rest in a second one`];
  if (!who.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, data: { ...who.data, items } };
}

const note = optionalText(500, "multi-line");

/** Adds an answer's item to the inventory as a new AI system (the capture's fields, prefilled from the answer). */
export const addItemSchema = z
  .object({ ...idAndVersion, ...systemCaptureShape })
  .superRefine((v, ctx) => refineSystemCapture(v, ctx));
export type AddItemInput = z.infer<typeof addItemSchema>;

/** The item is an AI system already in the inventory. */
export const mergeItemSchema = z.object({ ...idAndVersion, aiSystemId: z.uuid({ message: "Choose the AI system it is" }), note });
export const rejectItemSchema = z.object({ ...idAndVersion, note });
export const reopenItemSchema = z.object(idAndVersion);

/** `parseAnswer` as a schema, for the public form action: its errors keep their `items.<i>.<field>` names. */
export const answerSchema = z.record(z.string(), z.unknown()).transform((values, ctx): AnswerInput => {
  const parsed = parseAnswer(values);
  if (parsed.ok) return parsed.data;
  for (const [field, messages] of Object.entries(parsed.fieldErrors)) for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
  return z.NEVER;
});
