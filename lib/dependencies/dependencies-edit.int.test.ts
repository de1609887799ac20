import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { createDependency, deleteDependency, dependencyDeletionImpact } from "./mutations";
import { countDataFlowsByDependency, listCloudChoices, listModelChoices } from "./queries";
import { dependencySchema } from "./schemas";
import { createFallback, deleteFallback } from "@/lib/fallbacks/mutations";
import { fallbackSchema } from "@/lib/fallbacks/schemas";
import { buildAiSystem, buildDataFlow, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createDependencyAction, deleteDependencyAction } = await import("./actions");
const { createFallbackAction, deleteFallbackAction } = await import("@/lib/fallbacks/actions");

function form(fields: Record<string, string | number>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  return fd;
}
const call = (action: (p: ActionState, f: FormData) => Promise<ActionState>, fields: Record<string, string | number>) => action({ status: "idle" }, form(fields));
const recent = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);

async function inventory(w: Awaited<ReturnType<typeof twoOrganisations>>) {
  const org = w.a.organisation.id;
  const office = await buildOffice(db(), org, { country: "DE" });
  const system = await buildAiSystem(db(), org, { officeIds: [office.id], criticality: "high" });
  const openai = await buildVendor(db(), org, { name: "OpenAI", hqCountry: "US" });
  const meta = await buildVendor(db(), org, { name: "Meta", hqCountry: "US", vendorType: "open_weight_publisher" });
  const aws = await buildVendor(db(), org, { name: "AWS", hqCountry: "US", vendorType: "hyperscaler" });
  const gpt = await buildModel(db(), org, openai.id, { name: "GPT-4.1" });
  const llama = await buildModel(db(), org, meta.id, { name: "Llama 3.3 70B", weights: "open", family: "Llama" });
  const theirVendor = await buildVendor(db(), w.b.organisation.id);
  const theirModel = await buildModel(db(), w.b.organisation.id, theirVendor.id);
  return { office, system, openai, aws, gpt, llama, theirVendor, theirModel };
}

describe("dependencies and fallbacks", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let inv: Awaited<ReturnType<typeof inventory>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    inv = await inventory(w);
    session.userId = null;
  });
  const dependencyInput = (extra: object = {}) => dependencySchema.parse({ aiSystemId: inv.system.id, modelId: inv.gpt.id, accessPath: "direct_api", dataSent: "internal", ...extra });
  const fallbackInput = (dependencyId: string, extra: object = {}) =>
    fallbackSchema.parse({ dependencyId, modelId: inv.llama.id, accessPath: "self_hosted", lastTestedAt: recent, switchTimeMinutes: "30", qualityParityChecked: "on", exitPlan: "Flip the gateway", ...extra });

  it("the schema wants a cloud and its country for marketplace and third-party hosting, and no cloud otherwise", () => {
    const paths = (r: { error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join("."));
    expect(paths(dependencySchema.safeParse({ aiSystemId: inv.system.id, modelId: inv.gpt.id, accessPath: "cloud_marketplace" }))).toEqual(["cloudVendorId", "hostingCountry"]);
    expect(paths(fallbackSchema.safeParse({ dependencyId: inv.system.id, modelId: inv.gpt.id, accessPath: "self_hosted", cloudVendorId: inv.aws.id }))).toEqual(["cloudVendorId"]);
    expect(dependencySchema.parse({ aiSystemId: inv.system.id, modelId: inv.gpt.id, accessPath: "third_party_hosted", cloudVendorId: inv.aws.id, hostingCountry: "de" })).toMatchObject({ hostingCountry: "DE", dataSent: [] });
  });

  it("adds a dependency and a fallback that appear on the system, and deletes them with what goes with them", async () => {
    const editor = w.ctx(w.a, "editor");
    const dependency = await createDependency(editor, dependencyInput({ exitPlanDocumented: "on", exitPlanLastReviewed: recent }));
    expect(dependency).toMatchObject({ accessPath: "direct_api", dataSent: ["internal"], exitPlanDocumented: true, version: 1 });
    const fallback = await createFallback(editor, fallbackInput(dependency.id));
    expect(fallback).toMatchObject({ switchTimeMinutes: 30, qualityParityChecked: true, exitPlan: "Flip the gateway" });
    await buildDataFlow(db(), w.a.organisation.id, inv.openai.id, { originOfficeId: inv.office.id, dependencyId: dependency.id });
    expect(await dependencyDeletionImpact(editor, dependency.id)).toEqual({ fallbacks: 1, dataFlows: 1 });
    expect(await countDataFlowsByDependency(editor, [dependency.id])).toEqual(new Map([[dependency.id, 1]]));

    await deleteFallback(editor, fallback.id, 1);
    expect(await db().fallback.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    await createFallback(editor, fallbackInput(dependency.id));
    await expect(deleteDependency(editor, dependency.id, 2)).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteDependency(editor, dependency.id, 1);
    for (const t of [db().dependency, db().fallback, db().dataFlow] as unknown as { count: (a: object) => Promise<number> }[]) {
      expect(await t.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    }
  });

  it("the same model through the same path twice is a field error", async () => {
    const editor = w.ctx(w.a, "editor");
    await createDependency(editor, dependencyInput());
    await expect(createDependency(editor, dependencyInput())).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { modelId: [expect.any(String)] } } });
  });

  it("another organisation's model, cloud, system or dependency is refused cleanly, never written", async () => {
    const editor = w.ctx(w.a, "editor");
    await expect(createDependency(editor, dependencyInput({ modelId: inv.theirModel.id }))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { modelId: [expect.any(String)] } } });
    await expect(createDependency(editor, dependencyInput({ accessPath: "cloud_marketplace", cloudVendorId: inv.theirVendor.id, hostingCountry: "DE" }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fieldErrors: { cloudVendorId: [expect.any(String)] } },
    });
    const theirSystem = await buildAiSystem(db(), w.b.organisation.id);
    await expect(createDependency(editor, dependencyInput({ aiSystemId: theirSystem.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const dependency = await createDependency(editor, dependencyInput());
    await expect(createFallback(editor, fallbackInput(dependency.id, { modelId: inv.theirModel.id }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const asB = w.ctx(w.b, "owner");
    await expect(createFallback(asB, fallbackInput(dependency.id, { modelId: inv.theirModel.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteDependency(asB, dependency.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await dependencyDeletionImpact(asB, dependency.id)).toEqual({ fallbacks: 0, dataFlows: 0 });
    expect(await countDataFlowsByDependency(asB, [dependency.id])).toEqual(new Map());
    const fallback = await createFallback(editor, fallbackInput(dependency.id));
    await expect(deleteFallback(asB, fallback.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().dependency.count({ where: { organisationId: w.b.organisation.id } })).toBe(0);
    expect(await db().fallback.count({ where: { id: fallback.id } })).toBe(1);
  });

  it("the pickers list only the caller's models and vendors", async () => {
    const viewer = w.ctx(w.a, "viewer");
    expect((await listModelChoices(viewer)).map((m) => m.name)).toEqual(["GPT-4.1", "Llama 3.3 70B"]);
    // Labs and open-weight publishers are not clouds: only AWS is offered ...
    expect((await listCloudChoices(viewer)).map((v) => v.name)).toEqual(["AWS"]);
  });

  it("the cloud picker keeps a lab that already hosts a route, so editing that route keeps its value", async () => {
    await createDependency(w.ctx(w.a, "editor"), dependencyInput({ accessPath: "third_party_hosted", modelId: inv.llama.id, cloudVendorId: inv.openai.id, hostingCountry: "US" }));
    expect((await listCloudChoices(w.ctx(w.a, "viewer"))).map((v) => v.name)).toEqual(["AWS", "OpenAI"]);
  });

  it("analysts and viewers are refused", async () => {
    const dependency = await createDependency(w.ctx(w.a, "editor"), dependencyInput());
    const fallback = await createFallback(w.ctx(w.a, "editor"), fallbackInput(dependency.id));
    for (const role of ["analyst", "viewer"] as const) {
      const ctx = w.ctx(w.a, role);
      await expect(createDependency(ctx, dependencyInput({ accessPath: "self_hosted", modelId: inv.llama.id }))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteDependency(ctx, dependency.id, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createFallback(ctx, fallbackInput(dependency.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteFallback(ctx, fallback.id, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
      session.userId = w.a.users[role].id;
      expect(await call(createFallbackAction, { org: w.a.organisation.slug, dependencyId: dependency.id, modelId: inv.llama.id, accessPath: "self_hosted" })).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("audits every create and delete with who, before and after", async () => {
    const editor = w.ctx(w.a, "editor");
    const dependency = await createDependency(editor, dependencyInput());
    const fallback = await createFallback(editor, fallbackInput(dependency.id));
    await deleteFallback(w.ctx(w.a, "owner"), fallback.id, 1);
    await deleteDependency(editor, dependency.id, 1);
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityType: { in: ["dependency", "fallback"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.entityType, e.action, e.actorId, e.before === null, e.after === null])).toEqual([
      ["dependency", "create", w.a.users.editor.id, true, false],
      ["fallback", "create", w.a.users.editor.id, true, false],
      ["fallback", "delete", w.a.users.owner.id, false, true],
      ["dependency", "delete", w.a.users.editor.id, false, true],
    ]);
    expect(events[1]?.after).toMatchObject({ modelId: inv.llama.id, accessPath: "self_hosted", switchTimeMinutes: 30 });
  });

  it("actions answer how the organisation's score moved: a tested independent fallback raises it", async () => {
    session.userId = w.a.users.editor.id;
    const org = w.a.organisation.slug;
    const added = await call(createDependencyAction, { org, aiSystemId: inv.system.id, modelId: inv.gpt.id, accessPath: "direct_api", dataSent: "internal" });
    expect(added).toMatchObject({ status: "success", data: { after: expect.any(Number) } });
    const dependency = await db().dependency.findFirstOrThrow({ where: { organisationId: w.a.organisation.id } });
    const withFallback = await call(createFallbackAction, {
      org,
      dependencyId: dependency.id,
      modelId: inv.llama.id,
      accessPath: "self_hosted",
      hostingCountry: "DE",
      lastTestedAt: recent,
      switchTimeMinutes: "30",
      qualityParityChecked: "on",
    });
    const move = (withFallback as { data: { before: number; after: number } }).data;
    expect(move.before).toBe((added as { data: { after: number } }).data.after);
    expect(move.after).toBeGreaterThan(move.before);

    const invalid = await call(createDependencyAction, { org, aiSystemId: inv.system.id, modelId: inv.theirModel.id, accessPath: "direct_api" });
    expect(invalid).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { modelId: [expect.any(String)] }, values: { accessPath: "direct_api" } });
    const fallback = await db().fallback.findFirstOrThrow({ where: { dependencyId: dependency.id } });
    expect(await call(deleteFallbackAction, { org, id: fallback.id, version: 1 })).toMatchObject({ status: "success", data: { before: move.after, after: move.before } });
    expect(await call(deleteDependencyAction, { org, id: dependency.id, version: 1 })).toMatchObject({ status: "success" });
  });
});
