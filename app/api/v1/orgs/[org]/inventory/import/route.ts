import { apiRoute } from "@/lib/api/route";
import { importInventoryOperation } from "@/lib/api/operations";
import { fieldErrorsFromIssues } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { applyInventoryImport, planInventoryImport } from "@/lib/inventory/import";

export const POST = apiRoute(importInventoryOperation, async ({ ctx, query, body }) => {
  const result = query.dryRun ? await planInventoryImport(ctx, body) : await applyInventoryImport(ctx, body);
  if (!result.ok) {
    const n = result.issues.length;
    throw new AppError("INVALID_INPUT", `The document has ${n} problem${n === 1 ? "" : "s"}; nothing was imported.`, { fieldErrors: fieldErrorsFromIssues(result.issues) });
  }
  return { applied: !query.dryRun, plan: result.plan };
});
