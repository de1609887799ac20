import { apiRoute } from "@/lib/api/route";
import { freezeAssessmentOperation, listAssessmentsOperation } from "@/lib/api/assessment-operations";
import { listAssessments } from "@/lib/assessments/queries";
import { freezeAssessment } from "@/lib/assessments/mutations";

export const GET = apiRoute(listAssessmentsOperation, async ({ ctx }) => ({ items: await listAssessments(ctx) }));

export const POST = apiRoute(freezeAssessmentOperation, async ({ ctx, body, responseHeaders }) => {
  const frozen = await freezeAssessment(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/assessments/${frozen.id}`);
  return frozen;
});
