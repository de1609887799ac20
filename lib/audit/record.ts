import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/auth/org-context";
import { currentRequestId } from "@/lib/log";

export type AuditAction = "create" | "update" | "delete" | "invite" | "revoke_invite" | "join" | "role_change" | "remove_member" | "revoke_api_token" | "export" | "revoke" | "answer" | "review" | "reopen";

/** JSON-safe copy of a row for the audit trail (dates as ISO strings, bigints as strings). */
export function auditSnapshot(row: unknown): Prisma.InputJsonValue | undefined {
  if (row === undefined || row === null) return undefined;
  return JSON.parse(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
}

/** Appends an audit event inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  /** userId null: nobody signed in (an answer through a questionnaire link). */
  ctx: Pick<OrgContext, "organisationId"> & { userId: string | null },
  event: { action: AuditAction; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organisationId: ctx.organisationId,
      actorId: ctx.userId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: auditSnapshot(event.before),
      after: auditSnapshot(event.after),
      // The request that made the change: its log lines carry the same id (docs/decisions/050).
      requestId: currentRequestId() ?? null,
    },
  });
}
