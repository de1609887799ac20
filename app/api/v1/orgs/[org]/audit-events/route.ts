import { apiRoute } from "@/lib/api/route";
import { listAuditEventsOperation } from "@/lib/api/audit-operations";
import { auditFiltersFromQuery, presentAuditEvent } from "@/lib/api/audit-schemas";
import { listAuditEventsPage } from "@/lib/audit/queries";

export const GET = apiRoute(listAuditEventsOperation, async ({ ctx, query }) => {
  const page = await listAuditEventsPage(ctx, auditFiltersFromQuery(query), { page: query.page, size: query.size });
  return { items: page.rows.map(presentAuditEvent), page: page.page, size: page.size, total: page.total };
});
