import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";

// The board report runs of the caller's organisation: history, one run's progress, its PDF.

const isUuid = (id: string) => z.uuid().safeParse(id).success;

export const reportRunSelect = {
  id: true,
  assessmentId: true,
  paper: true,
  status: true,
  progress: true,
  stage: true,
  attempts: true,
  error: true,
  pdfBytes: true,
  pageCount: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  requestedBy: { select: { id: true, name: true, email: true } },
  assessment: { select: { asOf: true, score: true, rating: true } },
} as const;

export type ReportRunRow = NonNullable<Awaited<ReturnType<typeof getReportRun>>>;

/** A workshop's summary runs, newest first, without the PDFs. */
export async function listWorkshopSummaryRuns(ctx: OrgContext, workshopId: string) {
  assertCan(ctx, "scores:read");
  if (!isUuid(workshopId)) return [];
  return db().reportRun.findMany({
    where: { organisationId: ctx.organisationId, kind: "workshop_summary", workshopId },
    select: reportRunSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
  });
}

/** How many runs the history shows; older PDFs stay downloadable through the API by id. */
export const HISTORY_LIMIT = 50;

/** The organisation's board report runs, newest first, without the PDFs (workshop summaries are listed with their workshop). */
export async function listReportRuns(ctx: OrgContext, limit = HISTORY_LIMIT) {
  assertCan(ctx, "scores:read");
  return db().reportRun.findMany({
    where: { organisationId: ctx.organisationId, kind: "board" },
    select: reportRunSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

/**
 * The organisation's newest board report with a PDF (the newest succeeded run), without the PDF,
 * or null when none has been generated yet: the Overview links to it.
 */
export async function getLatestReportRun(ctx: OrgContext) {
  assertCan(ctx, "scores:read");
  return db().reportRun.findFirst({
    where: { organisationId: ctx.organisationId, status: "succeeded", kind: "board" },
    select: reportRunSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** One run with its status and progress, or null (not this organisation's, or no such run). */
export async function getReportRun(ctx: OrgContext, id: string) {
  assertCan(ctx, "scores:read");
  if (!isUuid(id)) return null;
  return db().reportRun.findFirst({ where: { id, organisationId: ctx.organisationId }, select: reportRunSelect });
}

/**
 * A finished run's PDF with its download name, sovra-board-report-<org>-<assessment date>.pdf;
 * null when there is no such run here or it has no PDF (yet).
 */
export async function getReportRunPdf(ctx: OrgContext, id: string): Promise<{ pdf: Uint8Array; filename: string } | null> {
  assertCan(ctx, "scores:read");
  if (!isUuid(id)) return null;
  const run = await db().reportRun.findFirst({
    where: { id, organisationId: ctx.organisationId, status: "succeeded" },
    select: { pdf: true, kind: true, assessment: { select: { asOf: true } } },
  });
  if (!run?.pdf) return null;
  const what = run.kind === "workshop_summary" ? "workshop-summary" : "board-report";
  return { pdf: run.pdf, filename: `sovra-${what}-${ctx.organisationSlug}-${run.assessment.asOf.toISOString().slice(0, 10)}.pdf` };
}
