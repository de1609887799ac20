import type { Operation } from "@/lib/api/operations";
import { orgParamsSchema, pageQuerySchema } from "@/lib/api/schemas";
import {
  aiSystemCreateSchema,
  aiSystemPageSchema,
  aiSystemParamsSchema,
  aiSystemResourceSchema,
  aiSystemUpdateSchema,
  dependencyCreateSchema,
  dependencyListQuerySchema,
  dependencyPageSchema,
  dependencyParamsSchema,
  dependencyResourceSchema,
  dependencyUpdateSchema,
  fallbackCreateSchema,
  fallbackListQuerySchema,
  fallbackPageSchema,
  fallbackParamsSchema,
  fallbackResourceSchema,
  fallbackUpdateSchema,
  versionQuerySchema,
} from "@/lib/api/ai-system-schemas";

// AI systems, the model dependencies each has, and each dependency's fallbacks. Ids in a body
// (an office, AI system, dependency, model or cloud vendor) must be the organisation's own:
// another organisation's id answers 404 like an unknown one, and nothing is written.

// Type-only import: lib/api/operations.ts imports this file, so a value from it would not exist yet here.
const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";
const BODY_ERRORS = ["MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"] as const;
const PATCH_HELP = "Send the fields to change and the `version` you read; fields not sent keep their values. If someone saved it since, nothing changes and the answer is 409 with the row as it stands (`error.current`).";

export const listAiSystemsOperation = define({
  operationId: "listAiSystems",
  method: "GET",
  path: `${ORG}/ai-systems`,
  tag: "AI systems",
  summary: "List AI systems",
  description: "The organisation's AI systems by name, a page at a time.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: pageQuerySchema,
  success: { status: 200, description: "A page of AI systems", schema: aiSystemPageSchema },
});

export const createAiSystemOperation = define({
  operationId: "createAiSystem",
  method: "POST",
  path: `${ORG}/ai-systems`,
  tag: "AI systems",
  summary: "Create an AI system",
  description: "`officeIds` must be the organisation's offices (404 otherwise).",
  permission: "inventory:write",
  params: orgParamsSchema,
  body: aiSystemCreateSchema,
  success: { status: 201, description: "The AI system as created (version 1)", schema: aiSystemResourceSchema, headers: { location: "The new AI system's URL" } },
  errors: BODY_ERRORS,
});

export const getAiSystemOperation = define({
  operationId: "getAiSystem",
  method: "GET",
  path: `${ORG}/ai-systems/{id}`,
  tag: "AI systems",
  summary: "Get an AI system",
  permission: "inventory:read",
  params: aiSystemParamsSchema,
  notFound: "AI system",
  success: { status: 200, description: "The AI system", schema: aiSystemResourceSchema },
});

export const updateAiSystemOperation = define({
  operationId: "updateAiSystem",
  method: "PATCH",
  path: `${ORG}/ai-systems/{id}`,
  tag: "AI systems",
  summary: "Change an AI system",
  description: PATCH_HELP,
  permission: "inventory:write",
  params: aiSystemParamsSchema,
  body: aiSystemUpdateSchema,
  notFound: "AI system",
  success: { status: 200, description: "The AI system as changed (version increased by one)", schema: aiSystemResourceSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deleteAiSystemOperation = define({
  operationId: "deleteAiSystem",
  method: "DELETE",
  path: `${ORG}/ai-systems/{id}`,
  tag: "AI systems",
  summary: "Delete an AI system",
  description: "Its dependencies, their fallbacks and its data flows are deleted with it. Send `?version=` with the version you read.",
  permission: "inventory:write",
  params: aiSystemParamsSchema,
  query: versionQuerySchema,
  notFound: "AI system",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const listDependenciesOperation = define({
  operationId: "listDependencies",
  method: "GET",
  path: `${ORG}/dependencies`,
  tag: "AI systems",
  summary: "List model dependencies",
  description: "The organisation's dependencies (an AI system's use of a model through an access path), oldest first, a page at a time. `?aiSystemId=` keeps one system's.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: dependencyListQuerySchema,
  success: { status: 200, description: "A page of dependencies", schema: dependencyPageSchema },
});

export const createDependencyOperation = define({
  operationId: "createDependency",
  method: "POST",
  path: `${ORG}/dependencies`,
  tag: "AI systems",
  summary: "Add a model dependency to an AI system",
  description: "`aiSystemId`, `modelId` and `cloudVendorId` must be the organisation's own (404 otherwise). One AI system uses a model through an access path once (422 on `modelId`).",
  permission: "inventory:write",
  params: orgParamsSchema,
  body: dependencyCreateSchema,
  success: { status: 201, description: "The dependency as created (version 1)", schema: dependencyResourceSchema, headers: { location: "The new dependency's URL" } },
  errors: BODY_ERRORS,
});

export const getDependencyOperation = define({
  operationId: "getDependency",
  method: "GET",
  path: `${ORG}/dependencies/{id}`,
  tag: "AI systems",
  summary: "Get a model dependency",
  permission: "inventory:read",
  params: dependencyParamsSchema,
  notFound: "Dependency",
  success: { status: 200, description: "The dependency", schema: dependencyResourceSchema },
});

export const updateDependencyOperation = define({
  operationId: "updateDependency",
  method: "PATCH",
  path: `${ORG}/dependencies/{id}`,
  tag: "AI systems",
  summary: "Change a model dependency",
  description: `${PATCH_HELP} Its AI system cannot change.`,
  permission: "inventory:write",
  params: dependencyParamsSchema,
  body: dependencyUpdateSchema,
  notFound: "Dependency",
  success: { status: 200, description: "The dependency as changed (version increased by one)", schema: dependencyResourceSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deleteDependencyOperation = define({
  operationId: "deleteDependency",
  method: "DELETE",
  path: `${ORG}/dependencies/{id}`,
  tag: "AI systems",
  summary: "Delete a model dependency",
  description: "Its fallbacks and the data flows it carries are deleted with it. Send `?version=` with the version you read.",
  permission: "inventory:write",
  params: dependencyParamsSchema,
  query: versionQuerySchema,
  notFound: "Dependency",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const listFallbacksOperation = define({
  operationId: "listFallbacks",
  method: "GET",
  path: `${ORG}/fallbacks`,
  tag: "AI systems",
  summary: "List fallbacks",
  description: "The organisation's fallbacks (what a dependency switches to when its model or path is cut off), oldest first, a page at a time. `?dependencyId=` keeps one dependency's.",
  permission: "inventory:read",
  params: orgParamsSchema,
  query: fallbackListQuerySchema,
  success: { status: 200, description: "A page of fallbacks", schema: fallbackPageSchema },
});

export const createFallbackOperation = define({
  operationId: "createFallback",
  method: "POST",
  path: `${ORG}/fallbacks`,
  tag: "AI systems",
  summary: "Add a fallback to a dependency",
  description:
    "`dependencyId`, `modelId` and `cloudVendorId` must be the organisation's own (404 otherwise). A dependency has each fallback route (model and access path) once: a second one is refused (422 on `modelId`).",
  permission: "inventory:write",
  params: orgParamsSchema,
  body: fallbackCreateSchema,
  success: { status: 201, description: "The fallback as created (version 1)", schema: fallbackResourceSchema, headers: { location: "The new fallback's URL" } },
  errors: BODY_ERRORS,
});

export const getFallbackOperation = define({
  operationId: "getFallback",
  method: "GET",
  path: `${ORG}/fallbacks/{id}`,
  tag: "AI systems",
  summary: "Get a fallback",
  permission: "inventory:read",
  params: fallbackParamsSchema,
  notFound: "Fallback",
  success: { status: 200, description: "The fallback", schema: fallbackResourceSchema },
});

export const updateFallbackOperation = define({
  operationId: "updateFallback",
  method: "PATCH",
  path: `${ORG}/fallbacks/{id}`,
  tag: "AI systems",
  summary: "Change a fallback",
  description: `${PATCH_HELP} Its dependency cannot change.`,
  permission: "inventory:write",
  params: fallbackParamsSchema,
  body: fallbackUpdateSchema,
  notFound: "Fallback",
  success: { status: 200, description: "The fallback as changed (version increased by one)", schema: fallbackResourceSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deleteFallbackOperation = define({
  operationId: "deleteFallback",
  method: "DELETE",
  path: `${ORG}/fallbacks/{id}`,
  tag: "AI systems",
  summary: "Delete a fallback",
  description: "Send `?version=` with the version you read.",
  permission: "inventory:write",
  params: fallbackParamsSchema,
  query: versionQuerySchema,
  notFound: "Fallback",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const AI_SYSTEM_OPERATIONS: readonly Operation[] = [
  listAiSystemsOperation,
  createAiSystemOperation,
  getAiSystemOperation,
  updateAiSystemOperation,
  deleteAiSystemOperation,
  listDependenciesOperation,
  createDependencyOperation,
  getDependencyOperation,
  updateDependencyOperation,
  deleteDependencyOperation,
  listFallbacksOperation,
  createFallbackOperation,
  getFallbackOperation,
  updateFallbackOperation,
  deleteFallbackOperation,
];
