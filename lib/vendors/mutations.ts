import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { vendorSelect } from "@/lib/vendors/queries";
import type { VendorInput } from "@/lib/vendors/schemas";

function duplicateName(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", `A vendor named "${name}" already exists`, { fieldErrors: { name: ["A vendor with this name already exists"] } });
  }
  throw e;
}

export async function createVendor(ctx: OrgContext, input: VendorInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const vendor = await tx.vendor.create({ data: { ...input, organisationId: ctx.organisationId }, select: vendorSelect });
      await recordAudit(tx, ctx, { action: "create", entityType: "vendor", entityId: vendor.id, after: vendor });
      return vendor;
    })
    .catch((e) => duplicateName(e, input.name));
}

export async function updateVendor(ctx: OrgContext, id: string, version: number, input: VendorInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const before = await tx.vendor.findFirst({ where: { id, organisationId: ctx.organisationId }, select: vendorSelect });
      const { count } = await tx.vendor.updateMany({
        where: { id, organisationId: ctx.organisationId, version },
        data: { ...input, version: { increment: 1 } },
      });
      if (count === 0) throw staleOrMissing("Vendor", before, version);
      const after = { ...before!, ...input, version: version + 1 };
      await recordAudit(tx, ctx, { action: "update", entityType: "vendor", entityId: id, before, after });
      return after;
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Deletes a vendor; its models, every dependency and fallback on them or hosted on its cloud, and the data flows to it go with it. */
export async function deleteVendor(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  await db().$transaction(async (tx) => {
    const before = await tx.vendor.findFirst({ where: { id, organisationId: ctx.organisationId }, select: vendorSelect });
    if (!before) throw notFoundError("Vendor");
    const { count } = await tx.vendor.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Vendor", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "vendor", entityId: id, before });
  });
}

/** What deleting a vendor takes with it, for the confirmation dialog. */
export async function vendorDeletionImpact(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const organisationId = ctx.organisationId;
  const prisma = db();
  const onVendor = { OR: [{ model: { vendorId: id } }, { cloudVendorId: id }] };
  const [models, dependencies, fallbacks, dataFlows] = await prisma.$transaction([
    prisma.model.count({ where: { organisationId, vendorId: id } }),
    prisma.dependency.count({ where: { organisationId, ...onVendor } }),
    prisma.fallback.count({ where: { organisationId, OR: [...onVendor.OR, { dependency: onVendor }] } }),
    prisma.dataFlow.count({ where: { organisationId, OR: [{ vendorId: id }, { dependency: onVendor }] } }),
  ]);
  return { models, dependencies, fallbacks, dataFlows };
}
