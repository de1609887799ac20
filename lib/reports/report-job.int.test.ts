// The board report job end to end below the web server: a run is started, queued on pg-boss in
// this run's database, picked up by the worker, rendered by the real Chromium from a stand-in print
// route, and its PDF stored; a browser killed mid-render is retried; Chromium missing fails the run
// with what to install; a run whose job is gone never stays open.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, twoOrganisations } from "@/lib/testing/db";
import type { OrgContext } from "@/lib/auth/org-context";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { getAssessment } from "@/lib/assessments/queries";
import { COMPRESSED_FORMAT, storeInputs, storeResults } from "@/lib/assessments/frozen-storage";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import { startReportRun, startWorkshopSummaryRun } from "@/lib/reports/run-mutations";
import { getReportRun, getReportRunPdf, listReportRuns, listWorkshopSummaryRuns } from "@/lib/reports/run-queries";
import { endWorkshop, startWorkshop } from "@/lib/workshops/mutations";
import { adoptUnqueuedRuns, REPORT_PARTS, REPORT_QUEUE, startReportWorker, stopReportWorker, sweepStrandedRuns } from "@/lib/reports/report-job";
import { closeBrowser, renderHooks } from "@/lib/reports/renderer";
import { jobQueue, stopJobQueue } from "@/lib/jobs/boss";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pdfToolOnBytes, withTempDir } from "@/lib/testing/pdf-tools";
import { killChromiumChildren, startPrintStub, type PrintStub } from "@/lib/testing/report-print-stub";

const SECRET = "report-job-test-secret-report-job-test-secret";

let stub: PrintStub;
let owner: OrgContext;
let organisationName: string;
let assessmentId: string;

/** Polls the run until it is no longer queued or running, and records every status seen. */
async function settle(ctx: OrgContext, runId: string, timeoutMs = 60_000) {
  const seen = new Set<string>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getReportRun(ctx, runId);
    if (!run) throw new Error("run vanished");
    seen.add(`${run.status}:${run.stage}`);
    if (run.status === "succeeded" || run.status === "failed") return { run, seen };
    if (Date.now() > deadline) throw new Error(`run still ${run.status} (${run.stage}) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const pdfText = (pdf: Uint8Array) => pdfToolOnBytes("pdftotext", pdf, ["-layout"]);

/** A copy of the frozen assessment whose inventory lists six AI systems, stored compressed or, as before decision 053's compressed storage, as jsonb. */
async function copyWithSixSystems(storage: "compressed" | "jsonb") {
  const row = await db().assessment.findUniqueOrThrow({ where: { id: assessmentId }, select: { organisationId: true, asOf: true, methodologyVersion: true, inputsHash: true, landscape: true, score: true, rating: true, createdById: true } });
  const frozen = (await getAssessment(owner, assessmentId))!;
  const inputs = { ...frozen.inputs, aiSystems: Array.from({ length: 6 }, (_, i) => ({ key: `s${i}` })) } as InventoryDocumentInput;
  const base = { ...row, landscape: row.landscape as never };
  if (storage === "jsonb") return db().assessment.create({ data: { ...base, inputs: JSON.parse(JSON.stringify(inputs)), results: JSON.parse(JSON.stringify(frozen.results)) } });
  const results = await storeResults(frozen.results);
  return db().assessment.create({
    data: { ...base, frozenFormat: COMPRESSED_FORMAT, inputsCompressed: (await storeInputs(inputs)).compressed, aiSystemCount: 6, results: results.summary as never, resultsCompressed: results.compressed },
  });
}

describe("the board report job", () => {
  beforeAll(async () => {
    const { a, ctx } = await twoOrganisations();
    owner = ctx(a, "owner");
    organisationName = a.organisation.name;
    assessmentId = (await freezeAssessment(owner, { note: "for the board" })).id;
    stub = await startPrintStub(SECRET, 12, { organisation: organisationName, rowsPerSystem: 60 });
    await startReportWorker({ baseUrl: stub.baseUrl, secret: SECRET }, 0.5);
  });

  afterEach(() => {
    delete renderHooks.beforePrint;
    delete process.env.CHROMIUM_PATH;
  });

  afterAll(async () => {
    await stopReportWorker();
    await stopJobQueue();
    await closeBrowser();
    await stub?.close();
  });

  it("renders the PDF through the queue, stores it with its page count, and foots every page", async () => {
    const started = await startReportRun(owner, { assessmentId, paper: "a4" });
    expect(started).toMatchObject({ status: "queued", progress: 0, attempts: 0 });
    const { run, seen } = await settle(owner, started.id);
    expect(run).toMatchObject({ status: "succeeded", stage: "done", progress: 100, attempts: 1, error: null });
    expect(run.pageCount).toBeGreaterThan(1);
    expect([...seen].some((s) => s.startsWith("running:"))).toBe(true);

    const file = await getReportRunPdf(owner, run.id);
    expect(file?.filename).toMatch(new RegExp(`^sovra-board-report-${owner.organisationSlug}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    expect(file!.pdf.byteLength).toBe(run.pdfBytes);
    const text = await pdfText(file!.pdf);
    // pdftotext separates pages with form feeds: as many pages as counted, each with its footer.
    const pages = text.split("\f").filter((p) => p.trim() !== "");
    expect(pages).toHaveLength(run.pageCount!);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${run.pageCount}`);
      expect(page).toContain(organisationName);
      expect(page).toContain(assessmentId);
    });
    expect(text).toMatch(/Methodology \S+/);
    // Tagged for screen readers, with an outline of its headings for a reader's sidebar.
    expect(await pdfToolOnBytes("pdfinfo", file!.pdf)).toMatch(/^Tagged:\s+yes$/m);
    const outline = await withTempDir(async (dir) => {
      const out = path.join(dir, "report.pdf");
      await writeFile(out, file!.pdf);
      return JSON.parse(execFileSync("qpdf", ["--json", "--json-key=outlines", out], { encoding: "utf8" })) as { outlines: { title: string; kids: { title: string }[] }[] };
    });
    const titles = outline.outlines.flatMap((o) => [o.title, ...o.kids.map((k) => k.title)]);
    expect(titles).toContain(`Board report ${assessmentId}`);
    expect(titles).toContain("Section 1");
  }, 90_000);

  it("renders a workshop's summary through the same queue, from its own print route, in one document", async () => {
    const w = await startWorkshop(owner, { title: "Summary workshop", attendees: ["CTO"] });
    const { workshop } = await endWorkshop(owner, w.id, w.version);
    expect(workshop.assessmentId).not.toBeNull();
    const before = stub.urls.length;
    const started = await startWorkshopSummaryRun(owner, { workshopId: w.id });
    const { run } = await settle(owner, started.id);
    expect(run, run.error ?? "").toMatchObject({ status: "succeeded", attempts: 1, assessmentId: workshop.assessmentId });
    const asked = stub.urls.slice(before).filter((u) => u.startsWith("/print/"));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^\/print\/workshop\/[^/?]+$/);
    const file = await getReportRunPdf(owner, run.id);
    expect(file?.filename).toMatch(new RegExp(`^sovra-workshop-summary-${owner.organisationSlug}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    // The stub's heading (the UUID may wrap at a hyphen in the PDF's layout).
    expect((await pdfText(file!.pdf)).replace(/\s+/g, "")).toContain(`Workshopsummary${w.id}`);
    // Listed with its workshop, not in the board reports' history.
    expect((await listWorkshopSummaryRuns(owner, w.id)).map((r) => r.id)).toEqual([run.id]);
    expect((await listReportRuns(owner)).map((r) => r.id)).not.toContain(run.id);
  }, 90_000);

  it("prints a large report in parts, each once, joins them, and numbers the pages continuously", async () => {
    // Six AI systems in the frozen inventory, two a part: the main sections and three slices of
    // Appendix B (the stub prints 60 table rows for each system), four documents joined.
    // Assessments are immutable: a copy of the frozen one whose inputs list six systems (the job
    // only counts them, here from the count kept beside the compressed inventory; the stub prints the rows).
    const large = await copyWithSixSystems("compressed");
    const saved = { ...REPORT_PARTS };
    Object.assign(REPORT_PARTS, { systemsPerPart: 2, singleDocumentMaxSystems: 3 });
    let prints = 0;
    renderHooks.beforePrint = () => void prints++;
    const before = stub.urls.length;
    try {
      const started = await startReportRun(owner, { assessmentId: large.id, paper: "a4" });
      const { run } = await settle(owner, started.id);
      expect(run, run.error ?? "").toMatchObject({ status: "succeeded", stage: "done", progress: 100, attempts: 1 });
      // Chromium also asks the stub for /favicon.ico: only the print route counts.
      const asked = stub.urls.slice(before).filter((u) => u.startsWith("/print/report/")).map((u) => Object.fromEntries(new URL(u, "http://x").searchParams));
      // Each part once, in order: nothing is printed twice (the numbers are laid over the joined parts).
      expect(asked.map((q) => `${q.part}:${q.from ?? ""}-${q.to ?? ""}`)).toEqual(["main:-", "inventory:0-2", "inventory:2-4", "inventory:4-6"]);
      expect(prints).toBe(asked.length);
      const text = await pdfText((await getReportRunPdf(owner, run.id))!.pdf);
      const pages = text.split("\f").filter((p) => p.trim() !== "");
      expect(run.pageCount).toBeGreaterThanOrEqual(8);
      expect(pages).toHaveLength(run.pageCount!);
      pages.forEach((page, i) => {
        // The laid-over number sits on the footer's line, beside the part's own left half.
        const footer = page.split("\n").find((line) => line.includes(organisationName));
        expect(footer).toContain(`Page ${i + 1} of ${run.pageCount}`);
      });
      expect(pages.at(-1)).toContain(`Page ${run.pageCount} of ${run.pageCount}`);
      // The parts in order, each once: the prose, then the inventory's rows 0-359.
      expect(text.indexOf("Section 12")).toBeLessThan(text.indexOf("Bench system 0 "));
      for (const n of [0, 119, 120, 239, 240, 359]) expect(text.match(new RegExp(`Bench system ${n} `, "g"))).toHaveLength(1);
      expect(text).not.toContain("Bench system 360 ");
    } finally {
      Object.assign(REPORT_PARTS, saved);
    }
  }, 120_000);

  it("prints US Letter when asked", async () => {
    const started = await startReportRun(owner, { assessmentId, paper: "letter" });
    const { run } = await settle(owner, started.id);
    expect(run.status).toBe("succeeded");
    expect(await pdfToolOnBytes("pdfinfo", (await getReportRunPdf(owner, run.id))!.pdf)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  }, 90_000);

  it("retries an attempt whose Chromium is killed mid-render, and records the attempts", async () => {
    let kills = 0;
    renderHooks.beforePrint = () => {
      if (kills === 0) kills += killChromiumChildren();
    };
    const started = await startReportRun(owner, { assessmentId, paper: "a4" });
    const { run, seen } = await settle(owner, started.id);
    expect(kills).toBeGreaterThan(0);
    expect(run).toMatchObject({ status: "succeeded", attempts: 2, error: null });
    expect([...seen].some((s) => s.startsWith("queued:retrying after attempt 1 failed"))).toBe(true);
  }, 90_000);

  it("reports a run whose every attempt fails as failed, with the last error, never left running", async () => {
    renderHooks.beforePrint = () => void killChromiumChildren();
    const started = await startReportRun(owner, { assessmentId, paper: "a4" });
    const { run } = await settle(owner, started.id, 80_000);
    expect(run).toMatchObject({ status: "failed", stage: "failed", attempts: 3 });
    expect(run.error).toMatch(/^Attempt 3 of 3 failed: /);
    expect(run.finishedAt).not.toBeNull();
    expect(await getReportRunPdf(owner, run.id)).toBeNull();
  }, 100_000);

  it("fails a report too large for one document, without retrying, and says how to install qpdf when it is missing", async () => {
    // Stored as before compressed storage: the job counts the systems in the jsonb inventory.
    const large = await copyWithSixSystems("jsonb");
    const saved = { ...REPORT_PARTS };
    const path = process.env.PATH;
    Object.assign(REPORT_PARTS, { systemsPerPart: 2, singleDocumentMaxSystems: 3 });
    process.env.PATH = "/nonexistent/bin";
    try {
      const started = await startReportRun(owner, { assessmentId: large.id, paper: "a4" });
      const { run } = await settle(owner, started.id);
      expect(run).toMatchObject({ status: "failed", attempts: 1 });
      expect(run.error).toContain('"apt-get install -y qpdf"');
    } finally {
      process.env.PATH = path;
      Object.assign(REPORT_PARTS, saved);
    }
  }, 60_000);

  it("fails at once, saying how to install Chromium, when it is missing before queueing", async () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const run = await startReportRun(owner, { assessmentId, paper: "a4" });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("apt-get install -y chromium");
    expect(run.error).toContain("CHROMIUM_PATH");
    expect((await db().reportRun.findUniqueOrThrow({ where: { id: run.id } })).jobId).toBeNull();
  });

  it("fails the run in the job, without retrying, when Chromium goes missing after queueing", async () => {
    await stopReportWorker();
    const started = await startReportRun(owner, { assessmentId, paper: "a4" });
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    await startReportWorker({ baseUrl: stub.baseUrl, secret: SECRET }, 0.5);
    const { run } = await settle(owner, started.id);
    expect(run).toMatchObject({ status: "failed", attempts: 1 });
    expect(run.error).toContain("apt-get install -y chromium");
  }, 60_000);

  it("keeps the print token out of the error it records when the print route cannot be reached", async () => {
    await stopReportWorker();
    // Nothing listens on port 9 of the loopback: Chromium's error quotes the URL, token included.
    await startReportWorker({ baseUrl: "http://127.0.0.1:9", secret: SECRET }, 0.5);
    try {
      const started = await startReportRun(owner, { assessmentId, paper: "a4" });
      const { run } = await settle(owner, started.id, 80_000);
      expect(run.status).toBe("failed");
      expect(run.error).toContain("http://127.0.0.1:9/print/report/<print token>");
      expect(run.error).not.toMatch(/report\/[A-Za-z0-9_-]{20,}\./);
    } finally {
      await stopReportWorker();
      await startReportWorker({ baseUrl: stub.baseUrl, secret: SECRET }, 0.5);
    }
  }, 100_000);

  it("queues, once, a run queued before any worker existed (the demo seed's board report), and renders it", async () => {
    // The seed writes the run with no job: the worker adopts it when it starts.
    const seeded = await db().reportRun.create({ data: { organisationId: owner.organisationId, assessmentId, requestedById: owner.userId, paper: "a4" } });
    const [first, second] = await Promise.all([adoptUnqueuedRuns(), adoptUnqueuedRuns()]);
    expect(first + second).toBe(1); // two processes starting at once: one claims it
    expect(await adoptUnqueuedRuns()).toBe(0);
    const jobId = (await db().reportRun.findUniqueOrThrow({ where: { id: seeded.id } })).jobId;
    expect(jobId).not.toBeNull();
    expect(await (await jobQueue()).getJobById(REPORT_QUEUE, jobId!)).not.toBeNull();
    const { run } = await settle(owner, seeded.id);
    expect(run).toMatchObject({ status: "succeeded", attempts: 1 });
  }, 60_000);

  it("marks runs whose job is gone or finished as failed, and leaves live ones alone", async () => {
    const boss = await jobQueue();
    const base = { organisationId: owner.organisationId, assessmentId, requestedById: owner.userId, paper: "a4" as const };
    const old = new Date(Date.now() - 5 * 60_000);
    const lost = await db().reportRun.create({ data: { ...base, status: "running", createdAt: old, jobId: "00000000-0000-4000-8000-000000000000" } });
    const neverQueued = await db().reportRun.create({ data: { ...base, status: "queued", createdAt: old } });
    const liveJob = await boss.send(REPORT_QUEUE, { runId: "00000000-0000-4000-8000-000000000001", organisationId: owner.organisationId }, { startAfter: 3600 });
    const live = await db().reportRun.create({ data: { ...base, status: "queued", createdAt: old, jobId: liveJob } });
    const young = await db().reportRun.create({ data: { ...base, status: "queued" } });

    expect(await sweepStrandedRuns()).toBeGreaterThanOrEqual(2);
    const status = async (id: string) => (await db().reportRun.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(lost.id)).toBe("failed");
    expect(await status(neverQueued.id)).toBe("failed");
    expect(await status(live.id)).toBe("queued");
    expect(await status(young.id)).toBe("queued");
    expect((await db().reportRun.findUniqueOrThrow({ where: { id: lost.id } })).error).toMatch(/generate it again/);
    await db().reportRun.deleteMany({ where: { id: { in: [live.id, young.id] } } });
  });
});
