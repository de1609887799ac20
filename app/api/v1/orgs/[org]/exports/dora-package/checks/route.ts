import { apiRoute } from "@/lib/api/route";
import { checkDoraPackageOperation } from "@/lib/api/export-operations";
import { getDoraPackageChecks } from "@/lib/exports/dora-package-queries";

export const GET = apiRoute(checkDoraPackageOperation, ({ ctx, query }) => getDoraPackageChecks(ctx, query));
