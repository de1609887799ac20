import { z } from "zod";
import { singleLineText } from "@/lib/text";
import { countryCodeSchema } from "@/lib/countries";
import { DATA_CATEGORY_LABELS, DATA_VOLUME_LABELS, ENCRYPTION_LABELS, TRANSFER_MECHANISM_LABELS } from "@/lib/labels";
import type { DataCategory, DataVolume, Encryption, TransferMechanism } from "@/lib/generated/prisma/enums";
import { idAndVersion, optionalText, repeated } from "@/lib/form-fields";

const keys = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];

/** An optional reference to another row: blank (or null, from JSON) is "none". */
const optionalId = (message: string) => z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid({ message }).optional()).transform((v) => v ?? null);

export const dataCategorySchema = z.enum(keys<DataCategory>(DATA_CATEGORY_LABELS), { message: "Choose a data category" });

export const dataFlowFields = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  originOfficeId: optionalId("Choose one of your offices"),
  originAiSystemId: optionalId("Choose one of your AI systems"),
  dependencyId: optionalId("Choose one of the AI system's model dependencies"),
  vendorId: z.uuid({ message: "Choose the vendor that receives the data" }),
  processingCountry: countryCodeSchema,
  processingRegion: optionalText(60, "single-line"),
  dataCategories: repeated(dataCategorySchema)
    .transform((c) => [...new Set(c)])
    .refine((c) => c.length > 0, "Choose at least one data category"),
  volume: z.enum(keys<DataVolume>(DATA_VOLUME_LABELS), { message: "Choose a volume" }),
  transferMechanism: z.enum(keys<TransferMechanism>(TRANSFER_MECHANISM_LABELS), { message: "Choose a transfer mechanism" }),
  encryption: z.enum(keys<Encryption>(ENCRYPTION_LABELS), { message: "Choose the encryption" }),
});

/**
 * A flow leaves from exactly one place: an office or an AI system (docs/decisions/015). The
 * rules that need the database (ownership, the dependency's system and vendors) are checked by
 * the mutations.
 */
export function exactlyOneOrigin(v: { originOfficeId: string | null; originAiSystemId: string | null }, ctx: z.RefinementCtx) {
  if (!v.originOfficeId && !v.originAiSystemId) {
    for (const path of ["originOfficeId", "originAiSystemId"]) ctx.addIssue({ code: "custom", path: [path], message: "Choose where the data leaves from: an office or an AI system" });
  }
  if (v.originOfficeId && v.originAiSystemId) ctx.addIssue({ code: "custom", path: ["originAiSystemId"], message: "Choose an office or an AI system as the origin, not both" });
}

export const dataFlowSchema = dataFlowFields.superRefine(exactlyOneOrigin);
export const updateDataFlowSchema = dataFlowFields.extend(idAndVersion).superRefine(exactlyOneOrigin);
export const deleteDataFlowSchema = z.object(idAndVersion);

export type DataFlowInput = z.infer<typeof dataFlowSchema>;

/**
 * A stored flow as input for an edit. Flows imported or seeded before the one-origin rule may
 * carry both an office and the system of their dependency: the office is their origin, and the
 * system stays visible through the dependency (docs/decisions/015).
 */
export function toDataFlowInput<T extends DataFlowInput>(row: T): DataFlowInput {
  const { name, originOfficeId, dependencyId, vendorId, processingCountry, processingRegion, dataCategories, volume, transferMechanism, encryption } = row;
  return {
    name,
    originOfficeId,
    originAiSystemId: originOfficeId ? null : row.originAiSystemId,
    dependencyId,
    vendorId,
    processingCountry,
    processingRegion,
    dataCategories,
    volume,
    transferMechanism,
    encryption,
  };
}

/** A stored flow as the public API presents it: one origin, like the edit form (docs/decisions/015). */
export function toDataFlowResource<T extends DataFlowInput & { id: string; version: number }>(row: T) {
  return { id: row.id, ...toDataFlowInput(row), version: row.version };
}
