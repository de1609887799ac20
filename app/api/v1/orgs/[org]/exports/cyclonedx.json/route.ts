import { apiFileRoute } from "@/lib/api/file-route";
import { exportCycloneDxOperation } from "@/lib/api/export-operations";
import { exportCycloneDx } from "@/lib/exports/queries";

export const GET = apiFileRoute(exportCycloneDxOperation, ({ ctx, query }) => exportCycloneDx(ctx, query.specVersion));
