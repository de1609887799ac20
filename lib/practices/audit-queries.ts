import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import { auditChanges, auditSubject, redactSecrets } from "@/lib/audit/diff";
import { contains, fetchPage, type ListSpec, type ListState, type Page } from "@/lib/list-params";
import { PRACTICE_AUDIT_ACTIONS } from "@/lib/practices/audit";

/** The practice's audit trail screen: newest first, narrowed by action; the search box matches who acted. */
export const practiceAuditListSpec = {
  columns: ["when", "actor", "action", "subject", "changes"],
  defaultColumns: ["when", "actor", "action", "subject", "changes"],
  alwaysShown: ["when"],
  sortable: ["when"],
  defaultSort: { id: "when", desc: true },
  filters: {
    action: { kind: "enum", values: PRACTICE_AUDIT_ACTIONS },
  },
} as const satisfies ListSpec;

export type PracticeAuditListState = ListState<(typeof practiceAuditListSpec.sortable)[number], keyof typeof practiceAuditListSpec.filters>;

const eventSelect = { id: true, action: true, entityType: true, entityId: true, before: true, after: true, createdAt: true, actor: { select: { id: true, name: true } } } as const;

/**
 * One page of the practice's own audit trail (partners: it names members and their emails), with
 * the total. Scoped by the caller's practice in its own `where`.
 */
export async function listPracticeAuditEventsPage(ctx: PracticeContext, state: Pick<PracticeAuditListState, "q" | "page" | "size" | "sort" | "filters">): Promise<Page<PracticeAuditEventView>> {
  assertPracticeCan(ctx, "practice:manage");
  const where: Prisma.PracticeAuditEventWhereInput = {
    practiceId: ctx.practiceId,
    ...(state.q && { actor: { name: contains(state.q) } }),
    ...(state.filters.action && { action: state.filters.action }),
  };
  const dir = state.sort.desc ? ("desc" as const) : ("asc" as const);
  const prisma = db();
  const page = await fetchPage(state, (args) =>
    Promise.all([prisma.practiceAuditEvent.findMany({ where, orderBy: [{ createdAt: dir }, { id: dir }], ...args, select: eventSelect }), prisma.practiceAuditEvent.count({ where })]),
  );
  return {
    ...page,
    rows: page.rows.map((row) => {
      const before = redactSecrets(row.before ?? null);
      const after = redactSecrets(row.after ?? null);
      return { ...row, id: row.id.toString(), before, after, subject: auditSubject(before, after), changes: auditChanges(before, after) };
    }),
  };
}

export type PracticeAuditEventView = Omit<Prisma.PracticeAuditEventGetPayload<{ select: typeof eventSelect }>, "id" | "before" | "after"> & {
  id: string;
  before: unknown;
  after: unknown;
  subject: string | null;
  changes: ReturnType<typeof auditChanges>;
};
