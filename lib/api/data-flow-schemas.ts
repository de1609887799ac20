import { z } from "zod";
import { singleLineText } from "@/lib/text";
import { dataCategorySchema, dataFlowFields, exactlyOneOrigin } from "@/lib/data-flows/schemas";
import { orgParamsSchema, requestComponents, responseComponents } from "@/lib/api/schemas";

// The public API's data flow schemas. The form schema (lib/data-flows/schemas.ts) reads what a
// browser submits (blank strings, repeated inputs); a JSON body has real nulls and arrays, so the
// fields are JSON-typed here, with the form's rules, messages and origin refinement.

const f = dataFlowFields.shape;
const dataCategories = z
  .array(dataCategorySchema, "Send an array of data categories")
  .min(1, "Choose at least one data category")
  .transform((c) => [...new Set(c)]);
const reference = (what: string) => z.uuid(`Send the id of one of your ${what}, or null`).nullable();
const region = z.string("Send a region or null").trim().max(60, "Use at most 60 characters").superRefine(singleLineText).nullable();

export const dataFlowParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The data flow's id" }) });

const originDescription = "Exactly one of originOfficeId and originAiSystemId is set: the flow leaves from an office or from an AI system.";

/** A new data flow: the form's fields as JSON, refusing fields it does not know. */
export const dataFlowCreateSchema = z
  .strictObject({
    name: f.name,
    originOfficeId: reference("offices").optional().transform((v) => v ?? null),
    originAiSystemId: reference("AI systems").optional().transform((v) => v ?? null),
    dependencyId: reference("model dependencies").optional().transform((v) => v ?? null).meta({ description: "The model dependency that carries the data; of the origin AI system when the origin is a system" }),
    vendorId: z.uuid("Send the id of the vendor that receives the data").meta({ description: "With a dependency: its model's vendor or the cloud that hosts it" }),
    processingCountry: f.processingCountry,
    processingRegion: region.optional().transform((v) => v || null),
    dataCategories,
    volume: f.volume,
    transferMechanism: f.transferMechanism,
    encryption: f.encryption,
  })
  .superRefine(exactlyOneOrigin)
  .meta({ description: originDescription })
  .register(requestComponents, { id: "DataFlowCreate" });

/** Changes to a data flow: any of its fields (null clears an optional one), and the version they were made against. */
export const dataFlowUpdateSchema = z
  .strictObject({
    name: f.name.optional(),
    originOfficeId: reference("offices").optional(),
    originAiSystemId: reference("AI systems").optional(),
    dependencyId: reference("model dependencies").optional(),
    vendorId: z.uuid("Send the id of the vendor that receives the data").optional(),
    processingCountry: f.processingCountry.optional(),
    processingRegion: region.optional(),
    dataCategories: dataCategories.optional(),
    volume: f.volume.optional(),
    transferMechanism: f.transferMechanism.optional(),
    encryption: f.encryption.optional(),
    version: z.number("Send the version you read").int().positive().meta({ description: "The version you read; a newer one on the server answers 409 with the current row" }),
  })
  .meta({ description: `${originDescription} To move the origin, send both (the other one as null).` })
  .register(requestComponents, { id: "DataFlowUpdate" });

export const dataFlowDeleteQuerySchema = z.object({
  version: z.coerce.number("Send ?version= with the version you read").int().positive().meta({ description: "The version you read" }),
});

export const dataFlowResourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    originOfficeId: z.uuid().nullable(),
    originAiSystemId: z.uuid().nullable(),
    dependencyId: z.uuid().nullable(),
    vendorId: z.uuid(),
    processingCountry: z.string().length(2).meta({ description: "ISO 3166-1 alpha-2" }),
    processingRegion: z.string().nullable(),
    dataCategories: z.array(dataCategorySchema),
    volume: f.volume,
    transferMechanism: f.transferMechanism,
    encryption: f.encryption,
    version: z.number().int().positive(),
  })
  .meta({ description: originDescription })
  .register(responseComponents, { id: "DataFlow" });

export const dataFlowPageSchema = z
  .object({
    items: z.array(dataFlowResourceSchema),
    page: z.number().int().positive(),
    size: z.number().int().positive(),
    total: z.number().int().nonnegative().meta({ description: "Data flows in the organisation, over all pages" }),
  })
  .register(responseComponents, { id: "DataFlowPage" });
