import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { writeCsv } from "@/lib/exports/csv";
import { recordAudit } from "@/lib/audit/record";
import { describeChanges } from "@/lib/audit/diff";
import { absentActorLabel, auditActionLabel, auditEntityTypeLabel } from "@/lib/audit/labels";
import type { AuditFilters } from "@/lib/audit/filters";
import { auditEventsInBatches, countAuditEvents } from "@/lib/audit/queries";

/** One file holds at most this many events; more must be exported in parts (by date range). */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;

export const AUDIT_CSV_HEADERS = ["Time (UTC)", "Actor", "Actor email", "Action", "Entity type", "Entity", "Entity id", "Changes", "Before (JSON)", "After (JSON)", "Event number"];

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * The organisation's audit events matching the filters as CSV (UTF-8 with BOM, every text cell
 * neutralised against formula injection by writeCsv), newest first. The export is itself recorded
 * in the audit log: who took a copy of the trail, when, and which part.
 */
export async function exportAuditEventsCsv(ctx: OrgContext, filters: AuditFilters, now = new Date()) {
  assertCan(ctx, "audit:read");
  const total = await countAuditEvents(ctx, filters);
  if (total > MAX_AUDIT_EXPORT_ROWS) {
    throw new AppError(
      "INVALID_INPUT",
      `${total.toLocaleString("en")} events match, and one file holds at most ${MAX_AUDIT_EXPORT_ROWS.toLocaleString("en")}. Narrow the dates or filters and export in parts.`,
    );
  }
  const rows: (string | null)[][] = [];
  for await (const batch of auditEventsInBatches(ctx, filters)) {
    for (const e of batch) {
      rows.push([
        e.createdAt.toISOString(),
        e.actor?.name ?? absentActorLabel(e.action, e.after),
        e.actor?.email ?? null,
        auditActionLabel(e.action),
        auditEntityTypeLabel(e.entityType),
        e.subject,
        e.entityId,
        describeChanges(e.changes),
        json(e.before),
        json(e.after),
        e.id,
      ]);
    }
  }
  const fileName = `sovra-${ctx.organisationSlug}-audit-log-${now.toISOString().slice(0, 10)}.csv`;
  const body = new TextEncoder().encode(writeCsv({ headers: AUDIT_CSV_HEADERS, rows }));
  const applied = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ""));
  await recordAudit(db(), ctx, { action: "export", entityType: "audit_log", entityId: ctx.organisationId, after: { file: fileName, rows: rows.length, filters: applied } });
  return { fileName, contentType: "text/csv; charset=utf-8", body };
}
