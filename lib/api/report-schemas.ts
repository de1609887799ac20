import { z } from "zod";
import { orgParamsSchema, requestComponents, responseComponents } from "@/lib/api/schemas";
import { PAPERS } from "@/lib/reports/print-token";

// The public API's board report schemas: start a run, read its status and progress, list the
// history. The PDF itself is served as application/pdf (GET …/reports/{id}/pdf).

const STATUSES = ["queued", "running", "succeeded", "failed"] as const;
const iso = z.string().meta({ description: "ISO 8601" });

export const reportParamsSchema = orgParamsSchema.extend({ id: z.uuid().meta({ description: "The report run's id" }) });

export const reportCreateSchema = z
  .strictObject({
    assessmentId: z.uuid("Expected an assessment's id").meta({ description: "The frozen assessment to report on (GET …/assessments lists them)" }),
    paper: z.enum(PAPERS, "Expected a4 or letter").default("a4").meta({ description: "Paper size: A4 or US Letter" }),
  })
  .register(requestComponents, { id: "ReportRunCreate" });

export const reportResourceSchema = z
  .object({
    id: z.uuid(),
    assessmentId: z.uuid(),
    assessmentDate: z.string().meta({ description: "The assessment's date, YYYY-MM-DD" }),
    paper: z.enum(PAPERS),
    status: z.enum(STATUSES).meta({ description: "queued → running → succeeded or failed; a failed attempt is retried (back to queued) up to 3 attempts in all" }),
    progress: z.number().int().min(0).max(100).meta({ description: "Percent done" }),
    stage: z.string().meta({ description: "What the worker is doing: queued, opening, rendering, printing, saving, done, failed, or retrying after an attempt failed" }),
    attempts: z.number().int().nonnegative(),
    error: z.string().nullable().meta({ description: "Why it failed (or why the last attempt failed while it is retried)" }),
    pageCount: z.number().int().positive().nullable(),
    sizeBytes: z.number().int().positive().nullable(),
    requestedBy: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string() }).nullable(),
    createdAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
    pdfUrl: z.string().nullable().meta({ description: "Where to download the PDF once it succeeded" }),
  })
  .register(responseComponents, { id: "ReportRun" });

export const reportListSchema = z
  .object({ items: z.array(reportResourceSchema).meta({ description: "Newest first, at most 50" }) })
  .register(responseComponents, { id: "ReportRunList" });

type Row = {
  id: string;
  assessmentId: string;
  paper: (typeof PAPERS)[number];
  status: (typeof STATUSES)[number];
  progress: number;
  stage: string;
  attempts: number;
  error: string | null;
  pdfBytes: number | null;
  pageCount: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  requestedBy: { id: string; name: string | null; email: string } | null;
  assessment: { asOf: Date };
};

/** A stored run as the API answers it. */
export function presentReportRun(r: Row, orgSlug: string): z.input<typeof reportResourceSchema> {
  return {
    id: r.id,
    assessmentId: r.assessmentId,
    assessmentDate: r.assessment.asOf.toISOString().slice(0, 10),
    paper: r.paper,
    status: r.status,
    progress: r.progress,
    stage: r.stage,
    attempts: r.attempts,
    error: r.error,
    pageCount: r.pageCount,
    sizeBytes: r.pdfBytes,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    pdfUrl: r.status === "succeeded" ? `/api/v1/orgs/${orgSlug}/reports/${r.id}/pdf` : null,
  };
}
