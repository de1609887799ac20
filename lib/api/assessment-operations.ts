import type { Operation } from "@/lib/api/operations";
import { orgParamsSchema } from "@/lib/api/schemas";
import {
  assessmentComparisonSchema,
  assessmentListSchema,
  assessmentParamsSchema,
  assessmentSchema,
  assessmentSummarySchema,
  compareAssessmentsQuerySchema,
  freezeAssessmentBodySchema,
} from "@/lib/api/assessment-schemas";

// Assessments in the public API: list, read, freeze and compare (no update or delete: they are immutable).

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";

export const listAssessmentsOperation = define({
  operationId: "listAssessments",
  method: "GET",
  path: `${ORG}/assessments`,
  tag: "Assessments",
  summary: "List assessments",
  description: "Every assessment of the organisation, newest first, without the frozen documents.",
  permission: "scores:read",
  params: orgParamsSchema,
  success: { status: 200, description: "The assessments", schema: assessmentListSchema },
});

export const freezeAssessmentOperation = define({
  operationId: "freezeAssessment",
  method: "POST",
  path: `${ORG}/assessments`,
  tag: "Assessments",
  summary: "Freeze an assessment",
  description:
    "Scores the inventory as it stands and keeps it as an immutable, dated assessment (inputs, landscape, methodology, results). 422 when the inventory cannot be scored (the problems by JSON path) or is too large to freeze as one assessment (the message says how large); 409 when the latest assessment already records the same inventory, day and methodology. Send `{}` for today.",
  permission: "assessments:write",
  params: orgParamsSchema,
  body: freezeAssessmentBodySchema,
  success: { status: 201, description: "The assessment as frozen", schema: assessmentSummarySchema, headers: { location: "The new assessment's URL" } },
  errors: ["CONFLICT", "MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
});

export const compareAssessmentsOperation = define({
  operationId: "compareAssessments",
  method: "GET",
  path: `${ORG}/assessments/compare`,
  tag: "Assessments",
  summary: "Compare two assessments",
  description: "Score and rating deltas for the organisation, its dimensions, vendors and AI systems, and why: the inventory rows that changed, the policy events imposed or lifted, a methodology change.",
  permission: "scores:read",
  params: orgParamsSchema,
  query: compareAssessmentsQuerySchema,
  notFound: "Assessment",
  success: { status: 200, description: "The comparison", schema: assessmentComparisonSchema },
});

export const getAssessmentOperation = define({
  operationId: "getAssessment",
  method: "GET",
  path: `${ORG}/assessments/{id}`,
  tag: "Assessments",
  summary: "Get an assessment",
  description: "One assessment with everything frozen in it.",
  permission: "scores:read",
  params: assessmentParamsSchema,
  notFound: "Assessment",
  success: { status: 200, description: "The assessment", schema: assessmentSchema },
});

export const ASSESSMENT_OPERATIONS = [listAssessmentsOperation, freezeAssessmentOperation, compareAssessmentsOperation, getAssessmentOperation] as const;
