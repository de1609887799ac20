import { orgParamsSchema } from "@/lib/api/schemas";
import type { Operation } from "@/lib/api/operations";
import { reportCreateSchema, reportListSchema, reportParamsSchema, reportResourceSchema } from "@/lib/api/report-schemas";

// The public API's board report operations, appended to OPERATIONS in lib/api/operations.ts:
// start a run (202), poll it, list the history, download the PDF, so that companies can
// schedule board reports from their own systems.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";

export const startReportRunOperation = define({
  operationId: "startReportRun",
  method: "POST",
  path: `${ORG}/reports`,
  tag: "Reports",
  summary: "Generate a board report",
  description:
    "Queues the board report PDF of one assessment and answers at once with the run (202). Poll `GET …/reports/{id}` until `status` is `succeeded` (then download `pdfUrl`) or `failed` (`error` says why, e.g. Chromium missing on the server). A failed attempt is retried twice. At most 5 runs per organisation wait or render at once (429).",
  permission: "reports:export",
  params: orgParamsSchema,
  body: reportCreateSchema,
  success: { status: 202, description: "The run as queued (or failed at once when the server cannot render PDFs)", schema: reportResourceSchema, headers: { location: "The run's URL, to poll" } },
  errors: ["RATE_LIMITED", "MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
});

export const listReportRunsOperation = define({
  operationId: "listReportRuns",
  method: "GET",
  path: `${ORG}/reports`,
  tag: "Reports",
  summary: "List board report runs",
  description: "The latest 50 runs, newest first: who asked, when, for which assessment, status, pages and size.",
  permission: "scores:read",
  params: orgParamsSchema,
  success: { status: 200, description: "The history", schema: reportListSchema },
});

export const getReportRunOperation = define({
  operationId: "getReportRun",
  method: "GET",
  path: `${ORG}/reports/{id}`,
  tag: "Reports",
  summary: "Get a board report run",
  description: "Status, progress (0-100) and stage while it is generated; pages, size and `pdfUrl` once it succeeded.",
  permission: "scores:read",
  params: reportParamsSchema,
  notFound: "Report",
  success: { status: 200, description: "The run", schema: reportResourceSchema },
});

export const downloadReportPdfOperation = define({
  operationId: "downloadReportPdf",
  method: "GET",
  path: `${ORG}/reports/{id}/pdf`,
  tag: "Reports",
  summary: "Download a board report PDF",
  description: "The PDF of a run that succeeded (404 while it is queued or running, or when it failed).",
  permission: "scores:read",
  params: reportParamsSchema,
  notFound: "Report PDF",
  success: { status: 200, description: "The PDF", mediaType: "application/pdf", headers: { "content-disposition": "attachment; filename=\"sovra-board-report-<org>-<assessment date>.pdf\"" } },
});

export const REPORT_OPERATIONS = [startReportRunOperation, listReportRunsOperation, getReportRunOperation, downloadReportPdfOperation] as const;
