import { apiRoute } from "@/lib/api/route";
import { createRemediationActionOperation, listRemediationActionsOperation } from "@/lib/api/remediation-operations";
import { presentRemediation } from "@/lib/api/remediation-schemas";
import { listRemediationActions } from "@/lib/remediation/queries";
import { addSuggestionToPlan, createRemediationAction } from "@/lib/remediation/mutations";
import { remediationSchema, suggestionSchema } from "@/lib/remediation/schemas";

export const GET = apiRoute(listRemediationActionsOperation, async ({ ctx, query }) => {
  const plan = await listRemediationActions(ctx);
  const start = (query.page - 1) * query.size;
  return { items: plan.slice(start, start + query.size).map((a) => presentRemediation(a, a.overdueDays)), page: query.page, size: query.size, total: plan.length };
});

export const POST = apiRoute(createRemediationActionOperation, async ({ ctx, body, responseHeaders }) => {
  // The body's JSON types are checked; now the app's own rules, as the forms apply them.
  const action =
    body.findingKey !== undefined
      ? (await addSuggestionToPlan(ctx, suggestionSchema.parse(body))).action
      : await createRemediationAction(ctx, remediationSchema.parse(body));
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/remediation-actions/${action.id}`);
  return presentRemediation(action, null);
});
