import { apiFileRoute } from "@/lib/api/file-route";
import { exportAiActInventoryOperation } from "@/lib/api/export-operations";
import { exportAiActCsv } from "@/lib/exports/queries";

export const GET = apiFileRoute(exportAiActInventoryOperation, ({ ctx, query }) => exportAiActCsv(ctx, query.assessmentId));
