// The data flow operations of the public API, called as Next calls them, against the real database.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { buildOffice } from "@/prisma/factories";
import { buildAiSystem, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens } from "@/lib/testing/api-call";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const flows = await import("@/app/api/v1/orgs/[org]/data-flows/route");
const flowRoute = await import("@/app/api/v1/orgs/[org]/data-flows/[id]/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

async function inventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Frankfurt HQ" });
  const openai = await buildVendor(db(), organisationId, { name: "OpenAI" });
  const mistral = await buildVendor(db(), organisationId, { name: "Mistral AI", hqCountry: "FR" });
  const gpt = await buildModel(db(), organisationId, openai.id, { name: "GPT-4o" });
  const support = await buildAiSystem(db(), organisationId, { name: "Support chat" });
  const dependency = await buildDependency(db(), organisationId, support.id, gpt.id);
  return { office, openai, mistral, support, dependency };
}

describe("the public API: data flows", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let a: string;
  let inv: Awaited<ReturnType<typeof inventory>>;
  let body: Record<string, unknown>;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    inv = await inventory(w.a.organisation.id);
    body = {
      name: "Customer chats",
      originOfficeId: inv.office.id,
      dependencyId: inv.dependency.id,
      vendorId: inv.openai.id,
      processingCountry: "US",
      dataCategories: ["personal", "internal"],
      volume: "high",
      transferMechanism: "scc",
      encryption: "in_transit",
    };
  });

  it("creates with an editor's token: 201, the flow, its URL and an audit event", async () => {
    const res = await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ id: expect.any(String), ...body, originAiSystemId: null, processingRegion: null, version: 1 });
    expect(res.headers.get("location")).toBe(`/api/v1/orgs/${a}/data-flows/${res.json.id}`);
    expect(await db().auditEvent.findFirstOrThrow({ where: { entityId: res.json.id } })).toMatchObject({ action: "create", entityType: "data_flow", actorId: w.a.users.owner.id });
  });

  it("lists a page at a time by name with the total; gets one", async () => {
    for (const name of ["C", "A", "B"]) expect((await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body: { ...body, name } })).status).toBe(201);
    const first = await call(flows.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=2" });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ page: 1, size: 2, total: 3 });
    expect(first.json.items.map((f: { name: string }) => f.name)).toEqual(["A", "B"]);
    const one = await call(flowRoute.GET, "GET", { org: a, id: first.json.items[0].id }, { token: tokens.viewer });
    expect(one).toMatchObject({ status: 200, json: { name: "A", vendorId: inv.openai.id, version: 1 } });
  });

  it("refuses a viewer's or analyst's token with 403 for every write, and changes nothing", async () => {
    const created = (await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body })).json;
    for (const role of ["viewer", "analyst"] as const) {
      expect((await call(flows.POST, "POST", { org: a }, { token: tokens[role], body: { ...body, name: "x" } })).status).toBe(403);
      expect((await call(flowRoute.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens[role], body: { name: "x", version: 1 } })).status).toBe(403);
      expect((await call(flowRoute.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens[role], query: "version=1" })).status).toBe(403);
    }
    expect(await db().dataFlow.findMany({ where: { organisationId: w.a.organisation.id }, select: { name: true, version: true } })).toEqual([{ name: "Customer chats", version: 1 }]);
  });

  it("refuses an invalid body with 422 listing every field", async () => {
    const res = await call(flows.POST, "POST", { org: a }, {
      token: tokens.editor,
      body: { name: "", originOfficeId: "nope", vendorId: 7, processingCountry: "XX", dataCategories: [], volume: "huge", transferMechanism: "pigeon", encryption: null, colour: "red" },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("INVALID_INPUT");
    expect(Object.keys(res.json.error.fields).sort()).toEqual(["$", "dataCategories", "encryption", "name", "originOfficeId", "processingCountry", "transferMechanism", "vendorId", "volume"]);
    const twoOrigins = await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body: { ...body, originAiSystemId: inv.support.id } });
    expect(twoOrigins).toMatchObject({ status: 422, json: { error: { fields: { originAiSystemId: [expect.any(String)] } } } });
    const noOrigin = await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body: { ...body, originOfficeId: null } });
    expect(Object.keys(noOrigin.json.error.fields).sort()).toEqual(["originAiSystemId", "originOfficeId"]);
    const wrongVendor = await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body: { ...body, vendorId: inv.mistral.id } });
    expect(wrongVendor).toMatchObject({ status: 422, json: { error: { fields: { vendorId: [expect.any(String)] } } } });
  });

  it("answers 404 for another organisation's flow, and for another organisation's ids in the body, linking nothing", async () => {
    const theirs = await inventory(w.b.organisation.id);
    const bToken = (await createApiToken(w.ctx(w.b, "owner"), { name: "b", role: "editor" })).token;
    const theirFlow = (await call(flows.POST, "POST", { org: w.b.organisation.slug }, { token: bToken, body: { ...body, originOfficeId: theirs.office.id, dependencyId: theirs.dependency.id, vendorId: theirs.openai.id } })).json;
    expect((await call(flowRoute.GET, "GET", { org: a, id: theirFlow.id }, { token: tokens.viewer })).status).toBe(404);
    expect((await call(flowRoute.GET, "GET", { org: a, id: "not-a-uuid" }, { token: tokens.viewer })).status).toBe(404);
    expect((await call(flowRoute.PATCH, "PATCH", { org: a, id: theirFlow.id }, { token: tokens.editor, body: { name: "pwned", version: 1 } })).status).toBe(404);
    expect((await call(flowRoute.DELETE, "DELETE", { org: a, id: theirFlow.id }, { token: tokens.editor, query: "version=1" })).status).toBe(404);
    expect((await call(flows.GET, "GET", { org: w.b.organisation.slug }, { token: tokens.viewer })).status).toBe(404);

    for (const [field, id] of [["originOfficeId", theirs.office.id], ["dependencyId", theirs.dependency.id], ["vendorId", theirs.openai.id]] as const) {
      const res = await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body: { ...body, ...(field === "vendorId" && { dependencyId: null }), [field]: id } });
      expect(res.status).toBe(404);
      expect(Object.keys(res.json.error.fields)).toEqual([field]);
    }
    const mine = (await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body })).json;
    const relink = await call(flowRoute.PATCH, "PATCH", { org: a, id: mine.id }, { token: tokens.editor, body: { originOfficeId: null, originAiSystemId: theirs.support.id, dependencyId: null, version: 1 } });
    expect(relink).toMatchObject({ status: 404, json: { error: { fields: { originAiSystemId: [expect.any(String)] } } } });
    expect(await db().dataFlow.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ originOfficeId: inv.office.id, originAiSystemId: null, version: 1 });
    expect(await db().dataFlow.findUniqueOrThrow({ where: { id: theirFlow.id } })).toMatchObject({ name: "Customer chats", version: 1 });
  });

  it("changes only the fields sent, and refuses a stale version with 409 and the current flow", async () => {
    const created = (await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body })).json;
    const changed = await call(flowRoute.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { processingRegion: "eastus", version: 1 } });
    expect(changed).toMatchObject({ status: 200, json: { ...body, processingRegion: "eastus", version: 2 } });
    const moved = await call(flowRoute.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { originOfficeId: null, originAiSystemId: inv.support.id, version: 2 } });
    expect(moved).toMatchObject({ status: 200, json: { originOfficeId: null, originAiSystemId: inv.support.id, dependencyId: inv.dependency.id, version: 3 } });
    const stale = await call(flowRoute.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.owner, body: { volume: "low", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "CONFLICT", current: { id: created.id, processingRegion: "eastus", volume: "high", version: 3 } });
    const invalid = await call(flowRoute.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { volume: "huge", dataCategories: "personal" } });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json.error.fields).sort()).toEqual(["dataCategories", "version", "volume"]);
  });

  it("a flow stored with both an office and a system is presented and patched with the office as its origin", async () => {
    const legacy = await db().dataFlow.create({
      data: { ...(body as object), name: "Imported", originAiSystemId: inv.support.id, organisationId: w.a.organisation.id } as never,
      select: { id: true },
    });
    expect((await call(flowRoute.GET, "GET", { org: a, id: legacy.id }, { token: tokens.viewer })).json).toMatchObject({ originOfficeId: inv.office.id, originAiSystemId: null });
    const patched = await call(flowRoute.PATCH, "PATCH", { org: a, id: legacy.id }, { token: tokens.editor, body: { encryption: "at_rest", version: 1 } });
    expect(patched).toMatchObject({ status: 200, json: { originOfficeId: inv.office.id, originAiSystemId: null, encryption: "at_rest", version: 2 } });
  });

  it("deletes with ?version=; a stale or missing version deletes nothing", async () => {
    const created = (await call(flows.POST, "POST", { org: a }, { token: tokens.editor, body })).json;
    await call(flowRoute.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { volume: "low", version: 1 } });
    expect((await call(flowRoute.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.editor })).status).toBe(422);
    expect((await call(flowRoute.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.editor, query: "version=1" })).status).toBe(409);
    expect(await call(flowRoute.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.editor, query: "version=2" })).toMatchObject({ status: 204, json: undefined });
    expect(await db().dataFlow.count({ where: { id: created.id } })).toBe(0);
  });

  it("is in the OpenAPI document under its tag", async () => {
    const doc = await (await openapi.GET()).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/orgs/{org}/data-flows", "/api/v1/orgs/{org}/data-flows/{id}"]));
    expect(doc.paths["/api/v1/orgs/{org}/data-flows/{id}"].patch.tags).toEqual(["Data flows"]);
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain("Data flows");
  });
});
