import { z } from "zod";
import { CYCLONEDX_IMPORT_VERSIONS } from "@/lib/inventory/cyclonedx-bom";
import { importResultSchema, requestComponents, responseComponents } from "@/lib/api/schemas";

// The CycloneDX import's body and answer in the public API (decision 047). The body is read by the
// import itself (lib/inventory/cyclonedx-bom.ts checks the parts it reads, naming each problem's
// JSON path); this schema describes those parts for the OpenAPI document, without the recursion of
// nested components and services that the JSON Schema of a request body cannot reference.

const properties = z.array(z.object({ name: z.string(), value: z.string().optional() })).meta({ description: "Name-value pairs; Sovra's own BOMs carry `sovra:` properties that give the inventory back exactly" });
const entity = z.looseObject({ name: z.string().optional(), address: z.looseObject({ country: z.string().optional().meta({ description: "ISO 3166-1 alpha-2: places a supplier the catalogue does not know" }) }).optional() });
const component = z.looseObject({
  type: z.string().meta({ description: "machine-learning-model: a model; application: an AI system when it depends on a model or a service; data: a data flow when Sovra's properties give its origin office and dependency" }),
  "bom-ref": z.string().optional(),
  name: z.string(),
  group: z.string().optional(),
  supplier: entity.optional(),
  manufacturer: entity.optional(),
  publisher: z.string().optional(),
  licenses: z.array(z.looseObject({})).optional(),
  properties: properties.optional(),
  components: z.array(z.looseObject({})).optional().meta({ description: "Nested components, read like the others (a model nested in an application is one it depends on)" }),
});
const service = z.looseObject({
  "bom-ref": z.string().optional(),
  name: z.string(),
  provider: entity.optional().meta({ description: "Who runs the endpoint: the model's vendor (its API) or another company (a cloud marketplace or a host)" }),
  "x-trust-boundary": z.boolean().optional().meta({ description: "false: self-hosted" }),
  data: z.array(z.looseObject({ flow: z.string().optional(), classification: z.string().optional() })).optional(),
  properties: properties.optional(),
  services: z.array(z.looseObject({})).optional(),
});

export const cycloneDxBomBodySchema = z
  .looseObject({
    bomFormat: z.literal("CycloneDX"),
    specVersion: z.enum(CYCLONEDX_IMPORT_VERSIONS),
    metadata: z.looseObject({ component: component.optional(), properties: properties.optional() }).optional(),
    components: z.array(component).optional(),
    services: z.array(service).optional(),
    dependencies: z.array(z.looseObject({ ref: z.string(), dependsOn: z.array(z.string()).optional() })).optional(),
  })
  .meta({ description: "A CycloneDX 1.4-1.7 BOM in JSON (any valid BOM; only the fields listed are read)" })
  .register(requestComponents, { id: "CycloneDxBom" });

const mappingEntrySchema = z.object({
  ref: z.string().optional().meta({ description: "Its bom-ref, when it has one" }),
  path: z.string().meta({ description: "Where it is in the BOM, e.g. `$.components[3]`" }),
  name: z.string(),
  reason: z.string(),
});

export const cycloneDxImportResultSchema = z
  .object({
    applied: z.boolean().meta({ description: "false for a dry run" }),
    plan: importResultSchema.shape.plan,
    mapping: z.object({
      specVersion: z.string(),
      madeBySovra: z.boolean().meta({ description: "The BOM carries Sovra's `sovra:` properties, which were read" }),
      notMapped: z.array(mappingEntrySchema).meta({ description: "Components and services not imported, and why" }),
      assumed: z.array(mappingEntrySchema).meta({ description: "Facts the import assumed where the BOM is silent (catalogue matches, defaults): check them" }),
    }),
  })
  .register(responseComponents, { id: "CycloneDxImportResult" });
