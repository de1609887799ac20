import { apiRoute } from "@/lib/api/route";
import type { RouteContext } from "@/lib/api/handler";
import { importInventoryOperation } from "@/lib/api/operations";
import { fieldErrorsFromIssues } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { applyInventoryImport, planInventoryImport } from "@/lib/inventory/import";
import { IMPORT_RETRY_AFTER_SECONDS } from "@/lib/inventory/import-slots";
import { isCycloneDxBom } from "@/lib/inventory/cyclonedx-bom";

const importRoute = apiRoute(importInventoryOperation, async ({ ctx, query, body }) => {
  // A BOM has its own route (decision 047): say where, rather than list it as a document's problems.
  if (isCycloneDxBom(body)) {
    throw new AppError("INVALID_INPUT", `This is a CycloneDX BOM, not an inventory document: send it to POST /api/v1/orgs/${ctx.organisationSlug}/inventory/import/cyclonedx. Nothing was imported.`, {
      fieldErrors: { "$.bomFormat": ["a CycloneDX BOM: import it with POST …/inventory/import/cyclonedx"] },
    });
  }
  const result = query.dryRun ? await planInventoryImport(ctx, body) : await applyInventoryImport(ctx, body);
  if (!result.ok) {
    const n = result.issues.length;
    throw new AppError("INVALID_INPUT", `The document has ${n} problem${n === 1 ? "" : "s"}; nothing was imported.`, { fieldErrors: fieldErrorsFromIssues(result.issues) });
  }
  return { applied: !query.dryRun, plan: result.plan };
});

/**
 * 429 here means every import slot of this process is taken (lib/inventory/import-slots.ts):
 * the answer says when to try again (RFC 9110 Retry-After), as the upload route does.
 */
export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const response = await importRoute(request, context);
  if (response.status === 429) response.headers.set("retry-after", String(IMPORT_RETRY_AFTER_SECONDS));
  return response;
}
