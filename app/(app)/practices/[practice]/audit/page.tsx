import { requirePracticePage } from "@/lib/auth/context";
import { parseListParams } from "@/lib/list-params";
import { listPracticeAuditEventsPage, practiceAuditListSpec } from "@/lib/practices/audit-queries";
import { PRACTICE_AUDIT_ACTION_LABELS } from "@/lib/practices/audit";
import { describeChanges } from "@/lib/audit/diff";
import { auditActionLabel } from "@/lib/audit/labels";
import { formatDateTime } from "@/lib/dates";
import { optionsFrom } from "@/lib/labels";
import { PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/data-table/data-table";
import { ListNotices } from "@/components/data-table/list-notices";
import type { DataTableColumn, DataTableFilter } from "@/components/data-table/types";

export const metadata = { title: "Practice audit trail" };

const COLUMNS: DataTableColumn[] = [
  { id: "when", header: "When (UTC)", sortable: true, descFirst: true },
  { id: "actor", header: "Who" },
  { id: "action", header: "What happened" },
  { id: "subject", header: "About" },
  { id: "changes", header: "Changes", wide: true },
];

const FILTERS: DataTableFilter[] = [{ id: "action", label: "What happened", kind: "select", options: optionsFrom(PRACTICE_AUDIT_ACTION_LABELS) }];

/** The practice's own changes, for its partners: members, invitations, API tokens, clients, branding. */
export default async function PracticeAuditPage({ params, searchParams }: { params: Promise<{ practice: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePracticePage((await params).practice, "practice:manage");
  const { state, notices } = parseListParams(practiceAuditListSpec, await searchParams);
  const page = await listPracticeAuditEventsPage(ctx, state);
  const label = (action: string) => (Object.hasOwn(PRACTICE_AUDIT_ACTION_LABELS, action) ? PRACTICE_AUDIT_ACTION_LABELS[action as keyof typeof PRACTICE_AUDIT_ACTION_LABELS] : auditActionLabel(action));
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change to the practice: its name and branding, its members and invitations, its API tokens, and its clients. What the practice does inside a client is in that client's own audit log."
      />
      <ListNotices notices={notices} />
      <DataTable
        caption={`Audit trail of ${ctx.practiceName}, newest first`}
        noun="events"
        searchLabel="Who"
        searchPlaceholder="Part of a name…"
        spec={practiceAuditListSpec}
        columns={COLUMNS}
        filters={FILTERS}
        state={{ ...state, page: page.page }}
        total={page.total}
        rows={page.rows.map((e) => ({
          id: e.id,
          cells: {
            when: formatDateTime(e.createdAt).replace(" UTC", ""),
            actor: e.actor?.name ?? "Deleted account",
            action: label(e.action),
            subject: e.subject,
            changes: e.changes.length ? describeChanges(e.changes) : null,
          },
        }))}
        emptyText="Nothing has been recorded yet."
      />
    </>
  );
}
