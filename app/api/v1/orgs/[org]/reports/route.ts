import { apiRoute } from "@/lib/api/route";
import { listReportRunsOperation, startReportRunOperation } from "@/lib/api/report-operations";
import { presentReportRun } from "@/lib/api/report-schemas";
import { listReportRuns } from "@/lib/reports/run-queries";
import { startReportRun } from "@/lib/reports/run-mutations";

export const GET = apiRoute(listReportRunsOperation, async ({ ctx }) => ({
  items: (await listReportRuns(ctx)).map((r) => presentReportRun(r, ctx.organisationSlug)),
}));

export const POST = apiRoute(startReportRunOperation, async ({ ctx, body, responseHeaders }) => {
  const run = await startReportRun(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/reports/${run.id}`);
  return presentReportRun(run, ctx.organisationSlug);
});
