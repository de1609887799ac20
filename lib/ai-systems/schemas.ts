import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { CRITICALITY_LABELS } from "@/lib/labels";
import type { Criticality } from "@/lib/generated/prisma/enums";
import { commaList, idAndVersion, repeated } from "@/lib/form-fields";

const criticalities = Object.keys(CRITICALITY_LABELS) as [Criticality, ...Criticality[]];
const wholeNumber = (max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? 0 : v), z.coerce.number({ message: "Enter a number" }).int("Enter a whole number").min(0, "Cannot be negative").max(max, `At most ${max.toLocaleString("en")}`));

export const aiSystemFields = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  description: z.string().trim().max(2000, "Use at most 2,000 characters").superRefine(multiLineText).default(""),
  owner: z.string().trim().min(1, "Enter who owns it").max(120, "Use at most 120 characters").superRefine(singleLineText),
  criticality: z.enum(criticalities, { message: "Choose a criticality" }),
  /** Tolerated downtime as the form asks it: hours and minutes. */
  downtimeHours: wholeNumber(24 * 365),
  downtimeMinutes: wholeNumber(59),
  usersServed: wholeNumber(100_000_000),
  officeIds: repeated(z.uuid({ message: "Choose one of your offices" })).transform((ids) => [...new Set(ids)]),
  teams: commaList.default([]),
});

type Fields = z.infer<typeof aiSystemFields>;
const toInput = <T extends Fields>({ downtimeHours, downtimeMinutes, ...rest }: T) => ({ ...rest, toleratedDowntimeMinutes: downtimeHours * 60 + downtimeMinutes });

export const aiSystemSchema = aiSystemFields.transform(toInput);
export const updateAiSystemSchema = aiSystemFields.extend(idAndVersion).transform(toInput);
export const deleteAiSystemSchema = z.object(idAndVersion);

export type AiSystemInput = z.infer<typeof aiSystemSchema>;
