import type { Operation } from "@/lib/api/operations";
import { orgParamsSchema } from "@/lib/api/schemas";
import {
  deleteQuerySchema,
  ownPolicyEventSchema,
  policyEventChangeSchema,
  policyEventCreateSchema,
  policyEventDeletionSchema,
  policyEventListSchema,
  policyEventParamsSchema,
  policyEventUpdateSchema,
  scenarioCreateSchema,
  scenarioListSchema,
  scenarioParamsSchema,
  scenarioResourceSchema,
  scenarioRunSchema,
  scenarioUpdateSchema,
} from "@/lib/api/scenario-schemas";

// The public API's policy event and scenario operations, appended to OPERATIONS in lib/api/operations.ts.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";
const BODY_ERRORS = ["MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"] as const;

export const listPolicyEventsOperation = define({
  operationId: "listPolicyEvents",
  method: "GET",
  path: `${ORG}/policy-events`,
  tag: "Policy events",
  summary: "List policy events",
  description: "The policy landscape the organisation is scored against: the catalogue's dated events and the organisation's own (an own event with a catalogue key replaces it), each with its status today.",
  permission: "scores:read",
  params: orgParamsSchema,
  success: { status: 200, description: "Catalogue and own events, newest first", schema: policyEventListSchema },
});

export const createPolicyEventOperation = define({
  operationId: "createPolicyEvent",
  method: "POST",
  path: `${ORG}/policy-events`,
  tag: "Policy events",
  summary: "Add a policy event",
  description:
    "Imposes a restriction (`kind: impose`; `type: licence-term` with locus `licensee` for licence terms that withhold rights from organisations based in a region) or lifts one (`kind: lift`, `lifts` naming a catalogue or own imposed event; with `countries` a partial lift that frees only those countries, named country sets allowed in `sets`). `dateEstimated` marks a date no source gives, `dateNote` says how it was read, `references` lists the published texts the event rests on. Use a catalogue event's key to correct it for the organisation (e.g. its dates). Answers what changed for the organisation's scores on the day it bites.",
  permission: "policy_events:manage",
  params: orgParamsSchema,
  body: policyEventCreateSchema,
  success: { status: 201, description: "The event and what it changed", schema: policyEventChangeSchema, headers: { location: "The new event's URL" } },
  errors: BODY_ERRORS,
});

export const getPolicyEventOperation = define({
  operationId: "getPolicyEvent",
  method: "GET",
  path: `${ORG}/policy-events/{id}`,
  tag: "Policy events",
  summary: "Get an own policy event",
  permission: "scores:read",
  params: policyEventParamsSchema,
  notFound: "Policy event",
  success: { status: 200, description: "The event", schema: ownPolicyEventSchema },
});

export const updatePolicyEventOperation = define({
  operationId: "updatePolicyEvent",
  method: "PATCH",
  path: `${ORG}/policy-events/{id}`,
  tag: "Policy events",
  summary: "Replace an own policy event",
  description: "Sends the whole event with the version you read. Answers what changed for the organisation.",
  permission: "policy_events:manage",
  params: policyEventParamsSchema,
  body: policyEventUpdateSchema,
  notFound: "Policy event",
  success: { status: 200, description: "The event and what it changed", schema: policyEventChangeSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deletePolicyEventOperation = define({
  operationId: "deletePolicyEvent",
  method: "DELETE",
  path: `${ORG}/policy-events/{id}`,
  tag: "Policy events",
  summary: "Delete an own policy event",
  description: "A catalogue event it corrected applies again. Refused (409) while an own lift ends it. Send `?version=` with the version you read.",
  permission: "policy_events:manage",
  params: policyEventParamsSchema,
  query: deleteQuerySchema,
  notFound: "Policy event",
  success: { status: 200, description: "The deleted event and what its removal changed", schema: policyEventDeletionSchema },
  errors: ["CONFLICT"],
});

export const listScenariosOperation = define({
  operationId: "listScenarios",
  method: "GET",
  path: `${ORG}/scenarios`,
  tag: "Scenarios",
  summary: "List scenarios",
  description: "The saved scenarios by name, each with its last result.",
  permission: "scores:read",
  params: orgParamsSchema,
  success: { status: 200, description: "The scenarios", schema: scenarioListSchema },
});

export const createScenarioOperation = define({
  operationId: "createScenario",
  method: "POST",
  path: `${ORG}/scenarios`,
  tag: "Scenarios",
  summary: "Save a scenario",
  description: "Saves the shocks (validated by the engine's scenario schema; invalid ones answer 422 with the engine's messages). Run it with `POST .../scenarios/{id}/run`.",
  permission: "scenarios:run",
  params: orgParamsSchema,
  body: scenarioCreateSchema,
  success: { status: 201, description: "The scenario as saved (version 1, not run)", schema: scenarioResourceSchema, headers: { location: "The new scenario's URL" } },
  errors: BODY_ERRORS,
});

export const getScenarioOperation = define({
  operationId: "getScenario",
  method: "GET",
  path: `${ORG}/scenarios/{id}`,
  tag: "Scenarios",
  summary: "Get a scenario",
  permission: "scores:read",
  params: scenarioParamsSchema,
  notFound: "Scenario",
  success: { status: 200, description: "The scenario with its last result", schema: scenarioResourceSchema },
});

export const updateScenarioOperation = define({
  operationId: "updateScenario",
  method: "PATCH",
  path: `${ORG}/scenarios/{id}`,
  tag: "Scenarios",
  summary: "Change a scenario",
  description: "Fields not sent keep their values. The last result stays until the next run.",
  permission: "scenarios:run",
  params: scenarioParamsSchema,
  body: scenarioUpdateSchema,
  notFound: "Scenario",
  success: { status: 200, description: "The scenario as saved", schema: scenarioResourceSchema },
  errors: ["CONFLICT", ...BODY_ERRORS],
});

export const deleteScenarioOperation = define({
  operationId: "deleteScenario",
  method: "DELETE",
  path: `${ORG}/scenarios/{id}`,
  tag: "Scenarios",
  summary: "Delete a scenario",
  description: "Its last result goes with it. Send `?version=` with the version you read.",
  permission: "scenarios:run",
  params: scenarioParamsSchema,
  query: deleteQuerySchema,
  notFound: "Scenario",
  success: { status: 204, description: "Deleted" },
  errors: ["CONFLICT"],
});

export const runScenarioOperation = define({
  operationId: "runScenario",
  method: "POST",
  path: `${ORG}/scenarios/{id}/run`,
  tag: "Scenarios",
  summary: "Run a scenario",
  description: "Simulates the scenario on the inventory as it stands and stores the blast radius as its last result. 422 when the inventory cannot be scored.",
  permission: "scenarios:run",
  params: scenarioParamsSchema,
  notFound: "Scenario",
  success: { status: 200, description: "The blast radius", schema: scenarioRunSchema },
});

export const SCENARIO_OPERATIONS = [
  listPolicyEventsOperation,
  createPolicyEventOperation,
  getPolicyEventOperation,
  updatePolicyEventOperation,
  deletePolicyEventOperation,
  listScenariosOperation,
  createScenarioOperation,
  getScenarioOperation,
  updateScenarioOperation,
  deleteScenarioOperation,
  runScenarioOperation,
] as const;
