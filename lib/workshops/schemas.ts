import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS } from "@/lib/labels";
import type { AccessPath, Criticality } from "@/lib/generated/prisma/enums";
import { checkbox, idAndVersion, optionalCountry, optionalDate, repeated } from "@/lib/form-fields";
import { CLOUD_PATHS } from "@/lib/dependencies/schemas";
import { PRIORITIES } from "@/lib/remediation/schemas";
import { LAST_STEP } from "@/lib/workshops/agenda";

const accessPaths = Object.keys(ACCESS_PATH_LABELS) as [AccessPath, ...AccessPath[]];
const criticalities = Object.keys(CRITICALITY_LABELS) as [Criticality, ...Criticality[]];
const blank = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const line = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `Use at most ${max} characters`).superRefine(singleLineText);

/** People in the room, one per line or separated by commas. */
const attendees = z
  .preprocess((v) => (typeof v === "string" ? v.split(/[\n,]/) : Array.isArray(v) ? v : []), z.array(z.string()))
  .transform((items) => [...new Set(items.map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(120, "A name has at most 120 characters").superRefine(singleLineText)).max(60, "At most 60 attendees"));

export const startWorkshopSchema = z.object({ title: line(160, "Give the workshop a title"), attendees });
export const workshopStepSchema = z.object({ ...idAndVersion, step: z.coerce.number().int().min(0).max(LAST_STEP) });
export const workshopAttendeesSchema = z.object({ ...idAndVersion, attendees });
export const endWorkshopSchema = z.object(idAndVersion);

/**
 * What the capture form names a model or a cloud by: one of the organisation's own
 * (`model:<id>`, `vendor:<id>`) or a catalogue entry (`catalogue:<key>`), added on the way.
 */
const reference = (kind: "model" | "vendor", message: string) =>
  z.string().trim().regex(new RegExp(`^(${kind}:[0-9a-f-]{36}|catalogue:[a-z0-9][a-z0-9.-]{0,79})$`), message);
const optionalReference = (kind: "model" | "vendor", message: string) => z.preprocess(blank, reference(kind, message).optional());

/** One AI system with its model, access path and (optionally) its fallback: the fields of one capture. */
export const systemCaptureShape = {
  name: line(120, "Name the AI system"),
  owner: line(120, "Enter who owns it"),
  criticality: z.enum(criticalities, { message: "Choose a criticality" }),
  downtimeHours: z.preprocess((v) => blank(v) ?? 4, z.coerce.number({ message: "Enter a number of hours" }).int("Enter whole hours").min(0, "Cannot be negative").max(24 * 365, "At most a year")),
  officeIds: repeated(z.uuid({ message: "Choose one of your offices" })).transform((ids) => [...new Set(ids)]),
  model: reference("model", "Choose a model from the list"),
  accessPath: z.enum(accessPaths, { message: "Choose an access path" }),
  cloud: optionalReference("vendor", "Choose a cloud from the list"),
  hostingCountry: optionalCountry,
  fallbackModel: optionalReference("model", "Choose a fallback model from the list"),
  fallbackAccessPath: z.preprocess(blank, z.enum(accessPaths, { message: "Choose an access path" }).optional()),
  fallbackCloud: optionalReference("vendor", "Choose a cloud from the list"),
  fallbackHostingCountry: optionalCountry,
};
export type SystemCaptureInput = z.infer<z.ZodObject<typeof systemCaptureShape>>;

/** What the fields cannot say alone: a cloud path needs its cloud and country, a fallback its path. */
export function refineSystemCapture(v: SystemCaptureInput, ctx: z.RefinementCtx) {
  const cloudNeeded = (path: AccessPath | undefined, cloud: string | undefined, country: string | null, prefix: "" | "fallback") => {
    const field = (name: string) => (prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name);
    if (path && CLOUD_PATHS.includes(path)) {
      if (!cloud) ctx.addIssue({ code: "custom", path: [field("cloud")], message: "Choose the cloud that hosts it" });
      if (!country) ctx.addIssue({ code: "custom", path: [field("hostingCountry")], message: "Choose the country where the cloud runs it" });
    } else if (cloud) ctx.addIssue({ code: "custom", path: [field("cloud")], message: "Only a cloud marketplace or third-party hosting path has a cloud" });
  };
  cloudNeeded(v.accessPath, v.cloud, v.hostingCountry, "");
  if (v.fallbackModel && !v.fallbackAccessPath) ctx.addIssue({ code: "custom", path: ["fallbackAccessPath"], message: "Choose how the fallback is reached" });
  if (!v.fallbackModel && v.fallbackAccessPath) ctx.addIssue({ code: "custom", path: ["fallbackModel"], message: "Choose the fallback model, or leave its access path empty" });
  if (v.fallbackModel) cloudNeeded(v.fallbackAccessPath, v.fallbackCloud, v.fallbackHostingCountry, "fallback");
}

/** The workshop's capture step: a system in one step, and a fact to verify when the room is unsure. */
export const captureSchema = z
  .object({
    workshopId: z.uuid(),
    ...systemCaptureShape,
    unsure: checkbox,
    verifyQuestion: z.preprocess(blank, z.string().trim().max(500, "Use at most 500 characters").superRefine(singleLineText).optional()),
    verifyOwner: z.preprocess(blank, z.string().trim().max(120, "Use at most 120 characters").superRefine(singleLineText).optional()),
  })
  .superRefine((v, ctx) => {
    refineSystemCapture(v, ctx);
    if (v.unsure && !v.verifyOwner) ctx.addIssue({ code: "custom", path: ["verifyOwner"], message: "Name who will verify it" });
  });

export type CaptureInput = z.infer<typeof captureSchema>;

/** A fact the room is unsure of, on an existing row. */
export const verifySchema = z.object({
  workshopId: z.preprocess(blank, z.uuid().optional()),
  subjectType: z.enum(["office", "vendor", "model", "ai_system", "dependency", "fallback", "data_flow"], { message: "Choose what it is about" }),
  subjectId: z.uuid({ message: "Choose what it is about" }),
  question: z.string().trim().min(1, "Say what is to be verified").max(500, "Use at most 500 characters").superRefine(multiLineText),
  owner: line(120, "Name who will verify it"),
});
export type VerifyInput = z.infer<typeof verifySchema>;

/**
 * The workshop screen's form: one select names the row as "type:id" (an office, vendor, model,
 * AI system or data flow); it is split into subjectType and subjectId before verifySchema.
 */
export const verifyFormSchema = z.preprocess((raw) => {
  if (typeof raw !== "object" || raw === null || !("subject" in raw)) return raw;
  const { subject, ...rest } = raw as Record<string, unknown>;
  const [subjectType = "", subjectId = ""] = typeof subject === "string" ? subject.split(":") : [];
  return { ...rest, subjectType, subjectId };
}, verifySchema);
export const confirmVerifySchema = z.object(idAndVersion);

/** An action the room agreed: into the remediation plan, with its owner and date. */
export const agreedActionSchema = z.object({
  workshopId: z.uuid(),
  title: line(300, "Say what will be done"),
  ownerId: z.preprocess(blank, z.uuid({ message: "Choose a member" }).optional()).transform((v) => v ?? null),
  dueDate: optionalDate,
  priority: z.enum(PRIORITIES, { message: "Choose a priority" }).default("high"),
});
export type AgreedActionInput = z.infer<typeof agreedActionSchema>;
