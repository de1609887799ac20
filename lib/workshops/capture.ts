import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { catalogueModel, catalogueVendor } from "@/lib/catalogue/facts";
import { ensureCatalogueModel, ensureCatalogueVendor } from "@/lib/catalogue/ensure";
import { CLOUD_PATHS } from "@/lib/dependencies/schemas";
import type { AccessPath } from "@/lib/generated/prisma/enums";
import type { SystemCaptureInput } from "@/lib/workshops/schemas";

// One AI system with its model, access path and fallback, written in the caller's transaction:
// the workshop's capture step and the questionnaire's "add to the inventory" share it. Callers
// check the permission (inventory:write) and own the transaction, so that a failure anywhere
// (here or in what they write next) leaves nothing behind, not even a catalogue vendor.

type Tx = Prisma.TransactionClient;

/** A model the form named: one of the organisation's, or a catalogue entry added with its vendor. */
async function resolveModel(tx: Tx, ctx: OrgContext, ref: string, field: string): Promise<string> {
  const [kind, key] = [ref.slice(0, ref.indexOf(":")), ref.slice(ref.indexOf(":") + 1)];
  if (kind === "model") {
    const m = await tx.model.findFirst({ where: { id: key, organisationId: ctx.organisationId }, select: { id: true } });
    if (m) return m.id;
  } else {
    const entry = catalogueModel(key);
    const vendorEntry = entry && catalogueVendor(entry.vendorKey);
    if (entry && vendorEntry) {
      const { vendor } = await ensureCatalogueVendor(tx, ctx, vendorEntry);
      return (await ensureCatalogueModel(tx, ctx, vendor.id, entry)).model.id;
    }
  }
  throw new AppError("INVALID_INPUT", "Choose a model from the list.", { fieldErrors: { [field]: ["Choose a model from the list"] } });
}

/** A cloud the form named: one of the organisation's vendors, or a catalogue cloud added on the way. */
async function resolveCloud(tx: Tx, ctx: OrgContext, ref: string | undefined, path: AccessPath, field: string): Promise<string | null> {
  if (!ref || !CLOUD_PATHS.includes(path)) return null;
  const [kind, key] = [ref.slice(0, ref.indexOf(":")), ref.slice(ref.indexOf(":") + 1)];
  if (kind === "vendor") {
    const v = await tx.vendor.findFirst({ where: { id: key, organisationId: ctx.organisationId }, select: { id: true } });
    if (v) return v.id;
  } else {
    const entry = catalogueVendor(key);
    if (entry) return (await ensureCatalogueVendor(tx, ctx, entry)).vendor.id;
  }
  throw new AppError("INVALID_INPUT", "Choose a cloud from the list.", { fieldErrors: { [field]: ["Choose a cloud from the list"] } });
}

/** Writes the AI system, its offices, its dependency and its fallback, with their audit events. */
export async function recordCapturedSystem(tx: Tx, ctx: OrgContext, input: SystemCaptureInput) {
  if (input.officeIds.length) {
    const found = await tx.office.count({ where: { organisationId: ctx.organisationId, id: { in: input.officeIds } } });
    if (found !== input.officeIds.length) throw new AppError("INVALID_INPUT", "Choose offices of your organisation.", { fieldErrors: { officeIds: ["Choose one of your offices"] } });
  }
  const modelId = await resolveModel(tx, ctx, input.model, "model");
  const cloudVendorId = await resolveCloud(tx, ctx, input.cloud, input.accessPath, "cloud");
  const system = await tx.aiSystem.create({
    data: { organisationId: ctx.organisationId, name: input.name, owner: input.owner, criticality: input.criticality, toleratedDowntimeMinutes: input.downtimeHours * 60, teams: [] },
    select: { id: true, name: true, owner: true, criticality: true, toleratedDowntimeMinutes: true, version: true },
  });
  if (input.officeIds.length) await tx.aiSystemOffice.createMany({ data: input.officeIds.map((officeId) => ({ organisationId: ctx.organisationId, aiSystemId: system.id, officeId })) });
  await recordAudit(tx, ctx, { action: "create", entityType: "ai_system", entityId: system.id, after: { ...system, officeIds: [...input.officeIds].sort() } });
  const hostingCountry = CLOUD_PATHS.includes(input.accessPath) ? input.hostingCountry : null;
  const dependency = await tx.dependency.create({
    data: { organisationId: ctx.organisationId, aiSystemId: system.id, modelId, accessPath: input.accessPath, cloudVendorId, hostingCountry, dataSent: [] },
    select: { id: true, modelId: true, accessPath: true, cloudVendorId: true, hostingCountry: true, version: true },
  });
  await recordAudit(tx, ctx, { action: "create", entityType: "dependency", entityId: dependency.id, after: dependency });
  let fallback: { id: string } | null = null;
  if (input.fallbackModel && input.fallbackAccessPath) {
    const fallbackModelId = await resolveModel(tx, ctx, input.fallbackModel, "fallbackModel");
    const fallbackCloudId = await resolveCloud(tx, ctx, input.fallbackCloud, input.fallbackAccessPath, "fallbackCloud");
    if (fallbackModelId === modelId && input.fallbackAccessPath === input.accessPath) {
      throw new AppError("INVALID_INPUT", "The fallback is the same model on the same path: choose another model or path.", { fieldErrors: { fallbackModel: ["Choose another model or access path than the primary"] } });
    }
    const created = await tx.fallback.create({
      data: {
        organisationId: ctx.organisationId,
        dependencyId: dependency.id,
        modelId: fallbackModelId,
        accessPath: input.fallbackAccessPath,
        cloudVendorId: fallbackCloudId,
        hostingCountry: CLOUD_PATHS.includes(input.fallbackAccessPath) ? input.fallbackHostingCountry : null,
      },
      select: { id: true, modelId: true, accessPath: true, cloudVendorId: true, hostingCountry: true, version: true },
    });
    await recordAudit(tx, ctx, { action: "create", entityType: "fallback", entityId: created.id, after: created });
    fallback = created;
  }
  return { system, dependency, fallback };
}

/** A unique-key failure of a capture, in words: the AI system's name, or a catalogue entry added twice at once. */
export function explainCaptureConflict(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    if ((e.meta as { modelName?: string } | undefined)?.modelName === "AiSystem") throw new AppError("INVALID_INPUT", `An AI system named "${name}" already exists.`, { fieldErrors: { name: ["An AI system with this name already exists"] } });
    throw new AppError("CONFLICT", "Someone added the same vendor or model at the same moment. Try again: it is in the list now.");
  }
  throw e;
}
