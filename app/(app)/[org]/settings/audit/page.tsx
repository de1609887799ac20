import { requireOrgPage } from "@/lib/auth/context";
import { parseListParams } from "@/lib/list-params";
import { auditFiltersFromList, auditListSpec, type AuditListState } from "@/lib/audit/filters";
import { listAuditActors, listAuditEventsPage } from "@/lib/audit/queries";
import { describeChanges } from "@/lib/audit/diff";
import { formatDateTime } from "@/lib/dates";
import { absentActorLabel, AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS, auditActionLabel, auditEntityTypeLabel } from "@/lib/audit/labels";
import { optionsFrom } from "@/lib/labels";
import { PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { SettingsTabs } from "@/components/organisations/settings-tabs";
import { DataTable } from "@/components/data-table/data-table";
import { ListNotices } from "@/components/data-table/list-notices";
import type { DataTableColumn, DataTableFilter } from "@/components/data-table/types";

export const metadata = { title: "Audit log" };

const COLUMNS: DataTableColumn[] = [
  { id: "when", header: "When (UTC)", sortable: true, descFirst: true },
  { id: "actor", header: "Who" },
  { id: "action", header: "Action" },
  { id: "entityType", header: "What" },
  { id: "subject", header: "Item" },
  { id: "changes", header: "Changes", wide: true },
  { id: "entityId", header: "Entity id" },
];

/** A cell shows the start of a long list of changes; the event's page shows them all. */
const MAX_CHANGES_CHARS = 160;
const clip = (text: string) => (text.length > MAX_CHANGES_CHARS ? `${text.slice(0, MAX_CHANGES_CHARS - 1)}…` : text);

/** The export link carries the filters shown (not the page, size or columns). */
function exportQuery(state: AuditListState): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [id, value] of Object.entries(state.filters)) if (value) params.set(`f.${id}`, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "audit:read");
  const { state, notices } = parseListParams(auditListSpec, await searchParams);
  const [page, actors] = await Promise.all([
    listAuditEventsPage(ctx, auditFiltersFromList(state), { page: state.page, size: state.size, desc: state.sort.desc }),
    listAuditActors(ctx),
  ]);
  const actorOptions = actors.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  if (state.filters.actor && !actors.some((u) => u.id === state.filters.actor)) actorOptions.push({ value: state.filters.actor, label: "Someone with no events here" });
  const filters: DataTableFilter[] = [
    { id: "actor", label: "Who", kind: "select", options: actorOptions },
    { id: "entityType", label: "What", kind: "select", options: optionsFrom(AUDIT_ENTITY_TYPE_LABELS) },
    { id: "action", label: "Action", kind: "select", options: optionsFrom(AUDIT_ACTION_LABELS) },
    { id: "from", label: "From (UTC)", kind: "date" },
    { id: "to", label: "To (UTC)", kind: "date" },
  ];
  return (
    <>
      <PageHeader title="Settings" description="The organisation's profile, its members and their roles." />
      <SettingsTabs orgSlug={ctx.organisationSlug} current="audit" />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-3xl text-sm text-slate-600">
          Every change in the organisation: who made it, when, and what it changed. Changes made with an API token are recorded in the name of the token&apos;s
          creator. Open an event for all its changes.
        </p>
        <a href={`/${ctx.organisationSlug}/settings/audit/export${exportQuery(state)}`} className={buttonClass("secondary")}>
          Download CSV{page.total > 0 ? ` (${page.total.toLocaleString("en")} ${page.total === 1 ? "event" : "events"})` : ""}
        </a>
      </div>
      <ListNotices notices={notices} />
      <DataTable
        caption={`Audit log of ${ctx.organisationName}, newest first`}
        noun="audit events"
        searchLabel="Entity id"
        searchPlaceholder="Part of an id…"
        spec={auditListSpec}
        columns={COLUMNS}
        filters={filters}
        state={{ ...state, page: page.page }}
        total={page.total}
        rows={page.rows.map((e) => ({
          id: e.id,
          href: `/${ctx.organisationSlug}/settings/audit/${e.id}`,
          cells: {
            when: formatDateTime(e.createdAt).replace(" UTC", ""),
            actor: e.actor?.name ?? absentActorLabel(e.action, e.after),
            action: auditActionLabel(e.action),
            entityType: auditEntityTypeLabel(e.entityType),
            subject: e.subject,
            changes: e.changes.length ? clip(describeChanges(e.changes)) : null,
            entityId: e.entityId,
          },
        }))}
        emptyText="Nothing has been recorded yet."
      />
    </>
  );
}
