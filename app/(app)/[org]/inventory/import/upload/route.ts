import { z } from "zod";
import { requireOrg } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { importInventoryFile, previewInventoryFile } from "@/lib/inventory/import-file";
import { assertImportSlotFree } from "@/lib/inventory/import-slots";
import { fileRouteError, isSameOrigin, readUploadForm } from "@/lib/inventory/file-routes";
import { TABLE_ENTITIES } from "@/lib/inventory/tabular";

// POST /{org}/inventory/import/upload (multipart: file, intent, entity?, sha256?): previews or
// imports an inventory file. A route handler rather than a server action so the browser can
// show upload progress (XMLHttpRequest) and files above the 1 MB server action limit arrive.
// Nothing is kept between preview and confirm: the browser sends the file again with the
// preview's SHA-256, and both are checked in full. See docs/decisions/008-spreadsheet-import.md.
// Limits (ADR 031): a body over the import limit is 413; when the process already runs as many
// imports as it may, 429 with Retry-After, answered before the file is received.

const formSchema = z.object({
  intent: z.enum(["preview", "apply"]),
  entity: z.enum(TABLE_ENTITIES).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export async function POST(request: Request, { params }: { params: Promise<{ org: string }> }) {
  try {
    if (!isSameOrigin(request)) throw new AppError("FORBIDDEN", "Cross-site uploads are refused.");
    const ctx = await requireOrg((await params).org, "inventory:write");
    assertImportSlotFree();
    const form = await readUploadForm(request);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError("INVALID_INPUT", "Choose a file to import.");
    const input = formSchema.safeParse({ intent: form.get("intent"), entity: form.get("entity") || undefined, sha256: form.get("sha256") || undefined });
    if (!input.success) throw new AppError("INVALID_INPUT", "The upload form is incomplete; reload the page and try again.");
    const upload = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), entity: input.data.entity };
    const summary = input.data.intent === "apply" ? await importInventoryFile(ctx, upload, input.data.sha256) : await previewInventoryFile(ctx, upload);
    return Response.json(summary);
  } catch (e) {
    return fileRouteError(e);
  }
}
