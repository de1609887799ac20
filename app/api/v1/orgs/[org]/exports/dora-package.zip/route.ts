import { apiFileRoute } from "@/lib/api/file-route";
import { exportDoraPackageOperation } from "@/lib/api/export-operations";
import { exportDoraPackage } from "@/lib/exports/dora-package-queries";

export const GET = apiFileRoute(exportDoraPackageOperation, ({ ctx, query }) => exportDoraPackage(ctx, query));
