import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { modelSelect, typedModel } from "@/lib/models/queries";
import { isBareOffering, type CreateModelInput, type ModelInput } from "@/lib/models/schemas";
import type { OfferedAccessPath } from "@/lib/catalogue/facts";

function duplicateName(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", `This vendor already has a model named "${name}"`, { fieldErrors: { name: ["This vendor already has a model with this name"] } });
  }
  throw e;
}

/**
 * The offered access paths to store: a path sent without its cloud, service or regions (a form's
 * checkbox) keeps the details stored for that path, so editing the paths never drops them.
 */
function mergeOffered(sent: readonly OfferedAccessPath[], stored: readonly OfferedAccessPath[]): OfferedAccessPath[] {
  return sent.flatMap((o) => {
    const kept = isBareOffering(o) ? stored.filter((s) => s.path === o.path) : [];
    return kept.length ? kept : [o];
  });
}

const json = (v: OfferedAccessPath[]) => v as unknown as Prisma.InputJsonValue;

/** Creates a model under one of the organisation's vendors (another organisation's vendor is not found). */
export async function createModel(ctx: OrgContext, { vendorId, ...input }: CreateModelInput) {
  assertCan(ctx, "inventory:write");
  const organisationId = ctx.organisationId;
  return db()
    .$transaction(async (tx) => {
      const vendor = await tx.vendor.findFirst({ where: { id: vendorId, organisationId }, select: { id: true } });
      if (!vendor) throw notFoundError("Vendor");
      const model = typedModel(
        await tx.model.create({ data: { ...input, offeredAccessPaths: json(input.offeredAccessPaths), organisationId, vendorId: vendor.id }, select: modelSelect }),
      );
      await recordAudit(tx, ctx, { action: "create", entityType: "model", entityId: model.id, after: model });
      return model;
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Changes a model's facts if it is still at `version`; otherwise CONFLICT with the model as it stands. */
export async function updateModel(ctx: OrgContext, id: string, version: number, input: ModelInput) {
  assertCan(ctx, "inventory:write");
  const organisationId = ctx.organisationId;
  return db()
    .$transaction(async (tx) => {
      const found = await tx.model.findFirst({ where: { id, organisationId }, select: modelSelect });
      const before = found && typedModel(found);
      const offeredAccessPaths = mergeOffered(input.offeredAccessPaths, before?.offeredAccessPaths ?? []);
      const { count } = await tx.model.updateMany({
        where: { id, organisationId, version },
        data: { ...input, offeredAccessPaths: json(offeredAccessPaths), version: { increment: 1 } },
      });
      if (count === 0) throw staleOrMissing("Model", before, version);
      const after = { ...before!, ...input, offeredAccessPaths, version: version + 1 };
      await recordAudit(tx, ctx, { action: "update", entityType: "model", entityId: id, before, after });
      return after;
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Deletes a model; the dependencies on it, the fallbacks that use it or belong to those dependencies, and their data flows go with it. */
export async function deleteModel(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  await db().$transaction(async (tx) => {
    const found = await tx.model.findFirst({ where: { id, organisationId: ctx.organisationId }, select: modelSelect });
    if (!found) throw notFoundError("Model");
    const before = typedModel(found);
    const { count } = await tx.model.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Model", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "model", entityId: id, before });
  });
}

/** What deleting a model takes with it, for the confirmation dialog: counts and the AI systems that lose a dependency or a fallback. */
export async function modelDeletionImpact(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const organisationId = ctx.organisationId;
  const prisma = db();
  const onModel = { modelId: id };
  const [dependencies, fallbacks, dataFlows, systems] = await prisma.$transaction([
    prisma.dependency.count({ where: { organisationId, ...onModel } }),
    prisma.fallback.count({ where: { organisationId, OR: [onModel, { dependency: onModel }] } }),
    prisma.dataFlow.count({ where: { organisationId, dependency: onModel } }),
    prisma.aiSystem.findMany({
      where: { organisationId, dependencies: { some: { OR: [onModel, { fallbacks: { some: onModel } }] } } },
      orderBy: { name: "asc" },
      select: { name: true },
    }),
  ]);
  return { dependencies, fallbacks, dataFlows, systems: systems.map((s) => s.name) };
}
