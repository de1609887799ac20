import Link from "next/link";
import type { AssessmentSummary } from "@/lib/assessments/queries";
import { Delta } from "./delta";
import { formatDay } from "@/lib/dates";

/** "Moved ▲ +1.2 since the assessment of 2026-11-30", or the invitation to freeze a first one. */
export function AssessmentMove({ score, latest, orgSlug }: { score: number; latest: AssessmentSummary | undefined; orgSlug: string }) {
  const base = `/${orgSlug}/scores/assessments`;
  if (!latest) {
    return (
      <p className="text-sm text-slate-600" data-testid="assessment-move">
        No assessment yet — <Link href={base} className="font-medium text-brand-700 underline">freeze one</Link> to track how the score moves.
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-700" data-testid="assessment-move">
      Moved <Delta value={score - latest.score} /> since the{" "}
      <Link href={`${base}/${latest.id}`} className="font-medium text-brand-700 underline">
        assessment of {formatDay(latest.asOf)}
      </Link>{" "}
      ({latest.score.toFixed(1)}, {latest.rating}).
    </p>
  );
}
