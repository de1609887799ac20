import { practiceApiRoute } from "@/lib/api/route";
import { getClientBenchmarkOperation } from "@/lib/api/practice-operations";
import { practiceBenchmark } from "@/lib/practices/queries";

export const GET = practiceApiRoute(getClientBenchmarkOperation, async ({ ctx, params }) => {
  const { client, benchmark } = await practiceBenchmark(ctx, params.id);
  const { engagementId, consentedAt, ...rest } = client;
  return { client: { id: engagementId, consentedAt: consentedAt?.toISOString() ?? null, ...rest }, ...benchmark };
});
