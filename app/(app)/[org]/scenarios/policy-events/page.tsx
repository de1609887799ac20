import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getPolicyEvent, listPolicyEvents } from "@/lib/policy-events/queries";
import { scenarioBuilderOptions } from "@/lib/scenarios/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { PolicyEventForm } from "@/components/policy-events/policy-event-form";
import { PolicyEventTable } from "@/components/policy-events/policy-event-table";
import { eventNames } from "@/components/policy-events/words";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import type { PolicyEvent } from "@/scoring/schema/policy-event";

export const metadata = { title: "Policy events" };

export default async function PolicyEventsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ lift?: string; edit?: string; correct?: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const { lift, edit, correct } = await searchParams;
  const mayManage = can(ctx.role, "policy_events:manage");
  // The inventory's vendors and models name the keys events use, for every role; the form also offers them.
  const [items, options] = await Promise.all([listPolicyEvents(ctx), scenarioBuilderOptions(ctx)]);
  // "Correct for your organisation": the catalogue event's fields and key. Once the organisation has
  // corrected it, the same link (and its Edit link) opens the correction, with the catalogue event named.
  const correctKey = mayManage && correct && DEFAULT_POLICY_EVENTS.some((e) => e.key === correct) ? correct : undefined;
  const correction = correctKey ? items.find((i) => i.origin === "own" && i.event.key === correctKey) : undefined;
  const editId = correction?.id ?? (correctKey ? undefined : edit);
  const editing = mayManage && editId ? await getPolicyEvent(ctx, editId) : null;
  const correcting = DEFAULT_POLICY_EVENTS.find((e) => e.key === (editing?.event.key ?? correctKey));
  const names = eventNames({ vendors: options.vendors, models: options.models });
  // Every imposed event can be lifted (one in force, one still to come); the organisation's version of a corrected one.
  const liftable = [...new Map(items.filter((i) => i.event.kind === "impose" && !i.correctedByOwn).map((i) => [i.event.key, { key: i.event.key, title: i.event.title }])).values()].sort((a, b) => a.title.localeCompare(b.title));
  const formEvent: PolicyEvent | undefined = editing?.event ?? correcting;
  // Vendors an event names that the inventory does not have keep their (catalogue) names in the form's choices.
  const vendors = [...options.vendors];
  if (formEvent?.kind === "impose") for (const key of formEvent.scope.vendors ?? []) if (!vendors.some((v) => v.key === key)) vendors.push({ key, name: `${names.vendors.get(key) ?? key} (not in your inventory)`, country: "" });
  const heading = correcting ? `Correct "${correcting.title}" for your organisation` : editing ? `Edit "${editing.event.title}"` : lift ? "Lift an event" : "Add a policy event";
  return (
    <>
      <PageHeader
        title="Policy events"
        description="The export controls, sanctions, vendor restrictions and licence terms your scores are computed against: the catalogue's dated events, plus your organisation's own. Correct a catalogue event (its dates, for example) and your version applies instead of the catalogue's."
        actions={
          <Link href={`/${ctx.organisationSlug}/scenarios`} className="text-sm text-brand-700 underline">
            Back to scenarios
          </Link>
        }
      />
      {mayManage && (
        <Card className="mb-6">
          <h2 className="mb-4 text-base font-semibold text-slate-900">{heading}</h2>
          <PolicyEventForm
            // One key per correction, before and after it is saved: the form stays mounted and shows what the save changed.
            key={correcting ? `correct-${correcting.key}` : (editing?.id ?? lift ?? "new")}
            orgSlug={ctx.organisationSlug}
            orgName={ctx.organisationName}
            vendors={vendors}
            liftable={liftable}
            officeCountries={options.officeCountries}
            initial={editing ?? undefined}
            correcting={correcting}
            liftKey={lift}
          />
        </Card>
      )}
      <Card className="overflow-x-auto p-0">
        <PolicyEventTable items={items} names={names} orgSlug={ctx.organisationSlug} mayManage={mayManage} />
      </Card>
    </>
  );
}
