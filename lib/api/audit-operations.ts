import type { Operation } from "@/lib/api/operations";
import { orgParamsSchema } from "@/lib/api/schemas";
import { auditEventPageSchema, auditEventQuerySchema } from "@/lib/api/audit-schemas";

// The audit log in the public API, appended to OPERATIONS in lib/api/operations.ts (decision 029).

const define = <const O extends Operation>(operation: O): O => operation;

export const listAuditEventsOperation = define({
  operationId: "listAuditEvents",
  method: "GET",
  path: "/api/v1/orgs/{org}/audit-events",
  tag: "Audit log",
  summary: "List audit events",
  description:
    "Every recorded change in the organisation, newest first, a page at a time: who, what, when, and the row before and after, with the changed fields in words. Narrow it with `actorId`, `entityType`, `action`, `entityId` (part of an id) and `from`/`to` (days in UTC, both included). Owners and analysts only. Unknown query parameters are refused (422).",
  permission: "audit:read",
  params: orgParamsSchema,
  query: auditEventQuerySchema,
  success: { status: 200, description: "A page of audit events", schema: auditEventPageSchema },
});

export const AUDIT_OPERATIONS = [listAuditEventsOperation] as const;
