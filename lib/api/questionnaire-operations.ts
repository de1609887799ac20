import type { Operation } from "@/lib/api/operations";
import { noQuerySchema, orgParamsSchema } from "@/lib/api/schemas";
import { QUESTIONNAIRE_ANSWER_LIMIT, questionnaireAnswerListSchema, questionnaireAnswerQuerySchema, questionnaireListSchema } from "@/lib/api/questionnaire-schemas";

// The pre-workshop questionnaire in the public API, read-only, appended to OPERATIONS in
// lib/api/operations.ts (docs/decisions/041). Only those who make links and review answers read
// them (questionnaires:manage: owners and editors): answers name staff and their email addresses.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";

export const listQuestionnairesOperation = define({
  operationId: "listQuestionnaires",
  method: "GET",
  path: `${ORG}/questionnaires`,
  tag: "Questionnaires",
  summary: "List questionnaire links",
  description:
    "The links made for staff to answer without an account, newest first (at most 100): whether each is open, expired or revoked, how many answered and how many answered AI systems wait for review. A link's token is shown once, when it is made in the app; it is never listed. Query parameters are refused (422).",
  permission: "questionnaires:manage",
  params: orgParamsSchema,
  query: noQuerySchema,
  success: { status: 200, description: "The links", schema: questionnaireListSchema },
});

export const listQuestionnaireAnswersOperation = define({
  operationId: "listQuestionnaireAnswers",
  method: "GET",
  path: `${ORG}/questionnaire-answers`,
  tag: "Questionnaires",
  summary: "List answered AI systems by review status",
  description: `Every AI system or tool the staff named, with who named it and, once reviewed, the decision and the AI system it became. \`status\` is required: \`pending\` lists those waiting for review, the longest waiting first; \`added\`, \`merged\` or \`rejected\` the decided ones, the latest first. At most ${QUESTIONNAIRE_ANSWER_LIMIT}; \`truncated\` says when more may exist. Unknown query parameters are refused (422).`,
  permission: "questionnaires:manage",
  params: orgParamsSchema,
  query: questionnaireAnswerQuerySchema,
  success: { status: 200, description: "The answered AI systems with that status", schema: questionnaireAnswerListSchema },
});

export const QUESTIONNAIRE_OPERATIONS = [listQuestionnairesOperation, listQuestionnaireAnswersOperation] as const;
