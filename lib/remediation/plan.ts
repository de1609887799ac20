// The plan's order and its overdue rule, pure so the list, the API and the tests share them.
import type { Priority, RemediationStatus } from "@/lib/generated/prisma/enums";
import { formatDay } from "@/lib/dates";

const PRIORITY_RANK: Record<Priority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const isActive = (status: RemediationStatus) => status === "open" || status === "in_progress";

const DAY = 24 * 60 * 60 * 1000;

/** Whole days an active action is past its due date on `asOf` (YYYY-MM-DD); null when not overdue. */
export function overdueDays(a: { status: RemediationStatus; dueDate: Date | null }, asOf: string): number | null {
  if (!a.dueDate || !isActive(a.status)) return null;
  const days = Math.floor((Date.parse(`${asOf}T00:00:00.000Z`) - a.dueDate.getTime()) / DAY);
  return days > 0 ? days : null;
}

/**
 * "Overdue by 5 days", "Due today", "Due in 3 days", or the date (further off, or closed actions):
 * "6 Mar 2027" on the plan screen, `formatDayLong` ("6 March 2027") in the board report.
 */
export function dueText(a: { status: RemediationStatus; dueDate: Date | null }, asOf: string, format: (day: Date) => string = formatDay): string {
  if (!a.dueDate) return "No due date";
  const days = Math.round((a.dueDate.getTime() - Date.parse(`${asOf}T00:00:00.000Z`)) / DAY);
  if (!isActive(a.status) || days > 30) return format(a.dueDate);
  if (days < 0) return `Overdue by ${-days} day${days === -1 ? "" : "s"}`;
  if (days === 0) return "Due today";
  return `Due in ${days} day${days === 1 ? "" : "s"}`;
}

type Sortable = { status: RemediationStatus; expectedGain: number; priority: Priority; dueDate: Date | null; closedAt: Date | null; createdAt: Date; id: string };

/**
 * The plan's order, by value: active actions (open, in progress) before closed ones; among active
 * ones the larger expected organisation gain first, then the higher priority, then the earlier due
 * date (none last), then the older action. Closed actions: most recently closed first.
 */
export function comparePlan(a: Sortable, b: Sortable): number {
  const aa = isActive(a.status);
  const ba = isActive(b.status);
  if (aa !== ba) return aa ? -1 : 1;
  if (!aa) return (b.closedAt?.getTime() ?? b.createdAt.getTime()) - (a.closedAt?.getTime() ?? a.createdAt.getTime()) || a.id.localeCompare(b.id);
  return (
    b.expectedGain - a.expectedGain ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/** A score gain in points, signed: "+1.2", "−0.4", "0.0". */
export function formatGain(points: number): string {
  const r = Math.round(points * 10) / 10;
  if (r === 0) return "0.0";
  return r > 0 ? `+${r.toFixed(1)}` : `−${Math.abs(r).toFixed(1)}`;
}
