import type { Operation } from "@/lib/api/operations";
import { noQuerySchema, orgParamsSchema } from "@/lib/api/schemas";
import { workshopListSchema, workshopParamsSchema, workshopSchema } from "@/lib/api/workshop-schemas";

// Workshops in the public API, read-only, appended to OPERATIONS in lib/api/operations.ts
// (docs/decisions/041). Every member reads them, as on the Workshops page (inventory:read).

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";

export const listWorkshopsOperation = define({
  operationId: "listWorkshops",
  method: "GET",
  path: `${ORG}/workshops`,
  tag: "Workshops",
  summary: "List workshops",
  description: "The organisation's facilitated workshops, the running one first, then the latest started (at most 100): attendees, agenda step, start and end, the score and rating when each began, and the assessment it froze. Query parameters are refused (422): there are no filters.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: noQuerySchema,
  success: { status: 200, description: "The workshops", schema: workshopListSchema },
});

export const getWorkshopOperation = define({
  operationId: "getWorkshop",
  method: "GET",
  path: `${ORG}/workshops/{id}`,
  tag: "Workshops",
  summary: "Get a workshop",
  description: "One workshop with the facts flagged \"to verify\" in it, open and confirmed. Query parameters are refused (422).",
  permission: "inventory:read",
  params: workshopParamsSchema,
  query: noQuerySchema,
  notFound: "Workshop",
  success: { status: 200, description: "The workshop", schema: workshopSchema },
});

export const WORKSHOP_OPERATIONS = [listWorkshopsOperation, getWorkshopOperation] as const;
