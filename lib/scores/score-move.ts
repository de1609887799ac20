import "server-only";
import type { OrgContext } from "@/lib/auth/org-context";
import { scoreOrganisation } from "@/lib/scores/queries";

/** The organisation's score before and after a change (null when the inventory cannot be scored). */
export interface ScoreMove {
  before: number | null;
  after: number | null;
}

const organisationScore = async (ctx: OrgContext) => {
  const live = await scoreOrganisation(ctx);
  return live.ok ? Math.round(live.result.organisation.score * 10) / 10 : null;
};

/**
 * Runs a change and answers how it moved the organisation's live score, so the form can say
 * "Organisation score 72.9 → 74.1". The "before" score is usually the cached one the page showed.
 */
export async function withScoreMove<T>(ctx: OrgContext, change: () => Promise<T>): Promise<{ result: T; move: ScoreMove }> {
  const before = await organisationScore(ctx);
  const result = await change();
  return { result, move: { before, after: await organisationScore(ctx) } };
}
