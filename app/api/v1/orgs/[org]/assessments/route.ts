import { apiRoute } from "@/lib/api/route";
import { freezeAssessmentOperation, listAssessmentsOperation } from "@/lib/api/assessment-operations";
import { listAssessments } from "@/lib/assessments/queries";
import { freezeAssessment } from "@/lib/assessments/mutations";

export const GET = apiRoute(listAssessmentsOperation, async ({ ctx }) => ({ items: await listAssessments(ctx) }));

export const POST = apiRoute(freezeAssessmentOperation, async ({ ctx, body, responseHeaders }) => {
  const frozen = await freezeAssessment(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/assessments/${frozen.id}`);
  // The summary as the list shows it (with who froze it).
  const summary = (await listAssessments(ctx)).find((a) => a.id === frozen.id);
  return summary!;
});
