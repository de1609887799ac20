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
  | "engagement_ended"
  | "benchmark_consent";

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

/** The practice's audit trail in words (its page); a new action fails the typecheck here until it is named. */
export const PRACTICE_AUDIT_ACTION_LABELS: Record<PracticeAuditAction, string> = {
  create: "Practice founded",
  rename: "Renamed",
  branding: "Report branding changed",
  add_member: "Member added",
  role_change: "Role changed",
  remove_member: "Member removed",
  invite: "Invitation link made",
  revoke_invite: "Invitation revoked",
  join: "Joined by invitation",
  create_api_token: "API token made",
  revoke_api_token: "API token revoked",
  create_client: "Client created",
  client_role_change: "Role in a client changed",
  plan_workshop: "Next workshop planned",
  archive_client: "Client archived",
  restore_client: "Client restored",
  delete_client: "Client deleted",
  engagement_ended: "Access ended by the client",
  benchmark_consent: "Benchmark consent changed by the client",
};

export const PRACTICE_AUDIT_ACTIONS = Object.keys(PRACTICE_AUDIT_ACTION_LABELS) as PracticeAuditAction[];
