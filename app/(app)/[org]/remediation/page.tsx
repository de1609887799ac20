import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { today } from "@/lib/scores/queries";
import { listOwnerChoices, listRemediationActions, listRemediationSuggestions } from "@/lib/remediation/queries";
import { dueText, formatGain } from "@/lib/remediation/plan";
import { REMEDIATION_STATUS_LABELS } from "@/lib/labels";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { PlanTable } from "@/components/remediation/plan-table";
import { NewActionForm } from "@/components/remediation/action-form";
import { AddSuggestionButton } from "@/components/remediation/add-suggestion-button";
import type { PlanItem } from "@/components/remediation/types";
import { inSentence } from "@/scoring/words";
import { readableDays } from "@/lib/dates";

export const metadata = { title: "Remediation" };

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export default async function RemediationPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const asOf = today();
  const [plan, suggestions, members] = await Promise.all([listRemediationActions(ctx, asOf), listRemediationSuggestions(ctx), listOwnerChoices(ctx)]);
  const canManage = can(ctx.role, "remediation:manage");
  const items: PlanItem[] = plan.map((a) => ({
    id: a.id,
    version: a.version,
    title: a.title,
    description: a.description,
    origin: a.origin,
    owner: a.owner,
    dueDate: isoDate(a.dueDate),
    dueText: dueText(a, asOf),
    overdueDays: a.overdueDays,
    status: a.status,
    priority: a.priority,
    expectedGain: a.expectedGain,
    achievedGain: a.achievedGain,
  }));
  const overdue = items.filter((a) => a.overdueDays !== null).length;
  const slug = ctx.organisationSlug;
  return (
    <>
      <PageHeader
        title="Remediation"
        description="The plan that raises the score: who does what, by when, and what it gains. Open actions come first, the largest expected gain on top, then the higher priority, then the earlier due date."
      />
      {!canManage && (
        <Alert tone="info" className="mb-6">
          You can read the plan. Owners and analysts add, change and close actions.
        </Alert>
      )}
      <div className="space-y-6">
        <Card aria-labelledby="plan-heading">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="plan-heading" className="text-lg font-semibold text-slate-900">
              Plan
            </h2>
            {overdue > 0 && (
              <p className="text-sm font-semibold text-red-700">
                {overdue} overdue action{overdue === 1 ? "" : "s"}
              </p>
            )}
          </div>
          {items.length ? (
            <PlanTable orgSlug={slug} items={items} members={members} canManage={canManage} />
          ) : (
            <p className="text-sm text-slate-600">No actions yet.{canManage ? " Add the engine's suggestions below, or write one by hand." : ""}</p>
          )}
          <p className="mt-4 text-xs text-slate-500">
            Expected gain: the organisation score points the engine computed for the change (or the writer&apos;s estimate). Achieved gain: the organisation&apos;s score when the action was closed minus its score when the action entered the plan; other changes made meanwhile count too.
          </p>
        </Card>

        <Card aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading" className="text-lg font-semibold text-slate-900">
            Suggestions from the engine
          </h2>
          {!suggestions.ok ? (
            <p className="mt-2 text-sm text-slate-600">{suggestions.message}</p>
          ) : suggestions.suggestions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">The engine has no suggestions that would raise the score.</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100">
              {suggestions.suggestions.map((s) => (
                <li key={s.id} data-testid="suggestion" className="flex flex-wrap items-start justify-between gap-4 py-3">
                  <div className="max-w-2xl">
                    <p className="font-medium text-slate-900">{s.title}</p>
                    <p className="mt-0.5 text-xs text-slate-600">{readableDays(s.change)}</p>
                    <p className="mt-1 text-sm text-slate-800">
                      Expected gain: <strong className="tabular-nums">{formatGain(s.expectedGain.organisation)}</strong> organisation score points ({formatGain(s.expectedGain.system)} for the AI system)
                    </p>
                  </div>
                  {s.inPlan ? (
                    <p className="text-sm text-slate-600">In the plan ({inSentence(REMEDIATION_STATUS_LABELS[s.inPlan.status as keyof typeof REMEDIATION_STATUS_LABELS])})</p>
                  ) : canManage ? (
                    <AddSuggestionButton orgSlug={slug} findingKey={s.id} title={s.title} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>

        {canManage && (
          <Card aria-labelledby="new-heading">
            <h2 id="new-heading" className="mb-4 text-lg font-semibold text-slate-900">
              Add an action by hand
            </h2>
            <NewActionForm orgSlug={slug} members={members} />
          </Card>
        )}
      </div>
    </>
  );
}
