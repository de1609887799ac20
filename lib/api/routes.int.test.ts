// The public API's route handlers, called as Next calls them (a Request and a params Promise),
// against the real database. Only auth() is replaced, for the session-cookie path.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";
import { buildOffice, buildOrganisationWithMembers } from "@/prisma/factories";
import { seedDemo } from "@/prisma/seed";
import { DEMO_ORG_SLUGS } from "@/prisma/seed-data";
import { parseInventoryDocument } from "@/scoring/parse";
import { contextFor, db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const offices = await import("@/app/api/v1/orgs/[org]/offices/route");
const office = await import("@/app/api/v1/orgs/[org]/offices/[id]/route");
const inventory = await import("@/app/api/v1/orgs/[org]/inventory/route");
const inventoryImport = await import("@/app/api/v1/orgs/[org]/inventory/import/route");
const scores = await import("@/app/api/v1/orgs/[org]/scores/route");
const openapi = await import("@/app/api/v1/openapi.json/route");
const { apiRoute } = await import("@/lib/api/route");
const { errorResponse } = await import("@/lib/api/handler");

const lyon = { name: "Lyon plant", country: "FR", city: "Lyon", headcount: 420, teams: ["Quality", "Maintenance"] };

describe("the public API", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let a: string;
  let b: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    a = w.a.organisation.slug;
    b = w.b.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
  });

  describe("offices", () => {
    it("lists a page at a time, by name, with the total", async () => {
      for (const name of ["C", "A", "B"]) await buildOffice(db(), w.a.organisation.id, { name });
      await buildOffice(db(), w.b.organisation.id, { name: "B's" });
      const first = await call(offices.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=2" });
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toBe("no-store");
      expect(first.headers.get("content-type")).toBe("application/json");
      expect(first.json).toMatchObject({ page: 1, size: 2, total: 3 });
      expect(first.json.items.map((o: { name: string }) => o.name)).toEqual(["A", "B"]);
      expect(Object.keys(first.json.items[0]).sort()).toEqual(["city", "country", "headcount", "id", "name", "teams", "version"]);
      const second = await call(offices.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=2&page=2" });
      expect(second.json.items.map((o: { name: string }) => o.name)).toEqual(["C"]);
    });

    it("refuses page sizes beyond the cap and pages below 1, naming each", async () => {
      const res = await call(offices.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1000&page=0" });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json.error.fields).sort()).toEqual(["page", "size"]);
      // A repeated parameter is one value (the last), never merged into a list.
      const repeated = await call(offices.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1000&size=2" });
      expect(repeated).toMatchObject({ status: 200, json: { size: 2 } });
    });

    it("creates with an editor's token, answers 201 with the office and its URL, and audits the token's creator", async () => {
      const res = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, body: lyon });
      expect(res.status).toBe(201);
      expect(res.json).toEqual({ id: expect.any(String), ...lyon, version: 1 });
      expect(res.headers.get("location")).toBe(`/api/v1/orgs/${a}/offices/${res.json.id}`);
      const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: res.json.id } });
      expect(event).toMatchObject({ organisationId: w.a.organisation.id, action: "create", actorId: w.a.users.owner.id });
    });

    it("refuses a viewer's or analyst's token with 403 and creates nothing", async () => {
      for (const role of ["viewer", "analyst"] as const) {
        const res = await call(offices.POST, "POST", { org: a }, { token: tokens[role], body: lyon });
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe("FORBIDDEN");
      }
      expect(await db().office.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    });

    it("refuses an invalid body with 422 listing every field", async () => {
      const res = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, body: { name: "", country: "XX", headcount: -3, teams: [1], colour: "red" } });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe("INVALID_INPUT");
      expect(Object.keys(res.json.error.fields).sort()).toEqual(["$", "city", "country", "headcount", "name", "teams.0"]);
      expect(res.json.error.fields.$[0]).toContain("colour");
    });

    it("refuses a duplicate name as a field error", async () => {
      await call(offices.POST, "POST", { org: a }, { token: tokens.editor, body: lyon });
      const res = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, body: lyon });
      expect(res.status).toBe(422);
      expect(res.json.error.fields).toEqual({ name: [expect.any(String)] });
    });

    it("refuses malformed JSON (400), a body that is not JSON (415) and a body over the limit (413)", async () => {
      const malformed = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, raw: '{"name": "Lyon",' });
      expect(malformed.status).toBe(400);
      expect(malformed.json.error.code).toBe("MALFORMED_JSON");
      const empty = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, raw: "" });
      expect(empty.status).toBe(400);
      const form = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, raw: "name=Lyon", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(form.status).toBe(415);
      // Nor any other type a cross-site form can send without a preflight, with a token or with the session cookie.
      for (const type of ["text/plain", "multipart/form-data; boundary=x", "text/plain; charset=utf-8"]) {
        const res = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, raw: JSON.stringify(lyon), headers: { "content-type": type } });
        expect(res.status, type).toBe(415);
        expect(res.json.error.code, type).toBe("UNSUPPORTED_MEDIA_TYPE");
      }
      session.userId = w.a.users.editor.id;
      expect((await call(offices.POST, "POST", { org: a }, { raw: JSON.stringify(lyon), headers: { "content-type": "text/plain" } })).status).toBe(415);
      session.userId = null;
      expect(await db().office.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
      const huge = JSON.stringify({ ...lyon, name: "x".repeat(2 * 1024 * 1024) });
      const declared = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, raw: huge, headers: { "content-length": String(huge.length) } });
      expect(declared.status).toBe(413);
      // Without a (truthful) Content-Length the body is counted while it is read.
      const streamed = await call(offices.POST, "POST", { org: a }, { token: tokens.editor, raw: huge, headers: { "content-length": "10" } });
      expect(streamed.status).toBe(413);
      expect(streamed.json.error.code).toBe("PAYLOAD_TOO_LARGE");
    });

    it("gets one office; another organisation's office and a malformed id are 404", async () => {
      const mine = await buildOffice(db(), w.a.organisation.id, { name: "Mine" });
      const theirs = await buildOffice(db(), w.b.organisation.id, { name: "Theirs" });
      expect(await call(office.GET, "GET", { org: a, id: mine.id }, { token: tokens.viewer })).toMatchObject({ status: 200, json: { id: mine.id, name: "Mine", version: 1 } });
      expect((await call(office.GET, "GET", { org: a, id: theirs.id }, { token: tokens.viewer })).status).toBe(404);
      expect((await call(office.GET, "GET", { org: a, id: "not-a-uuid" }, { token: tokens.viewer })).status).toBe(404);
    });

    it("changes only the fields sent, and refuses a stale version with 409 and the current office", async () => {
      const created = (await call(offices.POST, "POST", { org: a }, { token: tokens.editor, body: lyon })).json;
      const changed = await call(office.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { headcount: 450, version: 1 } });
      expect(changed).toMatchObject({ status: 200, json: { ...lyon, headcount: 450, version: 2 } });
      const stale = await call(office.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.owner, body: { city: "Villeurbanne", version: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: "CONFLICT", current: { id: created.id, city: "Lyon", headcount: 450, version: 2 } });
      const noVersion = await call(office.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { city: "X", headcount: "many" } });
      expect(noVersion.status).toBe(422);
      expect(Object.keys(noVersion.json.error.fields).sort()).toEqual(["headcount", "version"]);
    });

    it("deletes with ?version=; a stale or missing version deletes nothing", async () => {
      const created = (await call(offices.POST, "POST", { org: a }, { token: tokens.editor, body: lyon })).json;
      await call(office.PATCH, "PATCH", { org: a, id: created.id }, { token: tokens.editor, body: { headcount: 1, version: 1 } });
      expect((await call(office.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.editor })).status).toBe(422);
      expect((await call(office.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.editor, query: "version=1" })).status).toBe(409);
      expect((await call(office.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.viewer, query: "version=2" })).status).toBe(403);
      const deleted = await call(office.DELETE, "DELETE", { org: a, id: created.id }, { token: tokens.editor, query: "version=2" });
      expect(deleted).toMatchObject({ status: 204, json: undefined });
      expect(await db().office.count({ where: { id: created.id } })).toBe(0);
    });
  });

  describe("credentials", () => {
    it("refuses no credentials, a malformed header, an unknown and a revoked token with 401", async () => {
      const none = await call(offices.GET, "GET", { org: a });
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toContain("Bearer");
      expect((await call(offices.GET, "GET", { org: a }, { headers: { authorization: "Basic dXNlcjpwdw==" } })).status).toBe(401);
      expect((await call(offices.GET, "GET", { org: a }, { token: "sovra_" + "x".repeat(43) })).status).toBe(401);
      // A token is read from the Authorization header only, never from the address.
      expect((await call(offices.GET, "GET", { org: a }, { query: `token=${tokens.viewer}&access_token=${tokens.viewer}` })).status).toBe(401);
      const revoked = await createApiToken(w.ctx(w.a, "owner"), { name: "old", role: "owner" });
      expect((await call(offices.GET, "GET", { org: a }, { token: revoked.token })).status).toBe(200);
      await revokeApiToken(w.ctx(w.a, "owner"), revoked.id);
      const res = await call(offices.GET, "GET", { org: a }, { token: revoked.token });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("UNAUTHENTICATED");
    });

    it("answers 404 to organisation A's token on organisation B's URL, for reads and writes", async () => {
      const theirs = await buildOffice(db(), w.b.organisation.id);
      expect((await call(offices.GET, "GET", { org: b }, { token: tokens.owner })).status).toBe(404);
      expect((await call(offices.POST, "POST", { org: b }, { token: tokens.owner, body: lyon })).status).toBe(404);
      expect((await call(office.DELETE, "DELETE", { org: b, id: theirs.id }, { token: tokens.owner, query: "version=1" })).status).toBe(404);
      expect((await call(offices.GET, "GET", { org: "no-such-org" }, { token: tokens.owner })).status).toBe(404);
      expect(await db().office.count({ where: { organisationId: w.b.organisation.id } })).toBe(1);
    });

    it("stops a token when its creator leaves the organisation", async () => {
      await db().membership.deleteMany({ where: { organisationId: w.a.organisation.id, userId: w.a.users.owner.id } });
      expect((await call(offices.GET, "GET", { org: a }, { token: tokens.viewer })).status).toBe(401);
    });

    it("notes the token's last use", async () => {
      await call(offices.GET, "GET", { org: a }, { token: tokens.analyst });
      const row = await db().apiToken.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, name: "analyst" } });
      expect(row.lastUsedAt).not.toBeNull();
    });

    it("uses the session when there is no Authorization header: a member with their role, others 404", async () => {
      session.userId = w.a.users.viewer.id;
      expect((await call(offices.GET, "GET", { org: a })).status).toBe(200);
      expect((await call(offices.POST, "POST", { org: a }, { body: lyon })).status).toBe(403);
      expect((await call(offices.GET, "GET", { org: b })).status).toBe(404);
      session.userId = w.a.users.editor.id;
      expect((await call(offices.POST, "POST", { org: a }, { body: lyon })).status).toBe(201);
      // An Authorization header is never ignored in favour of the cookie.
      expect((await call(offices.GET, "GET", { org: a }, { token: "sovra_" + "x".repeat(43) })).status).toBe(401);
    });
  });

  describe("errors", () => {
    it("answer an unexpected error with 500 and a reference that is logged, not the error's message", async () => {
      const log = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      const res = errorResponse(new Error("connection string postgres://secret"), new Request("http://localhost/api/v1/x"));
      const body = await res.json();
      expect(res.status).toBe(500);
      expect(body.error).toMatchObject({ code: "INTERNAL", reference: expect.stringMatching(/^[0-9a-f]{8}$/) });
      expect(JSON.stringify(body)).not.toContain("secret");
      // One structured line on stderr, with the reference and the error for whoever reads the logs.
      const line = String(log.mock.calls[0]?.[0]);
      log.mockRestore();
      expect(line).toContain(body.error.reference);
      expect(line).toContain("api: unexpected error");
      expect(line).toContain("GET /api/v1/x");
    });

    it("answer 500, not 422, when a response fails its own schema", async () => {
      const log = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      const broken = apiRoute(
        { operationId: "broken", method: "GET", path: "/api/v1/broken", tag: "x", summary: "x", permission: "inventory:read", params: z.object({ org: z.string() }), success: { status: 200, description: "x", schema: z.object({ n: z.number() }) } },
        async () => ({ n: "not a number" }) as unknown as { n: number },
      );
      const res = await call(broken, "GET", { org: a }, { token: tokens.viewer });
      expect(res.status).toBe(500);
      expect(res.json.error.code).toBe("INTERNAL");
      log.mockRestore();
    });
  });

  describe("inventory and scores", () => {
    let demo: { slug: string; owner: string; viewer: string };
    beforeAll(async () => {
      await seedDemo(db());
      const organisation = await db().organisation.findUniqueOrThrow({ where: { slug: DEMO_ORG_SLUGS.mainfeld } });
      const owner = await db().membership.findFirstOrThrow({ where: { organisationId: organisation.id, role: "owner" }, select: { userId: true } });
      const ctx = { organisationId: organisation.id, organisationSlug: organisation.slug, organisationName: organisation.name, userId: owner.userId, role: "owner" as const };
      demo = { slug: organisation.slug, owner: (await createApiToken(ctx, { name: "demo owner", role: "owner" })).token, viewer: (await createApiToken(ctx, { name: "demo viewer", role: "viewer" })).token };
    });

    it("exports the inventory document as a download", async () => {
      const res = await call(inventory.GET, "GET", { org: demo.slug }, { token: demo.viewer });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sovra-inventory-mainfeld-\d{4}-\d{2}-\d{2}\.json"$/);
      expect(res.headers.get("x-sovra-skipped-data-flows")).toBe("0");
      const parsed = parseInventoryDocument(res.json);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
      expect(res.json.offices).toHaveLength(await db().office.count({ where: { organisation: { slug: demo.slug } } }));
    });

    it("answers the live score with rating, profile, vendor table and findings", async () => {
      const res = await call(scores.GET, "GET", { org: demo.slug }, { token: demo.viewer, query: "asOf=2026-11-22" });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ ok: true, asOf: "2026-11-22", organisation: { rating: expect.any(String), profile: expect.any(String) } });
      expect(res.json.vendors.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(["OpenAI", "Anthropic"]));
      const vendorScores = res.json.vendors.map((v: { score: number }) => v.score);
      expect(vendorScores).toEqual([...vendorScores].sort((x, y) => x - y));
      expect(res.json.findings.length).toBeGreaterThan(0);
    });

    it("refuses a malformed asOf with 422", async () => {
      const res = await call(scores.GET, "GET", { org: demo.slug }, { token: demo.viewer, query: "asOf=22.11.2026" });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json.error.fields)).toEqual(["asOf"]);
    });

    it("imports: a dry run changes nothing, then the document is applied; a viewer is refused", async () => {
      const document = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../examples/frankfurt-manufacturer.json"), "utf8"));
      const target = w.b.organisation.slug;
      const token = (await createApiToken(w.ctx(w.b, "owner"), { name: "import", role: "editor" })).token;
      const viewer = (await createApiToken(w.ctx(w.b, "owner"), { name: "import viewer", role: "viewer" })).token;
      const counts = () => db().office.count({ where: { organisationId: w.b.organisation.id } });
      const dry = await call(inventoryImport.POST, "POST", { org: target }, { token, body: document, query: "dryRun=true" });
      expect(dry.status).toBe(200);
      expect(dry.json.applied).toBe(false);
      expect(dry.json.plan.totals.create).toBeGreaterThan(0);
      expect(await counts()).toBe(0);
      expect((await call(inventoryImport.POST, "POST", { org: target }, { token: viewer, body: document })).status).toBe(403);
      const applied = await call(inventoryImport.POST, "POST", { org: target }, { token, body: document });
      expect(applied.status).toBe(200);
      expect(applied.json.applied).toBe(true);
      expect(await counts()).toBe(document.offices.length);
    });

    it("round-trips an organisation through the API: its export imports into a new, empty organisation with the same inventory and the same scores", async () => {
      const exported = await call(inventory.GET, "GET", { org: demo.slug }, { token: demo.viewer });
      expect(exported.status).toBe(200);
      const fresh = await buildOrganisationWithMembers(db());
      const ctx = contextFor(fresh.organisation, fresh.users.owner.id, "owner");
      const token = (await createApiToken(ctx, { name: "restore", role: "editor" })).token;
      const viewer = (await createApiToken(ctx, { name: "restore check", role: "viewer" })).token;
      const applied = await call(inventoryImport.POST, "POST", { org: fresh.organisation.slug }, { token, body: exported.json });
      expect(applied.status).toBe(200);
      expect(applied.json.applied).toBe(true);

      // The new organisation's own export: the same rows (its organisation block is its own). The
      // document gives a data flow no name of its own (decision 031): the import names flows by
      // their route, so flows compare by what they carry, not by key or order.
      const again = await call(inventory.GET, "GET", { org: fresh.organisation.slug }, { token: viewer });
      const flows = (list: { key: string }[]) => list.map(({ key: _key, ...f }) => JSON.stringify(f)).sort();
      const rows = (doc: { dataFlows: { key: string }[] }) => ({ ...doc, organisation: undefined, dataFlows: flows(doc.dataFlows) });
      expect(again.json.dataFlows.length).toBeGreaterThan(3);
      expect(rows(again.json)).toEqual(rows(exported.json));
      expect(again.json.organisation.key).not.toBe(exported.json.organisation.key);

      // The same score for every system, vendor and the organisation on the same day.
      const asOf = "asOf=2026-11-22";
      const [before, after] = await Promise.all([call(scores.GET, "GET", { org: demo.slug }, { token: demo.viewer, query: asOf }), call(scores.GET, "GET", { org: fresh.organisation.slug }, { token: viewer, query: asOf })]);
      expect(after.json.organisation.score).toBe(before.json.organisation.score);
      const byName = (list: { name: string; score: number }[]) => Object.fromEntries(list.map((x) => [x.name, x.score]));
      expect(byName(after.json.vendors)).toEqual(byName(before.json.vendors));
      expect(Object.keys(byName(after.json.vendors)).length).toBeGreaterThan(5);
    });

    it("refuses a document with problems, listing each by JSON path, and imports nothing", async () => {
      const document = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../examples/frankfurt-manufacturer.json"), "utf8"));
      document.offices[0].country = "XX";
      document.dependencies[0].model = "no-such-model";
      const token = (await createApiToken(w.ctx(w.b, "owner"), { name: "import", role: "editor" })).token;
      const res = await call(inventoryImport.POST, "POST", { org: w.b.organisation.slug }, { token, body: document });
      expect(res.status).toBe(422);
      expect(Object.keys(res.json.error.fields)).toEqual(expect.arrayContaining(["$.offices[0].country"]));
      expect(Object.keys(res.json.error.fields).length).toBeGreaterThanOrEqual(2);
      expect(await db().office.count({ where: { organisationId: w.b.organisation.id } })).toBe(0);
      const badQuery = await call(inventoryImport.POST, "POST", { org: w.b.organisation.slug }, { token, body: document, query: "dryRun=maybe" });
      expect(badQuery.status).toBe(422);
    });
  });

  it("serves the OpenAPI document without credentials", async () => {
    const res = await openapi.GET();
    expect(res.status).toBe(200);
    expect((await res.json()).openapi).toBe("3.1.0");
  });
});
