import type { SystemImpact } from "@/scoring/scenario";

/** How an affected AI system fares under a scenario, as the blast radius names and colours it. */
export type RecoveryStatus = SystemImpact["status"];

export const STATUS_LABELS: Record<RecoveryStatus, string> = {
  recovers: "Recovers in time (tested fallback)",
  "recovers-slowly": "Recovers, but too slowly",
  uncertain: "Untested fallback: uncertain",
  "no-recovery": "No recovery",
};
export const STATUS_COLOURS: Record<RecoveryStatus, string> = { recovers: "#059669", "recovers-slowly": "#d97706", uncertain: "#64748b", "no-recovery": "#dc2626" };
export const STATUSES = Object.keys(STATUS_LABELS) as RecoveryStatus[];

/** One bar of the impact chart: a criticality and its affected systems per recovery status. */
export type ImpactRow = { criticality: string } & Record<RecoveryStatus, number>;
