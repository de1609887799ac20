import { apiRoute } from "@/lib/api/route";
import { listQuestionnaireAnswersOperation } from "@/lib/api/questionnaire-operations";
import { presentQuestionnaireAnswer, QUESTIONNAIRE_ANSWER_LIMIT } from "@/lib/api/questionnaire-schemas";
import { countPendingItems, listPendingItems, listReviewedItems } from "@/lib/questionnaires/queries";

export const GET = apiRoute(listQuestionnaireAnswersOperation, async ({ ctx, query }) => {
  const { status } = query;
  if (status === "pending") {
    const [items, waiting] = await Promise.all([listPendingItems(ctx), countPendingItems(ctx)]);
    return { status, items: items.slice(0, QUESTIONNAIRE_ANSWER_LIMIT).map(presentQuestionnaireAnswer), truncated: waiting > Math.min(items.length, QUESTIONNAIRE_ANSWER_LIMIT) };
  }
  // The domain has no query for one decision; the latest decisions of any kind are read and
  // filtered, and `truncated` says when older ones were not searched (docs/decisions/041).
  const decided = await listReviewedItems(ctx, QUESTIONNAIRE_ANSWER_LIMIT);
  return { status, items: decided.filter((i) => i.status === status).map(presentQuestionnaireAnswer), truncated: decided.length === QUESTIONNAIRE_ANSWER_LIMIT };
});
