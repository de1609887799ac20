import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listVerifyItems, listWorkshops } from "@/lib/workshops/queries";
import { countPendingItems } from "@/lib/questionnaires/queries";
import { formatDateTime, formatDay, formatDayLong } from "@/lib/dates";
import { listPracticeAccess } from "@/lib/practices/queries";
import { Badge, Card, PageHeader, Panel } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { StartWorkshopForm } from "@/components/workshops/workshop-forms";
import { VerifyList } from "@/components/workshops/verify-list";

export const metadata = { title: "Workshops" };

export default async function WorkshopsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const [workshops, verify, access] = await Promise.all([listWorkshops(ctx), listVerifyItems(ctx, { open: true }), listPracticeAccess(ctx)]);
  // The next workshops the consultancies working with the organisation plan, soonest first.
  const planned = access
    .filter((a) => a.archivedAt === null && a.nextWorkshopOn !== null)
    .sort((a, b) => a.nextWorkshopOn!.getTime() - b.nextWorkshopOn!.getTime());
  const running = workshops.find((w) => w.status === "running");
  const canRun = can(ctx.role, "workshops:run");
  const canAsk = can(ctx.role, "questionnaires:manage");
  const waiting = canAsk ? await countPendingItems(ctx) : 0;
  const slug = ctx.organisationSlug;
  return (
    <>
      <PageHeader
        title="Workshops"
        description="A facilitated session with the people who know the systems: capture the inventory together on a projector, reveal the scores, run shocks and agree actions. Ending a workshop freezes an assessment labelled with it."
      />
      <div className="space-y-6">
        {planned.map((a) => (
          <Alert key={a.id} tone="info" title={`Next workshop: ${formatDayLong(a.nextWorkshopOn!)}`}>
            {a.nextWorkshopTitle ? `${a.nextWorkshopTitle}. ` : ""}Planned by {a.practice.name}.
          </Alert>
        ))}
        {running ? (
          <Alert tone="info" title={`"${running.title}" is running`}>
            Started {formatDateTime(running.startedAt)}; one workshop runs at a time.{" "}
            <Link href={`/${slug}/workshops/${running.id}`} className="font-semibold underline">
              Return to the workshop
            </Link>
          </Alert>
        ) : canRun ? (
          <Card aria-labelledby="start-heading">
            <h2 id="start-heading" className="mb-4 text-lg font-semibold text-slate-900">
              Start a workshop
            </h2>
            <StartWorkshopForm org={slug} suggestedTitle={`AI sovereignty workshop, ${formatDay(new Date())}`} />
          </Card>
        ) : (
          <Alert tone="info">Owners and editors run workshops and confirm the facts to verify; you can read them.</Alert>
        )}
        {canAsk && (
          <Card aria-labelledby="questionnaire-heading" className="flex flex-wrap items-center justify-between gap-3">
            <div>
              <h2 id="questionnaire-heading" className="text-lg font-semibold text-slate-900">
                Before the workshop: the questionnaire
              </h2>
              <p className="text-sm text-slate-600">
                {waiting > 0 ? `${waiting} answered AI system${waiting === 1 ? "" : "s"} wait${waiting === 1 ? "s" : ""} for review.` : "Ask the staff which AI they use, through a link that needs no account."}
              </p>
            </div>
            <Link href={`/${slug}/workshops/questionnaires`} className="text-sm font-semibold text-brand-700 hover:underline">
              {waiting > 0 ? "Review the answers" : "Open the questionnaire"}
            </Link>
          </Card>
        )}
        <Card aria-labelledby="verify-heading">
          <h2 id="verify-heading" className="mb-3 text-lg font-semibold text-slate-900">
            To verify <span className="text-sm font-normal text-slate-600">({verify.length} open)</span>
          </h2>
          <VerifyList org={slug} items={verify} canConfirm={canRun} empty="Nothing waits to be verified." />
        </Card>
        <Panel aria-labelledby="past-heading">
          <h2 id="past-heading" className="px-5 pt-5 text-lg font-semibold text-slate-900">
            All workshops
          </h2>
          {workshops.length === 0 ? (
            <p className="p-5 text-sm text-slate-600">No workshop yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="mt-3 w-full text-left text-sm">
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">Workshop</th>
                    <th scope="col" className="px-3 py-2 font-medium">Started</th>
                    <th scope="col" className="px-3 py-2 font-medium">Status</th>
                    <th scope="col" className="px-3 py-2 font-medium">Rating at start</th>
                    <th scope="col" className="px-5 py-2 font-medium">Attendees</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {workshops.map((w) => (
                    <tr key={w.id}>
                      <td className="px-5 py-2">
                        <Link href={`/${slug}/workshops/${w.id}`} className="font-medium text-brand-700 hover:underline">
                          {w.title}
                        </Link>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(w.startedAt)}</td>
                      <td className="px-3 py-2">{w.status === "running" ? <Badge tone="brand">Running</Badge> : <Badge>Ended {w.endedAt ? formatDay(w.endedAt) : ""}</Badge>}</td>
                      <td className="px-3 py-2">{w.startRating ? `${w.startRating} (${w.startScore?.toFixed(1)})` : "Not scoreable"}</td>
                      <td className="px-5 py-2">{w.attendees.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
      </div>
    </>
  );
}
