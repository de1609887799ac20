import { apiRoute } from "@/lib/api/route";
import type { RouteContext } from "@/lib/api/handler";
import { importCycloneDxOperation } from "@/lib/api/cyclonedx-import-operations";
import { fieldErrorsFromIssues } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { applyCycloneDxImport, planCycloneDxImport } from "@/lib/inventory/import-cyclonedx";
import { IMPORT_RETRY_AFTER_SECONDS } from "@/lib/inventory/import-slots";

const importRoute = apiRoute(importCycloneDxOperation, async ({ ctx, query, body }) => {
  const result = query.dryRun ? await planCycloneDxImport(ctx, body) : await applyCycloneDxImport(ctx, body);
  if (!result.ok) {
    const n = result.issues.length;
    throw new AppError("INVALID_INPUT", `The BOM has ${n} problem${n === 1 ? "" : "s"}; nothing was imported.`, { fieldErrors: fieldErrorsFromIssues(result.issues) });
  }
  return { applied: !query.dryRun, plan: result.plan, mapping: result.mapping };
});

/** 429: every import slot of this process is taken (as POST …/inventory/import answers). */
export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const response = await importRoute(request, context);
  if (response.status === 429) response.headers.set("retry-after", String(IMPORT_RETRY_AFTER_SECONDS));
  return response;
}
