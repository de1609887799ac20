import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { aiSystemDeletionImpact, createAiSystem, deleteAiSystem, updateAiSystem } from "./mutations";
import { getAiSystem } from "./queries";
import { aiSystemSchema, type AiSystemInput } from "./schemas";
import { buildDataFlow, buildDependency, buildFallback, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createAiSystemAction, updateAiSystemAction, deleteAiSystemAction } = await import("./actions");

const base = { name: "Support assistant", description: "Answers customer chats", owner: "Head of service", criticality: "high", downtimeHours: "2", downtimeMinutes: "30", usersServed: "1200", teams: "Service, Sales, Service" };

function form(fields: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, String(item));
  return fd;
}
async function call(action: (p: ActionState, f: FormData) => Promise<ActionState>, fields: Record<string, string | number | string[]>): Promise<ActionState> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { status: "success", message: "redirected" };
    throw e;
  }
}

describe("AI system edits", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let input: (officeIds: string[], extra?: object) => AiSystemInput;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    input = (officeIds, extra = {}) => aiSystemSchema.parse({ ...base, officeIds, ...extra });
  });

  it("the schema turns hours and minutes into tolerated minutes and cleans the teams", () => {
    expect(aiSystemSchema.parse({ ...base, officeIds: "" })).toMatchObject({ toleratedDowntimeMinutes: 150, usersServed: 1200, teams: ["Service", "Sales"], officeIds: [] });
    const bad = aiSystemSchema.safeParse({ ...base, downtimeMinutes: "75", owner: "" });
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["downtimeMinutes", "owner"]);
  });

  it("creates with the offices it serves, reads them back, and replaces them on update", async () => {
    const org = w.a.organisation.id;
    const [frankfurt, lyon] = [await buildOffice(db(), org, { name: "Frankfurt" }), await buildOffice(db(), org, { name: "Lyon" })];
    const editor = w.ctx(w.a, "editor");
    const system = await createAiSystem(editor, input([frankfurt.id]));
    expect(await getAiSystem(editor, system.id)).toMatchObject({ name: "Support assistant", toleratedDowntimeMinutes: 150, officeIds: [frankfurt.id], dependencies: [], version: 1 });
    await updateAiSystem(editor, system.id, 1, input([lyon.id], { criticality: "critical" }));
    expect(await getAiSystem(editor, system.id)).toMatchObject({ criticality: "critical", officeIds: [lyon.id], version: 2 });
  });

  it("refuses another organisation's office as a field error, and saves nothing", async () => {
    const theirs = await buildOffice(db(), w.b.organisation.id);
    const editor = w.ctx(w.a, "editor");
    await expect(createAiSystem(editor, input([theirs.id]))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { officeIds: [expect.any(String)] } } });
    expect(await db().aiSystem.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
    const mine = await createAiSystem(editor, input([]));
    await expect(updateAiSystem(editor, mine.id, 1, input([theirs.id]))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await getAiSystem(editor, mine.id)).toMatchObject({ version: 1, officeIds: [] });
  });

  it("the second of two concurrent edits is refused with what the first one saved", async () => {
    const system = await createAiSystem(w.ctx(w.a, "editor"), input([]));
    await updateAiSystem(w.ctx(w.a, "editor"), system.id, 1, input([], { owner: "New owner" }));
    await expect(updateAiSystem(w.ctx(w.a, "owner"), system.id, 1, input([], { usersServed: "5" }))).rejects.toMatchObject({
      code: "CONFLICT",
      details: { current: { owner: "New owner", version: 2 } },
    });
    expect(await getAiSystem(w.ctx(w.a, "viewer"), system.id)).toMatchObject({ usersServed: 1200, owner: "New owner" });
  });

  it("a duplicate name is a field error", async () => {
    await createAiSystem(w.ctx(w.a, "editor"), input([]));
    await expect(createAiSystem(w.ctx(w.a, "editor"), input([]))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { name: [expect.any(String)] } } });
  });

  it("says what a delete takes with it, takes it, and audits create, update and delete with before and after", async () => {
    const org = w.a.organisation.id;
    const office = await buildOffice(db(), org);
    const editor = w.ctx(w.a, "editor");
    const system = await createAiSystem(editor, input([office.id]));
    const vendor = await buildVendor(db(), org);
    const model = await buildModel(db(), org, vendor.id);
    const dependency = await buildDependency(db(), org, system.id, model.id);
    await buildFallback(db(), org, dependency.id, model.id);
    await buildDataFlow(db(), org, vendor.id, { originOfficeId: office.id, dependencyId: dependency.id });
    await updateAiSystem(editor, system.id, 1, input([office.id], { owner: "CTO" }));
    expect(await aiSystemDeletionImpact(editor, system.id)).toEqual({ dependencies: 1, fallbacks: 1, dataFlows: 1 });
    await expect(deleteAiSystem(editor, system.id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteAiSystem(editor, system.id, 2);
    for (const table of [db().dependency, db().fallback, db().dataFlow, db().aiSystemOffice] as unknown as { count: (a: object) => Promise<number> }[]) {
      expect(await table.count({ where: { organisationId: org } })).toBe(0);
    }
    expect(await db().office.count({ where: { organisationId: org } })).toBe(1);
    const events = await db().auditEvent.findMany({ where: { organisationId: org, entityType: "ai_system", entityId: system.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["create", w.a.users.editor.id],
      ["update", w.a.users.editor.id],
      ["delete", w.a.users.editor.id],
    ]);
    expect(events[1]).toMatchObject({ before: { owner: "Head of service", officeIds: [office.id] }, after: { owner: "CTO", version: 2 } });
    expect(events[2]).toMatchObject({ before: { owner: "CTO" }, after: null });
  });

  it("another organisation's system: null, NOT_FOUND, and nothing changes", async () => {
    const theirs = await createAiSystem(w.ctx(w.b, "editor"), input([]));
    const asA = w.ctx(w.a, "owner");
    expect(await getAiSystem(asA, theirs.id)).toBeNull();
    await expect(updateAiSystem(asA, theirs.id, 1, input([]))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteAiSystem(asA, theirs.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await aiSystemDeletionImpact(asA, theirs.id)).toEqual({ dependencies: 0, fallbacks: 0, dataFlows: 0 });
    expect(await getAiSystem(w.ctx(w.b, "viewer"), theirs.id)).toMatchObject({ version: 1 });
  });

  it("analysts and viewers may read but not write", async () => {
    const system = await createAiSystem(w.ctx(w.a, "editor"), input([]));
    for (const role of ["analyst", "viewer"] as const) {
      const ctx = w.ctx(w.a, role);
      await expect(createAiSystem(ctx, input([], { name: "x" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateAiSystem(ctx, system.id, 1, input([]))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteAiSystem(ctx, system.id, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getAiSystem(ctx, system.id)).resolves.toMatchObject({ id: system.id });
    }
  });

  it("actions: an editor creates, updates (with the organisation's score move) and deletes; others are refused", async () => {
    const org = w.a.organisation.slug;
    const office = await buildOffice(db(), w.a.organisation.id);
    for (const role of ["viewer", "analyst"] as const) {
      session.userId = w.a.users[role].id;
      expect(await call(createAiSystemAction, { org, ...base, officeIds: [office.id] })).toMatchObject({ status: "error", code: "FORBIDDEN" });
    }
    session.userId = w.a.users.editor.id;
    expect(await call(createAiSystemAction, { org, ...base, officeIds: [office.id] })).toMatchObject({ status: "success" });
    const system = await db().aiSystem.findFirstOrThrow({ where: { organisationId: w.a.organisation.id } });
    const invalid = await call(updateAiSystemAction, { org, id: system.id, version: 1, ...base, name: "" });
    expect(invalid).toMatchObject({ status: "error", fieldErrors: { name: [expect.any(String)] }, values: { owner: base.owner } });
    const saved = await call(updateAiSystemAction, { org, id: system.id, version: 1, ...base, criticality: "low", officeIds: [office.id] });
    expect(saved).toMatchObject({ status: "success", data: { before: expect.any(Number), after: expect.any(Number) } });
    const stale = await call(updateAiSystemAction, { org, id: system.id, version: 1, ...base });
    expect(stale).toMatchObject({ status: "error", code: "CONFLICT", details: { current: { criticality: "low", version: 2 } } });
    expect(await call(deleteAiSystemAction, { org, id: system.id, version: 2 })).toMatchObject({ status: "success" });
  });
});
