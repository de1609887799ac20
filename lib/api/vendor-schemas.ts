import { z } from "zod";
import { vendorSchema } from "@/lib/vendors/schemas";
import { createModelSchema, offeredAccessPathSchema } from "@/lib/models/schemas";
import { orgParamsSchema, pageQuerySchema, requestComponents, responseComponents } from "@/lib/api/schemas";

// The public API's vendor and model schemas. Request bodies are the app's own form schemas,
// JSON-typed (booleans and arrays instead of checkboxes), refusing fields they do not know; the
// form schema's own rules (an ultimate parent's name and country together) then apply as they are.

const versionSchema = z.number("Send the version you read").int().positive().meta({ description: "The version you read; a newer one on the server answers 409 with the current row" });
const deleteQuery = z.object({ version: z.coerce.number("Send ?version= with the version you read").int().positive().meta({ description: "The version you read" }) });
const isoDate = z.iso.date().nullable().meta({ description: "YYYY-MM-DD" });

/** Every field of `shape` optional: unsent fields keep their values on PATCH. */
const allOptional = <S extends z.ZodRawShape>(shape: S) => Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as { [K in keyof S]: z.ZodOptional<S[K]> };

// ---- vendors -----------------------------------------------------------------------------

export const vendorParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The vendor's id" }) });

const vendorBodyShape = { ...vendorSchema.shape, dpfCertified: z.boolean("Expected true or false").default(false) };

/** A new vendor (created by hand: no catalogue key). The handler then applies the vendor schema's own rules. */
export const vendorCreateSchema = z.strictObject(vendorBodyShape).register(requestComponents, { id: "VendorCreate" });

/**
 * Changes to a vendor: any of its fields, and the version they were made against. The handler
 * merges them into the vendor as stored and checks the result with the vendor schema (and, for a
 * catalogue vendor, the own-source rule of docs/decisions/009).
 */
export const vendorUpdateSchema = z
  .strictObject({ ...allOptional({ ...vendorSchema.shape, dpfCertified: z.boolean("Expected true or false") }), version: versionSchema })
  .register(requestComponents, { id: "VendorUpdate" });

export const vendorDeleteQuerySchema = deleteQuery;

export const vendorResourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    catalogueKey: z.string().nullable().meta({ description: "The default catalogue's entry this vendor was added from" }),
    vendorType: vendorSchema.shape.vendorType,
    hqCountry: z.string().length(2).meta({ description: "ISO 3166-1 alpha-2" }),
    parentName: z.string().nullable(),
    parentCountry: z.string().length(2).nullable(),
    dpfCertified: z.boolean(),
    source: z.string().nullable(),
    sourceAsOf: isoDate,
    notes: z.string().nullable(),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "Vendor" });

export const vendorPageSchema = z
  .object({
    items: z.array(vendorResourceSchema),
    page: z.number().int().positive(),
    size: z.number().int().positive(),
    total: z.number().int().nonnegative().meta({ description: "Vendors in the organisation, over all pages" }),
  })
  .register(responseComponents, { id: "VendorPage" });

// ---- models ------------------------------------------------------------------------------

export const modelParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The model's id" }) });

export const modelListQuerySchema = pageQuerySchema.extend({
  vendorId: z.uuid("Expected a vendor id").optional().meta({ description: "Only this vendor's models (another organisation's vendor answers 404)" }),
});

const offeredAccessPaths = z
  .array(offeredAccessPathSchema)
  .max(50, "At most 50 entries")
  .meta({ description: "How the model is offered: a path (`direct_api`, ...) or `{ path, cloud?, service?, regions? }`. On PATCH a path sent alone keeps the clouds and regions stored for it." });

const modelBodyShape = { ...createModelSchema.shape, trainingCompute: createModelSchema.shape.trainingCompute.default("unknown"), offeredAccessPaths: offeredAccessPaths.default([]) };

/** A new model under one of the organisation's vendors. The handler then applies the model schema. */
export const modelCreateSchema = z.strictObject(modelBodyShape).register(requestComponents, { id: "ModelCreate" });

/** Changes to a model (not its vendor): any of its fields, and the version they were made against. */
export const modelUpdateSchema = z
  .strictObject({ ...allOptional({ ...createModelSchema.omit({ vendorId: true }).shape, offeredAccessPaths }), version: versionSchema })
  .register(requestComponents, { id: "ModelUpdate" });

export const modelDeleteQuerySchema = deleteQuery;

export const modelResourceSchema = z
  .object({
    id: z.uuid(),
    vendorId: z.uuid(),
    name: z.string(),
    family: z.string(),
    catalogueKey: z.string().nullable().meta({ description: "The default catalogue's entry this model was added from" }),
    weights: createModelSchema.shape.weights,
    licence: z.string(),
    licenceRestrictions: z.string().nullable(),
    trainingCompute: z.string(),
    offeredAccessPaths: z.array(z.object({ path: z.string().meta({ description: "direct_api, cloud_marketplace, third_party_hosted or self_hosted" }), cloud: z.string().optional(), service: z.string().optional(), regions: z.array(z.string()).optional() })),
    source: z.string().nullable(),
    sourceAsOf: isoDate,
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "Model" });

export const modelPageSchema = z
  .object({
    items: z.array(modelResourceSchema),
    page: z.number().int().positive(),
    size: z.number().int().positive(),
    total: z.number().int().nonnegative().meta({ description: "Matching models, over all pages" }),
  })
  .register(responseComponents, { id: "ModelPage" });

/** A stored row's date as the API sends it. */
export const apiDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** `{ a: undefined }` must not overwrite `a` when merged into the stored row. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
