import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { addVendorFromCatalogue } from "./mutations";
import { findCatalogueVendorsInInventory } from "./queries";
import { catalogueVendor } from "./facts";
import { createVendor } from "@/lib/vendors/mutations";
import { updateVendorSchemaFor, vendorSchema } from "@/lib/vendors/schemas";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { addFromCatalogueAction, searchCatalogueAction } = await import("./actions");
const { updateVendorAction } = await import("@/lib/vendors/actions");

function form(fields: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, String(x));
  return fd;
}
const call = (action: (p: ActionState, f: FormData) => Promise<ActionState>, fields: Record<string, string | number | string[]>) => action({ status: "idle" }, form(fields));
const day = (d: Date | null) => d?.toISOString().slice(0, 10);

describe("adding a vendor from the catalogue", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
  });

  it("creates the vendor and the chosen models with the catalogue's facts, sources and dates, audited", async () => {
    const editor = w.ctx(w.a, "editor");
    const added = await addVendorFromCatalogue(editor, { catalogueKey: "google", modelKeys: ["google-gemma"] });
    expect(added).toMatchObject({ vendorCreated: true, vendor: { name: "Google" }, skippedModels: [] });
    expect(added.addedModels.map((m) => m.name)).toEqual(["Gemma"]);
    const vendor = await db().vendor.findFirstOrThrow({ where: { id: added.vendor.id }, include: { models: true } });
    const google = catalogueVendor("google")!;
    expect(vendor).toMatchObject({ organisationId: w.a.organisation.id, catalogueKey: "google", vendorType: "hyperscaler", hqCountry: "US", parentName: google.parentName, parentCountry: "US", source: google.source });
    expect(day(vendor.sourceAsOf)).toBe(google.asOf);
    expect(vendor.models).toHaveLength(1);
    expect(vendor.models[0]).toMatchObject({ catalogueKey: "google-gemma", family: "gemma", weights: "open", trainingCompute: "below-1e25", source: "https://ai.google.dev/gemma/terms" });
    expect(vendor.models[0]?.offeredAccessPaths).toEqual([{ path: "self_hosted" }, { path: "third_party_hosted", cloud: "google", service: "Vertex AI Model Garden" }]);
    const audit = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityId: { in: [vendor.id, vendor.models[0]!.id] } } });
    expect(audit.map((a) => `${a.action} ${a.entityType}`).sort()).toEqual(["create model", "create vendor"]);
  });

  it("adds only the missing models to a vendor the organisation already has, and is idempotent", async () => {
    const editor = w.ctx(w.a, "editor");
    const first = await addVendorFromCatalogue(editor, { catalogueKey: "google", modelKeys: ["google-gemma"] });
    const second = await addVendorFromCatalogue(editor, { catalogueKey: "google", modelKeys: ["google-gemma", "google-gemini"] });
    expect(second).toMatchObject({ vendorCreated: false, vendor: { id: first.vendor.id }, skippedModels: ["Gemma"] });
    expect(second.addedModels.map((m) => m.name)).toEqual(["Gemini"]);
    const again = await addVendorFromCatalogue(editor, { catalogueKey: "google", modelKeys: ["google-gemma", "google-gemini"] });
    expect(again).toMatchObject({ vendorCreated: false, addedModels: [], skippedModels: ["Gemini", "Gemma"] });
    expect(await db().vendor.count({ where: { organisationId: w.a.organisation.id } })).toBe(1);
    expect(await db().model.count({ where: { organisationId: w.a.organisation.id } })).toBe(2);
  });

  it("treats a vendor entered by hand with the same name as the one the organisation has, keeping its facts", async () => {
    const editor = w.ctx(w.a, "editor");
    const byHand = await createVendor(editor, vendorSchema.parse({ name: "cohere", vendorType: "other", hqCountry: "GB", source: "our due diligence" }));
    const added = await addVendorFromCatalogue(editor, { catalogueKey: "cohere", modelKeys: ["cohere-command"] });
    expect(added).toMatchObject({ vendorCreated: false, vendor: { id: byHand.id } });
    expect(await db().vendor.findFirstOrThrow({ where: { id: byHand.id } })).toMatchObject({ vendorType: "other", hqCountry: "GB", catalogueKey: null });
  });

  it("is tenant-scoped: another organisation's vendor is neither reused nor seen", async () => {
    const inA = await addVendorFromCatalogue(w.ctx(w.a, "editor"), { catalogueKey: "mistral", modelKeys: ["mistral-open"] });
    const inB = await addVendorFromCatalogue(w.ctx(w.b, "owner"), { catalogueKey: "mistral", modelKeys: ["mistral-open"] });
    expect(inB.vendorCreated).toBe(true);
    expect(inB.vendor.id).not.toBe(inA.vendor.id);
    const seenByA = await findCatalogueVendorsInInventory(w.ctx(w.a, "viewer"), [{ key: "mistral", name: "Mistral AI" }]);
    expect(seenByA.get("mistral")?.vendorId).toBe(inA.vendor.id);
    const models = await db().model.findMany({ where: { vendorId: inB.vendor.id } });
    expect(models.every((m) => m.organisationId === w.b.organisation.id)).toBe(true);
  });

  it("refuses viewers and analysts, and unknown catalogue entries or models of another vendor", async () => {
    for (const role of ["viewer", "analyst"] as const) {
      await expect(addVendorFromCatalogue(w.ctx(w.a, role), { catalogueKey: "cohere" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(addVendorFromCatalogue(w.ctx(w.a, "editor"), { catalogueKey: "nope" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(addVendorFromCatalogue(w.ctx(w.a, "editor"), { catalogueKey: "cohere", modelKeys: ["meta-llama"] })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db().vendor.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("the actions check the session and the role themselves", async () => {
    const org = w.a.organisation.slug;
    expect(await searchCatalogueAction(org, "coh")).toMatchObject({ ok: false });
    session.userId = w.a.users.viewer.id;
    const search = await searchCatalogueAction(org, "coh");
    expect(search.ok && search.hits[0]).toMatchObject({ vendor: { name: "Cohere" }, hqCountryName: "Canada", inInventory: null });
    expect(await call(addFromCatalogueAction, { org, catalogueKey: "cohere", modelKeys: ["cohere-command"] })).toMatchObject({ status: "error", code: "FORBIDDEN" });
    expect(await searchCatalogueAction(w.b.organisation.slug, "coh")).toMatchObject({ ok: false });
    session.userId = w.a.users.editor.id;
    expect(await call(addFromCatalogueAction, { org, catalogueKey: "cohere", modelKeys: ["cohere-command"] })).toMatchObject({ status: "success", message: "Added Cohere with 1 model." });
    const after = await searchCatalogueAction(org, "coh");
    expect(after.ok && after.hits[0]?.inInventory).toMatchObject({ vendorName: "Cohere", modelKeys: ["cohere-command"] });
  });
});

describe("overriding a catalogue fact", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
  });

  const cohere = catalogueVendor("cohere")!;
  const stored = { vendorType: "frontier_lab", hqCountry: "CA", parentName: cohere.parentName, parentCountry: "CA" };
  const fields = { name: "Cohere", ...stored, source: cohere.source, sourceAsOf: cohere.asOf };
  const schema = updateVendorSchemaFor({ catalogue: cohere, stored });
  const base = { id: "0190a2b4-0000-7000-8000-000000000000", version: 1 };

  it("needs the organisation's own source when a fact changes away from the catalogue", () => {
    const noSource = schema.safeParse({ ...base, ...fields, hqCountry: "US", source: "" });
    expect(noSource.success).toBe(false);
    expect(noSource.error?.issues.map((i) => i.path.join("."))).toEqual(["source"]);
    expect(noSource.error?.issues[0]?.message).toMatch(/hq country differs from the catalogue/);
    expect(schema.safeParse({ ...base, ...fields, hqCountry: "US" }).success).toBe(false); // the catalogue's source repeated
    expect(schema.safeParse({ ...base, ...fields, hqCountry: "US", source: "Annual report 2026, p. 4" }).success).toBe(true);
  });

  it("lets unrelated edits and a return to the catalogue's value through without a source", () => {
    expect(schema.safeParse({ ...base, ...fields, notes: "renewal in Q3", source: "" }).success).toBe(true);
    const alreadyOverridden = updateVendorSchemaFor({ catalogue: cohere, stored: { ...stored, hqCountry: "US" } });
    expect(alreadyOverridden.safeParse({ ...base, ...fields, hqCountry: "US", notes: "x" }).success).toBe(true);
    expect(alreadyOverridden.safeParse({ ...base, ...fields, hqCountry: "CA", source: "" }).success).toBe(true);
    expect(updateVendorSchemaFor(null).safeParse({ ...base, ...fields, hqCountry: "US", source: "" }).success).toBe(true);
  });

  it("the update action applies the rule from the stored vendor's catalogue entry, not from the form", async () => {
    const editor = w.ctx(w.a, "editor");
    const { vendor } = await addVendorFromCatalogue(editor, { catalogueKey: "cohere" });
    session.userId = w.a.users.editor.id;
    const org = w.a.organisation.slug;
    const refused = await call(updateVendorAction, { org, id: vendor.id, version: 1, ...fields, parentName: "Someone Else Ltd" });
    expect(refused).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { source: [expect.stringMatching(/ultimate parent differs/)] } });
    const saved = await call(updateVendorAction, { org, id: vendor.id, version: 1, ...fields, parentName: "Someone Else Ltd", source: "Companies House filing 2026-10" });
    expect(saved).toMatchObject({ status: "success" });
    expect(await db().vendor.findFirstOrThrow({ where: { id: vendor.id } })).toMatchObject({ parentName: "Someone Else Ltd", source: "Companies House filing 2026-10", version: 2 });
  });
});
