import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { createDependency, updateDependency } from "./mutations";
import { dependencySchema, updateDependencySchema } from "./schemas";
import { createFallback, updateFallback } from "@/lib/fallbacks/mutations";
import { fallbackSchema, updateFallbackSchema } from "@/lib/fallbacks/schemas";
import { buildAiSystem, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { updateDependencyAction } = await import("./actions");
const { updateFallbackAction } = await import("@/lib/fallbacks/actions");

function form(fields: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, String(item));
  return fd;
}
const call = (action: (p: ActionState, f: FormData) => Promise<ActionState>, fields: Record<string, string | number | string[]>) => action({ status: "idle" }, form(fields));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function inventory(w: Awaited<ReturnType<typeof twoOrganisations>>) {
  const org = w.a.organisation.id;
  const office = await buildOffice(db(), org, { country: "DE" });
  const system = await buildAiSystem(db(), org, { officeIds: [office.id], criticality: "high" });
  const openai = await buildVendor(db(), org, { name: "OpenAI", hqCountry: "US" });
  const mistral = await buildVendor(db(), org, { name: "Mistral AI", hqCountry: "FR", vendorType: "open_weight_publisher" });
  const aws = await buildVendor(db(), org, { name: "AWS", hqCountry: "US", vendorType: "hyperscaler" });
  const gpt = await buildModel(db(), org, openai.id, { name: "GPT-4.1" });
  const mistralLarge = await buildModel(db(), org, mistral.id, { name: "Mistral Large", weights: "open", family: "Mistral" });
  const theirVendor = await buildVendor(db(), w.b.organisation.id, { name: "Their cloud" });
  const theirModel = await buildModel(db(), w.b.organisation.id, theirVendor.id, { name: "Their model" });
  return { office, system, openai, aws, gpt, mistralLarge, theirVendor, theirModel };
}

describe("editing dependencies and fallbacks in place", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let inv: Awaited<ReturnType<typeof inventory>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    inv = await inventory(w);
    session.userId = null;
  });

  const newDependency = () =>
    createDependency(w.ctx(w.a, "editor"), dependencySchema.parse({ aiSystemId: inv.system.id, modelId: inv.gpt.id, accessPath: "direct_api", dataSent: ["internal"] }));
  const newFallback = (dependencyId: string) =>
    createFallback(w.ctx(w.a, "editor"), fallbackSchema.parse({ dependencyId, modelId: inv.mistralLarge.id, accessPath: "self_hosted", lastTestedAt: daysAgo(400), switchTimeMinutes: "240" }));
  const dependencyChanges = (extra: object = {}) => {
    const { id: _id, version: _version, ...changes } = updateDependencySchema.parse({
      id: inv.system.id,
      version: 1,
      modelId: inv.gpt.id,
      accessPath: "cloud_marketplace",
      cloudVendorId: inv.aws.id,
      hostingCountry: "DE",
      hostingRegion: "eu-central-1",
      dataSent: ["personal", "internal"],
      exitPlanDocumented: "on",
      exitPlanLastReviewed: daysAgo(10),
      contractDataResidency: "yes",
      contractExitTerms: "no",
      notes: "Frankfurt region under the enterprise agreement",
      ...extra,
    });
    return changes;
  };

  it("changes every field of a dependency, bumps its version and keeps it on its system", async () => {
    const dependency = await newDependency();
    const saved = await updateDependency(w.ctx(w.a, "editor"), dependency.id, 1, dependencyChanges());
    expect(saved).toMatchObject({ id: dependency.id, aiSystemId: inv.system.id, version: 2 });
    const row = await db().dependency.findUniqueOrThrow({ where: { id: dependency.id } });
    expect(row).toMatchObject({
      accessPath: "cloud_marketplace",
      cloudVendorId: inv.aws.id,
      hostingCountry: "DE",
      hostingRegion: "eu-central-1",
      dataSent: ["personal", "internal"],
      exitPlanDocumented: true,
      contractDataResidency: true,
      contractExitTerms: false,
      notes: "Frankfurt region under the enterprise agreement",
      version: 2,
    });
    // Blank clears: back to direct API, no cloud, unknown contract terms, no notes.
    await updateDependency(w.ctx(w.a, "owner"), dependency.id, 2, dependencyChanges({ accessPath: "direct_api", cloudVendorId: "", contractDataResidency: "", contractExitTerms: "", notes: "" }));
    expect(await db().dependency.findUniqueOrThrow({ where: { id: dependency.id } })).toMatchObject({ cloudVendorId: null, contractDataResidency: null, contractExitTerms: null, notes: null, version: 3 });
  });

  it("changes a fallback, validating its exit plan link as an http(s) address", async () => {
    const dependency = await newDependency();
    const fallback = await newFallback(dependency.id);
    const parsed = (extra: object) =>
      updateFallbackSchema.safeParse({ id: fallback.id, version: 1, modelId: inv.mistralLarge.id, accessPath: "self_hosted", lastTestedAt: daysAgo(5), switchTimeMinutes: "15", qualityParityChecked: "on", ...extra });
    expect(parsed({ exitPlanUrl: "javascript:alert(1)" }).error?.issues.map((i) => i.path.join("."))).toEqual(["exitPlanUrl"]);
    expect(parsed({ exitPlanUrl: "ftp://files.example.com/plan" }).success).toBe(false);
    const ok = parsed({ exitPlanUrl: " https://wiki.example.com/exit-plan ", exitPlan: "Flip the gateway" });
    if (!ok.success) throw ok.error;
    const { id, version, ...changes } = ok.data;
    expect(await updateFallback(w.ctx(w.a, "editor"), id, version, changes)).toMatchObject({ dependencyId: dependency.id, version: 2 });
    expect(await db().fallback.findUniqueOrThrow({ where: { id } })).toMatchObject({
      lastTestedAt: new Date(`${daysAgo(5)}T00:00:00.000Z`),
      switchTimeMinutes: 15,
      qualityParityChecked: true,
      exitPlan: "Flip the gateway",
      exitPlanUrl: "https://wiki.example.com/exit-plan",
    });
  });

  it("refuses a stale version and names the fields someone else changed", async () => {
    const dependency = await newDependency();
    const fallback = await newFallback(dependency.id);
    const base = { modelId: inv.mistralLarge.id, accessPath: "self_hosted" as const, cloudVendorId: null, hostingCountry: null, hostingRegion: null, qualityParityChecked: false, exitPlan: null, exitPlanUrl: null };
    // Alice saves a new drill date and switch time; Bob, who read version 1, then saves his exit plan.
    await updateFallback(w.ctx(w.a, "editor"), fallback.id, 1, { ...base, lastTestedAt: new Date(`${daysAgo(3)}T00:00:00.000Z`), switchTimeMinutes: 20 });
    const stale = updateFallback(w.ctx(w.a, "owner"), fallback.id, 1, { ...base, lastTestedAt: fallback.lastTestedAt, switchTimeMinutes: 240, exitPlan: "Bob's plan" });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", details: { changedFields: ["lastTestedAt", "switchTimeMinutes"], current: { version: 2, switchTimeMinutes: 20 } } });
    await expect(stale).rejects.toThrow(/Changed meanwhile: Last drill, Switch time\./);
    expect(await db().fallback.findUniqueOrThrow({ where: { id: fallback.id } })).toMatchObject({ exitPlan: null, version: 2 });

    await updateDependency(w.ctx(w.a, "editor"), dependency.id, 1, dependencyChanges());
    await expect(updateDependency(w.ctx(w.a, "owner"), dependency.id, 1, dependencyChanges({ notes: "mine" }))).rejects.toThrow(
      /Changed meanwhile: Access path, Cloud, Hosting country, Hosting region, Data sent, Exit plan documented, Exit plan last reviewed, Contract fixes data residency, Contract has exit terms, Notes\./,
    );
  });

  it("refuses another organisation's model or cloud as field errors, and another organisation's row as not found", async () => {
    const editor = w.ctx(w.a, "editor");
    const dependency = await newDependency();
    const fallback = await newFallback(dependency.id);
    await expect(updateDependency(editor, dependency.id, 1, dependencyChanges({ modelId: inv.theirModel.id, cloudVendorId: inv.theirVendor.id }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fieldErrors: { modelId: [expect.any(String)], cloudVendorId: [expect.any(String)] } },
    });
    const fallbackChanges = { modelId: inv.theirModel.id, accessPath: "self_hosted" as const, cloudVendorId: null, hostingCountry: null, hostingRegion: null, lastTestedAt: null, switchTimeMinutes: null, qualityParityChecked: false, exitPlan: null, exitPlanUrl: null };
    await expect(updateFallback(editor, fallback.id, 1, fallbackChanges)).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { modelId: [expect.any(String)] } } });
    const asB = w.ctx(w.b, "owner");
    await expect(updateDependency(asB, dependency.id, 1, dependencyChanges({ modelId: inv.theirModel.id, accessPath: "direct_api", cloudVendorId: "" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateFallback(asB, fallback.id, 1, fallbackChanges)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().dependency.findUniqueOrThrow({ where: { id: dependency.id } })).toMatchObject({ modelId: inv.gpt.id, version: 1 });
    expect(await db().fallback.findUniqueOrThrow({ where: { id: fallback.id } })).toMatchObject({ modelId: inv.mistralLarge.id, version: 1 });
  });

  it("moving a dependency onto a route the system already has is a field error", async () => {
    const dependency = await newDependency();
    const other = await createDependency(w.ctx(w.a, "editor"), dependencySchema.parse({ aiSystemId: inv.system.id, modelId: inv.mistralLarge.id, accessPath: "self_hosted" }));
    await expect(updateDependency(w.ctx(w.a, "editor"), other.id, 1, dependencyChanges({ accessPath: "direct_api", cloudVendorId: "" }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fieldErrors: { modelId: [expect.any(String)] } },
    });
    expect(await db().dependency.findUniqueOrThrow({ where: { id: dependency.id } })).toMatchObject({ version: 1 });
  });

  it("audits each update with who, before and after, in the same transaction as the change", async () => {
    const dependency = await newDependency();
    const fallback = await newFallback(dependency.id);
    await updateDependency(w.ctx(w.a, "editor"), dependency.id, 1, dependencyChanges());
    await updateFallback(w.ctx(w.a, "owner"), fallback.id, 1, {
      modelId: inv.mistralLarge.id,
      accessPath: "self_hosted",
      cloudVendorId: null,
      hostingCountry: "DE",
      hostingRegion: null,
      lastTestedAt: null,
      switchTimeMinutes: 30,
      qualityParityChecked: true,
      exitPlan: null,
      exitPlanUrl: "https://wiki.example.com/exit",
    });
    // A refused update writes nothing.
    await expect(updateDependency(w.ctx(w.a, "editor"), dependency.id, 1, dependencyChanges())).rejects.toMatchObject({ code: "CONFLICT" });
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, action: "update" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.entityType, e.entityId, e.actorId])).toEqual([
      ["dependency", dependency.id, w.a.users.editor.id],
      ["fallback", fallback.id, w.a.users.owner.id],
    ]);
    expect(events[0]?.before).toMatchObject({ accessPath: "direct_api", cloudVendorId: null, version: 1 });
    expect(events[0]?.after).toMatchObject({ accessPath: "cloud_marketplace", cloudVendorId: inv.aws.id, notes: "Frankfurt region under the enterprise agreement", version: 2 });
    expect(events[1]?.before).toMatchObject({ switchTimeMinutes: 240, exitPlanUrl: null, version: 1 });
    expect(events[1]?.after).toMatchObject({ switchTimeMinutes: 30, exitPlanUrl: "https://wiki.example.com/exit", version: 2 });
  });

  it("actions answer the score move, keep typed input on errors and show the conflict", async () => {
    const dependency = await newDependency();
    const fallback = await newFallback(dependency.id);
    session.userId = w.a.users.editor.id;
    const org = w.a.organisation.slug;
    const fallbackForm = { org, id: fallback.id, version: 1, modelId: inv.mistralLarge.id, accessPath: "self_hosted", hostingCountry: "DE", lastTestedAt: daysAgo(7), switchTimeMinutes: "30", qualityParityChecked: "on" };
    const invalid = await call(updateFallbackAction, { ...fallbackForm, exitPlanUrl: "not a link", exitPlan: "typed plan" });
    expect(invalid).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { exitPlanUrl: [expect.any(String)] }, values: { exitPlan: "typed plan" } });
    const saved = await call(updateFallbackAction, fallbackForm);
    expect(saved).toMatchObject({ status: "success", message: "Fallback saved." });
    const move = (saved as { data: { before: number; after: number } }).data;
    expect(move.after).toBeGreaterThan(move.before); // a recent drill and a short switch raise the score

    const conflict = await call(updateFallbackAction, { ...fallbackForm, switchTimeMinutes: "45" });
    expect(conflict).toMatchObject({ status: "error", code: "CONFLICT", values: { switchTimeMinutes: "45" }, details: { changedFields: ["hostingCountry", "lastTestedAt", "switchTimeMinutes", "qualityParityChecked"] } });

    const foreign = await call(updateDependencyAction, { org, id: dependency.id, version: 1, modelId: inv.theirModel.id, accessPath: "direct_api", notes: "typed" });
    expect(foreign).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { modelId: [expect.any(String)] }, values: { notes: "typed" } });
    expect(await call(updateDependencyAction, { org, id: dependency.id, version: 1, modelId: inv.gpt.id, accessPath: "direct_api", notes: "kept" })).toMatchObject({ status: "success", message: "Dependency saved." });
  });
});
