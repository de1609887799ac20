import { apiRoute } from "@/lib/api/route";
import { compareAssessmentsOperation } from "@/lib/api/assessment-operations";
import { compareAssessments } from "@/lib/assessments/queries";
import { describeChange } from "@/lib/assessments/input-diff";

export const GET = apiRoute(compareAssessmentsOperation, async ({ ctx, query }) => {
  const c = await compareAssessments(ctx, query.a, query.b);
  return { ...c, inputs: c.inputs.map((change) => ({ ...change, description: describeChange(change) })) };
});
