// The public API's export routes, called as Next calls them, against the real database.
import { roleTokens } from "@/lib/testing/api-call";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { DORA_TEMPLATES } from "@/lib/exports/dora/templates";
import { exportInventory } from "@/lib/exports/test-inventory";
import { twoOrganisations } from "@/lib/testing/db";
import type { RouteHandler } from "@/lib/testing/api-call";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const xlsx = await import("@/app/api/v1/orgs/[org]/exports/assessment.xlsx/route");
const dora = await import("@/app/api/v1/orgs/[org]/exports/dora/[template]/route");
const aiAct = await import("@/app/api/v1/orgs/[org]/exports/ai-act.csv/route");

/** Calls a file route: status, headers and the body as bytes (JSON parsed for errors). */
async function get(handler: RouteHandler, params: Record<string, string>, token: string, query = "") {
  const request = new Request(`http://localhost/api/v1/orgs/${params.org}/exports/x${query ? `?${query}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
  const response = await handler(request, { params: Promise.resolve(params) });
  const body = new Uint8Array(await response.arrayBuffer());
  const isJson = (response.headers.get("content-type") ?? "").startsWith("application/json");
  return { status: response.status, headers: response.headers, body, json: isJson ? JSON.parse(new TextDecoder().decode(body)) : undefined };
}

describe("the exports API", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let tokenB: string;
  let a: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
    await exportInventory(w.a.organisation.id);
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    tokenB = (await createApiToken(w.ctx(w.b, "owner"), { name: "B", role: "owner" })).token;
  });

  it("answers 409 with what to do while the organisation has no assessment", async () => {
    for (const [handler, params] of [[xlsx.GET, { org: a }], [dora.GET, { org: a, template: "b_05.01" }], [aiAct.GET, { org: a }]] as const) {
      const res = await get(handler, params, tokens.analyst);
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/freeze one first/) });
    }
  });

  it("serves each file to owners and analysts with its name, and the DORA CSV headed by the template's codes", async () => {
    const frozen = await freezeAssessment(w.ctx(w.a, "analyst"), {});
    const book = await get(xlsx.GET, { org: a }, tokens.owner);
    expect(book.status).toBe(200);
    expect(book.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(book.headers.get("content-disposition")).toBe(`attachment; filename="sovra-${a}-${frozen.asOf}-assessment.xlsx"`);
    expect([...book.body.slice(0, 2)]).toEqual([0x50, 0x4b]); // a ZIP, as every XLSX
    for (const template of ["b_05.01", "b_02.02", "b_07.01"] as const) {
      const res = await get(dora.GET, { org: a, template }, tokens.analyst, `assessmentId=${frozen.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const [header] = parse(new TextDecoder().decode(res.body)) as string[][];
      expect(header).toEqual(DORA_TEMPLATES[template].columns.map((c) => c.code));
    }
    expect((await get(dora.GET, { org: a, template: "gaps" }, tokens.analyst)).status).toBe(200);
    const inventory = await get(aiAct.GET, { org: a }, tokens.analyst);
    expect(new TextDecoder().decode(inventory.body)).toContain("Support chat");
  });

  it("refuses editors and viewers (403), hides another organisation (404), and answers 404 for an unknown assessment or template and 422 for a malformed id", async () => {
    const frozen = await freezeAssessment(w.ctx(w.a, "analyst"), {});
    for (const role of ["editor", "viewer"] as const) expect((await get(xlsx.GET, { org: a }, tokens[role])).status).toBe(403);
    expect((await get(aiAct.GET, { org: a }, tokenB)).status).toBe(404);
    // B's own export never reaches A's assessment, even by id.
    await exportInventory(w.b.organisation.id);
    await freezeAssessment(w.ctx(w.b, "owner"), {});
    const crossed = await get(dora.GET, { org: w.b.organisation.slug, template: "b_05.01" }, tokenB, `assessmentId=${frozen.id}`);
    expect(crossed.status).toBe(404);
    expect(crossed.json.error.code).toBe("NOT_FOUND");
    expect((await get(xlsx.GET, { org: a }, tokens.owner, "assessmentId=00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get(dora.GET, { org: a, template: "b_99.01" }, tokens.owner)).status).toBe(404);
    const bad = await get(aiAct.GET, { org: a }, tokens.owner, "assessmentId=yesterday");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields)).toEqual(["assessmentId"]);
  });

  it("are listed in the OpenAPI document under Exports, with their media types", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { tags: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    const op = (p: string) => doc.paths[`/api/v1/orgs/{org}/exports/${p}`]!.get!;
    expect(Object.keys(op("assessment.xlsx").responses["200"]!.content!)).toEqual(["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
    expect(Object.keys(op("dora/{template}").responses["200"]!.content!)).toEqual(["text/csv"]);
    expect(Object.keys(op("ai-act.csv").responses["200"]!.content!)).toEqual(["text/csv"]);
    expect(op("ai-act.csv").responses["409"]).toBeDefined();
    expect(op("dora/{template}").tags).toEqual(["Exports"]);
  });
});
