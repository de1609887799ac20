import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { createModel, deleteModel, modelDeletionImpact, updateModel } from "./mutations";
import { getModel, listModelsByName, listModelsOfVendor, modelUsage } from "./queries";
import { createModelSchema, modelSchemaFor, storedModelValues, updateModelSchema, type ModelInput } from "./schemas";
import { catalogueModel } from "@/lib/catalogue/facts";
import { addVendorFromCatalogue } from "@/lib/catalogue/mutations";
import { buildAiSystem, buildDataFlow, buildDependency, buildFallback, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createModelAction, updateModelAction, deleteModelAction } = await import("./actions");

const large: ModelInput = updateModelSchema
  .omit({ id: true, version: true })
  .parse({ name: "Large", family: "large", weights: "closed", licence: "proprietary", trainingCompute: "unknown", offeredAccessPaths: ["direct_api"], source: "vendor.example/models", sourceAsOf: "2026-01-15" });

type Fields = Record<string, string | number | string[]>;
function form(fields: Fields): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, String(item));
  return fd;
}

async function call(action: (p: ActionState, f: FormData) => Promise<ActionState>, fields: Fields): Promise<ActionState> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { status: "success", message: "redirected" };
    throw e;
  }
}

describe("model edits", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let vendorId: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    vendorId = (await buildVendor(db(), w.a.organisation.id, { name: "Vendor A" })).id;
  });

  it("creates a model under a vendor, reads it with its vendor, updates it; blank optional fields are null", async () => {
    const editor = w.ctx(w.a, "editor");
    const model = await createModel(editor, { ...large, vendorId });
    expect(model).toMatchObject({ name: "Large", vendorId, offeredAccessPaths: [{ path: "direct_api" }], licenceRestrictions: null, version: 1 });
    expect(await getModel(editor, model.id)).toMatchObject({ vendor: { name: "Vendor A" }, sourceAsOf: new Date("2026-01-15T00:00:00.000Z") });
    const parsed = updateModelSchema.omit({ id: true, version: true }).parse({ ...large, weights: "open", source: "", sourceAsOf: "", offeredAccessPaths: ["self_hosted", "direct_api"] });
    expect(await updateModel(editor, model.id, 1, parsed)).toMatchObject({ weights: "open", source: null, version: 2 });
    expect(await getModel(editor, model.id)).toMatchObject({ weights: "open", source: null, offeredAccessPaths: [{ path: "self_hosted" }, { path: "direct_api" }], version: 2 });
    expect((await listModelsOfVendor(editor, vendorId)).map((m) => m.name)).toEqual(["Large"]);
  });

  it("a path sent alone keeps the clouds and regions stored for it; unchecked paths go", async () => {
    const editor = w.ctx(w.a, "editor");
    const model = await createModel(editor, {
      ...createModelSchema.parse({ ...large, vendorId, offeredAccessPaths: [{ path: "cloud_marketplace", cloud: "aws", regions: ["eu-central-1"] }, { path: "cloud_marketplace", cloud: "azure" }, { path: "direct_api" }] }),
    });
    expect(model.offeredAccessPaths).toHaveLength(3);
    const edited = updateModelSchema.omit({ id: true, version: true }).parse({ ...large, offeredAccessPaths: ["cloud_marketplace"] });
    const after = await updateModel(editor, model.id, 1, edited);
    expect(after.offeredAccessPaths).toEqual([
      { path: "cloud_marketplace", cloud: "aws", regions: ["eu-central-1"] },
      { path: "cloud_marketplace", cloud: "azure" },
    ]);
  });

  it("refuses a vendor of another organisation as not found, and a duplicate name under the same vendor as a field error", async () => {
    const theirVendor = await buildVendor(db(), w.b.organisation.id);
    await expect(createModel(w.ctx(w.a, "editor"), { ...large, vendorId: theirVendor.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().model.count({ where: { vendorId: theirVendor.id } })).toBe(0);
    await createModel(w.ctx(w.a, "editor"), { ...large, vendorId });
    await expect(createModel(w.ctx(w.a, "editor"), { ...large, vendorId })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { name: [expect.any(String)] } } });
  });

  it("the second of two concurrent edits is refused with what the first one saved", async () => {
    const model = await createModel(w.ctx(w.a, "editor"), { ...large, vendorId });
    await updateModel(w.ctx(w.a, "editor"), model.id, 1, { ...large, licence: "Apache-2.0" });
    await expect(updateModel(w.ctx(w.a, "owner"), model.id, 1, { ...large, family: "mine" })).rejects.toMatchObject({ code: "CONFLICT", details: { current: { licence: "Apache-2.0", version: 2 } } });
    await expect(deleteModel(w.ctx(w.a, "owner"), model.id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getModel(w.ctx(w.a, "viewer"), model.id)).toMatchObject({ licence: "Apache-2.0", family: "large", version: 2 });
  });

  it("says where a model is used and what a delete takes with it, and takes exactly that", async () => {
    const org = w.a.organisation.id;
    const editor = w.ctx(w.a, "editor");
    const model = await createModel(editor, { ...large, vendorId });
    const other = await buildModel(db(), org, vendorId, { name: "Other" });
    const office = await buildOffice(db(), org);
    const billing = await buildAiSystem(db(), org, { name: "Billing", officeIds: [office.id] });
    const search = await buildAiSystem(db(), org, { name: "Search", officeIds: [office.id] });
    const untouched = await buildAiSystem(db(), org, { name: "Untouched", officeIds: [office.id] });
    const onModel = await buildDependency(db(), org, billing.id, model.id);
    await buildFallback(db(), org, onModel.id, other.id);
    const onOther = await buildDependency(db(), org, search.id, other.id);
    const fallbackToModel = await buildFallback(db(), org, onOther.id, model.id);
    const kept = await buildDependency(db(), org, untouched.id, other.id);
    await buildDataFlow(db(), org, vendorId, { originOfficeId: office.id, dependencyId: onModel.id });
    await buildDataFlow(db(), org, vendorId, { originOfficeId: office.id, dependencyId: kept.id });

    const usage = await modelUsage(editor, model.id);
    expect(usage.dependencies.map((d) => d.aiSystem.name)).toEqual(["Billing"]);
    expect(usage.fallbacks.map((f) => [f.id, f.dependency.aiSystem.name, f.dependency.model.name])).toEqual([[fallbackToModel.id, "Search", "Other"]]);
    expect(await modelDeletionImpact(editor, model.id)).toEqual({ dependencies: 1, fallbacks: 2, dataFlows: 1, systems: ["Billing", "Search"] });

    await deleteModel(editor, model.id, 1);
    expect(await db().model.findMany({ where: { organisationId: org }, select: { id: true } })).toEqual([{ id: other.id }]);
    expect((await db().dependency.findMany({ where: { organisationId: org }, select: { id: true }, orderBy: { id: "asc" } })).map((d) => d.id).sort()).toEqual([onOther.id, kept.id].sort());
    expect(await db().fallback.count({ where: { organisationId: org } })).toBe(0);
    expect(await db().dataFlow.count({ where: { organisationId: org } })).toBe(1);
  });

  it("every create, update and delete leaves an audit event with who, before and after", async () => {
    const editor = w.ctx(w.a, "editor");
    const model = await createModel(editor, { ...large, vendorId });
    await updateModel(editor, model.id, 1, { ...large, licence: "MIT" });
    await deleteModel(w.ctx(w.a, "owner"), model.id, 2);
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityType: "model", entityId: model.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["create", w.a.users.editor.id],
      ["update", w.a.users.editor.id],
      ["delete", w.a.users.owner.id],
    ]);
    expect(events[1]).toMatchObject({ before: { licence: "proprietary", version: 1 }, after: { licence: "MIT", version: 2 } });
    expect(events[2]).toMatchObject({ before: { licence: "MIT" }, after: null });
  });

  it("another organisation's model is not found and stays as it was; the API list filters by vendor within the organisation", async () => {
    const theirVendor = await buildVendor(db(), w.b.organisation.id);
    const theirs = await createModel(w.ctx(w.b, "editor"), { ...large, vendorId: theirVendor.id });
    const asA = w.ctx(w.a, "owner");
    expect(await getModel(asA, theirs.id)).toBeNull();
    await expect(updateModel(asA, theirs.id, 1, { ...large, licence: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteModel(asA, theirs.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await modelDeletionImpact(asA, theirs.id)).toEqual({ dependencies: 0, fallbacks: 0, dataFlows: 0, systems: [] });
    expect(await modelUsage(asA, theirs.id)).toEqual({ dependencies: [], fallbacks: [] });
    expect(await listModelsByName(asA, { page: 1, size: 10, vendorId: theirVendor.id })).toEqual({ items: [], total: 0 });
    expect(await listModelsOfVendor(asA, theirVendor.id)).toEqual([]);
    expect(await getModel(w.ctx(w.b, "viewer"), theirs.id)).toMatchObject({ licence: "proprietary", version: 1 });
  });

  it("analysts and viewers may read but not write", async () => {
    const model = await createModel(w.ctx(w.a, "editor"), { ...large, vendorId });
    for (const role of ["analyst", "viewer"] as const) {
      const ctx = w.ctx(w.a, role);
      await expect(createModel(ctx, { ...large, name: "x", vendorId })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateModel(ctx, model.id, 1, large)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteModel(ctx, model.id, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getModel(ctx, model.id)).resolves.toMatchObject({ id: model.id });
    }
  });

  describe("catalogue models", () => {
    it("changing a catalogue fact away from the catalogue needs the organisation's own source; an unrelated edit does not", async () => {
      const editor = w.ctx(w.a, "editor");
      const added = await addVendorFromCatalogue(editor, { catalogueKey: "mistral", modelKeys: ["mistral-open"] });
      const stored = (await getModel(editor, added.addedModels[0]!.id))!;
      const catalogue = catalogueModel("mistral-open")!;
      const schema = modelSchemaFor({ catalogue, stored: storedModelValues(stored) });
      const base = { ...stored, sourceAsOf: "" };
      // The same facts with the catalogue's source: fine.
      expect(schema.safeParse(base).success).toBe(true);
      // A new licence with the catalogue's source repeated: refused on the source field.
      const refused = schema.safeParse({ ...base, licence: "Our negotiated licence" });
      expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ["source"], message: expect.stringMatching(/^Give your own source: your licence differs from the catalogue/) })]);
      // With an own source: fine.
      expect(schema.safeParse({ ...base, licence: "Our negotiated licence", source: "Contract 2026-07" }).success).toBe(true);
      // Dropping an offered path is an override too.
      expect(schema.safeParse({ ...base, offeredAccessPaths: ["self_hosted"] }).error?.issues[0]?.message).toMatch(/offered access paths/);
    });

    it("the update action applies the rule from the stored model, and saves with an own source, answering the score move", async () => {
      const editor = w.ctx(w.a, "editor");
      const added = await addVendorFromCatalogue(editor, { catalogueKey: "mistral", modelKeys: ["mistral-open"] });
      const model = (await getModel(editor, added.addedModels[0]!.id))!;
      session.userId = w.a.users.editor.id;
      const fields: Fields = {
        org: w.a.organisation.slug,
        id: model.id,
        version: model.version,
        name: model.name,
        family: model.family,
        weights: "closed",
        licence: model.licence,
        licenceRestrictions: "",
        trainingCompute: model.trainingCompute,
        offeredAccessPaths: model.offeredAccessPaths.map((o) => o.path),
        source: model.source ?? "",
        sourceAsOf: "",
      };
      const refused = await call(updateModelAction, fields);
      expect(refused).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { source: [expect.stringContaining("weights")] }, values: { weights: "closed" } });
      expect(await getModel(editor, model.id)).toMatchObject({ weights: "open", version: 1 });
      const saved = await call(updateModelAction, { ...fields, source: "Our licence review, 2026" });
      expect(saved).toMatchObject({ status: "success", data: { before: expect.anything(), after: expect.anything() } });
      const after = await getModel(editor, model.id);
      expect(after).toMatchObject({ weights: "closed", source: "Our licence review, 2026", version: 2 });
      // The catalogue's offerings with their clouds survived the form's bare checkboxes.
      expect(after?.offeredAccessPaths).toEqual(model.offeredAccessPaths);
    });
  });

  describe("actions", () => {
    const fields = { name: "Small", family: "small", weights: "open", licence: "Apache-2.0", licenceRestrictions: "", trainingCompute: "below-1e25", offeredAccessPaths: ["self_hosted"], source: "", sourceAsOf: "" };

    it("an editor creates (redirect), updates and deletes; a stale save answers CONFLICT with the typed values", async () => {
      session.userId = w.a.users.editor.id;
      const org = w.a.organisation.slug;
      expect(await call(createModelAction, { org, vendorId, ...fields })).toMatchObject({ status: "success" });
      const model = await db().model.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, name: "Small" } });
      expect(await call(updateModelAction, { org, id: model.id, version: 1, ...fields, licence: "MIT" })).toMatchObject({ status: "success" });
      const stale = await call(updateModelAction, { org, id: model.id, version: 1, ...fields, family: "typed" });
      expect(stale).toMatchObject({ status: "error", code: "CONFLICT", details: { current: { licence: "MIT", version: 2 } }, values: { family: "typed" } });
      expect(await call(deleteModelAction, { org, id: model.id, version: 2 })).toMatchObject({ status: "success" });
      expect(await db().model.count({ where: { id: model.id } })).toBe(0);
    });

    it("field errors come back with what was typed; viewers and analysts are refused; another organisation's model or vendor is NOT_FOUND", async () => {
      session.userId = w.a.users.editor.id;
      const invalid = await call(createModelAction, { org: w.a.organisation.slug, vendorId: "", ...fields, licence: "" });
      expect(invalid).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { vendorId: [expect.any(String)], licence: [expect.any(String)] }, values: { name: "Small" } });
      for (const role of ["viewer", "analyst"] as const) {
        session.userId = w.a.users[role].id;
        expect(await call(createModelAction, { org: w.a.organisation.slug, vendorId, ...fields })).toMatchObject({ status: "error", code: "FORBIDDEN" });
      }
      const theirVendor = await buildVendor(db(), w.b.organisation.id);
      const theirs = await createModel(w.ctx(w.b, "editor"), { ...large, vendorId: theirVendor.id });
      session.userId = w.a.users.owner.id;
      expect(await call(createModelAction, { org: w.a.organisation.slug, vendorId: theirVendor.id, ...fields })).toMatchObject({ status: "error", code: "NOT_FOUND" });
      expect(await call(deleteModelAction, { org: w.a.organisation.slug, id: theirs.id, version: 1 })).toMatchObject({ status: "error", code: "NOT_FOUND" });
      expect(await call(updateModelAction, { org: w.a.organisation.slug, id: theirs.id, version: 1, ...fields })).toMatchObject({ status: "error", code: "NOT_FOUND" });
    });
  });
});
