import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { PracticePermission } from "@/lib/auth/practice-permissions";
import type { ApiErrorCode } from "@/lib/api/errors";
import { inventoryDocumentSchema } from "@/scoring/schema/inventory";
import { IMPORT_LIMITS } from "@/lib/inventory/file-limits";
import {
  importQuerySchema,
  importResultSchema,
  officeCreateSchema,
  officeDeleteQuerySchema,
  officePageSchema,
  officeParamsSchema,
  officeResourceSchema,
  officeUpdateSchema,
  orgParamsSchema,
  pageQuerySchema,
  scoresQuerySchema,
  scoresSchema,
} from "@/lib/api/schemas";
import { VENDOR_OPERATIONS } from "@/lib/api/vendor-operations";

import { ASSESSMENT_OPERATIONS } from "@/lib/api/assessment-operations";
import { DATA_FLOW_OPERATIONS } from "@/lib/api/data-flow-operations";

import { AI_SYSTEM_OPERATIONS } from "@/lib/api/ai-system-operations";
import { REMEDIATION_OPERATIONS } from "@/lib/api/remediation-operations";
import { SCENARIO_OPERATIONS } from "@/lib/api/scenario-operations";
import { EXPORT_OPERATIONS } from "@/lib/api/export-operations";
import { REPORT_OPERATIONS } from "@/lib/api/report-operations";
import { AUDIT_OPERATIONS } from "@/lib/api/audit-operations";
import { WORKSHOP_OPERATIONS } from "@/lib/api/workshop-operations";
import { QUESTIONNAIRE_OPERATIONS } from "@/lib/api/questionnaire-operations";
import { CYCLONEDX_IMPORT_OPERATIONS } from "@/lib/api/cyclonedx-import-operations";

// Every operation of the public API, once: its route handler takes the permission and the
// schemas from here (lib/api/route.ts), and the OpenAPI document is generated from this list.

export interface Operation {
  operationId: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI path template; `[org]` in the app directory is `{org}` here. */
  path: `/api/v1/${string}`;
  tag: string;
  summary: string;
  description?: string;
  permission: Permission;
  params: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The handler gets the body as parsed JSON and validates it itself (the import reports issues by JSON path); `body` only documents it. */
  rawBody?: boolean;
  /** Largest accepted body in bytes (default lib/api/handler.ts DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** What answers NOT_FOUND when a path parameter is malformed, e.g. "Office". */
  notFound?: string;
  success: {
    status: 200 | 201 | 202 | 204;
    description: string;
    schema?: z.ZodType;
    headers?: Record<string, string>;
    /** A file download instead of JSON: its media type (e.g. "text/csv", "application/pdf"); `schema` is then absent. */
    mediaType?: string;
  };
  /** Error codes beyond the ones every operation can answer (401, 403, 404, 500 and, with a query or body, 422). */
  errors?: readonly ApiErrorCode[];
}

/** An operation of a practice (/api/v1/practices/{practice}/…, decision 043): checked against a practice permission. */
export interface PracticeOperation extends Omit<Operation, "permission"> {
  scope: "practice";
  permission: PracticePermission;
}

/** Either kind, for what serves both (the OpenAPI document, the shared route code). */
export type AnyOperation = Operation | PracticeOperation;

const define = <const O extends Operation>(operation: O): O => operation;

const ORG = "/api/v1/orgs/{org}";

export const listOfficesOperation = define({
  operationId: "listOffices",
  method: "GET",
  path: `${ORG}/offices`,
  tag: "Offices",
  summary: "List offices",
  description: "The organisation's offices by name, a page at a time.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: pageQuerySchema,
  success: { status: 200, description: "A page of offices", schema: officePageSchema },
});

export const createOfficeOperation = define({
  operationId: "createOffice",
  method: "POST",
  path: `${ORG}/offices`,
  tag: "Offices",
  summary: "Create an office",
  permission: "inventory:write",
  params: orgParamsSchema,
  body: officeCreateSchema,
  success: { status: 201, description: "The office as created (version 1)", schema: officeResourceSchema, headers: { location: "The new office's URL" } },
  errors: ["MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
});

export const getOfficeOperation = define({
  operationId: "getOffice",
  method: "GET",
  path: `${ORG}/offices/{id}`,
  tag: "Offices",
  summary: "Get an office",
  permission: "inventory:read",
  params: officeParamsSchema,
  notFound: "Office",
  success: { status: 200, description: "The office", schema: officeResourceSchema },
});

export const updateOfficeOperation = define({
  operationId: "updateOffice",
  method: "PATCH",
  path: `${ORG}/offices/{id}`,
  tag: "Offices",
  summary: "Change an office",
  description: "Send the fields to change and the `version` you read. If someone saved the office since, nothing changes and the answer is 409 with the office as it stands (`error.current`).",
  permission: "inventory:write",
  params: officeParamsSchema,
  body: officeUpdateSchema,
  notFound: "Office",
  success: { status: 200, description: "The office as changed (version increased by one)", schema: officeResourceSchema },
  errors: ["CONFLICT", "MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
});

export const deleteOfficeOperation = define({
  operationId: "deleteOffice",
  method: "DELETE",
  path: `${ORG}/offices/{id}`,
  tag: "Offices",
  summary: "Delete an office",
  description: "The AI systems' links to the office and the data flows from it are deleted with it. Send `?version=` with the version you read.",
  permission: "inventory:write",
  params: officeParamsSchema,
  query: officeDeleteQuerySchema,
  notFound: "Office",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const exportInventoryOperation = define({
  operationId: "exportInventory",
  method: "GET",
  path: `${ORG}/inventory`,
  tag: "Inventory",
  summary: "Export the inventory",
  description: "The whole inventory as an inventory document (the format of the import and of `npm run score`), as a file download. 409 lists what the document format cannot hold yet.",
  permission: "inventory:read",
  params: orgParamsSchema,
  success: {
    status: 200,
    description: "The inventory document",
    schema: inventoryDocumentSchema,
    headers: { "content-disposition": "attachment; filename=…", "x-sovra-skipped-data-flows": "Data flows left out (no origin office or dependency)" },
  },
  errors: ["CONFLICT"],
});

export const importInventoryOperation = define({
  operationId: "importInventory",
  method: "POST",
  path: `${ORG}/inventory/import`,
  tag: "Inventory",
  summary: "Import an inventory document",
  description:
    "Creates and updates rows to match the document, matched by name; never deletes. With `?dryRun=true` only answers the plan. All or nothing: a document with problems changes nothing and the answer lists every problem by JSON path. The body may be up to 25 MiB (413 beyond). Importing an export of the same organisation changes nothing. A CycloneDX BOM goes to `POST …/inventory/import/cyclonedx` instead (sent here, it is refused with 422 naming that route). 429 with `Retry-After` when the server already runs as many imports as it may at once: try again after that many seconds.",
  permission: "inventory:write",
  params: orgParamsSchema,
  query: importQuerySchema,
  body: inventoryDocumentSchema,
  rawBody: true,
  // The one import limit, as for files uploaded on the import page (docs/decisions/031).
  maxBodyBytes: IMPORT_LIMITS.maxUploadBytes,
  success: { status: 200, description: "The plan, and whether it was applied", schema: importResultSchema },
  errors: ["CONFLICT", "MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "RATE_LIMITED"],
});

export const getScoresOperation = define({
  operationId: "getScores",
  method: "GET",
  path: `${ORG}/scores`,
  tag: "Scores",
  summary: "Current scores",
  description: "The organisation's sovereignty score, rating and profile, the vendor table and the main findings, as the Scores page shows them. An inventory the engine cannot read answers `ok: false` with the problems.",
  permission: "scores:read",
  params: orgParamsSchema,
  query: scoresQuerySchema,
  success: { status: 200, description: "The live score", schema: scoresSchema },
});

export const OPERATIONS: readonly Operation[] = [
  listOfficesOperation,
  createOfficeOperation,
  getOfficeOperation,
  updateOfficeOperation,
  deleteOfficeOperation,
  exportInventoryOperation,
  importInventoryOperation,
  ...CYCLONEDX_IMPORT_OPERATIONS,
  getScoresOperation,
  ...VENDOR_OPERATIONS,
  ...ASSESSMENT_OPERATIONS,
  ...DATA_FLOW_OPERATIONS,
  ...AI_SYSTEM_OPERATIONS,
  ...REMEDIATION_OPERATIONS,
  ...SCENARIO_OPERATIONS,
  ...EXPORT_OPERATIONS,
  ...REPORT_OPERATIONS,
  ...AUDIT_OPERATIONS,
  ...WORKSHOP_OPERATIONS,
  ...QUESTIONNAIRE_OPERATIONS,
];
