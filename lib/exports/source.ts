import type { Rating } from "@/scoring/ratings";
import type { ScoringResult } from "@/scoring/results";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { PolicyEvent } from "@/scoring/schema/policy-event";

/**
 * What every export is built from: one frozen assessment (decision 025). The builders are pure
 * functions of it, so every exported figure traces to a dated, immutable record.
 */
export interface ExportSource {
  id: string;
  asOf: string;
  createdAt: string;
  score: number;
  rating: Rating;
  methodologyVersion: string;
  inputsHash: string;
  createdBy: { name: string; email: string } | null;
  inputs: InventoryDocumentInput;
  landscape: { catalogueEvents: PolicyEvent[]; active: ScoringResult["landscape"]["active"] };
  results: ScoringResult & { skippedDataFlows?: number; note?: string | null };
}

/** A value an export could not fill, or filled by a rule the risk officer should confirm. */
export interface ExportGap {
  /** "b_05.01", "b_02.02", "b_07.01" or "ai-act". */
  file: string;
  /** 1-based data row (the header is not counted). */
  row: number;
  column: string;
  label: string;
  /** Which provider, dependency or system the row is about. */
  subject: string;
  kind: "missing" | "review";
  note: string;
}

export const isoDay = (d: string) => d.slice(0, 10);
