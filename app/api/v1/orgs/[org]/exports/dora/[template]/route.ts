import { apiFileRoute } from "@/lib/api/file-route";
import { exportDoraTemplateOperation } from "@/lib/api/export-operations";
import { exportDoraCsv } from "@/lib/exports/queries";

export const GET = apiFileRoute(exportDoraTemplateOperation, ({ ctx, params, query }) => exportDoraCsv(ctx, params.template, query.assessmentId));
