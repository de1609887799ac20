import { apiFileRoute } from "@/lib/api/file-route";
import { exportAssessmentXlsxOperation } from "@/lib/api/export-operations";
import { exportAssessmentXlsx } from "@/lib/exports/queries";

export const GET = apiFileRoute(exportAssessmentXlsxOperation, ({ ctx, query }) => exportAssessmentXlsx(ctx, query.assessmentId));
