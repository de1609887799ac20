import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrgPage } from "@/lib/auth/context";
import { getAuditEvent } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/dates";
import { absentActorLabel, auditActionLabel, auditEntityTypeLabel } from "@/lib/audit/labels";
import { Card, PageHeader } from "@/components/ui/card";
import { SettingsTabs } from "@/components/organisations/settings-tabs";

export const metadata = { title: "Audit event" };

/** Event numbers are positive 64-bit integers; anything else is no event. */
const EVENT_NUMBER = /^[1-9]\d{0,18}$/;
const MAX_EVENT_NUMBER = 9_223_372_036_854_775_807n;

function Empty() {
  return (
    <span className="text-slate-500">
      <span aria-hidden>—</span>
      <span className="sr-only">none</span>
    </span>
  );
}

export default async function AuditEventPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "audit:read");
  if (!EVENT_NUMBER.test(id) || BigInt(id) > MAX_EVENT_NUMBER) notFound();
  const event = await getAuditEvent(ctx, BigInt(id));
  if (!event) notFound();
  const what = `${auditEntityTypeLabel(event.entityType)}${event.subject ? ` “${event.subject}”` : ""}`;
  return (
    <>
      <PageHeader title="Settings" description="The organisation's profile, its members and their roles." />
      <SettingsTabs orgSlug={ctx.organisationSlug} current="audit" />
      <p className="mb-4 text-sm">
        <Link href={`/${ctx.organisationSlug}/settings/audit`} className="font-medium text-brand-700 hover:underline">
          ← Audit log
        </Link>
      </p>
      <Card className="mb-6">
        <h2 className="text-base font-semibold text-slate-900">
          {auditActionLabel(event.action)}: {what}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">When</dt>
          <dd>{formatDateTime(event.createdAt)}</dd>
          <dt className="font-medium text-slate-600">Who</dt>
          <dd>{event.actor ? `${event.actor.name} (${event.actor.email})` : absentActorLabel(event.action, event.after)}</dd>
          <dt className="font-medium text-slate-600">Entity id</dt>
          <dd className="font-mono text-xs leading-5">{event.entityId}</dd>
          <dt className="font-medium text-slate-600">Event number</dt>
          <dd className="tabular-nums">{event.id}</dd>
        </dl>
      </Card>
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">What changed</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Field</th>
              <th scope="col" className="px-4 py-3">Before</th>
              <th scope="col" className="px-4 py-3">After</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {event.changes.length === 0 && (
              <tr>
                <td colSpan={3} className="px-4 py-6 text-center text-slate-500">
                  This event recorded no field values.
                </td>
              </tr>
            )}
            {event.changes.map((c) => (
              <tr key={c.field}>
                <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                  {c.label}
                </th>
                <td className="whitespace-pre-wrap break-words px-4 py-3 text-slate-700">{c.before ?? <Empty />}</td>
                <td className="whitespace-pre-wrap break-words px-4 py-3 text-slate-900">{c.after ?? <Empty />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
