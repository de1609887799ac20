import { orgParamsSchema, pageQuerySchema } from "@/lib/api/schemas";
import {
  dataFlowCreateSchema,
  dataFlowDeleteQuerySchema,
  dataFlowPageSchema,
  dataFlowParamsSchema,
  dataFlowResourceSchema,
  dataFlowUpdateSchema,
} from "@/lib/api/data-flow-schemas";
import type { Operation } from "@/lib/api/operations";

// The data flow operations of the public API; appended to OPERATIONS in lib/api/operations.ts.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";
const REFERENCES = "Every id in the body must be one of the organisation's own; another organisation's id answers 404 naming the field.";

export const listDataFlowsOperation = define({
  operationId: "listDataFlows",
  method: "GET",
  path: `${ORG}/data-flows`,
  tag: "Data flows",
  summary: "List data flows",
  description: "The organisation's data flows by name, a page at a time.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: pageQuerySchema,
  success: { status: 200, description: "A page of data flows", schema: dataFlowPageSchema },
});

export const createDataFlowOperation = define({
  operationId: "createDataFlow",
  method: "POST",
  path: `${ORG}/data-flows`,
  tag: "Data flows",
  summary: "Create a data flow",
  description: `Data leaving one office or one AI system for a vendor. With a dependency, the vendor is its model's vendor or its cloud. ${REFERENCES}`,
  permission: "inventory:write",
  params: orgParamsSchema,
  body: dataFlowCreateSchema,
  success: { status: 201, description: "The data flow as created (version 1)", schema: dataFlowResourceSchema, headers: { location: "The new data flow's URL" } },
  errors: ["MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
});

export const getDataFlowOperation = define({
  operationId: "getDataFlow",
  method: "GET",
  path: `${ORG}/data-flows/{id}`,
  tag: "Data flows",
  summary: "Get a data flow",
  permission: "inventory:read",
  params: dataFlowParamsSchema,
  notFound: "Data flow",
  success: { status: 200, description: "The data flow", schema: dataFlowResourceSchema },
});

export const updateDataFlowOperation = define({
  operationId: "updateDataFlow",
  method: "PATCH",
  path: `${ORG}/data-flows/{id}`,
  tag: "Data flows",
  summary: "Change a data flow",
  description: `Send the fields to change and the \`version\` you read; fields not sent keep their values. If someone saved the flow since, nothing changes and the answer is 409 with the flow as it stands (\`error.current\`). ${REFERENCES}`,
  permission: "inventory:write",
  params: dataFlowParamsSchema,
  body: dataFlowUpdateSchema,
  notFound: "Data flow",
  success: { status: 200, description: "The data flow as changed (version increased by one)", schema: dataFlowResourceSchema },
  errors: ["CONFLICT", "MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
});

export const deleteDataFlowOperation = define({
  operationId: "deleteDataFlow",
  method: "DELETE",
  path: `${ORG}/data-flows/{id}`,
  tag: "Data flows",
  summary: "Delete a data flow",
  description: "Nothing else goes with a data flow. Send `?version=` with the version you read.",
  permission: "inventory:write",
  params: dataFlowParamsSchema,
  query: dataFlowDeleteQuerySchema,
  notFound: "Data flow",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const DATA_FLOW_OPERATIONS = [listDataFlowsOperation, createDataFlowOperation, getDataFlowOperation, updateDataFlowOperation, deleteDataFlowOperation] as const;
