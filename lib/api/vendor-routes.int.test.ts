// The public API's vendor and model routes, called as Next calls them, against the real database.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { addVendorFromCatalogue } from "@/lib/catalogue/mutations";
import { catalogueModel, catalogueVendor } from "@/lib/catalogue/facts";
import { buildAiSystem, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, type RouteHandler, roleTokens } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const vendors = await import("@/app/api/v1/orgs/[org]/vendors/route");
const vendor = await import("@/app/api/v1/orgs/[org]/vendors/[id]/route");
const models = await import("@/app/api/v1/orgs/[org]/models/route");
const model = await import("@/app/api/v1/orgs/[org]/models/[id]/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

const aleph = { name: "Aleph Alpha", vendorType: "frontier_lab", hqCountry: "DE", source: "aleph-alpha.com/about", sourceAsOf: "2026-02-01" };
const luminous = { name: "Luminous", family: "luminous", weights: "closed", licence: "proprietary", offeredAccessPaths: ["direct_api", { path: "cloud_marketplace", cloud: "stackit", regions: ["eu01"] }] };

describe("the public API: vendors and models", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let a: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
  });

  describe("vendors", () => {
    it("creates, lists a page at a time, reads, changes only the fields sent, and deletes", async () => {
      const created = await call(vendors.POST, "POST", { org: a }, { token: tokens.editor, body: aleph });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({ id: expect.any(String), ...aleph, catalogueKey: null, parentName: null, parentCountry: null, dpfCertified: false, notes: null, version: 1 });
      expect(created.headers.get("location")).toBe(`/api/v1/orgs/${a}/vendors/${created.json.id}`);
      await buildVendor(db(), w.a.organisation.id, { name: "Zeta" });
      await buildVendor(db(), w.b.organisation.id, { name: "B's vendor" });

      const page = await call(vendors.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1" });
      expect(page.json).toMatchObject({ page: 1, size: 1, total: 2, items: [{ name: "Aleph Alpha" }] });
      const second = await call(vendors.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1&page=2" });
      expect(second.json.items.map((v: { name: string }) => v.name)).toEqual(["Zeta"]);

      const id = created.json.id;
      expect((await call(vendor.GET, "GET", { org: a, id }, { token: tokens.viewer })).json).toEqual(created.json);
      const patched = await call(vendor.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 1, parentName: "Schwarz Group", parentCountry: "DE", dpfCertified: true } });
      expect(patched.status).toBe(200);
      expect(patched.json).toEqual({ ...created.json, parentName: "Schwarz Group", parentCountry: "DE", dpfCertified: true, version: 2 });
      const cleared = await call(vendor.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 2, source: null } });
      expect(cleared.json).toMatchObject({ source: null, sourceAsOf: "2026-02-01", parentName: "Schwarz Group", version: 3 });

      expect((await call(vendor.DELETE, "DELETE", { org: a, id }, { token: tokens.editor, query: "version=3" })).status).toBe(204);
      expect((await call(vendor.GET, "GET", { org: a, id }, { token: tokens.viewer })).status).toBe(404);
      expect(await db().auditEvent.count({ where: { organisationId: w.a.organisation.id, entityType: "vendor", entityId: id } })).toBe(4);
    });

    it("refuses an invalid body with 422 listing every field, and the vendor's own rules too", async () => {
      const res = await call(vendors.POST, "POST", { org: a }, { token: tokens.editor, body: { name: "", vendorType: "lab", hqCountry: "XX", dpfCertified: "yes", colour: "red" } });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json.error.fields).sort()).toEqual(["$", "dpfCertified", "hqCountry", "name", "vendorType"]);
      expect(res.json.error.fields.$[0]).toContain("colour");
      const parentless = await call(vendors.POST, "POST", { org: a }, { token: tokens.editor, body: { ...aleph, parentName: "Holding" } });
      expect(parentless.status).toBe(422);
      expect(Object.keys(parentless.json.error.fields)).toEqual(["parentCountry"]);
      const badPatch = await call(vendor.PATCH, "PATCH", { org: a, id: (await buildVendor(db(), w.a.organisation.id)).id }, { token: tokens.editor, body: { hqCountry: 3, name: "" } });
      expect(Object.keys(badPatch.json.error.fields).sort()).toEqual(["hqCountry", "name", "version"]);
      expect(await db().vendor.count({ where: { organisationId: w.a.organisation.id, name: "Aleph Alpha" } })).toBe(0);
    });

    it("refuses a stale version with 409 and the vendor as it stands, for changes and deletes", async () => {
      const { json: created } = await call(vendors.POST, "POST", { org: a }, { token: tokens.editor, body: aleph });
      await call(vendor.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { version: 1, notes: "first" } });
      const stale = await call(vendor.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.owner, body: { version: 1, notes: "second" } });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: "CONFLICT", current: { notes: "first", version: 2 } });
      expect((await call(vendor.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.owner, query: "version=1" })).status).toBe(409);
      expect(await db().vendor.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ notes: "first", version: 2 });
    });

    it("answers 404 for another organisation's vendor and changes nothing", async () => {
      const theirs = await buildVendor(db(), w.b.organisation.id, { name: "Theirs" });
      expect((await call(vendor.GET, "GET", { org: a, id: theirs.id }, { token: tokens.owner })).status).toBe(404);
      expect((await call(vendor.PATCH, "PATCH", { org: a, id: theirs.id }, { token: tokens.owner, body: { version: 1, name: "pwned" } })).status).toBe(404);
      expect((await call(vendor.DELETE, "DELETE", { org: a, id: theirs.id }, { token: tokens.owner, query: "version=1" })).status).toBe(404);
      expect((await call(vendor.GET, "GET", { org: a, id: "not-a-uuid" }, { token: tokens.owner })).status).toBe(404);
      // A's token cannot reach B's URL either.
      expect((await call(vendors.GET, "GET", { org: w.b.organisation.slug }, { token: tokens.owner })).status).toBe(404);
      expect(await db().vendor.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: "Theirs", version: 1 });
    });

    it("refuses a viewer's or analyst's writes with 403 and changes nothing", async () => {
      const mine = await buildVendor(db(), w.a.organisation.id, { name: "Mine" });
      for (const role of ["viewer", "analyst"] as const) {
        expect((await call(vendors.POST, "POST", { org: a }, { token: tokens[role], body: aleph })).status).toBe(403);
        expect((await call(vendor.PATCH, "PATCH", { org: a, id: mine.id }, { token: tokens[role], body: { version: 1, name: "x" } })).status).toBe(403);
        expect((await call(vendor.DELETE, "DELETE", { org: a, id: mine.id }, { token: tokens[role], query: "version=1" })).status).toBe(403);
      }
      expect(await db().vendor.findMany({ where: { organisationId: w.a.organisation.id }, select: { name: true, version: true } })).toEqual([{ name: "Mine", version: 1 }]);
    });

    it("a catalogue fact changed without the organisation's own source is a validation error; with one it saves", async () => {
      const added = await addVendorFromCatalogue(w.ctx(w.a, "editor"), { catalogueKey: "mistral" });
      const id = added.vendor.id;
      const refused = await call(vendor.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 1, hqCountry: "DE" } });
      expect(refused.status).toBe(422);
      expect(refused.json.error.fields).toEqual({ source: [expect.stringMatching(/^Give your own source: your hq country differs from the catalogue/)] });
      const repeated = await call(vendor.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 1, hqCountry: "DE", source: catalogueVendor("mistral")!.source } });
      expect(repeated.status).toBe(422);
      // An unrelated change needs no source.
      expect((await call(vendor.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 1, notes: "Main EU supplier" } })).status).toBe(200);
      const saved = await call(vendor.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 2, hqCountry: "DE", source: "Our due diligence, 2026" } });
      expect(saved.json).toMatchObject({ hqCountry: "DE", source: "Our due diligence, 2026", catalogueKey: "mistral", version: 3 });
    });
  });

  describe("models", () => {
    let vendorId: string;
    beforeEach(async () => {
      vendorId = (await buildVendor(db(), w.a.organisation.id, { name: "Aleph Alpha" })).id;
    });

    it("creates under a vendor, lists (filtered by vendor), reads, changes only the fields sent, and deletes with what goes with it", async () => {
      const created = await call(models.POST, "POST", { org: a }, { token: tokens.editor, body: { ...luminous, vendorId } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({
        id: expect.any(String),
        vendorId,
        ...luminous,
        offeredAccessPaths: [{ path: "direct_api" }, { path: "cloud_marketplace", cloud: "stackit", regions: ["eu01"] }],
        catalogueKey: null,
        licenceRestrictions: null,
        trainingCompute: "unknown",
        source: null,
        sourceAsOf: null,
        version: 1,
      });
      expect(created.headers.get("location")).toBe(`/api/v1/orgs/${a}/models/${created.json.id}`);
      const otherVendor = await buildVendor(db(), w.a.organisation.id);
      await buildModel(db(), w.a.organisation.id, otherVendor.id, { name: "Another" });

      expect((await call(models.GET, "GET", { org: a }, { token: tokens.viewer })).json).toMatchObject({ total: 2 });
      const filtered = await call(models.GET, "GET", { org: a }, { token: tokens.viewer, query: `vendorId=${vendorId}` });
      expect(filtered.json).toMatchObject({ total: 1, items: [{ name: "Luminous" }] });

      const id = created.json.id;
      expect((await call(model.GET, "GET", { org: a, id }, { token: tokens.viewer })).json).toEqual(created.json);
      const patched = await call(model.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 1, licence: "Commercial", offeredAccessPaths: ["cloud_marketplace"] } });
      expect(patched.status).toBe(200);
      // The path sent alone kept its stored cloud and regions; direct_api, not sent, went.
      expect(patched.json).toEqual({ ...created.json, licence: "Commercial", offeredAccessPaths: [{ path: "cloud_marketplace", cloud: "stackit", regions: ["eu01"] }], version: 2 });

      const system = await buildAiSystem(db(), w.a.organisation.id);
      await buildDependency(db(), w.a.organisation.id, system.id, id);
      expect((await call(model.DELETE, "DELETE", { org: a, id }, { token: tokens.editor, query: "version=2" })).status).toBe(204);
      expect((await call(model.GET, "GET", { org: a, id }, { token: tokens.viewer })).status).toBe(404);
      expect(await db().dependency.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    });

    it("refuses an invalid body with 422 listing every field", async () => {
      const res = await call(models.POST, "POST", { org: a }, { token: tokens.editor, body: { vendorId: "x", name: "", weights: "ajar", offeredAccessPaths: ["carrier_pigeon"], trainingCompute: 1 } });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json.error.fields).sort()).toEqual(["family", "licence", "name", "offeredAccessPaths.0", "trainingCompute", "vendorId", "weights"]);
      const mine = await buildModel(db(), w.a.organisation.id, vendorId);
      const moved = await call(model.PATCH, "PATCH", { org: a, id: mine.id }, { token: tokens.editor, body: { version: 1, vendorId, licence: "" } });
      expect(Object.keys(moved.json.error.fields).sort()).toEqual(["$", "licence"]);
      expect(await db().model.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);
    });

    it("refuses a stale version with 409 and the model as it stands", async () => {
      const { json: created } = await call(models.POST, "POST", { org: a }, { token: tokens.editor, body: { ...luminous, vendorId } });
      await call(model.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { version: 1, family: "luminous-2" } });
      const stale = await call(model.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.owner, body: { version: 1, licence: "MIT" } });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: "CONFLICT", current: { family: "luminous-2", licence: "proprietary", version: 2 } });
      expect((await call(model.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.owner, query: "version=1" })).status).toBe(409);
    });

    it("answers 404 for another organisation's model, for its vendor in the body and in the filter, and changes nothing", async () => {
      const theirVendor = await buildVendor(db(), w.b.organisation.id);
      const theirs = await buildModel(db(), w.b.organisation.id, theirVendor.id, { name: "Theirs" });
      expect((await call(model.GET, "GET", { org: a, id: theirs.id }, { token: tokens.owner })).status).toBe(404);
      expect((await call(model.PATCH, "PATCH", { org: a, id: theirs.id }, { token: tokens.owner, body: { version: 1, name: "pwned" } })).status).toBe(404);
      expect((await call(model.DELETE, "DELETE", { org: a, id: theirs.id }, { token: tokens.owner, query: "version=1" })).status).toBe(404);
      const intoTheirs = await call(models.POST, "POST", { org: a }, { token: tokens.owner, body: { ...luminous, vendorId: theirVendor.id } });
      expect(intoTheirs.status).toBe(404);
      expect(intoTheirs.json.error.message).toBe("Vendor not found");
      const filtered = await call(models.GET, "GET", { org: a }, { token: tokens.owner, query: `vendorId=${theirVendor.id}` });
      expect(filtered.status).toBe(404);
      expect(await db().model.findMany({ where: { vendorId: theirVendor.id }, select: { name: true, version: true } })).toEqual([{ name: "Theirs", version: 1 }]);
    });

    it("refuses a viewer's or analyst's writes with 403 and changes nothing", async () => {
      const mine = await buildModel(db(), w.a.organisation.id, vendorId, { name: "Mine" });
      for (const role of ["viewer", "analyst"] as const) {
        expect((await call(models.POST, "POST", { org: a }, { token: tokens[role], body: { ...luminous, vendorId } })).status).toBe(403);
        expect((await call(model.PATCH, "PATCH", { org: a, id: mine.id }, { token: tokens[role], body: { version: 1, name: "x" } })).status).toBe(403);
        expect((await call(model.DELETE, "DELETE", { org: a, id: mine.id }, { token: tokens[role], query: "version=1" })).status).toBe(403);
      }
      expect(await db().model.findMany({ where: { organisationId: w.a.organisation.id }, select: { name: true, version: true } })).toEqual([{ name: "Mine", version: 1 }]);
    });

    it("a catalogue model's fact changed without the organisation's own source is a validation error; with one it saves", async () => {
      const added = await addVendorFromCatalogue(w.ctx(w.a, "editor"), { catalogueKey: "mistral", modelKeys: ["mistral-open"] });
      const id = added.addedModels[0]!.id;
      const refused = await call(model.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 1, weights: "closed" } });
      expect(refused.status).toBe(422);
      expect(refused.json.error.fields).toEqual({ source: [expect.stringMatching(/^Give your own source: your weights differs from the catalogue/)] });
      const saved = await call(model.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { version: 1, weights: "closed", source: "Our licence review" } });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ weights: "closed", source: "Our licence review", catalogueKey: "mistral-open", version: 2 });
      // The catalogue's offerings with their clouds are untouched by an edit that did not send them.
      expect(saved.json.offeredAccessPaths).toEqual(catalogueModel("mistral-open")!.offeredAccessPaths);
    });
  });

  it("documents the vendor and model operations in the OpenAPI document", async () => {
    const doc = (await call(openapi.GET as unknown as RouteHandler, "GET", {})).json;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/orgs/{org}/vendors", "/api/v1/orgs/{org}/vendors/{id}", "/api/v1/orgs/{org}/models", "/api/v1/orgs/{org}/models/{id}"]));
    expect(doc.paths["/api/v1/orgs/{org}/models/{id}"].patch.operationId).toBe("updateModel");
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(["Vendors", "Models"]));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["VendorCreate", "VendorUpdate", "Vendor", "ModelCreate", "ModelUpdate", "Model"]));
  });
});
