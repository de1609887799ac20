import { requireOrg } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { parseListParams } from "@/lib/list-params";
import { auditFiltersFromList, auditListSpec } from "@/lib/audit/filters";
import { exportAuditEventsCsv } from "@/lib/audit/export";
import { downloadResponse } from "@/lib/inventory/file-routes";
import { exportRouteError } from "@/lib/exports/route-error";

// GET /{org}/settings/audit/export?q=&f.actor=&f.from=…: the audit log screen's CSV download, with
// the filters the screen shows. The session and role are checked here (audit:read), and again
// by the data functions. A filter the screen would ignore with a notice is refused here instead:
// a file that silently holds more than was asked for is worse than an error.
export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  try {
    const ctx = await requireOrg((await params).org, "audit:read");
    const { state, notices } = parseListParams(auditListSpec, new URL(request.url).searchParams);
    if (notices.length > 0) throw new AppError("INVALID_INPUT", notices.join(" "));
    return downloadResponse(await exportAuditEventsCsv(ctx, auditFiltersFromList(state)));
  } catch (e) {
    return exportRouteError(e);
  }
}
