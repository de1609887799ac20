import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PracticeContext } from "@/lib/auth/practice-context";
import { auditSnapshot } from "@/lib/audit/record";

/** What a practice's audit trail records (decision 043). */
export type PracticeAuditAction =
  | "create"
  | "rename"
  | "branding"
  | "add_member"
  | "role_change"
  | "remove_member"
  | "invite"
  | "revoke_invite"
  | "join"
  | "create_api_token"
  | "revoke_api_token"
  | "create_client"
  | "client_role_change"
  | "plan_workshop"
  | "archive_client"
  | "restore_client"
  | "delete_client"
  | "engagement_ended";

/**
 * Appends an event to the practice's own trail inside the caller's transaction, so the change and
 * its record land together. `userId` null: a change made from outside the practice (a client's
 * owner ending an engagement is recorded with that owner as actor; nobody signed in: null).
 */
export async function recordPracticeAudit(
  tx: Prisma.TransactionClient,
  ctx: Pick<PracticeContext, "practiceId"> & { userId: string | null },
  event: { action: PracticeAuditAction; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.practiceAuditEvent.create({
    data: {
      practiceId: ctx.practiceId,
      actorId: ctx.userId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: auditSnapshot(event.before),
      after: auditSnapshot(event.after),
    },
  });
}
