import { apiHandler } from "@/lib/api/handler";
import { downloadReportPdfOperation as operation } from "@/lib/api/report-operations";
import { notFoundError } from "@/lib/errors";
import { getReportRunPdf } from "@/lib/reports/run-queries";

// The PDF goes out as it is stored, so this handler answers a file rather than apiRoute's JSON;
// the caller, permission and tenancy are checked by apiHandler and getReportRunPdf as everywhere.
// The Reports page's Download links come here too, with the session cookie.
export const GET = apiHandler(operation.permission, async (ctx, _request, rawParams) => {
  const params = operation.params.safeParse(rawParams);
  if (!params.success) throw notFoundError(operation.notFound);
  const file = await getReportRunPdf(ctx, params.data.id);
  if (!file) throw notFoundError(operation.notFound);
  return new Response(Buffer.from(file.pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-length": String(file.pdf.byteLength),
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
