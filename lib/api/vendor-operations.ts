import { orgParamsSchema, pageQuerySchema } from "@/lib/api/schemas";
import type { Operation } from "@/lib/api/operations";
import {
  modelCreateSchema,
  modelDeleteQuerySchema,
  modelListQuerySchema,
  modelPageSchema,
  modelParamsSchema,
  modelResourceSchema,
  modelUpdateSchema,
  vendorCreateSchema,
  vendorDeleteQuerySchema,
  vendorPageSchema,
  vendorParamsSchema,
  vendorResourceSchema,
  vendorUpdateSchema,
} from "@/lib/api/vendor-schemas";

// The public API's vendor and model operations, appended to OPERATIONS in lib/api/operations.ts.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";
const BODY_ERRORS = ["MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"] as const;
const OWN_SOURCE =
  "Changing a fact that came from the default catalogue (a vendor's type, HQ country, ultimate parent; a model's family, weights, licence, training compute, offered access paths) needs your own `source`, not the catalogue's: otherwise 422 on `source`.";

export const listVendorsOperation = define({
  operationId: "listVendors",
  method: "GET",
  path: `${ORG}/vendors`,
  tag: "Vendors",
  summary: "List vendors",
  description: "The organisation's vendors by name, a page at a time.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: pageQuerySchema,
  success: { status: 200, description: "A page of vendors", schema: vendorPageSchema },
});

export const createVendorOperation = define({
  operationId: "createVendor",
  method: "POST",
  path: `${ORG}/vendors`,
  tag: "Vendors",
  summary: "Create a vendor",
  permission: "inventory:write",
  params: orgParamsSchema,
  body: vendorCreateSchema,
  success: { status: 201, description: "The vendor as created (version 1)", schema: vendorResourceSchema, headers: { location: "The new vendor's URL" } },
  errors: BODY_ERRORS,
});

export const getVendorOperation = define({
  operationId: "getVendor",
  method: "GET",
  path: `${ORG}/vendors/{id}`,
  tag: "Vendors",
  summary: "Get a vendor",
  permission: "inventory:read",
  params: vendorParamsSchema,
  notFound: "Vendor",
  success: { status: 200, description: "The vendor", schema: vendorResourceSchema },
});

export const updateVendorOperation = define({
  operationId: "updateVendor",
  method: "PATCH",
  path: `${ORG}/vendors/{id}`,
  tag: "Vendors",
  summary: "Change a vendor",
  description: `Send the fields to change and the \`version\` you read; fields not sent keep their values. If someone saved the vendor since, nothing changes and the answer is 409 with the vendor as it stands (\`error.current\`). ${OWN_SOURCE}`,
  permission: "inventory:write",
  params: vendorParamsSchema,
  body: vendorUpdateSchema,
  notFound: "Vendor",
  success: { status: 200, description: "The vendor as changed (version increased by one)", schema: vendorResourceSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deleteVendorOperation = define({
  operationId: "deleteVendor",
  method: "DELETE",
  path: `${ORG}/vendors/{id}`,
  tag: "Vendors",
  summary: "Delete a vendor",
  description: "Its models, every dependency and fallback on them or hosted on its cloud, and the data flows to it are deleted with it. Send `?version=` with the version you read.",
  permission: "inventory:write",
  params: vendorParamsSchema,
  query: vendorDeleteQuerySchema,
  notFound: "Vendor",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const listModelsOperation = define({
  operationId: "listModels",
  method: "GET",
  path: `${ORG}/models`,
  tag: "Models",
  summary: "List models",
  description: "The organisation's models by name, a page at a time; `?vendorId=` for one vendor's.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: modelListQuerySchema,
  success: { status: 200, description: "A page of models", schema: modelPageSchema },
});

export const createModelOperation = define({
  operationId: "createModel",
  method: "POST",
  path: `${ORG}/models`,
  tag: "Models",
  summary: "Create a model",
  description: "A model under one of the organisation's vendors (`vendorId`; another organisation's vendor answers 404).",
  permission: "inventory:write",
  params: orgParamsSchema,
  body: modelCreateSchema,
  success: { status: 201, description: "The model as created (version 1)", schema: modelResourceSchema, headers: { location: "The new model's URL" } },
  errors: BODY_ERRORS,
});

export const getModelOperation = define({
  operationId: "getModel",
  method: "GET",
  path: `${ORG}/models/{id}`,
  tag: "Models",
  summary: "Get a model",
  permission: "inventory:read",
  params: modelParamsSchema,
  notFound: "Model",
  success: { status: 200, description: "The model", schema: modelResourceSchema },
});

export const updateModelOperation = define({
  operationId: "updateModel",
  method: "PATCH",
  path: `${ORG}/models/{id}`,
  tag: "Models",
  summary: "Change a model",
  description: `Send the fields to change and the \`version\` you read; fields not sent keep their values (a model's vendor does not change). If someone saved the model since, nothing changes and the answer is 409 with the model as it stands (\`error.current\`). ${OWN_SOURCE}`,
  permission: "inventory:write",
  params: modelParamsSchema,
  body: modelUpdateSchema,
  notFound: "Model",
  success: { status: 200, description: "The model as changed (version increased by one)", schema: modelResourceSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deleteModelOperation = define({
  operationId: "deleteModel",
  method: "DELETE",
  path: `${ORG}/models/{id}`,
  tag: "Models",
  summary: "Delete a model",
  description: "The dependencies on it, the fallbacks that use it or belong to those dependencies, and their data flows are deleted with it. Send `?version=` with the version you read.",
  permission: "inventory:write",
  params: modelParamsSchema,
  query: modelDeleteQuerySchema,
  notFound: "Model",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const VENDOR_OPERATIONS = [
  listVendorsOperation,
  createVendorOperation,
  getVendorOperation,
  updateVendorOperation,
  deleteVendorOperation,
  listModelsOperation,
  createModelOperation,
  getModelOperation,
  updateModelOperation,
  deleteModelOperation,
] as const;
