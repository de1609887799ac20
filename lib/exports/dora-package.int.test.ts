// The DORA Register of Information report package of the seeded demo, through the public API and
// the Reports page's download route, against the real database: downloaded, unzipped with the zip
// library's reader and checked rule by rule here (not only by Sovra's own validator), then the
// refusals: no LEI, a bad LEI, no assessment, a viewer, another organisation.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { freezeAssessment } from "@/lib/assessments/mutations";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { roleTokens, type RouteHandler } from "@/lib/testing/api-call";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import { exportInventory } from "./test-inventory";
import { getExportSource } from "./queries";
import { unzipDoraPackage, type DoraPackageFile } from "./dora/package";
import { DORA_MODULE_TEMPLATES, DORA_TAXONOMY_ENTRY_POINT } from "./dora/taxonomy";
import { DORA_TEMPLATES, isAllowedValue, type DoraPackageTemplateId } from "./dora/templates";
import { checkDoraPackage } from "./dora/validate";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const zipRoute = await import("@/app/api/v1/orgs/[org]/exports/dora-package.zip/route");
const checksRoute = await import("@/app/api/v1/orgs/[org]/exports/dora-package/checks/route");
const appRoute = await import("@/app/(app)/[org]/reports/exports/[kind]/route");

const LEI = "529900T8BM49AURSDO55";

/** Calls an API route with a token: status, headers, the body as bytes, and JSON when it is. */
async function call(handler: RouteHandler, org: string, token: string, query = "") {
  const request = new Request(`http://localhost/api/v1/orgs/${org}/exports/x${query ? `?${query}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
  const response = await handler(request, { params: Promise.resolve({ org }) });
  const body = new Uint8Array(await response.arrayBuffer());
  const isJson = (response.headers.get("content-type") ?? "").startsWith("application/json");
  return { status: response.status, headers: response.headers, body, json: isJson ? JSON.parse(new TextDecoder().decode(body)) : undefined };
}

const csv = (files: DoraPackageFile[], folder: string, path: string) => parse(files.find((f) => f.path === `${folder}/${path}`)!.text) as string[][];

describe("the DORA report package of the seeded demo", () => {
  const slug = DEMO_ORG_SLUGS.mainfeld;
  let organisation: { id: string; slug: string; name: string; hqCountry: string; lei: string | null };
  let tokens: Record<Role, string>;
  let other: Awaited<ReturnType<typeof twoOrganisations>>;
  let otherToken: string;

  beforeAll(async () => {
    await seedDemo(db());
    organisation = await db().organisation.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, name: true, hqCountry: true, lei: true } });
    const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true } });
    tokens = await roleTokens(contextFor(organisation, owner.userId, "owner"));
    await db().organisation.update({ where: { id: organisation.id }, data: { lei: LEI } });
    other = await twoOrganisations();
    await exportInventory(other.a.organisation.id);
    otherToken = (await createApiToken(other.ctx(other.a, "owner"), { name: "other", role: "owner" })).token;
  });
  // Other tests share the seeded demo: leave its LEI as the seed made it.
  afterAll(async () => {
    await db().organisation.update({ where: { id: organisation.id }, data: { lei: organisation.lei } });
  });

  it("downloads a zip named by the EBA's convention whose every file checks out, rule by rule", async () => {
    const res = await call(zipRoute.GET as RouteHandler, slug, tokens.analyst, "refDate=2025-12-31&consolidation=CON&currency=EUR&entityType=eba_CT:x316&competentAuthority=BaFin");
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const fileName = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")![1]!;
    expect(fileName).toMatch(new RegExp(`^${LEI}\\.CON_DE_DORA010100_DORA_2025-12-31_\\d{17}\\.zip$`));
    const folder = fileName.slice(0, -".zip".length);
    const files = unzipDoraPackage(res.body);

    // The source: the demo's latest frozen assessment, as every export is.
    const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true } });
    const source = await getExportSource(contextFor(organisation, owner.userId, "owner"));
    const doc = source.inputs;
    expect(doc.dependencies.length).toBeGreaterThan(0);

    // Structure: one folder named as the zip, the metadata and one file per template with rows.
    const reported: DoraPackageTemplateId[] = ["b_01.01", "b_02.01", "b_02.02", "b_05.01", "b_05.02", "b_07.01"];
    expect(files.map((f) => f.path).sort()).toEqual(
      ["META-INF/reportPackage.json", "reports/report.json", "reports/parameters.csv", "reports/FilingIndicators.csv", ...reported.map((id) => `reports/${id}.csv`)].map((p) => `${folder}/${p}`).sort(),
    );

    // Metadata.
    const text = (path: string) => files.find((f) => f.path === `${folder}/${path}`)!.text;
    expect(JSON.parse(text("META-INF/reportPackage.json"))).toEqual({ documentInfo: { documentType: "https://xbrl.org/report-package/2023" } });
    expect(JSON.parse(text("reports/report.json"))).toEqual({ documentInfo: { documentType: "https://xbrl.org/2021/xbrl-csv", extends: [DORA_TAXONOMY_ENTRY_POINT] } });

    // Parameters: the entity by its LEI, consolidated.
    expect(Object.fromEntries(csv(files, folder, "reports/parameters.csv").slice(1))).toEqual({
      entityID: `rs:${LEI}.CON`,
      refPeriod: "2025-12-31",
      baseCurrency: "iso4217:EUR",
      decimalsInteger: "0",
      decimalsMonetary: "-3",
    });

    // Filing indicators: every template of the module once, true exactly for the files present.
    const [indicatorHeader, ...indicators] = csv(files, folder, "reports/FilingIndicators.csv");
    expect(indicatorHeader).toEqual(["templateID", "reported"]);
    expect(indicators.map((r) => r[0])).toEqual([...DORA_MODULE_TEMPLATES]);
    const present = new Set(files.map((f) => /\/reports\/(b_\d{2}\.\d{2})\.csv$/.exec(f.path)?.[1]?.toUpperCase()).filter(Boolean));
    for (const [template, flag] of indicators) expect(flag, template).toBe(present.has(template) ? "true" : "false");

    // Every template: the EBA's column codes as the header, every coded cell within its domain.
    const tables = Object.fromEntries(
      reported.map((id) => {
        const [header, ...rows] = csv(files, folder, `reports/${id}.csv`);
        const columns = DORA_TEMPLATES[id].columns;
        expect(header, id).toEqual(columns.map((c) => c.code));
        expect(rows.length, id).toBeGreaterThan(0);
        for (const row of rows) row.forEach((cell, i) => expect(isAllowedValue(columns[i]!, cell), `${id} ${columns[i]!.code} = ${cell}`).toBe(true));
        return [id, rows];
      }),
    ) as Record<DoraPackageTemplateId, string[][]>;

    // B_01.01: the entity, as recorded and as chosen in the form.
    // Its date of reporting is the day the package was made, as the file name's timestamp says (UTC).
    const made = /_(\d{4})(\d{2})(\d{2})\d{9}$/.exec(folder)!.slice(1).join("-");
    expect(tables["b_01.01"]).toEqual([[LEI, organisation.name, `eba_GA:${organisation.hqCountry}`, "eba_CT:x316", "BaFin", made]]);
    // B_02.02: the entity's LEI on every arrangement.
    expect(new Set(tables["b_02.02"].map((r) => r[1]))).toEqual(new Set([LEI]));

    // Keys between templates: one arrangement per dependency, the same references everywhere.
    const contracts = tables["b_02.01"].map((r) => r[0]!);
    expect(contracts.sort()).toEqual(doc.dependencies.map((d) => `SOVRA-${d.key}`).sort());
    expect(new Set(tables["b_02.02"].map((r) => r[0]))).toEqual(new Set(contracts));
    expect(new Set(tables["b_07.01"].map((r) => r[0]))).toEqual(new Set(contracts));
    expect(new Set(tables["b_05.02"].map((r) => r[0]))).toEqual(new Set(contracts));
    // The supply chain: each contract at rank 1; a cloud route whose model comes from another vendor adds that vendor at rank 2.
    const vendorOf = new Map(doc.models.map((m) => [m.key, m.vendor]));
    const vendorName = new Map(doc.vendors.map((v) => [v.key, v.name]));
    const viaCloud = (d: (typeof doc.dependencies)[number]) => (d.accessPath === "cloud-marketplace" || d.accessPath === "third-party-hosted") && d.cloud !== undefined;
    const hosted = doc.dependencies.filter((d) => viaCloud(d) && d.cloud !== vendorOf.get(d.model));
    expect(hosted.length).toBeGreaterThan(0);
    for (const d of doc.dependencies) {
      const ranks = tables["b_05.02"].filter((r) => r[0] === `SOVRA-${d.key}`).map((r) => r[4]);
      expect(ranks, d.key).toEqual(hosted.includes(d) ? ["1", "2"] : ["1"]);
    }
    // B_05.01 declares every provider of the chains: the clouds, and the labs behind them.
    const chainProviders = new Set(doc.dependencies.flatMap((d) => (viaCloud(d) ? [d.cloud!, vendorOf.get(d.model)!] : [vendorOf.get(d.model)!])));
    expect(tables["b_05.01"].map((r) => r[4]).sort()).toEqual([...chainProviders].map((k) => vendorName.get(k)!).sort());

    // And Sovra's own checks agree: nothing that refuses the download fails.
    expect(checkDoraPackage({ fileName, files }).filter((c) => c.blocksDownload && !c.passed)).toEqual([]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organisationId: organisation.id, action: "export" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ entityType: "assessment", entityId: source.id, after: { file: fileName } });
  });

  it("lists the checks before download: every rule with its result, the cells to complete, and the file it would make", async () => {
    const res = await call(checksRoute.GET as RouteHandler, slug, tokens.owner, "refDate=2025-12-31");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ downloadable: true, complete: false, refDate: "2025-12-31", fileName: expect.stringMatching(new RegExp(`^${LEI}\\.CON_DE_DORA010100_DORA_2025-12-31_\\d{17}\\.zip$`)) });
    const checks = res.json.checks as { id: string; rule: string; passed: boolean; blocksDownload: boolean; failures: string[] }[];
    expect(checks.map((c) => c.id)).toEqual(["structure", "metadata", "parameters", "lei", "file-name", "filing-indicators", "column-codes", "value-domains", "references", "complete"]);
    expect(checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(["complete"]);
    expect(checks.find((c) => c.id === "complete")!.failures).toContain("B_01.01, Type of entity (c0040): empty in 1 of 1 row.");
  });

  it("names the missing LEI in the checks and refuses the download until it is recorded, and refuses a wrong one", async () => {
    const a = other.a.organisation.slug;
    const tokenA = otherToken;
    // No assessment yet: freeze one first.
    const none = await call(zipRoute.GET as RouteHandler, a, tokenA);
    expect(none.status).toBe(409);
    expect(none.json.error.message).toMatch(/freeze one first/);
    await freezeAssessment(other.ctx(other.a, "analyst"), {});

    const checks = await call(checksRoute.GET as RouteHandler, a, tokenA);
    expect(checks.status).toBe(200);
    expect(checks.json).toMatchObject({ downloadable: false, fileName: null });
    const lei = checks.json.checks.find((c: { id: string }) => c.id === "lei");
    expect(lei).toMatchObject({ passed: false, blocksDownload: true });
    expect(lei.failures.join(" ")).toMatch(/Record the organisation's LEI under Settings/);

    const exportsBefore = await db().auditEvent.count({ where: { organisationId: other.a.organisation.id, action: "export" } });
    const refused = await call(zipRoute.GET as RouteHandler, a, tokenA);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Record the organisation's LEI under Settings/) });
    expect(await db().auditEvent.count({ where: { organisationId: other.a.organisation.id, action: "export" } })).toBe(exportsBefore);

    // Shaped like an LEI (the database's CHECK lets it in) but with wrong check digits.
    await db().organisation.update({ where: { id: other.a.organisation.id }, data: { lei: "529900T8BM49AURSDO56" } });
    const wrong = await call(zipRoute.GET as RouteHandler, a, tokenA);
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.message).toMatch(/The LEI 529900T8BM49AURSDO56 is not valid: The check digits/);

    await db().organisation.update({ where: { id: other.a.organisation.id }, data: { lei: "5493001KJTIIGC8Y1R12" } });
    const ok = await call(zipRoute.GET as RouteHandler, a, tokenA, "consolidation=IND");
    expect(ok.status).toBe(200);
    expect(/filename="([^"]+)"/.exec(ok.headers.get("content-disposition")!)![1]).toMatch(/^5493001KJTIIGC8Y1R12\.IND_/);
  });

  it("refuses editors and viewers as the other exports do, hides the demo from another organisation's token, and names a bad option", async () => {
    for (const role of ["editor", "viewer"] as const) {
      expect((await call(zipRoute.GET as RouteHandler, slug, tokens[role])).status).toBe(403);
      expect((await call(checksRoute.GET as RouteHandler, slug, tokens[role])).status).toBe(403);
    }
    for (const route of [zipRoute, checksRoute]) {
      const crossed = await call(route.GET as RouteHandler, slug, otherToken);
      expect(crossed.status).toBe(404);
      expect(crossed.json.error.code).toBe("NOT_FOUND");
    }
    const bad = await call(zipRoute.GET as RouteHandler, slug, tokens.owner, "consolidation=SUB&refDate=31.12.2025");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["consolidation", "refDate"]);
  });

  it("is served by the Reports page's download route to analysts, with the form's options, and refused to viewers", async () => {
    const viewer = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "viewer" }, select: { userId: true } });
    const analyst = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "analyst" }, select: { userId: true } });
    const get = (query: string) => appRoute.GET(new Request(`http://localhost/${slug}/reports/exports/dora-package.zip${query}`), { params: Promise.resolve({ org: slug, kind: "dora-package.zip" }) });
    session.userId = viewer.userId;
    expect((await get("")).status).toBe(403);
    session.userId = analyst.userId;
    const res = await get("?refDate=2025-03-31&consolidation=IND&currency=SEK");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${LEI}\\.IND_DE_DORA010100_DORA_2025-03-31_\\d{17}\\.zip"$`));
    const files = unzipDoraPackage(new Uint8Array(await res.arrayBuffer()));
    expect(files.find((f) => f.path.endsWith("/reports/parameters.csv"))!.text).toContain("baseCurrency,iso4217:SEK");
    expect((await get("?currency=USD")).status).toBe(422);
    session.userId = null;
  });

  it("is documented in the OpenAPI document under Exports: the zip and its checks", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { tags: string[]; parameters: { name: string }[]; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    const zip = doc.paths["/api/v1/orgs/{org}/exports/dora-package.zip"]!.get!;
    expect(Object.keys(zip.responses["200"]!.content!)).toEqual(["application/zip"]);
    expect(zip.responses["409"]).toBeDefined();
    expect(zip.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["assessmentId", "refDate", "consolidation", "currency"]));
    const checks = doc.paths["/api/v1/orgs/{org}/exports/dora-package/checks"]!.get!;
    expect(checks.tags).toEqual(["Exports"]);
    expect(Object.keys(checks.responses["200"]!.content!)).toEqual(["application/json"]);
  });
});
