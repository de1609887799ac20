import { formatDay } from "@/lib/dates";
import { ConfirmVerifyButton } from "./workshop-forms";

type Item = { id: string; subjectLabel: string; question: string; owner: string; confirmedAt: Date | null; confirmedBy: string | null; createdAt: Date; version: number };

/** Facts flagged "to verify": what, about which row, who verifies it, and a button to confirm it. */
export function VerifyList({ org, items, canConfirm, empty, large }: { org: string; items: Item[]; canConfirm: boolean; empty: string; large?: boolean }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-3">
      {items.map((i) => (
        <li key={i.id} className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
          <p className={large ? "text-base font-semibold" : "text-sm font-semibold"}>{i.subjectLabel}</p>
          <p className={large ? "text-base" : "text-sm"}>{i.question}</p>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-700">
            <span>
              {i.confirmedAt ? `Confirmed by ${i.confirmedBy ?? "a member"} on ${formatDay(i.confirmedAt)}` : `Verifies: ${i.owner} · flagged ${formatDay(i.createdAt)}`}
            </span>
            {!i.confirmedAt && canConfirm && <ConfirmVerifyButton org={org} id={i.id} version={i.version} label={i.subjectLabel} />}
          </div>
        </li>
      ))}
    </ul>
  );
}
