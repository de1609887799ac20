// The public API's board report routes, called as Next calls them, against the real database.
// Rendering itself is covered by lib/reports/report-job.int.test.ts; here no worker runs, so a
// started run stays queued, and a finished run is written directly.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { stopJobQueue } from "@/lib/jobs/boss";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const reports = await import("@/app/api/v1/orgs/[org]/reports/route");
const report = await import("@/app/api/v1/orgs/[org]/reports/[id]/route");
const pdfRoute = await import("@/app/api/v1/orgs/[org]/reports/[id]/pdf/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n% a stand-in\n%%EOF\n"));

async function downloadPdf(params: Record<string, string>, token?: string) {
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  return pdfRoute.GET(new Request(`http://localhost/api/v1/orgs/${params.org}/reports/${params.id}/pdf`, { headers }), { params: Promise.resolve(params) });
}

describe("the public API: board reports", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let a: string;
  let assessmentId: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    assessmentId = (await freezeAssessment(w.ctx(w.a, "owner"), { note: "Q4" })).id;
  });
  afterAll(() => stopJobQueue());

  it("starts a run (202, queued, Location), reads it and lists it", async () => {
    const started = await call(reports.POST, "POST", { org: a }, { token: tokens.analyst, body: { assessmentId, paper: "letter" } });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ assessmentId, paper: "letter", status: "queued", progress: 0, stage: "queued", attempts: 0, error: null, pdfUrl: null, requestedBy: { id: w.a.users.owner.id } });
    // (an API token acts for the owner who created it, with the role chosen for the token)
    expect(started.headers.get("location")).toBe(`/api/v1/orgs/${a}/reports/${started.json.id}`);
    expect((await db().reportRun.findUniqueOrThrow({ where: { id: started.json.id } })).jobId).not.toBeNull();

    const one = await call(report.GET, "GET", { org: a, id: started.json.id }, { token: tokens.viewer });
    expect(one).toMatchObject({ status: 200, json: { id: started.json.id, status: "queued" } });
    const list = await call(reports.GET, "GET", { org: a }, { token: tokens.viewer });
    expect(list.json.items.map((r: { id: string }) => r.id)).toEqual([started.json.id]);
  });

  it("answers 429 while 5 runs of the organisation wait or render, and starts nothing; other organisations are not held up", async () => {
    for (const status of ["queued", "queued", "running", "running", "queued"] as const) {
      await db().reportRun.create({ data: { organisationId: w.a.organisation.id, assessmentId, paper: "a4", status } });
    }
    const refused = await call(reports.POST, "POST", { org: a }, { token: tokens.owner, body: { assessmentId } });
    expect(refused).toMatchObject({ status: 429, json: { error: { code: "RATE_LIMITED", message: expect.stringContaining("5 board reports are already being generated") } } });
    expect(await db().reportRun.count({ where: { organisationId: w.a.organisation.id } })).toBe(5);
    const bToken = (await roleTokens(w.ctx(w.b, "owner"))).owner;
    const bAssessment = (await freezeAssessment(w.ctx(w.b, "owner"), {})).id;
    expect((await call(reports.POST, "POST", { org: w.b.organisation.slug }, { token: bToken, body: { assessmentId: bAssessment } })).status).toBe(202);
  });

  it("defaults to A4 and refuses bad input with 422, changing nothing", async () => {
    const bad = await call(reports.POST, "POST", { org: a }, { token: tokens.owner, body: { assessmentId: "nope", paper: "tabloid", extra: 1 } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["$", "assessmentId", "paper"]); // "$": the unknown field
    expect(await db().reportRun.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    const a4 = await call(reports.POST, "POST", { org: a }, { token: tokens.owner, body: { assessmentId } });
    expect(a4.json.paper).toBe("a4");
  });

  it("refuses roles without reports:export with 403, and another organisation's assessment with 404", async () => {
    for (const role of ["editor", "viewer"] as const) {
      expect((await call(reports.POST, "POST", { org: a }, { token: tokens[role], body: { assessmentId } })).status).toBe(403);
    }
    const otherAssessment = (await freezeAssessment(w.ctx(w.b, "owner"), {})).id;
    const foreign = await call(reports.POST, "POST", { org: a }, { token: tokens.owner, body: { assessmentId: otherAssessment } });
    expect(foreign).toMatchObject({ status: 404, json: { error: { code: "NOT_FOUND" } } });
    expect(await db().reportRun.count()).toBeGreaterThanOrEqual(0);
    expect(await db().reportRun.count({ where: { assessmentId: otherAssessment } })).toBe(0);
  });

  it("downloads a finished run's PDF with its file name; a queued run, a malformed id and another organisation's run are 404", async () => {
    const done = await db().reportRun.create({
      data: { organisationId: w.a.organisation.id, assessmentId, requestedById: w.a.users.owner.id, paper: "a4", status: "succeeded", stage: "done", progress: 100, attempts: 1, pdf: PDF, pdfBytes: PDF.byteLength, pageCount: 1 },
    });
    const asOf = (await db().assessment.findUniqueOrThrow({ where: { id: assessmentId } })).asOf.toISOString().slice(0, 10);
    const res = await downloadPdf({ org: a, id: done.id }, tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="sovra-board-report-${a}-${asOf}.pdf"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true);
    expect((await call(report.GET, "GET", { org: a, id: done.id }, { token: tokens.viewer })).json).toMatchObject({ pdfUrl: `/api/v1/orgs/${a}/reports/${done.id}/pdf`, pageCount: 1, sizeBytes: PDF.byteLength });

    const queued = await db().reportRun.create({ data: { organisationId: w.a.organisation.id, assessmentId, paper: "a4" } });
    expect((await downloadPdf({ org: a, id: queued.id }, tokens.viewer)).status).toBe(404);
    expect((await downloadPdf({ org: a, id: "not-a-uuid" }, tokens.viewer)).status).toBe(404);

    // B's owner, with B's own token, asking for A's run under B's slug: not found.
    const bToken = (await createApiToken(w.ctx(w.b, "owner"), { name: "b", role: "owner" })).token;
    const b = w.b.organisation.slug;
    expect((await downloadPdf({ org: b, id: done.id }, bToken)).status).toBe(404);
    expect((await call(report.GET, "GET", { org: b, id: done.id }, { token: bToken })).status).toBe(404);
    expect((await call(reports.GET, "GET", { org: b }, { token: bToken })).json.items).toEqual([]);
    // ...and A's slug with B's token: the organisation itself is not found.
    expect((await downloadPdf({ org: a, id: done.id }, bToken)).status).toBe(404);
    expect((await downloadPdf({ org: a, id: done.id })).status).toBe(401);
  });

  it("serves the download to a session as well (the Reports page's link)", async () => {
    const done = await db().reportRun.create({ data: { organisationId: w.a.organisation.id, assessmentId, paper: "a4", status: "succeeded", pdf: PDF, pdfBytes: PDF.byteLength, pageCount: 1 } });
    session.userId = w.a.users.viewer.id;
    try {
      expect((await downloadPdf({ org: a, id: done.id })).status).toBe(200);
    } finally {
      session.userId = null;
    }
  });

  it("is described in the OpenAPI document under the Reports tag", async () => {
    const doc = (await call(openapi.GET as never, "GET", {})).json;
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain("Reports");
    expect(doc.paths["/api/v1/orgs/{org}/reports"].post.responses["202"]).toBeDefined();
    expect(doc.paths["/api/v1/orgs/{org}/reports"].get.operationId).toBe("listReportRuns");
    expect(doc.paths["/api/v1/orgs/{org}/reports/{id}"].get.operationId).toBe("getReportRun");
    expect(Object.keys(doc.paths["/api/v1/orgs/{org}/reports/{id}/pdf"].get.responses["200"].content)).toEqual(["application/pdf"]);
  });
});
