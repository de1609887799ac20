import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type { JobWithMetadata } from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { jobQueue } from "@/lib/jobs/boss";
import { currentRequestId, log, withRequestId } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { createPrintToken } from "@/lib/reports/print-token";
import { reportParts } from "@/lib/reports/report-footer";
import { chromiumProblem, closeBrowser, qpdfProblem, renderReportPdf } from "@/lib/reports/renderer";

// The board report job: a ReportRun row says what to render and records how it goes; the
// pg-boss queue carries the work to whichever app process polls first (decision 024).
// Progress: queued 0 -> opening 15 -> rendering 35 -> printing 60 -> saving 90 -> done 100; a
// report printed in parts goes from 15 to 90 part by part ("printing part 2 of 5").

export const REPORT_QUEUE = "board-report";

/**
 * Attempts after the first, seconds between them, and how long one attempt may run before the
 * queue gives it up (SOVRA_REPORT_ATTEMPT_TIMEOUT_SECONDS, 5 minutes by default): an attempt whose
 * process was killed is retried elsewhere once that time has passed.
 */
export const REPORT_RETRY = { retryLimit: 2, retryDelay: 3, expireInSeconds: env().SOVRA_REPORT_ATTEMPT_TIMEOUT_SECONDS } as const;

const PROGRESS = { saving: 90, done: 100 } as const;

/**
 * When a report is printed in parts, and how big they are (decision 024): Chromium's memory grows
 * with every page of one document, so a report whose inventory appendix is long prints its main
 * sections (~22 A4 pages), then Appendix B in slices of `systemsPerPart` AI systems (~12 table
 * rows a page: 80 systems of three models are ~20 pages), and joins them. Up to
 * `singleDocumentMaxSystems` AI systems (~40 A4 pages) the whole report prints as one document,
 * which saves the parts' fixed costs (a page each, the numbering document, the join); decision 024
 * has the figures. SOVRA_REPORT_SYSTEMS_PER_PART and SOVRA_REPORT_SINGLE_DOCUMENT_MAX_SYSTEMS set them (80 and 45 by
 * default); the browser journeys and the integration tests lower both.
 */
export const REPORT_PARTS = { systemsPerPart: env().SOVRA_REPORT_SYSTEMS_PER_PART, singleDocumentMaxSystems: env().SOVRA_REPORT_SINGLE_DOCUMENT_MAX_SYSTEMS };

export interface ReportJobData {
  runId: string;
  organisationId: string;
  /** The request that queued the run, so that the job's log lines carry its id (docs/decisions/050); none for a run adopted at start. */
  requestId?: string;
}

type ReportKind = "board" | "workshop_summary";

/** Counts a report run that failed for good (sovra_report_failures_total), e.g. at once for want of Chromium. */
export function countFailedReport(kind: ReportKind): void {
  metrics().reportFailures.inc({ kind, outcome: "failed" });
}

export interface ReportWorkerOptions {
  /** Where this server answers, e.g. http://127.0.0.1:3000: Chromium opens the print route there. */
  baseUrl: string;
  /** AUTH_SECRET: signs the print token. */
  secret: string;
}

/** This process's report worker, once started (startReportWorker). */
const globalForWorker = globalThis as unknown as { sovraReportWorker?: { workId: string; sweep: NodeJS.Timeout } };

/**
 * Puts a run on the queue and records its job; a queue that refuses fails the run with the reason.
 * The job carries the current request's id (none outside a request).
 */
export async function enqueueReportRun(run: { id: string; organisationId: string; kind?: ReportKind }): Promise<void> {
  try {
    const boss = await jobQueue();
    await ensureQueue();
    const data: ReportJobData = { runId: run.id, organisationId: run.organisationId, requestId: currentRequestId() };
    const jobId = await boss.send(REPORT_QUEUE, data, { ...REPORT_RETRY });
    if (!jobId) throw new Error("the queue did not accept the job");
    await db().reportRun.updateMany({ where: { id: run.id, organisationId: run.organisationId }, data: { jobId } });
    // This process's own worker fetches it now instead of at its next poll (up to a second later);
    // a busy worker ignores the call, and another process's worker still finds the job by polling.
    const worker = globalForWorker.sovraReportWorker;
    if (worker) boss.notifyWorker(worker.workId);
  } catch (e) {
    log.error("report run could not be queued", { runId: run.id, error: (e as Error).message });
    if (await failRun(run, `The report could not be queued: ${(e as Error).message}`)) countFailedReport(run.kind ?? "board");
    throw e;
  }
}

let queueReady: Promise<void> | undefined;
async function ensureQueue(): Promise<void> {
  queueReady ??= jobQueue()
    .then((boss) => ensureReportQueue(boss))
    .catch((e: unknown) => {
      queueReady = undefined;
      throw e;
    });
  return queueReady;
}

/** How often, and after how long a wait, creating the queue is tried when it collides with another process's creating it. */
export const QUEUE_CREATE_RETRY = { attempts: 5, baseDelayMs: 50 } as const;

/**
 * SQLSTATEs of a queue creation that lost a race with another process's: a deadlock (40P01), a
 * serialization failure (40001), a duplicate key (23505). Tried again, it finds the queue made.
 */
const CONCURRENT_CREATE_CODES = new Set(["40P01", "40001", "23505"]);

/**
 * Whether `e` is PostgreSQL's answer to creating the queue while another process creates it too.
 * @example isConcurrentQueueCreateError({ code: "40P01", message: "deadlock detected" }) // true
 */
export function isConcurrentQueueCreateError(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" && CONCURRENT_CREATE_CODES.has(code);
}

/**
 * Creates the report queue on `boss`, or brings an existing one's options to this version's
 * (createQueue keeps them). Web processes starting together all create it: pg-boss's create_queue
 * inserts the queue's row, then adds a foreign key to that same table, so two at once can deadlock,
 * and PostgreSQL aborts one of them (seen, issue 18: that process's report worker then never
 * started). A collision is tried again after a short jittered wait that doubles each time, with a
 * warn line each; any other error, or the last attempt's, is thrown.
 */
export async function ensureReportQueue(boss: PgBoss, retry: { attempts: number; baseDelayMs: number } = QUEUE_CREATE_RETRY): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(REPORT_QUEUE, { name: REPORT_QUEUE, ...REPORT_RETRY });
      await boss.updateQueue(REPORT_QUEUE, { name: REPORT_QUEUE, ...REPORT_RETRY });
      return;
    } catch (e) {
      if (attempt >= retry.attempts || !isConcurrentQueueCreateError(e)) throw e;
      const delayMs = Math.round(retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      log.warn("creating the report queue collided with another process; trying again", {
        queue: REPORT_QUEUE,
        code: (e as { code?: string }).code,
        error: (e as Error).message,
        attempt,
        attempts: retry.attempts,
        delayMs,
      });
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

/** Fails a run that is still open; whether it was (a run finished meanwhile is left as it is). */
async function failRun(run: { id: string; organisationId: string }, error: string): Promise<boolean> {
  const { count } = await db().reportRun.updateMany({
    where: { id: run.id, organisationId: run.organisationId, status: { in: ["queued", "running"] } },
    data: { status: "failed", stage: "failed", error, finishedAt: new Date() },
  });
  return count > 0;
}

/**
 * One attempt at a run, inside the id of the request that queued it (its log lines carry it).
 * Throws when the attempt failed and pg-boss should retry it; a run that can never succeed (no
 * Chromium, its requester gone) is failed at once and the job completes.
 */
export function processReportJob(job: JobWithMetadata<ReportJobData>, options: ReportWorkerOptions): Promise<void> {
  return withRequestId(job.data.requestId, () => attemptReportRun(job, options));
}

async function attemptReportRun(job: JobWithMetadata<ReportJobData>, options: ReportWorkerOptions): Promise<void> {
  const { runId, organisationId } = job.data;
  const key = { id: runId, organisationId };
  const run = await db().reportRun.findFirst({
    where: key,
    select: {
      status: true,
      paper: true,
      assessmentId: true,
      requestedById: true,
      startedAt: true,
      kind: true,
      workshopId: true,
    },
  });
  // Deleted with its organisation or assessment, or finished (a duplicate delivery): nothing to do.
  if (!run || run.status === "succeeded" || run.status === "failed") return;

  const attempt = job.retryCount + 1;
  const kind = run.kind;
  const fields = { runId, jobId: job.id, kind, attempt };
  log.info("report run started", fields);
  const update = (data: Prisma.ReportRunUpdateManyMutationInput) =>
    db().reportRun.updateMany({ where: { ...key, status: { in: ["queued", "running"] } }, data });
  await update({ status: "running", attempts: attempt, startedAt: run.startedAt ?? new Date(), stage: "opening", progress: 5, error: null });
  // A run that can never succeed: failed now, and the job completes (no retry).
  const giveUp = async (error: string) => {
    log.error("report run failed", { ...fields, error });
    if (await failRun(key, error)) countFailedReport(kind);
  };

  const problem = chromiumProblem();
  if (problem) return giveUp(problem);
  if (!run.requestedById) return giveUp("The member who asked for this report no longer exists: generate it again.");

  // The frozen inventory's number of AI systems decides the parts: kept beside a compressed
  // inventory, counted by PostgreSQL in an older jsonb one, rather than loading and parsing the whole
  // inventory, which the print route loads anyway.
  const [{ systems } = { systems: 0 }] = await db().$queryRaw<{ systems: number }[]>`
    SELECT coalesce("aiSystemCount", jsonb_array_length("inputs" -> 'aiSystems'), 0)::int AS "systems"
    FROM "Assessment" WHERE "id" = ${run.assessmentId}::uuid AND "organisationId" = ${organisationId}::uuid`;
  // A workshop summary is a few pages whatever the inventory's size: always one document.
  const summary = run.kind === "workshop_summary" && run.workshopId !== null;
  const parts = summary ? null : reportParts(systems, REPORT_PARTS.systemsPerPart, REPORT_PARTS.singleDocumentMaxSystems);
  const tools = parts ? qpdfProblem() : null;
  if (tools) return giveUp(tools);

  const token = createPrintToken({ organisationId, userId: run.requestedById, assessmentId: run.assessmentId, paper: run.paper, ...(summary && { workshopId: run.workshopId! }) }, options.secret);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const { pdf, pageCount } = await renderReportPdf({
      url: `${options.baseUrl.replace(/\/$/, "")}/print/${summary ? "workshop" : "report"}/${token}`,
      paper: run.paper,
      parts,
      onProgress: async (stage, progress) => void (await update({ stage, progress })),
    });
    await update({ stage: "saving", progress: PROGRESS.saving });
    await update({ status: "succeeded", stage: "done", progress: PROGRESS.done, pdf: new Uint8Array(pdf), pdfBytes: pdf.byteLength, pageCount, error: null, finishedAt: new Date() });
    metrics().reportDuration.observe({ kind, outcome: "succeeded" }, seconds());
    log.info("report run succeeded", { ...fields, pages: pageCount, bytes: pdf.byteLength, durationMs: Math.round(seconds() * 1000) });
  } catch (e) {
    metrics().reportDuration.observe({ kind, outcome: "failed" }, seconds());
    // Browser errors quote the URL: the print token stays out of what members, the API and the logs see.
    const message = String((e as Error).message).split("\n")[0]!.replaceAll(token, "<print token>").slice(0, 500);
    const final = job.retryCount >= job.retryLimit;
    log[final ? "error" : "warn"](final ? "report run failed" : "report attempt failed, to be retried", { ...fields, error: message, durationMs: Math.round(seconds() * 1000) });
    if (final) {
      if (await failRun(key, `Attempt ${attempt} of ${job.retryLimit + 1} failed: ${message}`)) countFailedReport(kind);
    } else {
      metrics().reportFailures.inc({ kind, outcome: "retried" });
      await update({ status: "queued", stage: `retrying after attempt ${attempt} failed`, progress: 0, error: message });
    }
    throw e;
  }
}

/**
 * Runs whose job is gone or finished while the run still says queued or running (the worker's
 * process died after its last attempt, the job was deleted): marked failed, so that no run stays
 * "running" forever. Runs young enough to be still on their way to the queue are left alone.
 */
export async function sweepStrandedRuns(now = new Date(), graceMs = 60_000): Promise<number> {
  const open = await db().reportRun.findMany({
    where: { status: { in: ["queued", "running"] }, createdAt: { lt: new Date(now.getTime() - graceMs) } },
    select: { id: true, organisationId: true, jobId: true, kind: true },
    take: 500,
  });
  if (open.length === 0) return 0;
  const boss = await jobQueue();
  let failed = 0;
  for (const run of open) {
    const job = run.jobId ? await boss.getJobById(REPORT_QUEUE, run.jobId) : null;
    if (job && (job.state === "created" || job.state === "retry" || job.state === "active")) continue;
    const error = job ? `The report job ended (${job.state}) without finishing the report: generate it again.` : "The report job was lost (the server stopped before it could run): generate it again.";
    if (!(await failRun(run, error))) continue;
    log.warn("stranded report run failed", { runId: run.id, jobId: run.jobId, error });
    countFailedReport(run.kind);
    failed++;
  }
  return failed;
}

/**
 * Runs that are queued but were never put on the queue (the demo seed queues its board report
 * before any worker exists): each is claimed by one process (a conditional update of its job id)
 * and queued. Returns how many this process queued.
 */
export async function adoptUnqueuedRuns(): Promise<number> {
  const open = await db().reportRun.findMany({ where: { status: "queued", jobId: null }, select: { id: true, organisationId: true, kind: true }, orderBy: { createdAt: "asc" }, take: 100 });
  let queued = 0;
  for (const run of open) {
    // A placeholder id claims the run; enqueueReportRun replaces it with the real job's id.
    const claimed = await db().reportRun.updateMany({ where: { id: run.id, organisationId: run.organisationId, status: "queued", jobId: null }, data: { jobId: randomUUID() } });
    if (claimed.count === 0) continue;
    await enqueueReportRun(run).then(
      () => queued++,
      (e: unknown) => log.error("queueing an unqueued report run failed", { runId: run.id, error: e }),
    );
  }
  return queued;
}

/** Starts this process's worker for the queue (once), and the sweep of stranded runs. */
export async function startReportWorker(options: ReportWorkerOptions, pollingIntervalSeconds = 1): Promise<void> {
  if (globalForWorker.sovraReportWorker) return;
  const boss = await jobQueue();
  await ensureQueue();
  const workId = await boss.work<ReportJobData>(REPORT_QUEUE, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async (jobs) => {
    for (const job of jobs) await processReportJob(job, options);
  });
  await adoptUnqueuedRuns();
  const sweep = setInterval(() => void sweepStrandedRuns().catch((e: unknown) => log.error("sweeping report runs failed", { error: e })), 30_000);
  sweep.unref();
  globalForWorker.sovraReportWorker = { workId, sweep };
}

/**
 * On SIGTERM/SIGINT (a deploy, `npm start` stopping): hand this process's job back at once, as a
 * failed attempt that another process retries, instead of leaving it to expire after 5 minutes.
 */
export function releaseJobsOnExit(): void {
  const release = (signal: NodeJS.Signals) => {
    void Promise.allSettled([jobQueue().then((boss) => boss.stop({ graceful: false, close: false, wait: false })), closeBrowser()]).then(() => {
      // A listener replaces Node's default exit on the signal: exit unless the server has its own.
      if (process.listenerCount(signal) === 0) process.exit(0);
    });
  };
  process.once("SIGTERM", release);
  process.once("SIGINT", release);
}

/** Stops this process's worker (tests; a process that stops). */
export async function stopReportWorker(): Promise<void> {
  const worker = globalForWorker.sovraReportWorker;
  if (!worker) return;
  globalForWorker.sovraReportWorker = undefined;
  clearInterval(worker.sweep);
  const boss = await jobQueue();
  await boss.offWork({ id: worker.workId });
}
