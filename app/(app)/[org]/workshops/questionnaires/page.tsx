import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { listPendingItems, listQuestionnaires, listRespondents, listReviewedItems, listSystemsToMergeInto } from "@/lib/questionnaires/queries";
import { captureOptions } from "@/lib/workshops/queries";
import { listOffices } from "@/lib/offices/queries";
import { suggestModel, suggestSystem } from "@/lib/questionnaires/suggest";
import { formatDateTime, formatDay } from "@/lib/dates";
import { Badge, Card, PageHeader, Panel } from "@/components/ui/card";
import { CreateLinkForm, ReopenButton, RevokeLinkButton } from "@/components/questionnaires/link-forms";
import { ReviewItem } from "@/components/questionnaires/review-item";

export const metadata = { title: "Questionnaire" };

const STATE_BADGE = { open: <Badge tone="emerald">Open</Badge>, expired: <Badge>Expired</Badge>, revoked: <Badge tone="red">Revoked</Badge> } as const;
const DECISION = { added: "Added to the inventory", merged: "Already listed", rejected: "Rejected", pending: "Waiting" } as const;

/**
 * The pre-workshop questionnaire (decision 039): links for the staff, who answered, the answers
 * waiting for review (each added to the inventory, recorded as a system already there, or
 * rejected) and the latest decisions, which a rejection or a merge can be reopened from.
 */
export default async function QuestionnairesPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "questionnaires:manage");
  const slug = ctx.organisationSlug;
  const [links, pending, reviewed, respondents, systems, options, offices] = await Promise.all([
    listQuestionnaires(ctx),
    listPendingItems(ctx),
    listReviewedItems(ctx),
    listRespondents(ctx),
    listSystemsToMergeInto(ctx),
    captureOptions(ctx),
    listOffices(ctx),
  ]);
  return (
    <>
      <PageHeader
        title="Pre-workshop questionnaire"
        description="Before the workshop, ask the staff which AI systems and tools they use: they answer through a link, without an account. Their answers wait here until you add each to the inventory, record it as a system already listed, or reject it."
        actions={
          <Link href={`/${slug}/workshops`} className="text-sm font-medium text-brand-700 hover:underline">
            Back to workshops
          </Link>
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="review-heading">
          <h2 id="review-heading" className="mb-1 text-lg font-semibold text-slate-900">
            Waiting for review <span className="text-sm font-normal text-slate-600">({pending.length})</span>
          </h2>
          {pending.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing waits for review.{links.length === 0 ? " Make a link below and send it to the staff." : ""}</p>
          ) : (
            <ul className="mt-3 space-y-3">
              {pending.map((i) => (
                <li key={i.id}>
                  <p className="mb-1 text-xs text-slate-600">
                    From {i.response.respondentName}
                    {i.response.team ? ` (${i.response.team})` : ""}, {formatDateTime(i.response.submittedAt)}
                  </p>
                  <ReviewItem
                    org={slug}
                    item={{ id: i.id, version: i.version, systemName: i.systemName, purpose: i.purpose, vendorName: i.vendorName, modelName: i.modelName, dataNote: i.dataNote, respondent: i.response.team ?? i.response.respondentName }}
                    models={options.models}
                    clouds={options.clouds}
                    offices={offices.map((o) => ({ id: o.id, name: o.name }))}
                    systems={systems}
                    suggestedModel={suggestModel(i, options.models)?.ref ?? null}
                    suggestedSystem={suggestSystem(i.systemName, systems)}
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="links-heading">
          <h2 id="links-heading" className="mb-4 text-lg font-semibold text-slate-900">
            Links
          </h2>
          <CreateLinkForm org={slug} suggestedTitle={`Which AI do you use at ${ctx.organisationName}?`} />
          {links.length > 0 && (
            <div className="mt-5 overflow-x-auto">
              <table className="w-full min-w-[40rem] text-left text-sm">
                <caption className="sr-only">Questionnaire links</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Title</th>
                    <th scope="col" className="px-3 py-2 font-medium">State</th>
                    <th scope="col" className="px-3 py-2 font-medium">Works until</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Answers</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Waiting</th>
                    <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {links.map((l) => (
                    <tr key={l.id}>
                      <td className="px-3 py-2">
                        <span className="font-medium text-slate-900">{l.title}</span>
                        <span className="block text-xs text-slate-600">Made {formatDay(l.createdAt)}{l.createdBy ? ` by ${l.createdBy.name}` : ""}</span>
                      </td>
                      <td className="px-3 py-2">{STATE_BADGE[l.state]}</td>
                      <td className="whitespace-nowrap px-3 py-2">{l.revokedAt ? `Revoked ${formatDay(l.revokedAt)}` : formatDay(l.expiresAt)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{l.answers}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{l.pending}</td>
                      <td className="px-3 py-2 text-right">{l.state === "open" && <RevokeLinkButton org={slug} id={l.id} version={l.version} title={l.title} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Panel aria-labelledby="respondents-heading">
          <h2 id="respondents-heading" className="px-5 pt-5 text-lg font-semibold text-slate-900">
            Who answered <span className="text-sm font-normal text-slate-600">({respondents.length})</span>
          </h2>
          {respondents.length === 0 ? (
            <p className="p-5 text-sm text-slate-600">Nobody has answered yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="mt-3 w-full min-w-[40rem] text-left text-sm">
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">Name</th>
                    <th scope="col" className="px-3 py-2 font-medium">Team</th>
                    <th scope="col" className="px-3 py-2 font-medium">Answered</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Systems named</th>
                    <th scope="col" className="px-5 py-2 text-right font-medium">Waiting</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {respondents.map((r) => (
                    <tr key={r.id}>
                      <td className="px-5 py-2">
                        <span className="font-medium text-slate-900">{r.respondentName}</span>
                        {r.respondentEmail && <span className="block text-xs text-slate-600">{r.respondentEmail}</span>}
                      </td>
                      <td className="px-3 py-2">{r.team ?? "Not given"}</td>
                      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.submittedAt)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.items}</td>
                      <td className="px-5 py-2 text-right tabular-nums">{r.pending === 0 ? "None" : r.pending}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>

        {reviewed.length > 0 && (
          <Panel aria-labelledby="reviewed-heading">
            <h2 id="reviewed-heading" className="px-5 pt-5 text-lg font-semibold text-slate-900">
              Latest decisions
            </h2>
            <ul className="divide-y divide-slate-100 px-5 pb-3">
              {reviewed.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                  <div className="min-w-0">
                    <span className="font-medium text-slate-900">{i.systemName}</span>{" "}
                    <span className="text-slate-600">from {i.response.respondentName}</span>
                    <span className="block text-xs text-slate-600">
                      {DECISION[i.status]}
                      {i.aiSystem ? ` as ${i.aiSystem.name}` : i.status === "added" ? " (its AI system was deleted since)" : ""}
                      {i.reviewNote ? `: ${i.reviewNote}` : ""}
                      {i.reviewedAt ? ` · ${i.reviewedBy?.name ?? "a member"}, ${formatDateTime(i.reviewedAt)}` : ""}
                    </span>
                  </div>
                  {(i.status === "merged" || i.status === "rejected") && <ReopenButton org={slug} id={i.id} version={i.version} label={i.systemName} />}
                </li>
              ))}
            </ul>
          </Panel>
        )}
      </div>
    </>
  );
}
