import "server-only";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { compareAssessments, getAssessment, listAssessments } from "@/lib/assessments/queries";
import { listRemediationActions } from "@/lib/remediation/queries";
import { dueText } from "@/lib/remediation/plan";
import { listScenarios } from "@/lib/scenarios/queries";
import { assembleBoardReport, type BoardReport, type ReportPlanAction } from "@/lib/reports/board-report";
import { simulateForReport } from "@/lib/reports/report-scenarios";
import { parseInventoryDocument } from "@/scoring/parse";

/**
 * The board report of one of the caller's organisation's assessments, or null when the id is not
 * one of them (another organisation's included). Everything scored comes from the frozen
 * assessment; the plan is as it stands at `now` (its overdue actions are counted on that date).
 * Each function it calls scopes its own `where` by the caller's organisation.
 */
export async function getBoardReport(ctx: OrgContext, assessmentId: string, now: Date = new Date(), options: { inventoryOnly?: boolean } = {}): Promise<BoardReport | null> {
  assertCan(ctx, "scores:read");
  const assessment = await getAssessment(ctx, assessmentId);
  if (!assessment) return null;
  const parsed = parseInventoryDocument(assessment.inputs);
  // A frozen assessment was parsed when it was frozen; failing now means the engine's format changed.
  if (!parsed.ok) throw new Error(`Assessment ${assessment.id} no longer parses (${parsed.issues.length} issues); its methodology ${assessment.methodologyVersion} needs a migration.`);
  // A slice of Appendix B printed on its own (decision 024) shows only the frozen inventory: the
  // history, the plan and the scenarios' simulation would be computed for nothing, once a part.
  if (options.inventoryOnly) return assembleBoardReport({ assessment, document: parsed.value, history: [], comparison: null, plan: [], scenarios: [], generatedAt: now.toISOString() });
  const generatedOn = now.toISOString().slice(0, 10);
  const [history, plan, saved] = await Promise.all([listAssessments(ctx), listRemediationActions(ctx, generatedOn), listScenarios(ctx)]);
  // The one frozen just before this one (history is newest first).
  const index = history.findIndex((h) => h.id === assessment.id);
  const previous = index >= 0 ? history[index + 1] : undefined;
  const comparison = previous ? await compareAssessments(ctx, previous.id, assessment.id) : null;
  const actions: ReportPlanAction[] = plan.map((p) => ({
    id: p.id,
    version: p.version,
    title: p.title,
    description: p.description,
    origin: p.origin,
    owner: p.owner,
    dueDate: p.dueDate ? p.dueDate.toISOString().slice(0, 10) : null,
    dueText: dueText(p, generatedOn),
    overdueDays: p.overdueDays,
    status: p.status,
    priority: p.priority,
    expectedGain: p.expectedGain,
    achievedGain: p.achievedGain,
  }));
  const scenarios = simulateForReport(parsed.value, assessment.landscape.catalogueEvents, assessment.asOf, saved);
  return assembleBoardReport({ assessment, document: parsed.value, history, comparison, plan: actions, scenarios, generatedAt: now.toISOString() });
}
