// GET /api/v1/orgs/{org}/exports/cyclonedx.json against the seeded demo, called as Next calls it.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { CycloneDxBom } from "@/lib/exports/cyclonedx";
import { exportInventory } from "@/lib/exports/test-inventory";
import { cycloneDxErrors } from "@/lib/exports/test-cyclonedx";
import { roleTokens, type RouteHandler } from "@/lib/testing/api-call";
import { db, twoOrganisations } from "@/lib/testing/db";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const route = await import("@/app/api/v1/orgs/[org]/exports/cyclonedx.json/route");

/** Calls the route: status, headers, the body as text and, when it is JSON, parsed. */
async function get(org: string, token: string, query = "") {
  const request = new Request(`http://localhost/api/v1/orgs/${org}/exports/cyclonedx.json${query ? `?${query}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
  const response = await (route.GET as RouteHandler)(request, { params: Promise.resolve({ org }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as CycloneDxBom & { error?: { code: string; fields?: Record<string, string[]> } } };
}

const today = () => new Date().toISOString().slice(0, 10);

describe("the CycloneDX export API", () => {
  const slug = DEMO_ORG_SLUGS.mainfeld;
  let organisationId: string;
  let organisationName: string;
  let tokens: Record<Role, string>;
  let other: Awaited<ReturnType<typeof twoOrganisations>>;
  let otherToken: string;
  beforeAll(async () => {
    await seedDemo(db());
    const organisation = await db().organisation.findUniqueOrThrow({ where: { slug } });
    organisationId = organisation.id;
    organisationName = organisation.name;
    const owner = await db().membership.findFirstOrThrow({ where: { organisationId, role: "owner" }, select: { userId: true } });
    tokens = await roleTokens({ organisationId, organisationSlug: slug, organisationName: organisation.name, userId: owner.userId, role: "owner" });
    other = await twoOrganisations();
    await exportInventory(other.a.organisation.id);
    otherToken = (await createApiToken(other.ctx(other.a, "owner"), { name: "other", role: "owner" })).token;
  });

  it("serves the demo's inventory as a valid CycloneDX 1.6 download with its vendors, models, AI systems and data flows", async () => {
    const res = await get(slug, tokens.analyst);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.cyclonedx+json");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="sovra-${slug}-${today()}-ai-bom.cdx.json"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await cycloneDxErrors(res.text, "1.6")).toBeNull();
    const bom = res.json;
    expect(bom).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6", serialNumber: expect.stringMatching(/^urn:uuid:/) });
    expect(bom.metadata.component).toMatchObject({ "bom-ref": `organisation/${organisationId}`, name: organisationName });
    const suppliers = new Set(bom.components.filter((c) => c.type === "machine-learning-model").map((c) => c.supplier?.name));
    expect([...suppliers]).toEqual(expect.arrayContaining(["OpenAI", "Anthropic"]));

    // Every model, AI system, dependency and placed data flow of the organisation, by row id.
    const where = { organisationId };
    const [models, systems, dependencies, fallbacks, flows] = await Promise.all([
      db().model.findMany({ where, select: { id: true } }),
      db().aiSystem.findMany({ where, select: { id: true, name: true } }),
      db().dependency.findMany({ where, select: { id: true } }),
      db().fallback.findMany({ where, select: { id: true } }),
      db().dataFlow.findMany({ where: { ...where, originOfficeId: { not: null }, dependencyId: { not: null } }, select: { id: true, name: true } }),
    ]);
    const refs = (type: string) => bom.components.filter((c) => c.type === type).map((c) => c["bom-ref"]).sort();
    expect(refs("machine-learning-model")).toEqual(models.map((m) => `model/${m.id}`).sort());
    expect(refs("application")).toEqual(systems.map((s) => `ai-system/${s.id}`).sort());
    expect(bom.components.filter((c) => c.type === "application").map((c) => c.name).sort()).toEqual(systems.map((s) => s.name).sort());
    expect(refs("data")).toEqual(flows.map((f) => `data-flow/${f.id}`).sort());
    expect(bom.components.filter((c) => c.type === "data").map((c) => c.name).sort()).toEqual(flows.map((f) => f.name).sort());
    expect(bom.services.map((s) => s["bom-ref"]).sort()).toEqual([...dependencies.map((d) => `dependency/${d.id}`), ...fallbacks.map((f) => `fallback/${f.id}`)].sort());
    expect(bom.dependencies.find((d) => d.ref === `organisation/${organisationId}`)!.dependsOn.sort()).toEqual(systems.map((s) => `ai-system/${s.id}`).sort());
    // The demo's story: the US restriction on Anthropic's models reaches its Anthropic routes today.
    const restricted = bom.services.filter((x) => x.properties?.some((p) => p.name === "sovra:restriction" && /anthropic/i.test(p.value)));
    expect(restricted.length).toBeGreaterThan(0);
    expect(restricted.every((x) => x.name.includes("Claude"))).toBe(true);
    expect(res.text).not.toMatch(/"name":"cdx:/);
    // Nothing of another organisation.
    expect(res.text).not.toContain("Frontier Labs");
    expect(await db().auditEvent.count({ where: { organisationId, action: "export", entityType: "organisation" } })).toBeGreaterThan(0);
  });

  it("serves CycloneDX 1.7 when asked, valid under the 1.7 schema, with the same bom-refs as 1.6", async () => {
    const [v16, v17] = [await get(slug, tokens.owner, "specVersion=1.6"), await get(slug, tokens.owner, "specVersion=1.7")];
    expect(v17.status).toBe(200);
    expect(v17.json.specVersion).toBe("1.7");
    expect(await cycloneDxErrors(v17.text, "1.7")).toBeNull();
    const allRefs = (b: CycloneDxBom) => [...b.components, ...b.services].map((x) => x["bom-ref"]);
    expect(allRefs(v17.json)).toEqual(allRefs(v16.json));
    expect(v17.json.serialNumber).not.toBe(v16.json.serialNumber);
  });

  it("refuses editors and viewers as the other exports do (403), hides the organisation from another one's token (404), and answers 422 for an unknown version", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const res = await get(slug, tokens[role]);
      expect(res.status, role).toBe(403);
      expect(res.json.error!.code).toBe("FORBIDDEN");
    }
    const crossed = await get(slug, otherToken);
    expect(crossed.status).toBe(404);
    expect(crossed.text).not.toContain("CycloneDX");
    const bad = await get(slug, tokens.owner, "specVersion=1.5");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error!.fields!)).toEqual(["specVersion"]);
  });

  it("exports another organisation's own inventory only, and answers 409 while an inventory cannot be scored", async () => {
    const own = await get(other.a.organisation.slug, otherToken);
    expect(own.status).toBe(200);
    expect(own.json.components.filter((c) => c.type === "machine-learning-model").map((c) => c.supplier?.name).sort()).toEqual(["Frontier Labs", "Open Weights SAS"]);
    expect(own.text).not.toMatch(/OpenAI|Anthropic/);

    // A marketplace dependency without its cloud: the engine cannot read the inventory.
    const b = other.b.organisation.id;
    const vendor = await db().vendor.create({ data: { organisationId: b, name: "Lab", vendorType: "frontier_lab", hqCountry: "US" } });
    const model = await db().model.create({ data: { organisationId: b, vendorId: vendor.id, name: "M", family: "m", weights: "closed", licence: "proprietary" } });
    const system = await db().aiSystem.create({ data: { organisationId: b, name: "S", owner: "Ops", criticality: "low", toleratedDowntimeMinutes: 60 } });
    await db().dependency.create({ data: { organisationId: b, aiSystemId: system.id, modelId: model.id, accessPath: "cloud_marketplace" } });
    const tokenB = (await createApiToken(other.ctx(other.b, "owner"), { name: "B", role: "owner" })).token;
    const res = await get(other.b.organisation.slug, tokenB);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/cannot be scored/) });
  });

  it("is documented in the OpenAPI document under Exports, with its media type and version parameter", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { tags: string[]; parameters: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    const op = doc.paths["/api/v1/orgs/{org}/exports/cyclonedx.json"]!.get!;
    expect(op.tags).toEqual(["Exports"]);
    expect(Object.keys(op.responses["200"]!.content!)).toEqual(["application/vnd.cyclonedx+json"]);
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: "specVersion", in: "query" }));
    expect(op.responses["409"]).toBeDefined();
  });
});
