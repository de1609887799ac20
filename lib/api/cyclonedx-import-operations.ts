import type { Operation } from "@/lib/api/operations";
import { importQuerySchema, orgParamsSchema } from "@/lib/api/schemas";
import { cycloneDxBomBodySchema, cycloneDxImportResultSchema } from "@/lib/api/cyclonedx-import-schemas";
import { IMPORT_LIMITS } from "@/lib/inventory/file-limits";

// Importing a CycloneDX BOM through the public API, appended to OPERATIONS in lib/api/operations.ts
// (decision 047). A route of its own rather than a second body for POST …/inventory/import: the
// answer carries what the BOM could not map, and each body has one documented schema.

const define = <const O extends Operation>(operation: O): O => operation;

export const importCycloneDxOperation = define({
  operationId: "importCycloneDx",
  method: "POST",
  path: "/api/v1/orgs/{org}/inventory/import/cyclonedx",
  tag: "Inventory",
  summary: "Import a CycloneDX BOM",
  description:
    "Imports a CycloneDX 1.4-1.7 JSON BOM (an AI-BOM) into the inventory: machine-learning-model components become models (their supplier matched to the catalogue), services the access paths of the AI systems (applications) that depend on them, and Sovra's own BOMs (`GET …/exports/cyclonedx.json`) give the inventory back exactly. Then as `POST …/inventory/import`: matched by name, never deletes, `?dryRun=true` only answers the plan, all or nothing (a BOM with problems changes nothing; each problem is named by its JSON path in the BOM), importing the same BOM twice changes nothing the second time. The answer lists every component and service that was not mapped, and every fact assumed, with its bom-ref, path and reason. Send it as `application/json` or `application/vnd.cyclonedx+json`, up to 25 MiB (413 beyond). 429 with `Retry-After` when the server already runs as many imports as it may at once.",
  permission: "inventory:write",
  params: orgParamsSchema,
  query: importQuerySchema,
  body: cycloneDxBomBodySchema,
  rawBody: true,
  maxBodyBytes: IMPORT_LIMITS.maxUploadBytes,
  success: { status: 200, description: "The plan, whether it was applied, and what could not be mapped or was assumed", schema: cycloneDxImportResultSchema },
  errors: ["CONFLICT", "MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "RATE_LIMITED"],
});

export const CYCLONEDX_IMPORT_OPERATIONS = [importCycloneDxOperation] as const;
