import { orgParamsSchema } from "@/lib/api/schemas";
import type { Operation } from "@/lib/api/operations";
import {
  remediationCreateSchema,
  remediationDeleteQuerySchema,
  remediationListQuerySchema,
  remediationPageSchema,
  remediationParamsSchema,
  remediationResourceSchema,
  remediationUpdateSchema,
} from "@/lib/api/remediation-schemas";

// The public API's remediation plan operations, appended to OPERATIONS in lib/api/operations.ts.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";
const BODY_ERRORS = ["MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"] as const;

export const listRemediationActionsOperation = define({
  operationId: "listRemediationActions",
  method: "GET",
  path: `${ORG}/remediation-actions`,
  tag: "Remediation",
  summary: "List the remediation plan",
  description: "The plan by value, a page at a time: open and in-progress actions first, by expected gain, then priority, then due date; closed actions last, most recently closed first.",
  permission: "scores:read",
  params: orgParamsSchema,
  query: remediationListQuerySchema,
  success: { status: 200, description: "A page of the plan", schema: remediationPageSchema },
});

export const createRemediationActionOperation = define({
  operationId: "createRemediationAction",
  method: "POST",
  path: `${ORG}/remediation-actions`,
  tag: "Remediation",
  summary: "Add an action to the plan",
  description:
    "Send `findingKey` to add one of the engine's current suggestions (its title, change and expected gain come from the engine; a suggestion already in the plan creates nothing and answers the existing action), or `title` for an action written by hand. The organisation's live score is kept as the action's starting point.",
  permission: "remediation:manage",
  params: orgParamsSchema,
  body: remediationCreateSchema,
  success: { status: 201, description: "The action (version 1 when new)", schema: remediationResourceSchema, headers: { location: "The action's URL" } },
  errors: BODY_ERRORS,
});

export const getRemediationActionOperation = define({
  operationId: "getRemediationAction",
  method: "GET",
  path: `${ORG}/remediation-actions/{id}`,
  tag: "Remediation",
  summary: "Get a remediation action",
  permission: "scores:read",
  params: remediationParamsSchema,
  notFound: "Remediation action",
  success: { status: 200, description: "The action", schema: remediationResourceSchema },
});

export const updateRemediationActionOperation = define({
  operationId: "updateRemediationAction",
  method: "PATCH",
  path: `${ORG}/remediation-actions/{id}`,
  tag: "Remediation",
  summary: "Change or close a remediation action",
  description:
    "Send the fields to change and the `version` you read; fields not sent keep their values. `status: done` closes the action: the inventory is re-scored and `achievedGain` is the organisation score now minus the score when the action entered the plan. If someone saved the action since, nothing changes and the answer is 409 with the action as it stands (`error.current`).",
  permission: "remediation:manage",
  params: remediationParamsSchema,
  body: remediationUpdateSchema,
  notFound: "Remediation action",
  success: { status: 200, description: "The action as changed (version increased by one)", schema: remediationResourceSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deleteRemediationActionOperation = define({
  operationId: "deleteRemediationAction",
  method: "DELETE",
  path: `${ORG}/remediation-actions/{id}`,
  tag: "Remediation",
  summary: "Delete a remediation action",
  description: "Only the action goes; the inventory and the scores do not change. Send `?version=` with the version you read.",
  permission: "remediation:manage",
  params: remediationParamsSchema,
  query: remediationDeleteQuerySchema,
  notFound: "Remediation action",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const REMEDIATION_OPERATIONS = [
  listRemediationActionsOperation,
  createRemediationActionOperation,
  getRemediationActionOperation,
  updateRemediationActionOperation,
  deleteRemediationActionOperation,
] as const;
