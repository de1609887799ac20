import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getPolicyEvent, listPolicyEvents, type PolicyEventListItem } from "@/lib/policy-events/queries";
import { deletePolicyEventAction } from "@/lib/policy-events/actions";
import { scenarioBuilderOptions } from "@/lib/scenarios/queries";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { PolicyEventForm } from "@/components/policy-events/policy-event-form";
import type { PolicyEvent } from "@/scoring/schema/policy-event";

export const metadata = { title: "Policy events" };

const STATUS: Record<PolicyEventListItem["status"], { label: string; tone: "red" | "emerald" | "slate" | "amber" | "brand" }> = {
  "in-force": { label: "In force", tone: "red" },
  lifted: { label: "Lifted", tone: "emerald" },
  expired: { label: "Expired", tone: "slate" },
  "not-yet": { label: "Not yet in force", tone: "amber" },
  lift: { label: "Lift", tone: "brand" },
};

const set = (s: { only: string[] } | { allExcept: string[] }) => ("only" in s ? s.only.join(", ") : s.allExcept.length ? `all except ${s.allExcept.join(", ")}` : "every country");

/** Who and what an event restricts, in one line. */
function restricts(e: PolicyEvent): string {
  if (e.kind === "lift") return `Ends ${e.lifts}`;
  const scope = [
    e.scope.vendors?.length ? `vendors ${e.scope.vendors.join(", ")}` : "",
    e.scope.vendorCountries ? `vendors in ${set(e.scope.vendorCountries)}` : "",
    e.scope.weights ? `${e.scope.weights} weights` : "",
    e.scope.minTrainingCompute ? `compute ${e.scope.minTrainingCompute}` : "",
    e.scope.models?.length ? `models ${e.scope.models.join(", ")}` : "",
    e.scope.accessPaths?.length ? `via ${e.scope.accessPaths.join(", ")}` : "",
  ].filter(Boolean);
  const whom = e.restrictions.map((r) => `${r.severity === "block" ? "blocked" : "licence required"} for ${r.locus} in ${set(r.countries)}`).join("; ");
  return `${scope.length ? scope.join(", ") : "every dependency"}: ${whom}`;
}

export default async function PolicyEventsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ lift?: string; edit?: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const { lift, edit } = await searchParams;
  const mayManage = can(ctx.role, "policy_events:manage");
  const [items, options, editing] = await Promise.all([listPolicyEvents(ctx), mayManage ? scenarioBuilderOptions(ctx) : null, mayManage && edit ? getPolicyEvent(ctx, edit) : null]);
  const liftable = items.filter((i) => i.event.kind === "impose" && i.status === "in-force").map((i) => ({ key: i.event.key, title: i.event.title }));
  const base = `/${ctx.organisationSlug}/scenarios/policy-events`;
  return (
    <>
      <PageHeader
        title="Policy events"
        description="The export controls, sanctions and vendor restrictions your scores are computed against: the catalogue's dated events, plus your organisation's own. An own event with a catalogue event's key replaces it for you."
        actions={
          <Link href={`/${ctx.organisationSlug}/scenarios`} className="text-sm text-brand-700 underline">
            Back to scenarios
          </Link>
        }
      />
      {mayManage && options && (
        <Card className="mb-6">
          <h2 className="mb-4 text-base font-semibold text-slate-900">{editing ? `Edit "${editing.event.title}"` : lift ? "Lift an event" : "Add a policy event"}</h2>
          <PolicyEventForm
            key={editing?.id ?? lift ?? "new"}
            orgSlug={ctx.organisationSlug}
            orgName={ctx.organisationName}
            vendors={options.vendors}
            liftable={liftable}
            officeCountries={options.officeCountries}
            initial={editing ?? undefined}
            liftKey={lift}
          />
        </Card>
      )}
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Policy landscape, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Event</th>
              <th scope="col" className="px-4 py-3">From</th>
              <th scope="col" className="px-4 py-3">Effective</th>
              <th scope="col" className="px-4 py-3">Status today</th>
              <th scope="col" className="px-4 py-3">Issued by</th>
              <th scope="col" className="px-4 py-3">Restricts</th>
              {mayManage && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((i) => (
              <tr key={`${i.origin}-${i.id ?? i.event.key}`} className={i.correctedByOwn ? "opacity-60" : undefined}>
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  {i.event.title}
                  <span className="block text-xs font-normal text-slate-500">{i.event.key}</span>
                </th>
                <td className="px-4 py-3">
                  {i.origin === "own" ? <Badge tone="brand">Own{i.correctsCatalogue ? " (corrects catalogue)" : ""}</Badge> : <Badge>Catalogue{i.correctedByOwn ? " (replaced by own)" : ""}</Badge>}
                </td>
                <td className="whitespace-nowrap px-4 py-3 tabular-nums">
                  {i.event.effectiveDate}
                  {i.event.kind === "impose" && i.event.expires ? <span className="block text-xs text-slate-500">until {i.event.expires}</span> : null}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={STATUS[i.status].tone}>{STATUS[i.status].label}</Badge>
                  {i.liftedBy && <span className="block text-xs text-slate-500">by {i.liftedBy}</span>}
                </td>
                <td className="px-4 py-3">{i.event.kind === "impose" ? i.event.issuer : "—"}</td>
                <td className="px-4 py-3 text-slate-700">{restricts(i.event)}</td>
                {mayManage && (
                  <td className="whitespace-nowrap px-4 py-3">
                    <div className="flex items-center gap-2">
                      {i.status === "in-force" && !i.correctedByOwn && (
                        <Link href={`${base}?lift=${encodeURIComponent(i.event.key)}`} className="text-brand-700 underline" aria-label={`Lift ${i.event.title}`}>
                          Lift
                        </Link>
                      )}
                      {i.origin === "own" && (
                        <>
                          <Link href={`${base}?edit=${i.id}`} className="text-brand-700 underline" aria-label={`Edit ${i.event.title}`}>
                            Edit
                          </Link>
                          <ConfirmDelete
                            action={deletePolicyEventAction}
                            fields={{ org: ctx.organisationSlug, id: i.id!, version: i.version! }}
                            title={`Delete "${i.event.title}"?`}
                            consequences={[i.correctsCatalogue ? "The catalogue's version of this event applies again." : "Scores are computed without it from now on."]}
                          />
                        </>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
