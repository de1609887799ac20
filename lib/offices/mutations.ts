import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import type { OfficeInput } from "@/lib/offices/schemas";

const select = { id: true, name: true, country: true, city: true, headcount: true, teams: true, version: true } as const;

function duplicateName(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", `An office named "${name}" already exists`, { fieldErrors: { name: ["An office with this name already exists"] } });
  }
  throw e;
}

export async function createOffice(ctx: OrgContext, input: OfficeInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const office = await tx.office.create({ data: { ...input, organisationId: ctx.organisationId }, select });
      await recordAudit(tx, ctx, { action: "create", entityType: "office", entityId: office.id, after: office });
      return office;
    })
    .catch((e) => duplicateName(e, input.name));
}

export async function updateOffice(ctx: OrgContext, id: string, version: number, input: OfficeInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const before = await tx.office.findFirst({ where: { id, organisationId: ctx.organisationId }, select });
      const { count } = await tx.office.updateMany({
        where: { id, organisationId: ctx.organisationId, version },
        data: { ...input, version: { increment: 1 } },
      });
      if (count === 0) throw staleOrMissing("Office", before, version);
      const after = { ...before!, ...input, version: version + 1 };
      await recordAudit(tx, ctx, { action: "update", entityType: "office", entityId: id, before, after });
      return after;
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Deletes an office; the AI systems' links to it and the data flows from it go with it. */
export async function deleteOffice(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  await db().$transaction(async (tx) => {
    const before = await tx.office.findFirst({ where: { id, organisationId: ctx.organisationId }, select });
    if (!before) throw notFoundError("Office");
    const { count } = await tx.office.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Office", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "office", entityId: id, before });
  });
}

/** What deleting an office takes with it, for the confirmation dialog. */
export async function officeDeletionImpact(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const [aiSystemLinks, dataFlows] = await prisma.$transaction([
    prisma.aiSystemOffice.count({ where: { organisationId: ctx.organisationId, officeId: id } }),
    prisma.dataFlow.count({ where: { organisationId: ctx.organisationId, originOfficeId: id } }),
  ]);
  return { aiSystemLinks, dataFlows };
}
