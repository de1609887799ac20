import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";

/** The organisation's most recent audit events, newest first. */
export async function listAuditEvents(ctx: OrgContext, opts: { take?: number } = {}) {
  assertCan(ctx, "audit:read");
  return db().auditEvent.findMany({
    where: { organisationId: ctx.organisationId },
    orderBy: { id: "desc" },
    take: Math.min(opts.take ?? 50, 500),
    select: { id: true, action: true, entityType: true, entityId: true, before: true, after: true, createdAt: true, actor: { select: { name: true, email: true } } },
  });
}
