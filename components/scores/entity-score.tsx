import type { Scored, ScoringResult } from "@/scoring/results";
import { Card } from "@/components/ui/card";
import { RatingBadge } from "./rating-badge";
import { readableDays } from "@/lib/dates";

/**
 * A factor's points as the list shows them: raw points of its maximum within its dimension
 * ("21.0/35"), or, for the switched-off factor (maximum 0: it only ever takes points off the
 * score), the points it takes ("−8.9"), never "of 0".
 */
function FactorPoints({ f }: { f: Scored["factors"][number] }) {
  if (f.maxPoints === 0) {
    const taken = -f.points;
    return taken >= 0.05 ? (
      <span className="w-20 shrink-0 text-right text-xs font-semibold tabular-nums text-red-700" title={`${f.label}: takes ${taken.toFixed(1)} points off the score`}>
        −{taken.toFixed(1)}
        <span className="sr-only"> points</span>
      </span>
    ) : (
      <span className="w-20 shrink-0 text-right text-xs tabular-nums text-slate-500" title={`${f.label}: takes nothing off the score`}>
        0
      </span>
    );
  }
  return (
    <span className="w-20 shrink-0 text-right text-xs tabular-nums text-slate-500" title={`${f.label}: ${f.rawPoints.toFixed(1)} of ${f.maxPoints}`}>
      {f.rawPoints.toFixed(1)}/{f.maxPoints}
    </span>
  );
}

/** What a factor costs, to sort by: points short of its maximum (for the switched-off factor, what it takes). */
const gapOf = (f: Scored["factors"][number]) => (f.maxPoints === 0 ? -f.points : f.maxPoints - f.rawPoints);

/** The factor sentences behind a score, what switches it off today first, then the largest gaps. */
export function FactorList({ factors }: { factors: Scored["factors"] }) {
  const sorted = [...factors].sort((a, b) => Number(b.maxPoints === 0 && gapOf(b) >= 0.05) - Number(a.maxPoints === 0 && gapOf(a) >= 0.05) || gapOf(b) - gapOf(a));
  return (
    <ul className="mt-2 space-y-1.5 text-sm text-slate-700">
      {sorted.map((f) => (
        <li key={f.id} className="flex gap-3">
          <FactorPoints f={f} />
          <span>
            <span className="font-medium text-slate-900">{f.label}.</span> {readableDays(f.sentence)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The live score of one vendor or AI system beside the organisation's, as the engine explains
 * them. `what` names the entity ("Vendor score", "System score").
 */
export function EntityScore({
  what,
  scored,
  result,
  unscored = "Not scored yet: nothing in the inventory depends on it.",
  children,
}: {
  what: string;
  scored: Scored | undefined;
  result: ScoringResult;
  /** Why there is no score, in the entity's terms (a vendor is depended on; an AI system depends). */
  unscored?: string;
  children?: React.ReactNode;
}) {
  const org = result.organisation;
  return (
    <Card aria-labelledby="entity-score-heading">
      <div className="flex flex-wrap items-start justify-between gap-6">
        <div className="min-w-0 flex-1">
          <h2 id="entity-score-heading" className="text-sm font-semibold text-slate-900">
            {what}
          </h2>
          {scored ? (
            <>
              <p className="mt-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="entity-score">{scored.score.toFixed(1)}</span>
                <span className="whitespace-nowrap text-sm text-slate-500">of 100</span>
                <RatingBadge rating={scored.rating} size="lg" />
              </p>
              <p className="mt-2 max-w-2xl text-sm text-slate-600">{readableDays(scored.profile)}</p>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-600">{unscored}</p>
          )}
        </div>
        <div className="rounded-md bg-slate-50 px-4 py-3 text-right" aria-label="Organisation score">
          <p className="text-xs font-medium text-slate-500">Organisation score</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid="organisation-score">
            {org.score.toFixed(1)}
          </p>
          <RatingBadge rating={org.rating} />
        </div>
      </div>
      {children}
      {scored && scored.factors.length > 0 && (
        <details className="mt-4 border-t border-slate-100 pt-3">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">Why this score</summary>
          <FactorList factors={scored.factors} />
        </details>
      )}
    </Card>
  );
}
