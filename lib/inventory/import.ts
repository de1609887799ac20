import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma, type DataCategory } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import type { Issue } from "@/scoring/schema/issues";
import {
  buildPlan,
  dependencyIdentity,
  modelIdentity,
  readExisting,
  type ImportEntityType,
  type InventoryImportPlan,
  type NaturalRow,
} from "./import-plan";
import { withImportSlot } from "./import-slots";
import { validateForImport } from "./import-validate";

// Importing an inventory document (scoring/schema) into the caller's organisation: the opposite
// of loadInventoryDocument (./document.ts). Plan first (what would be created, updated, left
// alone), then apply that plan in one transaction.
//
// An import never deletes: rows the document does not mention stay as they are. Deleting is a
// separate action that shows what goes with a row and asks for confirmation. (The offices an AI
// system serves are a field of that system in the document, so its office links are set to
// exactly the document's list.)
//
// Audit: one event per created or updated row (action "create"/"update", before/after in the
// natural form of the plan), written in batches in the same transaction. We chose per-row events
// over a summary because the audit trail is read per entity ("who changed this vendor, when"),
// and a summary would break that history at every import; batched inserts keep even the
// 100,000-row maximum to a few hundred statements.

export type { ImportEntityType, InventoryImportPlan, EntityPlan, PlannedCreate, PlannedUpdate, PlannedUnchanged } from "./import-plan";
export type InventoryImportResult = { ok: false; issues: Issue[] } | { ok: true; plan: InventoryImportPlan };

type Tx = Prisma.TransactionClient;

/**
 * What importing `input` would do to the caller's organisation, without changing anything:
 * per entity type, the rows to create, to update (with the changed fields) and unchanged.
 */
export async function planInventoryImport(ctx: OrgContext, input: unknown): Promise<InventoryImportResult> {
  assertCan(ctx, "inventory:read");
  return withImportSlot(async () => {
    const valid = validateForImport(input);
    if (!valid.ok) return valid;
    return buildPlan(valid.doc, await readExisting(db(), ctx.organisationId));
  });
}

/**
 * Imports `input` into the caller's organisation: plans again inside one transaction and applies
 * that plan, so the result is all or nothing. Returns the plan that was applied. Importing the
 * same document twice changes nothing the second time. Both run in one of the process's import
 * slots (./import-slots.ts): RATE_LIMITED when all are taken.
 */
export async function applyInventoryImport(ctx: OrgContext, input: unknown): Promise<InventoryImportResult> {
  assertCan(ctx, "inventory:write");
  return withImportSlot(() => applyValidated(ctx, input));
}

async function applyValidated(ctx: OrgContext, input: unknown): Promise<InventoryImportResult> {
  const valid = validateForImport(input);
  if (!valid.ok) return valid;
  return db()
    .$transaction(
      async (tx) => {
        const planned = buildPlan(valid.doc, await readExisting(tx, ctx.organisationId));
        if (planned.ok) await writePlan(tx, ctx, planned.plan);
        return planned;
      },
      { timeout: 120_000, maxWait: 10_000 },
    )
    .catch((e: unknown) => {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        throw new AppError("CONFLICT", "The inventory changed while importing (a row with the same name was added). Nothing was imported; review the plan and import again.");
      }
      throw e;
    });
}

/**
 * Imports a document into an organisation created in the same transaction `tx` (a practice's
 * client started from a template, lib/practices): validated and planned like any import, so a
 * template that stops matching the schema fails loudly, and rolled back with the organisation.
 * Not throttled by the import slots: the caller's transaction is the unit of work.
 */
export async function importIntoNewOrganisation(tx: Tx, ctx: OrgContext, input: unknown): Promise<InventoryImportResult> {
  assertCan(ctx, "inventory:write");
  const valid = validateForImport(input);
  if (!valid.ok) return valid;
  const planned = buildPlan(valid.doc, await readExisting(tx, ctx.organisationId));
  if (planned.ok) await writePlan(tx, ctx, planned.plan);
  return planned;
}

/**
 * UUIDv7 (RFC 9562) with a counter, strictly increasing within the import: rows created in
 * document order sort in document order (exports list rows by creation time, then id).
 */
function idGenerator() {
  let lastMs = 0;
  let counter = 0;
  return () => {
    const now = Date.now();
    if (now > lastMs) [lastMs, counter] = [now, 0];
    else if (++counter > 0xfff) [lastMs, counter] = [lastMs + 1, 0];
    const b = randomBytes(16);
    b.writeUIntBE(lastMs, 0, 6);
    b[6] = 0x70 | (counter >> 8);
    b[7] = counter & 0xff;
    b[8] = 0x80 | (b[8]! & 0x3f);
    const hex = b.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

const date = (v: unknown) => (v === null ? null : new Date(`${v as string}T00:00:00.000Z`));
const json = (v: unknown) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));
const chunks = <T>(rows: T[], size = 2_000) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

async function writePlan(tx: Tx, ctx: OrgContext, plan: InventoryImportPlan) {
  const organisationId = ctx.organisationId;
  const nextId = idGenerator();
  const audit: Prisma.AuditEventCreateManyInput[] = [];
  const auditEvent = (action: "create" | "update", entityType: ImportEntityType, entityId: string, before: NaturalRow | undefined, after: NaturalRow) =>
    audit.push({
      organisationId,
      actorId: ctx.userId,
      action,
      entityType,
      entityId,
      before: before === undefined ? undefined : (before as Prisma.InputJsonValue),
      after: after as Prisma.InputJsonValue,
    });

  // Natural key -> id, for the rows that exist and those created on the way.
  const [offices, vendors, models, systems, dependencies] = await Promise.all([
    tx.office.findMany({ where: { organisationId }, select: { id: true, name: true } }),
    tx.vendor.findMany({ where: { organisationId }, select: { id: true, name: true } }),
    tx.model.findMany({ where: { organisationId }, select: { id: true, name: true, vendor: { select: { name: true } } } }),
    tx.aiSystem.findMany({ where: { organisationId }, select: { id: true, name: true } }),
    tx.dependency.findMany({ where: { organisationId }, select: { id: true, accessPath: true, aiSystem: { select: { name: true } }, model: { select: { name: true, vendor: { select: { name: true } } } } } }),
  ]);
  const officeId = new Map(offices.map((o) => [o.name, o.id]));
  const vendorId = new Map(vendors.map((v) => [v.name, v.id]));
  const modelId = new Map(models.map((m) => [modelIdentity(m.vendor.name, m.name), m.id]));
  const systemId = new Map(systems.map((s) => [s.name, s.id]));
  const dependencyId = new Map(dependencies.map((d) => [dependencyIdentity(d.aiSystem.name, d.model.vendor.name, d.model.name, d.accessPath), d.id]));
  const idOf = (map: Map<string, string>, key: unknown) => {
    if (key === null) return null;
    const id = map.get(key as string);
    if (!id) throw new Error(`import: unresolved reference ${JSON.stringify(key)}`); // the plan guarantees it; a bug otherwise
    return id;
  };

  /**
   * Creates and updates one entity type. `toData` turns a natural row into columns; `track`
   * records the id of each row by its natural key for the layers that reference it.
   */
  async function upsert<D extends object>(
    type: ImportEntityType,
    toData: (values: NaturalRow) => D,
    createMany: (rows: (D & { id: string; organisationId: string })[]) => Promise<unknown>,
    updateMany: (id: string, version: number, data: D) => Promise<{ count: number }>,
    track?: (values: NaturalRow, id: string) => void,
  ) {
    const { create, update } = plan.entities[type];
    const created = create.map((row) => ({ row, id: nextId() }));
    for (const { row, id } of created) track?.(row.values, id);
    for (const batch of chunks(created)) await createMany(batch.map(({ row, id }) => ({ ...toData(row.values), id, organisationId })));
    for (const { row, id } of created) auditEvent("create", type, id, undefined, { id, ...row.values });
    for (const row of update) {
      const { count } = await updateMany(row.id, row.version, toData(row.values));
      if (count === 0) throw new AppError("CONFLICT", `${row.label} (${row.path}) changed while importing. Nothing was imported; review the plan and import again.`);
      auditEvent("update", type, row.id, { ...row.before, version: row.version }, { ...row.values, version: row.version + 1 });
    }
  }
  const where = (id: string, version: number) => ({ id, organisationId, version });
  const bump = { version: { increment: 1 } };
  const str = (v: unknown) => v as string;
  const track = (map: Map<string, string>, key: (v: NaturalRow) => string) => (v: NaturalRow, id: string) => void map.set(key(v), id);

  await upsert(
    "office",
    (v) => ({ name: str(v.name), country: str(v.country), headcount: v.headcount as number, teams: v.teams as string[] }),
    // The document has no city; new offices get an empty one to fill in.
    (rows) => tx.office.createMany({ data: rows.map((r) => ({ ...r, city: "" })) }),
    (id, version, data) => tx.office.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
    track(officeId, (v) => str(v.name)),
  );
  await upsert(
    "vendor",
    (v) => ({
      name: str(v.name),
      vendorType: v.vendorType as Prisma.VendorCreateManyInput["vendorType"],
      hqCountry: str(v.hqCountry),
      parentName: v.parentName as string | null,
      parentCountry: v.parentCountry as string | null,
      catalogueKey: v.catalogueKey as string | null,
      dpfCertified: v.dpfCertified as boolean,
      source: v.source as string | null,
      sourceAsOf: date(v.sourceAsOf),
    }),
    (rows) => tx.vendor.createMany({ data: rows }),
    (id, version, data) => tx.vendor.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
    track(vendorId, (v) => str(v.name)),
  );
  await upsert(
    "model",
    (v) => ({
      vendorId: idOf(vendorId, v.vendor)!,
      name: str(v.name),
      family: str(v.family),
      weights: v.weights as Prisma.ModelCreateManyInput["weights"],
      licence: str(v.licence),
      trainingCompute: str(v.trainingCompute),
      catalogueKey: v.catalogueKey as string | null,
      source: v.source as string | null,
      sourceAsOf: date(v.sourceAsOf),
    }),
    (rows) => tx.model.createMany({ data: rows }),
    (id, version, data) => tx.model.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
    track(modelId, (v) => modelIdentity(str(v.vendor), str(v.name))),
  );
  await upsert(
    "ai_system",
    (v) => ({
      name: str(v.name),
      owner: str(v.owner),
      criticality: v.criticality as Prisma.AiSystemCreateManyInput["criticality"],
      toleratedDowntimeMinutes: v.toleratedDowntimeMinutes as number,
      teams: v.teams as string[],
      dataSensitivity: v.dataSensitivity as Prisma.AiSystemCreateManyInput["dataSensitivity"],
    }),
    (rows) => tx.aiSystem.createMany({ data: rows }),
    (id, version, data) => tx.aiSystem.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
    track(systemId, (v) => str(v.name)),
  );
  // The offices each created or changed system serves: exactly the document's list.
  const systemsWithOffices = [
    ...plan.entities.ai_system.create.map((r) => r.values),
    ...plan.entities.ai_system.update.filter((r) => "offices" in r.changes).map((r) => r.values),
  ];
  for (const batch of chunks(systemsWithOffices, 500)) {
    const ids = batch.map((v) => idOf(systemId, v.name)!);
    await tx.aiSystemOffice.deleteMany({ where: { organisationId, aiSystemId: { in: ids } } });
    await tx.aiSystemOffice.createMany({
      data: batch.flatMap((v) => (v.offices as string[]).map((office) => ({ organisationId, aiSystemId: idOf(systemId, v.name)!, officeId: idOf(officeId, office)! }))),
    });
  }

  const route = (v: NaturalRow) => ({
    modelId: idOf(modelId, modelIdentity(str(v.modelVendor), str(v.model)))!,
    accessPath: v.accessPath as Prisma.DependencyCreateManyInput["accessPath"],
    cloudVendorId: idOf(vendorId, v.cloudVendor),
    hostingCountry: v.hostingCountry as string | null,
    hostingRegion: v.hostingRegion as string | null,
  });
  await upsert(
    "dependency",
    (v) => ({
      aiSystemId: idOf(systemId, v.system)!,
      ...route(v),
      exitPlanDocumented: v.exitPlanDocumented as boolean,
      exitPlanLastReviewed: date(v.exitPlanLastReviewed),
      contractDataResidency: v.contractDataResidency as boolean | null,
      contractExitTerms: v.contractExitTerms as boolean | null,
      dataSent: v.dataSent as DataCategory[],
      notes: v.notes as string | null,
    }),
    (rows) => tx.dependency.createMany({ data: rows }),
    (id, version, data) => tx.dependency.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
    track(dependencyId, (v) => dependencyIdentity(str(v.system), str(v.modelVendor), str(v.model), str(v.accessPath))),
  );
  await upsert(
    "fallback",
    (v) => ({
      dependencyId: idOf(dependencyId, v.dependency)!,
      ...route(v),
      lastTestedAt: date(v.lastTestedAt),
      switchTimeMinutes: v.switchTimeMinutes as number | null,
      qualityParityChecked: v.qualityParityChecked as boolean,
      exitPlan: v.exitPlan as string | null,
      exitPlanUrl: v.exitPlanUrl as string | null,
    }),
    (rows) => tx.fallback.createMany({ data: rows }),
    (id, version, data) => tx.fallback.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
  );
  await upsert(
    "data_flow",
    (v) => ({
      name: str(v.name),
      originOfficeId: idOf(officeId, v.originOffice),
      originAiSystemId: idOf(systemId, v.originAiSystem),
      dependencyId: idOf(dependencyId, v.dependency),
      vendorId: idOf(vendorId, v.vendor)!,
      processingCountry: str(v.processingCountry),
      processingRegion: v.processingRegion as string | null,
      dataCategories: v.dataCategories as DataCategory[],
      volume: v.volume as Prisma.DataFlowCreateManyInput["volume"],
      transferMechanism: v.transferMechanism as Prisma.DataFlowCreateManyInput["transferMechanism"],
      encryption: v.encryption as Prisma.DataFlowCreateManyInput["encryption"],
    }),
    (rows) => tx.dataFlow.createMany({ data: rows }),
    (id, version, data) => tx.dataFlow.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
  );
  await upsert(
    "policy_event",
    (v) => ({
      key: str(v.key),
      title: str(v.title),
      kind: v.kind as Prisma.PolicyEventCreateManyInput["kind"],
      effectiveDate: date(v.effectiveDate)!,
      dateEstimated: v.dateEstimated as boolean,
      dateNote: v.dateNote as string | null,
      source: str(v.source),
      summary: v.summary as string | null,
      references: json(v.references),
      type: v.type as Prisma.PolicyEventCreateManyInput["type"],
      issuer: v.issuer as string | null,
      expires: date(v.expires),
      scope: json(v.scope),
      restrictions: json(v.restrictions),
      lifts: v.lifts as string | null,
      countries: json(v.countries),
      // Only new events carry it (whether the key is one of the catalogue's); updates keep theirs.
      ...(v.fromCatalogue === undefined ? {} : { fromCatalogue: v.fromCatalogue as boolean }),
    }),
    (rows) => tx.policyEvent.createMany({ data: rows }),
    (id, version, data) => tx.policyEvent.updateMany({ where: where(id, version), data: { ...data, ...bump } }),
  );

  for (const batch of chunks(audit, 5_000)) await tx.auditEvent.createMany({ data: batch });
}
