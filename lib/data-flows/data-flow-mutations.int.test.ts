import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionState } from "@/lib/action-state";
import { createDataFlow, deleteDataFlow, updateDataFlow } from "./mutations";
import { getDataFlow, getDataFlowFields, listDataFlowChoices } from "./queries";
import { dataFlowSchema, toDataFlowInput, type DataFlowInput } from "./schemas";
import { buildAiSystem, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createDataFlowAction, captureDataFlowAction, updateDataFlowAction, deleteDataFlowAction } = await import("./actions");

function form(fields: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, String(one));
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

/** An inventory with an office, two systems, an OpenAI model reached directly and through a cloud. */
async function inventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Frankfurt HQ" });
  const openai = await buildVendor(db(), organisationId, { name: "OpenAI" });
  const azure = await buildVendor(db(), organisationId, { name: "Microsoft Azure", vendorType: "hyperscaler" });
  const mistral = await buildVendor(db(), organisationId, { name: "Mistral AI", hqCountry: "FR" });
  const gpt = await buildModel(db(), organisationId, openai.id, { name: "GPT-4o" });
  const support = await buildAiSystem(db(), organisationId, { name: "Support chat", officeIds: [office.id] });
  const search = await buildAiSystem(db(), organisationId, { name: "Search" });
  const direct = await buildDependency(db(), organisationId, support.id, gpt.id);
  const viaAzure = await buildDependency(db(), organisationId, search.id, gpt.id, { accessPath: "cloud_marketplace", cloudVendorId: azure.id, hostingCountry: "SE", hostingRegion: "swedencentral" });
  return { office, openai, azure, mistral, gpt, support, search, direct, viaAzure };
}

const base = (inv: Awaited<ReturnType<typeof inventory>>, over: Record<string, unknown> = {}): DataFlowInput =>
  dataFlowSchema.parse({
    name: "Customer chats",
    originOfficeId: inv.office.id,
    dependencyId: inv.direct.id,
    vendorId: inv.openai.id,
    processingCountry: "us",
    processingRegion: "",
    dataCategories: ["personal", "internal"],
    volume: "high",
    transferMechanism: "scc",
    encryption: "in_transit",
    ...over,
  });

describe("data flow edits", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let inv: Awaited<ReturnType<typeof inventory>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    inv = await inventory(w.a.organisation.id);
    session.userId = null;
  });

  it("creates a flow from an office, reads it with its links, and updates it", async () => {
    const editor = w.ctx(w.a, "editor");
    const flow = await createDataFlow(editor, base(inv));
    expect(flow).toMatchObject({ name: "Customer chats", originOfficeId: inv.office.id, originAiSystemId: null, processingCountry: "US", processingRegion: null, version: 1 });
    expect(await getDataFlow(editor, flow.id)).toMatchObject({
      originOffice: { name: "Frankfurt HQ" },
      dependency: { aiSystem: { name: "Support chat" }, model: { name: "GPT-4o", vendor: { name: "OpenAI" } }, cloudVendor: null },
      vendor: { name: "OpenAI" },
    });
    const updated = await updateDataFlow(editor, flow.id, 1, base(inv, { processingRegion: "eastus", dataCategories: "public" }));
    expect(updated).toMatchObject({ processingRegion: "eastus", dataCategories: ["public"], version: 2 });
    expect(await getDataFlowFields(editor, flow.id)).toMatchObject({ processingRegion: "eastus", dataCategories: ["public"], version: 2 });
  });

  it("the schema wants exactly one origin, at least one data category and a country code", () => {
    const parse = (over: Record<string, unknown>) => dataFlowSchema.safeParse({ ...base(inv), ...over });
    const paths = (r: ReturnType<typeof parse>) => r.error?.issues.map((i) => i.path.join(".")).sort();
    expect(paths(parse({ originOfficeId: "", originAiSystemId: "" }))).toEqual(["originAiSystemId", "originOfficeId"]);
    expect(paths(parse({ originAiSystemId: inv.support.id }))).toEqual(["originAiSystemId"]);
    expect(paths(parse({ dataCategories: [] }))).toEqual(["dataCategories"]);
    expect(paths(parse({ processingCountry: "XX" }))).toEqual(["processingCountry"]);
    expect(parse({ originOfficeId: null, originAiSystemId: inv.support.id }).success).toBe(true);
  });

  it("a system's flow goes through one of that system's dependencies", async () => {
    const editor = w.ctx(w.a, "editor");
    const fromSearch = { originOfficeId: "", originAiSystemId: inv.search.id };
    await expect(createDataFlow(editor, base(inv, fromSearch))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { dependencyId: [expect.any(String)] } } });
    const ok = await createDataFlow(editor, base(inv, { ...fromSearch, dependencyId: inv.viaAzure.id, vendorId: inv.azure.id }));
    expect(ok).toMatchObject({ originAiSystemId: inv.search.id, originOfficeId: null });
    // Without a dependency, a system's flow may go to any vendor of the organisation.
    await expect(createDataFlow(editor, base(inv, { ...fromSearch, name: "Loose", dependencyId: "", vendorId: inv.mistral.id }))).resolves.toMatchObject({ dependencyId: null });
  });

  it("the vendor is the dependency's model's vendor or its cloud", async () => {
    const editor = w.ctx(w.a, "editor");
    await expect(createDataFlow(editor, base(inv, { vendorId: inv.mistral.id }))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { vendorId: [expect.any(String)] } } });
    await expect(createDataFlow(editor, base(inv, { vendorId: inv.azure.id }))).rejects.toMatchObject({ details: { fieldErrors: { vendorId: [expect.any(String)] } } });
    await expect(createDataFlow(editor, base(inv, { name: "Via cloud, model vendor", dependencyId: inv.viaAzure.id, vendorId: inv.openai.id }))).resolves.toBeTruthy();
    await expect(createDataFlow(editor, base(inv, { name: "Via cloud, cloud", dependencyId: inv.viaAzure.id, vendorId: inv.azure.id }))).resolves.toBeTruthy();
    expect(await db().dataFlow.count({ where: { organisationId: w.a.organisation.id } })).toBe(2);
  });

  it("refuses another organisation's office, system, dependency or vendor as NOT_FOUND naming the field, and links nothing", async () => {
    const theirs = await inventory(w.b.organisation.id);
    const editor = w.ctx(w.a, "editor");
    const cases: [Record<string, unknown>, string[]][] = [
      [{ originOfficeId: theirs.office.id }, ["originOfficeId"]],
      [{ originOfficeId: "", originAiSystemId: theirs.support.id, dependencyId: "" }, ["originAiSystemId"]],
      [{ dependencyId: theirs.direct.id }, ["dependencyId"]],
      [{ vendorId: theirs.openai.id, dependencyId: "" }, ["vendorId"]],
    ];
    for (const [over, fields] of cases) {
      const error = await createDataFlow(editor, base(inv, over)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "NOT_FOUND" });
      expect(Object.keys((error as { details: { fieldErrors: object } }).details.fieldErrors)).toEqual(fields);
    }
    expect(await db().dataFlow.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("the second of two concurrent edits is refused with what the first one saved", async () => {
    const flow = await createDataFlow(w.ctx(w.a, "editor"), base(inv));
    await updateDataFlow(w.ctx(w.a, "editor"), flow.id, 1, base(inv, { encryption: "at_rest" }));
    const second = updateDataFlow(w.ctx(w.a, "owner"), flow.id, 1, base(inv, { volume: "low" }));
    await expect(second).rejects.toMatchObject({ code: "CONFLICT", details: { current: { encryption: "at_rest", volume: "high", version: 2 } } });
    expect(await getDataFlowFields(w.ctx(w.a, "viewer"), flow.id)).toMatchObject({ encryption: "at_rest", volume: "high", version: 2 });
  });

  it("an invalid update changes nothing, not even the version", async () => {
    const flow = await createDataFlow(w.ctx(w.a, "editor"), base(inv));
    await expect(updateDataFlow(w.ctx(w.a, "editor"), flow.id, 1, base(inv, { vendorId: inv.mistral.id }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await getDataFlowFields(w.ctx(w.a, "viewer"), flow.id)).toMatchObject({ vendorId: inv.openai.id, version: 1 });
  });

  it("a flow stored with both an office and a system (as imported) loads and saves with the office as its origin", async () => {
    const legacy = await db().dataFlow.create({
      data: { ...base(inv), name: "Imported", originAiSystemId: inv.support.id, organisationId: w.a.organisation.id },
      select: { id: true },
    });
    const editor = w.ctx(w.a, "editor");
    const stored = (await getDataFlowFields(editor, legacy.id))!;
    const input = toDataFlowInput(stored);
    expect(dataFlowSchema.safeParse(input).success).toBe(true);
    const saved = await updateDataFlow(editor, legacy.id, stored.version, { ...input, volume: "low" });
    expect(saved).toMatchObject({ originOfficeId: inv.office.id, originAiSystemId: null, volume: "low", version: 2 });
  });

  it("a duplicate name is a field error in the same organisation only", async () => {
    await createDataFlow(w.ctx(w.a, "editor"), base(inv));
    await expect(createDataFlow(w.ctx(w.a, "editor"), base(inv))).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { name: [expect.any(String)] } } });
    const theirs = await inventory(w.b.organisation.id);
    await expect(createDataFlow(w.ctx(w.b, "editor"), base(theirs))).resolves.toMatchObject({ name: "Customer chats" });
  });

  it("deletes with the version read; a stale version deletes nothing", async () => {
    const editor = w.ctx(w.a, "editor");
    const flow = await createDataFlow(editor, base(inv));
    await updateDataFlow(editor, flow.id, 1, base(inv, { volume: "low" }));
    await expect(deleteDataFlow(editor, flow.id, 1)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().dataFlow.count({ where: { id: flow.id } })).toBe(1);
    await deleteDataFlow(editor, flow.id, 2);
    expect(await db().dataFlow.count({ where: { id: flow.id } })).toBe(0);
    expect(await db().dependency.count({ where: { id: inv.direct.id } })).toBe(1); // nothing else goes with it
  });

  it("every create, update and delete leaves an audit event with who, before and after", async () => {
    const editor = w.ctx(w.a, "editor");
    const flow = await createDataFlow(editor, base(inv));
    await updateDataFlow(editor, flow.id, 1, base(inv, { encryption: "at_rest" }));
    await deleteDataFlow(w.ctx(w.a, "owner"), flow.id, 2);
    const events = await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id, entityType: "data_flow", entityId: flow.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["create", w.a.users.editor.id],
      ["update", w.a.users.editor.id],
      ["delete", w.a.users.owner.id],
    ]);
    expect(events[0]).toMatchObject({ before: null, after: { name: "Customer chats", encryption: "in_transit", version: 1 } });
    expect(events[1]).toMatchObject({ before: { encryption: "in_transit", version: 1 }, after: { encryption: "at_rest", version: 2 } });
    expect(events[2]).toMatchObject({ before: { encryption: "at_rest" }, after: null });
  });

  it("another organisation's flow is not found: read null, update and delete NOT_FOUND, nothing changes", async () => {
    const theirs = await inventory(w.b.organisation.id);
    const flow = await createDataFlow(w.ctx(w.b, "editor"), base(theirs));
    const asA = w.ctx(w.a, "owner");
    expect(await getDataFlow(asA, flow.id)).toBeNull();
    expect(await getDataFlowFields(asA, flow.id)).toBeNull();
    await expect(updateDataFlow(asA, flow.id, 1, base(inv))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteDataFlow(asA, flow.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const choices = await listDataFlowChoices(asA);
    expect(choices.offices.map((o) => o.id)).toEqual([inv.office.id]);
    expect(choices.dependencies.map((d) => d.id).sort()).toEqual([inv.direct.id, inv.viaAzure.id].sort());
    expect(await getDataFlowFields(w.ctx(w.b, "viewer"), flow.id)).toMatchObject({ originOfficeId: theirs.office.id, version: 1 });
  });

  it("analysts and viewers may read but not write", async () => {
    const flow = await createDataFlow(w.ctx(w.a, "editor"), base(inv));
    for (const role of ["analyst", "viewer"] as const) {
      const ctx = w.ctx(w.a, role);
      await expect(createDataFlow(ctx, base(inv, { name: "x" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateDataFlow(ctx, flow.id, 1, base(inv))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteDataFlow(ctx, flow.id, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getDataFlow(ctx, flow.id)).resolves.toMatchObject({ id: flow.id });
    }
  });

  describe("actions", () => {
    const fields = (i: typeof inv) => ({
      name: "Support transcripts",
      originKind: "office",
      originOfficeId: i.office.id,
      dependencyId: i.direct.id,
      vendorId: i.openai.id,
      processingCountry: "US",
      processingRegion: "",
      dataCategories: ["personal", "internal"],
      volume: "medium",
      transferMechanism: "scc",
      encryption: "in_transit",
    });

    it("an editor creates (redirect) and updates (answers the organisation's score before and after)", async () => {
      session.userId = w.a.users.editor.id;
      const org = w.a.organisation.slug;
      expect(await call(createDataFlowAction, { org, ...fields(inv) })).toMatchObject({ status: "success" });
      const flow = await db().dataFlow.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, name: "Support transcripts" } });
      expect(flow.dataCategories).toEqual(["personal", "internal"]);
      const state = await call(updateDataFlowAction, { org, id: flow.id, version: 1, ...fields(inv), encryption: "at_rest" });
      expect(state).toMatchObject({ status: "success", data: { before: expect.any(Number), after: expect.any(Number) } });
      expect(await db().dataFlow.findUniqueOrThrow({ where: { id: flow.id } })).toMatchObject({ encryption: "at_rest", version: 2 });
    });

    it("a stale save answers CONFLICT with the current row and the typed values", async () => {
      const flow = await createDataFlow(w.ctx(w.a, "editor"), base(inv));
      await updateDataFlow(w.ctx(w.a, "editor"), flow.id, 1, base(inv, { volume: "low" }));
      session.userId = w.a.users.owner.id;
      const state = await call(updateDataFlowAction, { org: w.a.organisation.slug, id: flow.id, version: 1, ...fields(inv), processingRegion: "typed" });
      expect(state).toMatchObject({ status: "error", code: "CONFLICT", details: { current: { volume: "low", version: 2 } }, values: { processingRegion: "typed" } });
    });

    // The workshop's data-flow step (decision 038): the same schema and mutation, answering on the screen.
    describe("captureDataFlowAction", () => {
      const flowsAndAudit = async () => {
        const [a, b, audit] = await Promise.all([
          db().dataFlow.findMany({ where: { organisationId: w.a.organisation.id }, orderBy: { id: "asc" } }),
          db().dataFlow.count({ where: { organisationId: w.b.organisation.id } }),
          db().auditEvent.count({ where: { organisationId: { in: [w.a.organisation.id, w.b.organisation.id] } } }),
        ]);
        return JSON.stringify({ a, b, audit });
      };

      it("adds exactly one flow in the caller's organisation, audited, and answers what was added", async () => {
        await inventory(w.b.organisation.id);
        session.userId = w.a.users.editor.id;
        const state = await call(captureDataFlowAction, { org: w.a.organisation.slug, ...fields(inv), name: "Frankfurt HQ → Support chat (GPT-4o)" });
        expect(state).toEqual({ status: "success", message: "Added Frankfurt HQ → Support chat (GPT-4o), processed in United States." });
        const flows = await db().dataFlow.findMany({ where: { organisationId: w.a.organisation.id } });
        expect(flows).toHaveLength(1);
        expect(flows[0]).toMatchObject({ originOfficeId: inv.office.id, originAiSystemId: null, dependencyId: inv.direct.id, vendorId: inv.openai.id, processingCountry: "US", dataCategories: ["personal", "internal"], volume: "medium", transferMechanism: "scc", encryption: "in_transit", version: 1 });
        expect(await db().dataFlow.count({ where: { organisationId: w.b.organisation.id } })).toBe(0);
        const events = await db().auditEvent.findMany({ where: { organisationId: { in: [w.a.organisation.id, w.b.organisation.id] }, entityType: "data_flow" } });
        expect(events.map((e) => [e.organisationId, e.action, e.actorId, e.entityId])).toEqual([[w.a.organisation.id, "create", w.a.users.editor.id, flows[0]!.id]]);
      });

      it("refuses invalid input under each field, keeps what was typed and writes nothing", async () => {
        session.userId = w.a.users.editor.id;
        const before = await flowsAndAudit();
        const state = await call(captureDataFlowAction, { org: w.a.organisation.slug, ...fields(inv), originOfficeId: "", dependencyId: "", vendorId: "", dataCategories: [], processingCountry: "ZZ", name: "Kept" });
        expect(state).toMatchObject({ status: "error", code: "INVALID_INPUT", values: { name: "Kept", processingCountry: "ZZ" } });
        expect(Object.keys((state as { fieldErrors: object }).fieldErrors).sort()).toEqual(["dataCategories", "originAiSystemId", "originOfficeId", "processingCountry", "vendorId"]);
        expect(await flowsAndAudit()).toBe(before);
      });

      it("refuses another organisation's office, dependency or vendor as NOT_FOUND under its field and writes nothing", async () => {
        const theirs = await inventory(w.b.organisation.id);
        session.userId = w.a.users.owner.id;
        const before = await flowsAndAudit();
        const org = w.a.organisation.slug;
        for (const [field, over] of [
          ["originOfficeId", { originOfficeId: theirs.office.id }],
          ["dependencyId", { dependencyId: theirs.direct.id }],
          ["vendorId", { vendorId: theirs.openai.id }],
        ] as const) {
          const state = await call(captureDataFlowAction, { org, ...fields(inv), ...over });
          expect(state).toMatchObject({ status: "error", code: "NOT_FOUND", fieldErrors: { [field]: [expect.any(String)] } });
          expect(Object.keys((state as { fieldErrors: object }).fieldErrors)).toEqual([field]);
        }
        expect(await flowsAndAudit()).toBe(before);
      });
    });

    it("field errors come back with what was typed; viewers and analysts are refused; another organisation's flow is NOT_FOUND", async () => {
      session.userId = w.a.users.editor.id;
      const invalid = await call(createDataFlowAction, { org: w.a.organisation.slug, ...fields(inv), dataCategories: [], processingCountry: "ZZ" });
      expect(invalid).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { dataCategories: [expect.any(String)], processingCountry: [expect.any(String)] }, values: { name: "Support transcripts" } });
      const wrongVendor = await call(createDataFlowAction, { org: w.a.organisation.slug, ...fields(inv), vendorId: inv.mistral.id });
      expect(wrongVendor).toMatchObject({ status: "error", fieldErrors: { vendorId: [expect.any(String)] }, values: { vendorId: inv.mistral.id } });
      for (const role of ["viewer", "analyst"] as const) {
        session.userId = w.a.users[role].id;
        expect(await call(createDataFlowAction, { org: w.a.organisation.slug, ...fields(inv) })).toMatchObject({ status: "error", code: "FORBIDDEN" });
      }
      const theirs = await inventory(w.b.organisation.id);
      const flow = await createDataFlow(w.ctx(w.b, "editor"), base(theirs));
      session.userId = w.a.users.owner.id;
      expect(await call(deleteDataFlowAction, { org: w.a.organisation.slug, id: flow.id, version: 1 })).toMatchObject({ status: "error", code: "NOT_FOUND" });
      expect(await call(updateDataFlowAction, { org: w.a.organisation.slug, id: flow.id, version: 1, ...fields(inv) })).toMatchObject({ status: "error", code: "NOT_FOUND" });
      expect(await db().dataFlow.count({ where: { organisationId: w.b.organisation.id } })).toBe(1);
    });
  });
});
