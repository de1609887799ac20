import { apiRoute } from "@/lib/api/route";
import { getAssessmentOperation } from "@/lib/api/assessment-operations";
import { getAssessment } from "@/lib/assessments/queries";
import { notFoundError } from "@/lib/errors";

export const GET = apiRoute(getAssessmentOperation, async ({ ctx, params }) => {
  const assessment = await getAssessment(ctx, params.id);
  if (!assessment) throw notFoundError("Assessment");
  return JSON.parse(JSON.stringify(assessment));
});
