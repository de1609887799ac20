import { z } from "zod";
import { requireOrg } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { exportInventoryFile, inventoryTemplateFile } from "@/lib/inventory/import-file";
import { downloadResponse, fileRouteError } from "@/lib/inventory/file-routes";
import { TABLE_ENTITIES } from "@/lib/inventory/tabular";

// GET /{org}/inventory/export/{json|xlsx|csv|template}[?entity=vendors]: the inventory as a file.
const paramsSchema = z.object({ org: z.string().min(1), format: z.enum(["json", "xlsx", "csv", "template"]) });
const querySchema = z.object({ entity: z.enum(TABLE_ENTITIES).optional() });

export async function GET(request: Request, { params }: { params: Promise<{ org: string; format: string }> }) {
  try {
    const parsedParams = paramsSchema.safeParse(await params);
    if (!parsedParams.success) throw new AppError("NOT_FOUND", "No such export");
    const { org, format } = parsedParams.data;
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("INVALID_INPUT", `entity must be one of ${TABLE_ENTITIES.join(", ")}`);
    const ctx = await requireOrg(org, "inventory:read");
    if (format === "template") return downloadResponse(await inventoryTemplateFile());
    if (format === "csv" && !query.data.entity) throw new AppError("INVALID_INPUT", "Choose which table to export as CSV (entity).");
    return downloadResponse(await exportInventoryFile(ctx, format, query.data.entity));
  } catch (e) {
    return fileRouteError(e);
  }
}
