import { apiRoute } from "@/lib/api/route";
import { exportInventoryOperation } from "@/lib/api/operations";
import { fieldErrorsFromIssues } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { loadInventoryDocument } from "@/lib/inventory/document";
import { inventoryDocumentSchema } from "@/scoring/schema/inventory";
import { issuesFromZod } from "@/scoring/schema/issues";

export const GET = apiRoute(exportInventoryOperation, async ({ ctx, responseHeaders }) => {
  const { document, skippedDataFlows } = await loadInventoryDocument(ctx);
  // An inventory can hold what the document format refuses (e.g. a marketplace dependency
  // without its cloud): say what, rather than send a file the import would reject.
  const checked = inventoryDocumentSchema.safeParse(document);
  if (!checked.success) {
    throw new AppError("CONFLICT", "The inventory cannot be exported as a document until these are completed.", { fieldErrors: fieldErrorsFromIssues(issuesFromZod(checked.error)) });
  }
  const day = new Date().toISOString().slice(0, 10);
  responseHeaders.set("content-disposition", `attachment; filename="sovra-inventory-${ctx.organisationSlug}-${day}.json"`);
  responseHeaders.set("x-sovra-skipped-data-flows", String(skippedDataFlows));
  return document;
});
