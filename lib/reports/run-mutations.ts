import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { chromiumProblem } from "@/lib/reports/renderer";
import { countFailedReport, enqueueReportRun } from "@/lib/reports/report-job";
import { reportRunSelect } from "@/lib/reports/run-queries";
import type { StartReportInput } from "@/lib/reports/run-schemas";
import type { Paper } from "@/lib/reports/print-token";

/** Runs one organisation may have waiting or rendering at once: a board report is not a loop. */
export const MAX_OPEN_RUNS = 5;

/**
 * Starts a board report for one of the organisation's assessments: the run is recorded, then put
 * on the queue ({@link recordAndQueue}).
 */
export async function startReportRun(ctx: OrgContext, input: StartReportInput) {
  assertCan(ctx, "reports:export");
  const assessment = await db().assessment.findFirst({ where: { id: input.assessmentId, organisationId: ctx.organisationId }, select: { id: true } });
  if (!assessment) throw notFoundError("Assessment");
  return recordAndQueue(ctx, { assessmentId: assessment.id, paper: input.paper }, "board reports");
}

/**
 * Starts the summary PDF of an ended workshop (decision 038), through the same job as a board
 * report: the facilitator's act, so `workshops:run`. It needs the assessment the workshop froze.
 */
export async function startWorkshopSummaryRun(ctx: OrgContext, input: { workshopId: string; paper?: "a4" | "letter" }) {
  assertCan(ctx, "workshops:run");
  const workshop = await db().workshop.findFirst({ where: { id: input.workshopId, organisationId: ctx.organisationId }, select: { id: true, title: true, status: true, assessmentId: true } });
  if (!workshop) throw notFoundError("Workshop");
  if (workshop.status !== "ended") throw new AppError("CONFLICT", `The workshop "${workshop.title}" is still running: its summary is made when it ends.`);
  if (!workshop.assessmentId) throw new AppError("CONFLICT", `The workshop "${workshop.title}" froze no assessment (the inventory could not be scored), so there is no summary to print.`);
  return recordAndQueue(ctx, { kind: "workshop_summary", workshopId: workshop.id, assessmentId: workshop.assessmentId, paper: input.paper ?? "a4" }, "reports");
}

/**
 * Records a run (board report or workshop summary) and puts it on the queue, at most
 * MAX_OPEN_RUNS open per organisation. Without Chromium on the server the run is recorded as
 * failed at once, with what to install, rather than queued to fail three times. The caller has
 * checked the role and that the assessment (and workshop) are the organisation's.
 */
async function recordAndQueue(ctx: OrgContext, data: { assessmentId: string; paper: Paper; kind?: "workshop_summary"; workshopId?: string }, what: string) {
  const open = await db().reportRun.count({ where: { organisationId: ctx.organisationId, status: { in: ["queued", "running"] } } });
  if (open >= MAX_OPEN_RUNS) throw new AppError("RATE_LIMITED", `${open} ${what} are already being generated for this organisation: wait for one to finish.`);

  const problem = chromiumProblem();
  const run = await db().$transaction(async (tx) => {
    const created = await tx.reportRun.create({
      data: { organisationId: ctx.organisationId, ...data, requestedById: ctx.userId, ...(problem && { status: "failed", stage: "failed", error: problem, finishedAt: new Date() }) },
      select: reportRunSelect,
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "report_run", entityId: created.id, after: { ...(data.kind && { kind: data.kind, workshopId: data.workshopId }), assessmentId: created.assessmentId, paper: created.paper, status: created.status } });
    return created;
  });
  if (problem) {
    countFailedReport(data.kind ?? "board");
    return run;
  }
  // The job carries this request's id (enqueueReportRun reads it), for the job's log lines.
  await enqueueReportRun({ id: run.id, organisationId: ctx.organisationId, kind: data.kind ?? "board" });
  return run;
}
