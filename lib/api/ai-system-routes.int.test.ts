// The public API's AI system, dependency and fallback routes, called as Next calls them, against
// the real database. Only auth() is replaced, for the session-cookie path.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { buildOffice } from "@/prisma/factories";
import { buildAiSystem, buildDependency, buildFallback, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const systems = await import("@/app/api/v1/orgs/[org]/ai-systems/route");
const system = await import("@/app/api/v1/orgs/[org]/ai-systems/[id]/route");
const dependencies = await import("@/app/api/v1/orgs/[org]/dependencies/route");
const dependency = await import("@/app/api/v1/orgs/[org]/dependencies/[id]/route");
const fallbacks = await import("@/app/api/v1/orgs/[org]/fallbacks/route");
const fallback = await import("@/app/api/v1/orgs/[org]/fallbacks/[id]/route");

const fieldsOf = (res: { json: { error: { fields?: Record<string, string[]> } } }) => Object.keys(res.json.error.fields ?? {}).sort();

describe("the public API: AI systems, dependencies and fallbacks", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let a: string;
  let inv: Awaited<ReturnType<typeof inventory>>;

  async function inventory() {
    const org = w.a.organisation.id;
    const office = await buildOffice(db(), org, { name: "Frankfurt HQ", country: "DE" });
    const openai = await buildVendor(db(), org, { name: "OpenAI", hqCountry: "US" });
    const aws = await buildVendor(db(), org, { name: "AWS", hqCountry: "US", vendorType: "hyperscaler" });
    const meta = await buildVendor(db(), org, { name: "Meta", hqCountry: "US", vendorType: "open_weight_publisher" });
    const gpt = await buildModel(db(), org, openai.id, { name: "GPT-4.1" });
    const llama = await buildModel(db(), org, meta.id, { name: "Llama 3.3 70B", weights: "open", family: "Llama" });
    const bOrg = w.b.organisation.id;
    const theirOffice = await buildOffice(db(), bOrg, { name: "B's office" });
    const theirVendor = await buildVendor(db(), bOrg, { name: "B's cloud" });
    const theirModel = await buildModel(db(), bOrg, theirVendor.id, { name: "B's model" });
    const theirSystem = await buildAiSystem(db(), bOrg, { name: "B's system" });
    const theirDependency = await buildDependency(db(), bOrg, theirSystem.id, theirModel.id, { accessPath: "direct_api" });
    const theirFallback = await buildFallback(db(), bOrg, theirDependency.id, theirModel.id, { accessPath: "self_hosted" });
    return { office, openai, aws, gpt, llama, theirOffice, theirVendor, theirModel, theirSystem, theirDependency, theirFallback };
  }

  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    a = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    inv = await inventory();
  });

  const newSystem = async (extra: object = {}) => {
    const res = await call(systems.POST, "POST", { org: a }, { token: tokens.editor, body: { name: "Support bot", owner: "Customer service", criticality: "high", toleratedDowntimeMinutes: 240, officeIds: [inv.office.id], ...extra } });
    expect(res.status).toBe(201);
    return res.json as { id: string; version: number };
  };
  const newDependency = async (aiSystemId: string) => {
    const res = await call(dependencies.POST, "POST", { org: a }, { token: tokens.editor, body: { aiSystemId, modelId: inv.gpt.id, accessPath: "direct_api", dataSent: ["internal"] } });
    expect(res.status).toBe(201);
    return res.json as { id: string; version: number };
  };
  const newFallback = async (dependencyId: string) => {
    const res = await call(fallbacks.POST, "POST", { org: a }, { token: tokens.editor, body: { dependencyId, modelId: inv.llama.id, accessPath: "self_hosted", hostingCountry: "DE", switchTimeMinutes: 30 } });
    expect(res.status).toBe(201);
    return res.json as { id: string; version: number };
  };

  describe("AI systems", () => {
    it("creates, lists by name a page at a time, gets, changes only the fields sent, and deletes with the version", async () => {
      const created = await call(systems.POST, "POST", { org: a }, { token: tokens.editor, body: { name: "Support bot", owner: "Customer service", criticality: "high", toleratedDowntimeMinutes: 240, officeIds: [inv.office.id], teams: ["Support"] } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({
        id: expect.any(String),
        name: "Support bot",
        description: "",
        owner: "Customer service",
        criticality: "high",
        toleratedDowntimeMinutes: 240,
        usersServed: 0,
        teams: ["Support"],
        officeIds: [inv.office.id],
        version: 1,
      });
      expect(created.headers.get("location")).toBe(`/api/v1/orgs/${a}/ai-systems/${created.json.id}`);
      await buildAiSystem(db(), w.a.organisation.id, { name: "Accounting copilot" });

      const page = await call(systems.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1" });
      expect(page.json).toMatchObject({ page: 1, size: 1, total: 2, items: [{ name: "Accounting copilot" }] });
      const second = await call(systems.GET, "GET", { org: a }, { token: tokens.viewer, query: "size=1&page=2" });
      expect(second.json.items.map((s: { name: string }) => s.name)).toEqual(["Support bot"]);

      const id = created.json.id as string;
      expect((await call(system.GET, "GET", { org: a, id }, { token: tokens.viewer })).json).toEqual(created.json);
      const patched = await call(system.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { criticality: "critical", version: 1 } });
      expect(patched.status).toBe(200);
      expect(patched.json).toEqual({ ...created.json, criticality: "critical", version: 2 });

      expect((await call(system.DELETE, "DELETE", { org: a, id }, { token: tokens.editor, query: "version=1" })).status).toBe(409);
      expect((await call(system.DELETE, "DELETE", { org: a, id }, { token: tokens.editor, query: "version=2" })).status).toBe(204);
      expect((await call(system.GET, "GET", { org: a, id }, { token: tokens.viewer })).status).toBe(404);
    });

    it("lists every invalid field at once, and refuses unknown fields", async () => {
      const res = await call(systems.POST, "POST", { org: a }, { token: tokens.editor, body: { name: "", criticality: "extreme", toleratedDowntimeMinutes: -1, officeIds: ["x"], usersServed: "12", colour: "red" } });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe("INVALID_INPUT");
      expect(fieldsOf(res)).toEqual(["$", "criticality", "name", "officeIds.0", "owner", "toleratedDowntimeMinutes", "usersServed"]);
    });

    it("answers a stale version with 409 and the system as it stands", async () => {
      const { id } = await newSystem();
      await call(system.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { owner: "Head of support", version: 1 } });
      const stale = await call(system.PATCH, "PATCH", { org: a, id }, { token: tokens.owner, body: { name: "Renamed", version: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: "CONFLICT", current: { owner: "Head of support", version: 2 } });
      expect((await db().aiSystem.findUniqueOrThrow({ where: { id } })).name).toBe("Support bot");
    });

    it("answers another organisation's system and office ids with 404, and changes nothing", async () => {
      const theirs = inv.theirSystem.id;
      expect((await call(system.GET, "GET", { org: a, id: theirs }, { token: tokens.viewer })).status).toBe(404);
      expect((await call(system.PATCH, "PATCH", { org: a, id: theirs }, { token: tokens.editor, body: { name: "pwned", version: 1 } })).status).toBe(404);
      expect((await call(system.DELETE, "DELETE", { org: a, id: theirs }, { token: tokens.editor, query: "version=1" })).status).toBe(404);
      const foreignOffice = await call(systems.POST, "POST", { org: a }, { token: tokens.editor, body: { name: "Linked", owner: "x", criticality: "low", toleratedDowntimeMinutes: 60, officeIds: [inv.theirOffice.id] } });
      expect(foreignOffice.status).toBe(404);
      expect(foreignOffice.json.error.code).toBe("NOT_FOUND");
      const { id } = await newSystem();
      expect((await call(system.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { officeIds: [inv.theirOffice.id], version: 1 } })).status).toBe(404);
      expect(await db().aiSystem.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({ name: "B's system", version: 1 });
      expect(await db().aiSystemOffice.count({ where: { officeId: inv.theirOffice.id } })).toBe(0);
      expect(await db().aiSystem.count({ where: { organisationId: w.a.organisation.id, name: "Linked" } })).toBe(0);
    });
  });

  describe("dependencies", () => {
    it("creates, lists (all or one system's), gets, changes only the fields sent, and deletes", async () => {
      const support = await newSystem();
      const other = await newSystem({ name: "Other bot", officeIds: [] });
      const created = await call(dependencies.POST, "POST", { org: a }, { token: tokens.editor, body: { aiSystemId: support.id, modelId: inv.gpt.id, accessPath: "direct_api", dataSent: ["internal", "personal"], notes: " Enterprise agreement " } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({
        id: expect.any(String),
        aiSystemId: support.id,
        modelId: inv.gpt.id,
        accessPath: "direct_api",
        cloudVendorId: null,
        hostingCountry: null,
        hostingRegion: null,
        dataSent: ["internal", "personal"],
        exitPlanDocumented: false,
        exitPlanLastReviewed: null,
        contractDataResidency: null,
        contractExitTerms: null,
        notes: "Enterprise agreement",
        version: 1,
      });
      expect(created.headers.get("location")).toBe(`/api/v1/orgs/${a}/dependencies/${created.json.id}`);
      await newDependency(other.id);

      expect((await call(dependencies.GET, "GET", { org: a }, { token: tokens.viewer })).json).toMatchObject({ total: 2 });
      const ofSupport = await call(dependencies.GET, "GET", { org: a }, { token: tokens.viewer, query: `aiSystemId=${support.id}` });
      expect(ofSupport.json).toMatchObject({ total: 1, items: [{ id: created.json.id }] });

      const id = created.json.id as string;
      expect((await call(dependency.GET, "GET", { org: a, id }, { token: tokens.viewer })).json).toEqual(created.json);
      const moved = await call(dependency.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { accessPath: "cloud_marketplace", cloudVendorId: inv.aws.id, hostingCountry: "de", exitPlanLastReviewed: "2026-11-01", contractExitTerms: true, version: 1 } });
      expect(moved.status).toBe(200);
      expect(moved.json).toEqual({ ...created.json, accessPath: "cloud_marketplace", cloudVendorId: inv.aws.id, hostingCountry: "DE", exitPlanLastReviewed: "2026-11-01", contractExitTerms: true, version: 2 });
      const cleared = await call(dependency.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { notes: null, version: 2 } });
      expect(cleared.json).toMatchObject({ notes: null, accessPath: "cloud_marketplace", dataSent: ["internal", "personal"], version: 3 });

      expect((await call(dependency.DELETE, "DELETE", { org: a, id }, { token: tokens.editor, query: "version=3" })).status).toBe(204);
      expect((await call(dependency.GET, "GET", { org: a, id }, { token: tokens.viewer })).status).toBe(404);
    });

    it("lists every invalid field, including the cloud rule on a PATCH's merged row", async () => {
      const { id: aiSystemId } = await newSystem();
      const bad = await call(dependencies.POST, "POST", { org: a }, { token: tokens.editor, body: { aiSystemId: "nope", modelId: 5, accessPath: "carrier_pigeon", dataSent: ["gossip"], exitPlanDocumented: "on", hostingCountry: "XX", notes: "x".repeat(2001) } });
      expect(bad.status).toBe(422);
      expect(fieldsOf(bad)).toEqual(["accessPath", "aiSystemId", "dataSent.0", "exitPlanDocumented", "hostingCountry", "modelId", "notes"]);
      const noCloud = await call(dependencies.POST, "POST", { org: a }, { token: tokens.editor, body: { aiSystemId, modelId: inv.gpt.id, accessPath: "third_party_hosted" } });
      expect(noCloud.status).toBe(422);
      expect(fieldsOf(noCloud)).toEqual(["cloudVendorId", "hostingCountry"]);
      const { id } = await newDependency(aiSystemId);
      const patch = await call(dependency.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { accessPath: "cloud_marketplace", version: 1 } });
      expect(patch.status).toBe(422);
      expect(fieldsOf(patch)).toEqual(["cloudVendorId", "hostingCountry"]);
      const duplicate = await call(dependencies.POST, "POST", { org: a }, { token: tokens.editor, body: { aiSystemId, modelId: inv.gpt.id, accessPath: "direct_api" } });
      expect(duplicate.status).toBe(422);
      expect(fieldsOf(duplicate)).toEqual(["modelId"]);
    });

    it("answers a stale version with 409, naming what changed, and the dependency as it stands", async () => {
      const { id: aiSystemId } = await newSystem();
      const { id } = await newDependency(aiSystemId);
      await call(dependency.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { notes: "Reviewed", version: 1 } });
      const stale = await call(dependency.PATCH, "PATCH", { org: a, id }, { token: tokens.owner, body: { exitPlanDocumented: true, version: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: "CONFLICT", current: { notes: "Reviewed", version: 2 } });
      expect(stale.json.error.message).toContain("Changed meanwhile: Notes.");
      expect((await call(dependency.DELETE, "DELETE", { org: a, id }, { token: tokens.editor, query: "version=1" })).status).toBe(409);
    });

    it("answers another organisation's ids with 404: in the path, in the body and in the filter", async () => {
      const { id: aiSystemId } = await newSystem();
      const theirs = inv.theirDependency.id;
      expect((await call(dependency.GET, "GET", { org: a, id: theirs }, { token: tokens.viewer })).status).toBe(404);
      expect((await call(dependency.PATCH, "PATCH", { org: a, id: theirs }, { token: tokens.editor, body: { notes: "pwned", version: 1 } })).status).toBe(404);
      expect((await call(dependency.DELETE, "DELETE", { org: a, id: theirs }, { token: tokens.editor, query: "version=1" })).status).toBe(404);
      const filter = await call(dependencies.GET, "GET", { org: a }, { token: tokens.viewer, query: `aiSystemId=${inv.theirSystem.id}` });
      expect(filter.status).toBe(404);
      expect(filter.json.error.code).toBe("NOT_FOUND");

      const body = { aiSystemId, modelId: inv.gpt.id, accessPath: "direct_api" };
      for (const foreign of [{ aiSystemId: inv.theirSystem.id }, { modelId: inv.theirModel.id }, { accessPath: "cloud_marketplace", cloudVendorId: inv.theirVendor.id, hostingCountry: "DE" }]) {
        const res = await call(dependencies.POST, "POST", { org: a }, { token: tokens.editor, body: { ...body, ...foreign } });
        expect({ foreign, status: res.status, code: res.json.error.code }).toEqual({ foreign, status: 404, code: "NOT_FOUND" });
      }
      const { id } = await newDependency(aiSystemId);
      expect((await call(dependency.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { modelId: inv.theirModel.id, version: 1 } })).status).toBe(404);
      expect((await call(dependency.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { accessPath: "third_party_hosted", cloudVendorId: inv.theirVendor.id, hostingCountry: "DE", version: 1 } })).status).toBe(404);
      expect(await db().dependency.findUniqueOrThrow({ where: { id } })).toMatchObject({ modelId: inv.gpt.id, version: 1 });
      expect(await db().dependency.count({ where: { organisationId: w.b.organisation.id } })).toBe(1);
      expect(await db().dependency.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({ notes: null, version: 1 });
    });
  });

  describe("fallbacks", () => {
    it("creates, lists (all or one dependency's), gets, changes only the fields sent, and deletes", async () => {
      const { id: aiSystemId } = await newSystem();
      const primary = await newDependency(aiSystemId);
      const created = await call(fallbacks.POST, "POST", { org: a }, {
        token: tokens.editor,
        body: { dependencyId: primary.id, modelId: inv.llama.id, accessPath: "self_hosted", hostingCountry: "DE", lastTestedAt: "2026-11-20", switchTimeMinutes: 30, qualityParityChecked: true, exitPlanUrl: "https://wiki.example.com/exit" },
      });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({
        id: expect.any(String),
        dependencyId: primary.id,
        modelId: inv.llama.id,
        accessPath: "self_hosted",
        cloudVendorId: null,
        hostingCountry: "DE",
        hostingRegion: null,
        lastTestedAt: "2026-11-20",
        switchTimeMinutes: 30,
        qualityParityChecked: true,
        exitPlan: null,
        exitPlanUrl: "https://wiki.example.com/exit",
        version: 1,
      });
      const secondSystem = await newSystem({ name: "Second", officeIds: [] });
      await newFallback((await newDependency(secondSystem.id)).id);
      expect((await call(fallbacks.GET, "GET", { org: a }, { token: tokens.viewer })).json).toMatchObject({ total: 2 });
      expect((await call(fallbacks.GET, "GET", { org: a }, { token: tokens.viewer, query: `dependencyId=${primary.id}` })).json).toMatchObject({ total: 1, items: [{ id: created.json.id }] });

      const id = created.json.id as string;
      expect((await call(fallback.GET, "GET", { org: a, id }, { token: tokens.viewer })).json).toEqual(created.json);
      const drilled = await call(fallback.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { lastTestedAt: "2026-11-28", exitPlan: "Flip the gateway", version: 1 } });
      expect(drilled.json).toEqual({ ...created.json, lastTestedAt: "2026-11-28", exitPlan: "Flip the gateway", version: 2 });
      expect((await call(fallback.DELETE, "DELETE", { org: a, id }, { token: tokens.editor, query: "version=2" })).status).toBe(204);
      expect(await db().fallback.count({ where: { id } })).toBe(0);
    });

    it("lists every invalid field, refuses a non-http exit plan link, and answers a stale version with 409", async () => {
      const { id: aiSystemId } = await newSystem();
      const { id: dependencyId } = await newDependency(aiSystemId);
      const bad = await call(fallbacks.POST, "POST", { org: a }, { token: tokens.editor, body: { dependencyId, modelId: inv.llama.id, accessPath: "self_hosted", switchTimeMinutes: true, lastTestedAt: "yesterday", exitPlanUrl: "javascript:alert(1)", qualityParityChecked: null } });
      expect(bad.status).toBe(422);
      expect(fieldsOf(bad)).toEqual(["exitPlanUrl", "lastTestedAt", "qualityParityChecked", "switchTimeMinutes"]);
      const { id } = await newFallback(dependencyId);
      await call(fallback.PATCH, "PATCH", { org: a, id }, { token: tokens.editor, body: { lastTestedAt: "2026-11-28", version: 1 } });
      const stale = await call(fallback.PATCH, "PATCH", { org: a, id }, { token: tokens.owner, body: { switchTimeMinutes: 10, version: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: "CONFLICT", current: { switchTimeMinutes: 30, version: 2 } });
      expect(stale.json.error.message).toContain("Changed meanwhile: Last drill.");
    });

    it("answers another organisation's ids with 404: in the path, in the body and in the filter", async () => {
      const { id: aiSystemId } = await newSystem();
      const { id: dependencyId } = await newDependency(aiSystemId);
      const theirs = inv.theirFallback.id;
      expect((await call(fallback.GET, "GET", { org: a, id: theirs }, { token: tokens.viewer })).status).toBe(404);
      expect((await call(fallback.PATCH, "PATCH", { org: a, id: theirs }, { token: tokens.editor, body: { exitPlan: "pwned", version: 1 } })).status).toBe(404);
      expect((await call(fallback.DELETE, "DELETE", { org: a, id: theirs }, { token: tokens.editor, query: "version=1" })).status).toBe(404);
      expect((await call(fallbacks.GET, "GET", { org: a }, { token: tokens.viewer, query: `dependencyId=${inv.theirDependency.id}` })).status).toBe(404);
      const body = { dependencyId, modelId: inv.llama.id, accessPath: "self_hosted" };
      for (const foreign of [{ dependencyId: inv.theirDependency.id }, { modelId: inv.theirModel.id }, { accessPath: "third_party_hosted", cloudVendorId: inv.theirVendor.id, hostingCountry: "DE" }]) {
        const res = await call(fallbacks.POST, "POST", { org: a }, { token: tokens.editor, body: { ...body, ...foreign } });
        expect({ foreign, status: res.status, code: res.json.error.code }).toEqual({ foreign, status: 404, code: "NOT_FOUND" });
      }
      expect(await db().fallback.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
      expect(await db().fallback.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({ exitPlan: null, version: 1 });
    });
  });

  describe("authentication and roles", () => {
    it("lets viewers and analysts read but not write (403), and writes nothing", async () => {
      const { id: aiSystemId } = await newSystem();
      const { id: dependencyId } = await newDependency(aiSystemId);
      const { id: fallbackId } = await newFallback(dependencyId);
      for (const role of ["viewer", "analyst"] as const) {
        const token = tokens[role];
        expect((await call(systems.GET, "GET", { org: a }, { token })).status).toBe(200);
        expect((await call(dependencies.GET, "GET", { org: a }, { token })).status).toBe(200);
        expect((await call(fallback.GET, "GET", { org: a, id: fallbackId }, { token })).status).toBe(200);
        const writes = [
          await call(systems.POST, "POST", { org: a }, { token, body: { name: "No", owner: "x", criticality: "low", toleratedDowntimeMinutes: 60 } }),
          await call(system.PATCH, "PATCH", { org: a, id: aiSystemId }, { token, body: { name: "No", version: 1 } }),
          await call(system.DELETE, "DELETE", { org: a, id: aiSystemId }, { token, query: "version=1" }),
          await call(dependencies.POST, "POST", { org: a }, { token, body: { aiSystemId, modelId: inv.llama.id, accessPath: "self_hosted" } }),
          await call(dependency.PATCH, "PATCH", { org: a, id: dependencyId }, { token, body: { notes: "No", version: 1 } }),
          await call(dependency.DELETE, "DELETE", { org: a, id: dependencyId }, { token, query: "version=1" }),
          await call(fallbacks.POST, "POST", { org: a }, { token, body: { dependencyId, modelId: inv.llama.id, accessPath: "self_hosted" } }),
          await call(fallback.PATCH, "PATCH", { org: a, id: fallbackId }, { token, body: { exitPlan: "No", version: 1 } }),
          await call(fallback.DELETE, "DELETE", { org: a, id: fallbackId }, { token, query: "version=1" }),
        ];
        expect(writes.map((r) => [r.status, r.json.error.code])).toEqual(writes.map(() => [403, "FORBIDDEN"]));
      }
      expect(await db().aiSystem.findUniqueOrThrow({ where: { id: aiSystemId } })).toMatchObject({ name: "Support bot", version: 1 });
      expect(await db().dependency.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);
      expect(await db().fallback.findUniqueOrThrow({ where: { id: fallbackId } })).toMatchObject({ exitPlan: null, version: 1 });
    });

    it("needs a token or a session (401), works with the session cookie, and audits the token's creator", async () => {
      expect((await call(systems.GET, "GET", { org: a })).status).toBe(401);
      expect((await call(dependencies.GET, "GET", { org: a }, { token: "sovra_not-a-real-token" })).status).toBe(401);
      session.userId = w.a.users.editor.id;
      const viaSession = await call(systems.POST, "POST", { org: a }, { body: { name: "Session bot", owner: "x", criticality: "low", toleratedDowntimeMinutes: 60 } });
      expect(viaSession.status).toBe(201);
      session.userId = null;
      const { id: dependencyId } = await newDependency(viaSession.json.id);
      const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityType: { in: ["ai_system", "dependency"] } }, orderBy: { id: "asc" } });
      expect(events.map((e) => [e.entityType, e.action, e.entityId, e.actorId])).toEqual([
        ["ai_system", "create", viaSession.json.id, w.a.users.editor.id],
        ["dependency", "create", dependencyId, w.a.users.owner.id], // the editor token was created by A's owner
      ]);
    });
  });
});
