import { z } from "zod";
import { responseComponents } from "@/lib/api/schemas";
import type { listPendingItems, listQuestionnaires } from "@/lib/questionnaires/queries";

// The public API's pre-workshop questionnaire (docs/decisions/039, 041): read-only, what the
// questionnaire page shows: the links (never their token or its hash: the link is the permission
// to answer), and the answered AI systems by review status. Making links and reviewing stay in
// the app, where a reviewer sees the suggestions beside each answer.

const iso = z.iso.datetime().meta({ description: "ISO 8601 (UTC)" });

export const QUESTIONNAIRE_ANSWER_STATUSES = ["pending", "added", "merged", "rejected"] as const;
/** The most answered items one response lists (and, for a decision, how many of the latest decisions are searched). */
export const QUESTIONNAIRE_ANSWER_LIMIT = 300;

export const questionnaireSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    state: z.enum(["open", "expired", "revoked"]).meta({ description: "open: the link takes answers; expired or revoked: it takes none (answers already given stay for review)" }),
    expiresAt: iso,
    revokedAt: iso.nullable(),
    createdAt: iso,
    createdBy: z.string().nullable().meta({ description: "The member who made the link (null once that account is gone)" }),
    answers: z.number().int().nonnegative().meta({ description: "Answers received through the link (one per person and submission)" }),
    pending: z.number().int().nonnegative().meta({ description: "Answered AI systems of this link still waiting for review" }),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "Questionnaire" });

export const questionnaireListSchema = z
  .object({ items: z.array(questionnaireSchema).meta({ description: "Newest first, at most 100" }) })
  .register(responseComponents, { id: "QuestionnaireList" });

export const questionnaireAnswerQuerySchema = z.strictObject({
  status: z
    .enum(QUESTIONNAIRE_ANSWER_STATUSES, `Expected one of: ${QUESTIONNAIRE_ANSWER_STATUSES.join(", ")}`)
    .meta({ description: "pending: waiting for review; added: added to the inventory as a new AI system; merged: recorded as an AI system already there; rejected" }),
});

export const questionnaireAnswerSchema = z
  .object({
    id: z.uuid().meta({ description: "The answered item's id" }),
    status: z.enum(QUESTIONNAIRE_ANSWER_STATUSES),
    systemName: z.string().meta({ description: "The AI system or tool as the respondent named it" }),
    purpose: z.string().meta({ description: "What they use it for" }),
    vendorName: z.string().nullable(),
    modelName: z.string().nullable(),
    dataNote: z.string().nullable().meta({ description: "What goes into it, in the respondent's words" }),
    respondent: z.object({ name: z.string(), email: z.string().nullable(), team: z.string().nullable() }).meta({ description: "Who answered (they have no account)" }),
    answerId: z.uuid().meta({ description: "The submission it came in: every item one person sent at once shares it" }),
    submittedAt: iso,
    questionnaireTitle: z.string().meta({ description: "The link it was answered through" }),
    decision: z
      .object({ reviewedAt: iso, reviewedBy: z.string().nullable().meta({ description: "null once that account is gone" }), note: z.string().nullable().meta({ description: "Why it was rejected, or a note on the merge" }) })
      .nullable()
      .meta({ description: "null while it waits for review" }),
    aiSystem: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .meta({ description: "The AI system it was added as or merged into (GET …/ai-systems/{id}); null while pending, when rejected, or when that system was deleted since" }),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "QuestionnaireAnswer" });

export const questionnaireAnswerListSchema = z
  .object({
    status: z.enum(QUESTIONNAIRE_ANSWER_STATUSES),
    items: z.array(questionnaireAnswerSchema).meta({ description: `pending: the longest waiting first; a decision: the latest decided first. At most ${QUESTIONNAIRE_ANSWER_LIMIT}` }),
    truncated: z
      .boolean()
      .meta({ description: `true when more may exist than are listed: for pending, more than ${QUESTIONNAIRE_ANSWER_LIMIT} wait; for a decision, only the latest ${QUESTIONNAIRE_ANSWER_LIMIT} decisions of any kind were searched` }),
  })
  .register(responseComponents, { id: "QuestionnaireAnswerList" });

type LinkRow = Awaited<ReturnType<typeof listQuestionnaires>>[number];
/** listPendingItems and listReviewedItems select the same fields. */
type ItemRow = Awaited<ReturnType<typeof listPendingItems>>[number];

/** A link as the API answers it: the fields are named one by one, so that its token hash can never slip in. */
export function presentQuestionnaire(l: LinkRow): z.input<typeof questionnaireSchema> {
  return {
    id: l.id,
    title: l.title,
    state: l.state,
    expiresAt: l.expiresAt.toISOString(),
    revokedAt: l.revokedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
    createdBy: l.createdBy?.name ?? null,
    answers: l.answers,
    pending: l.pending,
    version: l.version,
  };
}

export function presentQuestionnaireAnswer(i: ItemRow): z.input<typeof questionnaireAnswerSchema> {
  return {
    id: i.id,
    status: i.status,
    systemName: i.systemName,
    purpose: i.purpose,
    vendorName: i.vendorName,
    modelName: i.modelName,
    dataNote: i.dataNote,
    respondent: { name: i.response.respondentName, email: i.response.respondentEmail, team: i.response.team },
    answerId: i.response.id,
    submittedAt: i.response.submittedAt.toISOString(),
    questionnaireTitle: i.response.questionnaire.title,
    decision: i.status !== "pending" && i.reviewedAt ? { reviewedAt: i.reviewedAt.toISOString(), reviewedBy: i.reviewedBy?.name ?? null, note: i.reviewNote } : null,
    aiSystem: i.aiSystem,
    version: i.version,
  };
}
