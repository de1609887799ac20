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

export type Member = { id: string; name: string | null; email: string };
