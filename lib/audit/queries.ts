import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { auditChanges, auditSubject, redactSecrets } from "@/lib/audit/diff";
import { auditWhere, type AuditFilters } from "@/lib/audit/filters";
import { fetchPage, type Page } from "@/lib/list-params";

const eventSelect = {
  id: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  createdAt: true,
  actor: { select: { id: true, name: true, email: true } },
} as const;

type EventRow = {
  id: bigint;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actor: { id: string; name: string; email: string } | null;
};

/** An event as the screen, the CSV and the API show it: its snapshots, what changed in words, and what it is about. */
function present(row: EventRow) {
  const before = redactSecrets(row.before ?? null);
  const after = redactSecrets(row.after ?? null);
  return { ...row, id: row.id.toString(), before, after, subject: auditSubject(before, after), changes: auditChanges(before, after) };
}

export type AuditEventView = ReturnType<typeof present>;

/** Newest first (or oldest first); the id breaks ties between events of the same instant. */
const order = (desc: boolean) => [{ createdAt: desc ? ("desc" as const) : ("asc" as const) }, { id: desc ? ("desc" as const) : ("asc" as const) }];

/**
 * One page of the organisation's audit events matching the filters (owners and analysts), with
 * the total over all pages.
 */
export async function listAuditEventsPage(ctx: OrgContext, filters: AuditFilters, paging: { page: number; size: number; desc?: boolean }): Promise<Page<AuditEventView>> {
  assertCan(ctx, "audit:read");
  const prisma = db();
  const where = auditWhere(ctx.organisationId, filters);
  const page = await fetchPage(paging, (args) => Promise.all([prisma.auditEvent.findMany({ where, orderBy: order(paging.desc ?? true), ...args, select: eventSelect }), prisma.auditEvent.count({ where })]));
  return { ...page, rows: page.rows.map(present) };
}

/** One audit event of the organisation by its number, or null (also for another organisation's). */
export async function getAuditEvent(ctx: OrgContext, id: bigint): Promise<AuditEventView | null> {
  assertCan(ctx, "audit:read");
  const row = await db().auditEvent.findFirst({ where: { id, organisationId: ctx.organisationId }, select: eventSelect });
  return row ? present(row) : null;
}

/**
 * Everyone who appears as an actor in the organisation's audit log, by name: members and people
 * who have left since (the actor filter's choices).
 */
export async function listAuditActors(ctx: OrgContext) {
  assertCan(ctx, "audit:read");
  const groups = await db().auditEvent.groupBy({ by: ["actorId"], where: { organisationId: ctx.organisationId, actorId: { not: null } } });
  const ids = groups.flatMap((g) => (g.actorId ? [g.actorId] : []));
  if (ids.length === 0) return [];
  return db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/**
 * The events matching the filters a batch at a time, newest first, for the CSV export. Each batch
 * continues after the last row of the one before (a cursor, not an offset), so events recorded
 * meanwhile neither repeat nor shift rows.
 */
export async function* auditEventsInBatches(ctx: OrgContext, filters: AuditFilters, batchSize = 2_000): AsyncGenerator<AuditEventView[]> {
  assertCan(ctx, "audit:read");
  const where = auditWhere(ctx.organisationId, filters);
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where, orderBy: order(true), take: batchSize, ...(cursor !== undefined && { cursor: { id: cursor }, skip: 1 }), select: eventSelect });
    if (rows.length > 0) yield rows.map(present);
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/** How many of the organisation's events match the filters. */
export async function countAuditEvents(ctx: OrgContext, filters: AuditFilters): Promise<number> {
  assertCan(ctx, "audit:read");
  return db().auditEvent.count({ where: auditWhere(ctx.organisationId, filters) });
}
