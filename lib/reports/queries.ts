import "server-only";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { compareAssessments, getAssessment, listAssessments, type Assessment } from "@/lib/assessments/queries";
import { listRemediationActions } from "@/lib/remediation/queries";
import { dueText } from "@/lib/remediation/plan";
import { listScenarios } from "@/lib/scenarios/queries";
import { db } from "@/lib/db";
import { assembleBoardReport, assembleReportInventory, type BoardReport, type ReportInventory, type ReportPlanAction } from "@/lib/reports/board-report";
import { simulateForReport } from "@/lib/reports/report-scenarios";
import { parseInventoryDocument } from "@/scoring/parse";
import { formatDayLong } from "@/lib/dates";

/**
 * The board report of one of the caller's organisation's assessments, or null when the id is not
 * one of them (another organisation's included). Everything scored comes from the frozen
 * assessment; the plan is as it stands at `now` (its overdue actions are counted on that date).
 * Each function it calls scopes its own `where` by the caller's organisation.
 */
export async function getBoardReport(ctx: OrgContext, assessmentId: string, now: Date = new Date()): Promise<BoardReport | null> {
  assertCan(ctx, "scores:read");
  const assessment = await getAssessment(ctx, assessmentId);
  if (!assessment) return null;
  const document = frozenDocument(assessment);
  const generatedOn = now.toISOString().slice(0, 10);
  const [history, plan, saved] = await Promise.all([listAssessments(ctx), listRemediationActions(ctx, generatedOn), listScenarios(ctx)]);
  // The one frozen just before this one (history is newest first).
  const index = history.findIndex((h) => h.id === assessment.id);
  const previous = index >= 0 ? history[index + 1] : undefined;
  const comparison = previous ? await compareAssessments(ctx, previous.id, assessment.id, { after: assessment }) : null;
  const actions: ReportPlanAction[] = plan.map((p) => ({
    id: p.id,
    version: p.version,
    title: p.title,
    description: p.description,
    origin: p.origin,
    owner: p.owner,
    dueDate: p.dueDate ? p.dueDate.toISOString().slice(0, 10) : null,
    dueText: dueText(p, generatedOn, formatDayLong),
    overdueDays: p.overdueDays,
    status: p.status,
    priority: p.priority,
    expectedGain: p.expectedGain,
    achievedGain: p.achievedGain,
  }));
  const scenarios = simulateForReport(document, assessment.landscape.catalogueEvents, assessment.asOf, saved);
  return assembleBoardReport({ assessment, document, history, comparison, plan: actions, scenarios, generatedAt: now.toISOString() });
}

/** The frozen inventory, parsed: it was parsed when it was frozen, so failing now means the engine's format changed. */
function frozenDocument(assessment: Assessment) {
  const parsed = parseInventoryDocument(assessment.inputs);
  if (!parsed.ok) throw new Error(`Assessment ${assessment.id} no longer parses (${parsed.issues.length} issues); its methodology ${assessment.methodologyVersion} needs a migration.`);
  return parsed.value;
}

// A large report prints Appendix B in slices, each a request to the print route (decision 024).
// Every slice needs the same sorted inventory of a frozen assessment, which never changes: it is
// built once per process and kept for the next slices (a few, bounded), instead of loading and
// parsing the whole assessment again for each.
const REPORT_INVENTORIES_MAX = 4;
const reportInventories = new Map<string, ReportInventory>();

/**
 * Appendix B of the board report of one of the caller's organisation's assessments, or null when
 * the id is not one of them (another organisation's included). A remembered inventory is answered
 * only after the assessment is found again under the caller's organisation.
 */
export async function getReportInventory(ctx: OrgContext, assessmentId: string): Promise<ReportInventory | null> {
  assertCan(ctx, "scores:read");
  const key = `${ctx.organisationId}:${assessmentId}`;
  const kept = reportInventories.get(key);
  if (kept) {
    const still = await db().assessment.findFirst({ where: { id: assessmentId, organisationId: ctx.organisationId }, select: { id: true } });
    if (still) return kept;
    reportInventories.delete(key);
    return null;
  }
  const assessment = await getAssessment(ctx, assessmentId);
  if (!assessment) return null;
  const inventory = assembleReportInventory(assessment, frozenDocument(assessment));
  if (reportInventories.size >= REPORT_INVENTORIES_MAX) reportInventories.delete(reportInventories.keys().next().value!);
  reportInventories.set(key, inventory);
  return inventory;
}
