import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { createVendor, deleteVendor, updateVendor, vendorDeletionImpact } from "./mutations";
import { getVendor } from "./queries";
import type { VendorInput } from "./schemas";
import { vendorSchema } from "./schemas";
import { buildAiSystem, buildDataFlow, buildDependency, buildFallback, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createVendorAction, updateVendorAction, deleteVendorAction } = await import("./actions");

const mistral: VendorInput = vendorSchema.parse({ name: "Mistral AI", vendorType: "frontier_lab", hqCountry: "FR", source: "mistral.ai/company", sourceAsOf: "2026-01-15" });

function form(fields: Record<string, string | number>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  return fd;
}

async function call(action: (p: ActionState, f: FormData) => Promise<ActionState>, fields: Record<string, string | number>): Promise<ActionState> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { status: "success", message: "redirected" };
    throw e;
  }
}

describe("vendor edits", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
  });

  it("creates, reads and updates a vendor; blank optional fields are stored as null", async () => {
    const editor = w.ctx(w.a, "editor");
    const vendor = await createVendor(editor, mistral);
    expect(vendor).toMatchObject({ name: "Mistral AI", hqCountry: "FR", parentName: null, dpfCertified: false, version: 1 });
    expect((await getVendor(editor, vendor.id))?.sourceAsOf?.toISOString().slice(0, 10)).toBe("2026-01-15");
    const parsed = vendorSchema.parse({ ...mistral, sourceAsOf: "", source: " ", parentName: "Holding SE", parentCountry: "de", dpfCertified: "on" });
    const updated = await updateVendor(editor, vendor.id, 1, parsed);
    expect(updated).toMatchObject({ parentName: "Holding SE", parentCountry: "DE", dpfCertified: true, source: null, sourceAsOf: null, version: 2 });
    expect(await getVendor(editor, vendor.id)).toMatchObject({ parentCountry: "DE", source: null, version: 2 });
  });

  it("the schema wants an ultimate parent's name and country together", () => {
    const result = vendorSchema.safeParse({ ...mistral, sourceAsOf: "", parentName: "Holding SE" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["parentCountry"]);
  });

  it("the second of two concurrent edits is refused with what the first one saved", async () => {
    const vendor = await createVendor(w.ctx(w.a, "editor"), mistral);
    await updateVendor(w.ctx(w.a, "editor"), vendor.id, 1, { ...mistral, hqCountry: "DE" });
    const second = updateVendor(w.ctx(w.a, "owner"), vendor.id, 1, { ...mistral, notes: "mine" });
    await expect(second).rejects.toMatchObject({ code: "CONFLICT", details: { current: { hqCountry: "DE", version: 2 } } });
    expect(await getVendor(w.ctx(w.a, "viewer"), vendor.id)).toMatchObject({ hqCountry: "DE", notes: null, version: 2 });
  });

  it("a duplicate name is a field error in the same organisation only", async () => {
    await createVendor(w.ctx(w.a, "editor"), mistral);
    await expect(createVendor(w.ctx(w.a, "editor"), mistral)).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { name: [expect.any(String)] } } });
    await expect(createVendor(w.ctx(w.b, "editor"), mistral)).resolves.toMatchObject({ name: "Mistral AI" });
  });

  it("says what a delete takes with it, and takes exactly that", async () => {
    const org = w.a.organisation.id;
    const editor = w.ctx(w.a, "editor");
    const vendor = await createVendor(editor, mistral);
    const other = await buildVendor(db(), org);
    const [m1, m2] = [await buildModel(db(), org, vendor.id), await buildModel(db(), org, vendor.id)];
    const otherModel = await buildModel(db(), org, other.id);
    const office = await buildOffice(db(), org);
    const system = await buildAiSystem(db(), org, { officeIds: [office.id] });
    const onModel = await buildDependency(db(), org, system.id, m1!.id);
    await buildDependency(db(), org, system.id, otherModel.id, { accessPath: "cloud_marketplace", cloudVendorId: vendor.id });
    const kept = await buildDependency(db(), org, system.id, otherModel.id);
    await buildFallback(db(), org, kept.id, m2!.id);
    await buildDataFlow(db(), org, vendor.id, { originOfficeId: office.id });
    await buildDataFlow(db(), org, other.id, { originOfficeId: office.id, dependencyId: onModel.id });
    await buildDataFlow(db(), org, other.id, { originOfficeId: office.id, dependencyId: kept.id });

    expect(await vendorDeletionImpact(editor, vendor.id)).toEqual({ models: 2, dependencies: 2, fallbacks: 1, dataFlows: 2 });
    await deleteVendor(editor, vendor.id, 1);
    expect(await db().model.count({ where: { organisationId: org } })).toBe(1);
    expect(await db().dependency.findMany({ where: { organisationId: org }, select: { id: true } })).toEqual([{ id: kept.id }]);
    expect(await db().fallback.count({ where: { organisationId: org } })).toBe(0);
    expect(await db().dataFlow.count({ where: { organisationId: org } })).toBe(1);
  });

  it("every create, update and delete leaves an audit event with who, before and after", async () => {
    const editor = w.ctx(w.a, "editor");
    const vendor = await createVendor(editor, mistral);
    await updateVendor(editor, vendor.id, 1, { ...mistral, hqCountry: "DE" });
    await deleteVendor(w.ctx(w.a, "owner"), vendor.id, 2);
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityType: "vendor", entityId: vendor.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["create", w.a.users.editor.id],
      ["update", w.a.users.editor.id],
      ["delete", w.a.users.owner.id],
    ]);
    expect(events[1]).toMatchObject({ before: { hqCountry: "FR", version: 1 }, after: { hqCountry: "DE", version: 2 } });
    expect(events[2]).toMatchObject({ before: { hqCountry: "DE" }, after: null });
  });

  it("another organisation's vendor is not found: read null, update and delete NOT_FOUND, nothing changes", async () => {
    const theirs = await createVendor(w.ctx(w.b, "editor"), mistral);
    const asA = w.ctx(w.a, "owner");
    expect(await getVendor(asA, theirs.id)).toBeNull();
    await expect(updateVendor(asA, theirs.id, 1, { ...mistral, hqCountry: "DE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteVendor(asA, theirs.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await vendorDeletionImpact(asA, theirs.id)).toEqual({ models: 0, dependencies: 0, fallbacks: 0, dataFlows: 0 });
    expect(await getVendor(w.ctx(w.b, "viewer"), theirs.id)).toMatchObject({ hqCountry: "FR", version: 1 });
  });

  it("analysts and viewers may read but not write", async () => {
    const vendor = await createVendor(w.ctx(w.a, "editor"), mistral);
    for (const role of ["analyst", "viewer"] as const) {
      const ctx = w.ctx(w.a, role);
      await expect(createVendor(ctx, { ...mistral, name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateVendor(ctx, vendor.id, 1, mistral)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteVendor(ctx, vendor.id, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getVendor(ctx, vendor.id)).resolves.toMatchObject({ id: vendor.id });
    }
  });

  describe("actions", () => {
    const fields = { name: "Aleph Alpha", vendorType: "frontier_lab", hqCountry: "DE", parentName: "", parentCountry: "", source: "", sourceAsOf: "", notes: "" };

    it("an editor creates (redirect) and updates (answers the organisation's score before and after)", async () => {
      session.userId = w.a.users.editor.id;
      const org = w.a.organisation.slug;
      expect(await call(createVendorAction, { org, ...fields })).toMatchObject({ status: "success" });
      const vendor = await db().vendor.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, name: "Aleph Alpha" } });
      const state = await call(updateVendorAction, { org, id: vendor.id, version: 1, ...fields, dpfCertified: "on" });
      expect(state).toMatchObject({ status: "success", data: { before: expect.any(Number), after: expect.any(Number) } });
      expect(await db().vendor.findUniqueOrThrow({ where: { id: vendor.id } })).toMatchObject({ dpfCertified: true, version: 2 });
    });

    it("a stale save answers CONFLICT with the current row and the typed values", async () => {
      const vendor = await createVendor(w.ctx(w.a, "editor"), mistral);
      await updateVendor(w.ctx(w.a, "editor"), vendor.id, 1, { ...mistral, hqCountry: "DE" });
      session.userId = w.a.users.owner.id;
      const state = await call(updateVendorAction, { org: w.a.organisation.slug, id: vendor.id, version: 1, ...fields, name: "Mistral AI", notes: "typed" });
      expect(state).toMatchObject({ status: "error", code: "CONFLICT", details: { current: { hqCountry: "DE", version: 2 } }, values: { notes: "typed" } });
    });

    it("field errors come back with what was typed; viewers and analysts are refused; another organisation's vendor is NOT_FOUND", async () => {
      session.userId = w.a.users.editor.id;
      const invalid = await call(createVendorAction, { org: w.a.organisation.slug, ...fields, hqCountry: "" });
      expect(invalid).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { hqCountry: [expect.any(String)] }, values: { name: "Aleph Alpha" } });
      for (const role of ["viewer", "analyst"] as const) {
        session.userId = w.a.users[role].id;
        expect(await call(createVendorAction, { org: w.a.organisation.slug, ...fields })).toMatchObject({ status: "error", code: "FORBIDDEN" });
      }
      const theirs = await createVendor(w.ctx(w.b, "editor"), mistral);
      session.userId = w.a.users.owner.id;
      expect(await call(deleteVendorAction, { org: w.a.organisation.slug, id: theirs.id, version: 1 })).toMatchObject({ status: "error", code: "NOT_FOUND" });
      expect(await call(updateVendorAction, { org: w.a.organisation.slug, id: theirs.id, version: 1, ...fields })).toMatchObject({ status: "error", code: "NOT_FOUND" });
    });
  });
});
