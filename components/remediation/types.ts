import type { Priority, RemediationOrigin, RemediationStatus } from "@/lib/generated/prisma/enums";

/** A plan row as the client components get it (dates as YYYY-MM-DD strings). */
export interface PlanItem {
  id: string;
  version: number;
  title: string;
  description: string;
  origin: RemediationOrigin;
  owner: { id: string; name: string | null; email: string } | null;
  dueDate: string | null;
  dueText: string;
  overdueDays: number | null;
  status: RemediationStatus;
  priority: Priority;
  expectedGain: number;
  achievedGain: number | null;
}

/** Someone who can own an action: a member, or someone of a practice working with the organisation (`via`: its name). */
export type Member = { id: string; name: string | null; email: string; via?: string | null };
