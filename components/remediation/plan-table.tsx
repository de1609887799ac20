import { PRIORITY_LABELS, REMEDIATION_STATUS_LABELS } from "@/lib/labels";
import { formatGain } from "@/lib/remediation/plan";
import { Badge } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { deleteRemediationActionAction } from "@/lib/remediation/actions";
import { cn } from "@/components/ui/cn";
import { EditActionButton } from "./action-form";
import { CloseActionButton } from "./close-button";
import type { Member, PlanItem } from "./types";
import { formatDay, formatDayLong, readableDays } from "@/lib/dates";

const PRIORITY_TONES = { critical: "red", high: "amber", medium: "slate", low: "slate" } as const;
const STATUS_TONES = { open: "brand", in_progress: "brand", done: "emerald", wont_do: "slate" } as const;

/**
 * The remediation plan, sorted by value; overdue rows stand out by colour and in words. `longDates`:
 * in the board report, dates written out ("was due 5 January 2027").
 */
export function PlanTable({ orgSlug, items, members, canManage, longDates = false }: { orgSlug: string; items: PlanItem[]; members: Member[]; canManage: boolean; longDates?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Remediation plan, most valuable open actions first</caption>
        <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4">Action</th>
            <th scope="col" className="py-2 pr-4">Owner</th>
            <th scope="col" className="py-2 pr-4">Due</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2 pr-4">Priority</th>
            <th scope="col" className="py-2 pr-4 text-right">Expected gain</th>
            <th scope="col" className="py-2 pr-4 text-right">Achieved gain</th>
            {canManage && <th scope="col" className="py-2"><span className="sr-only">Changes</span></th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((a) => {
            const active = a.status === "open" || a.status === "in_progress";
            return (
              <tr key={a.id} data-testid="plan-row" className={cn("align-top", a.overdueDays !== null && "bg-red-50/60")}>
                <td className="max-w-md py-3 pr-4">
                  <p className="font-medium text-slate-900">{a.title}</p>
                  {/* An engine suggestion added to the plan keeps its sentence, with ISO days, as the description. */}
                  {a.description && <p className="mt-0.5 text-xs text-slate-600">{readableDays(a.description, longDates ? formatDayLong : formatDay)}</p>}
                  <p className="mt-1 text-xs text-slate-500">{a.origin === "engine" ? "Suggested by the engine" : "Written by hand"}</p>
                </td>
                <td className="py-3 pr-4">{a.owner ? (a.owner.name ?? a.owner.email) : <span className="text-slate-500">Nobody yet</span>}</td>
                <td className="whitespace-nowrap py-3 pr-4">
                  {a.overdueDays !== null ? (
                    <span className="inline-flex items-center gap-1 font-semibold text-red-700">
                      <span aria-hidden>⚠</span>
                      {a.dueText}
                    </span>
                  ) : (
                    <span className={a.dueDate ? "text-slate-800" : "text-slate-500"}>{a.dueText}</span>
                  )}
                  {a.overdueDays !== null && <p className="text-xs text-slate-500">was due {a.dueDate && (longDates ? formatDayLong(a.dueDate) : formatDay(a.dueDate))}</p>}
                </td>
                <td className="py-3 pr-4">
                  <Badge tone={STATUS_TONES[a.status]}>{REMEDIATION_STATUS_LABELS[a.status]}</Badge>
                </td>
                <td className="py-3 pr-4">
                  <Badge tone={PRIORITY_TONES[a.priority]}>{PRIORITY_LABELS[a.priority]}</Badge>
                </td>
                <td className="py-3 pr-4 text-right tabular-nums">{formatGain(a.expectedGain)}</td>
                <td className="py-3 pr-4 text-right tabular-nums" data-testid="achieved-gain">
                  {a.achievedGain !== null ? formatGain(a.achievedGain) : <span className="text-slate-500">{a.status === "done" ? "Not measurable" : "—"}</span>}
                </td>
                {canManage && (
                  <td className="py-3">
                    <div className="flex flex-col items-start gap-2">
                      <CloseActionButton orgSlug={orgSlug} id={a.id} version={a.version} title={a.title} active={active} />
                      <div className="flex gap-2">
                        <EditActionButton orgSlug={orgSlug} item={a} members={members} />
                        <ConfirmDelete action={deleteRemediationActionAction} fields={{ org: orgSlug, id: a.id, version: a.version }} title={`Delete “${a.title}”?`} consequences={["Only this action is deleted; the inventory and the scores do not change."]} />
                      </div>
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
