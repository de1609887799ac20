import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { PRIORITY_LABELS, REMEDIATION_STATUS_LABELS } from "@/lib/labels";
import type { Priority, RemediationStatus } from "@/lib/generated/prisma/enums";
import { idAndVersion, optionalDate } from "@/lib/form-fields";

export const REMEDIATION_STATUSES = Object.keys(REMEDIATION_STATUS_LABELS) as [RemediationStatus, ...RemediationStatus[]];
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as [Priority, ...Priority[]];

const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);

/** A member's user id, or blank for "nobody yet". Membership is checked by the mutation. */
const ownerId = z.preprocess(blankToNull, z.uuid({ message: "Choose a member" }).nullable());

const actionFields = z.object({
  title: z.string().trim().min(1, "Enter a title").max(300, "Use at most 300 characters").superRefine(singleLineText),
  description: z.preprocess((v) => v ?? "", z.string().trim().max(4000, "Use at most 4,000 characters").superRefine(multiLineText)),
  ownerId,
  dueDate: optionalDate,
  priority: z.enum(PRIORITIES, { message: "Choose a priority" }),
});

/** An action written by hand. Its expected gain is the writer's estimate (organisation score points). */
export const remediationSchema = actionFields.extend({
  expectedGain: z.preprocess(blankToNull, z.coerce.number({ message: "Enter a number" }).min(0, "Cannot be negative").max(100, "At most 100 points").nullable()).transform((v) => v ?? 0),
});

/** An engine suggestion added to the plan: only its finding's id travels; the gain and title come from the engine on the server. */
export const suggestionSchema = z.object({
  findingKey: z.string().trim().min(1, "Choose a suggestion").max(300).superRefine(singleLineText),
  ownerId,
  dueDate: optionalDate,
  priority: z.enum(PRIORITIES, { message: "Choose a priority" }).default("medium"),
});

export const updateRemediationSchema = actionFields.extend({ ...idAndVersion, status: z.enum(REMEDIATION_STATUSES, { message: "Choose a status" }) });
export const closeRemediationSchema = z.object(idAndVersion);
export const deleteRemediationSchema = z.object(idAndVersion);

export type RemediationInput = z.infer<typeof remediationSchema>;
export type SuggestionInput = z.infer<typeof suggestionSchema>;
export type RemediationUpdate = Omit<z.infer<typeof updateRemediationSchema>, "id" | "version">;
