import "server-only";
import { db } from "@/lib/db";
import { worksWith } from "@/lib/practices/works-with";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { scoreOrganisation, today } from "@/lib/scores/queries";
import { remediationsOnState, type Remediation } from "@/scoring/remediation";
import { scoringStateOf } from "@/scoring/score-inventory";
import { comparePlan, overdueDays } from "@/lib/remediation/plan";

export const remediationSelect = {
  id: true,
  title: true,
  description: true,
  origin: true,
  findingKey: true,
  targetType: true,
  targetId: true,
  dueDate: true,
  status: true,
  priority: true,
  expectedGain: true,
  achievedGain: true,
  scoreAtCreation: true,
  scoreAtClose: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  owner: { select: { id: true, name: true, email: true } },
} as const;

/** The most actions one plan lists; a plan is a working list, not an archive. */
export const PLAN_LIMIT = 1000;

/**
 * The caller's remediation plan, sorted by value (lib/remediation/plan.ts): open work first, by
 * expected gain, then priority, then due date; closed actions last, most recently closed first.
 * Each row says by how many days it is overdue (null when it is not), as of `asOf`.
 */
export async function listRemediationActions(ctx: OrgContext, asOf: string = today()) {
  assertCan(ctx, "scores:read");
  const rows = await db().remediationAction.findMany({
    where: { organisationId: ctx.organisationId },
    select: remediationSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: PLAN_LIMIT,
  });
  return rows.map((r) => ({ ...r, overdueDays: overdueDays(r, asOf) })).sort(comparePlan);
}

export type PlanRow = Awaited<ReturnType<typeof listRemediationActions>>[number];

/** One action of the caller's organisation, or null (also for another organisation's id). */
export async function getRemediationAction(ctx: OrgContext, id: string) {
  assertCan(ctx, "scores:read");
  return db().remediationAction.findFirst({ where: { id, organisationId: ctx.organisationId }, select: remediationSelect });
}

/** The organisation's members, as owner choices. */
export async function listOwnerChoices(ctx: OrgContext): Promise<{ id: string; name: string; email: string; via: string | null }[]> {
  assertCan(ctx, "scores:read");
  const user = { select: { id: true, name: true, email: true } } as const;
  const [members, consultants] = await Promise.all([
    db().membership.findMany({ where: { organisationId: ctx.organisationId }, select: { user }, orderBy: { user: { name: "asc" } } }),
    // The people of a practice working with the organisation (a live engagement, decision 037):
    // a consultant can own an action agreed in a workshop they facilitate.
    db().practiceMember.findMany({
      where: { practice: worksWith(ctx.organisationId) },
      select: { user, practice: { select: { name: true } } },
      orderBy: [{ practice: { name: "asc" } }, { user: { name: "asc" } }],
    }),
  ]);
  const out = members.map((r) => ({ ...r.user, via: null as string | null }));
  const seen = new Set(out.map((u) => u.id));
  for (const c of consultants) {
    if (seen.has(c.user.id)) continue;
    seen.add(c.user.id);
    out.push({ ...c.user, via: c.practice.name });
  }
  return out;
}

export type Suggestions =
  | { ok: true; score: number; suggestions: (Remediation & { inPlan: { id: string; status: string } | null })[] }
  | { ok: false; message: string };

/**
 * The engine's suggestions for the inventory as it stands (ranked by organisation gain), each
 * marked with the plan action that already holds it. Reuses the live score's scoring state.
 */
export async function listRemediationSuggestions(ctx: OrgContext, limit = 20): Promise<Suggestions> {
  assertCan(ctx, "scores:read");
  const live = await scoreOrganisation(ctx);
  if (!live.ok) return { ok: false, message: "The inventory cannot be scored yet, so the engine has no suggestions. Fix the problems shown on the scores page first." };
  const state = scoringStateOf(live.result);
  const found = state ? remediationsOnState(state, limit) : [];
  const keys = found.map((s) => s.id);
  const inPlan = keys.length
    ? await db().remediationAction.findMany({ where: { organisationId: ctx.organisationId, findingKey: { in: keys } }, select: { id: true, status: true, findingKey: true } })
    : [];
  const byKey = new Map(inPlan.map((a) => [a.findingKey!, { id: a.id, status: a.status }]));
  return { ok: true, score: live.result.organisation.score, suggestions: found.map((s) => ({ ...s, inPlan: byKey.get(s.id) ?? null })) };
}
