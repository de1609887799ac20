import { apiRoute } from "@/lib/api/route";
import { getReportRunOperation } from "@/lib/api/report-operations";
import { presentReportRun } from "@/lib/api/report-schemas";
import { notFoundError } from "@/lib/errors";
import { getReportRun } from "@/lib/reports/run-queries";

export const GET = apiRoute(getReportRunOperation, async ({ ctx, params }) => {
  const run = await getReportRun(ctx, params.id);
  if (!run) throw notFoundError("Report");
  return presentReportRun(run, ctx.organisationSlug);
});
