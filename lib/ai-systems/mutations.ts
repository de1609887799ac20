import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import type { AiSystemInput } from "@/lib/ai-systems/schemas";

type Tx = Prisma.TransactionClient;

const select = { id: true, name: true, description: true, owner: true, criticality: true, toleratedDowntimeMinutes: true, usersServed: true, teams: true, version: true } as const;

function duplicateName(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", `An AI system named "${name}" already exists`, { fieldErrors: { name: ["An AI system with this name already exists"] } });
  }
  throw e;
}

/** Every office id must be one of the caller's offices: another organisation's id is a field error, never a 500. */
async function assertOwnOffices(tx: Tx, ctx: OrgContext, officeIds: string[]) {
  if (!officeIds.length) return;
  const found = await tx.office.count({ where: { organisationId: ctx.organisationId, id: { in: officeIds } } });
  if (found !== officeIds.length) throw new AppError("INVALID_INPUT", "Choose offices of your organisation.", { fieldErrors: { officeIds: ["Choose one of your offices"] } });
}

async function snapshot(tx: Tx, ctx: OrgContext, id: string) {
  const row = await tx.aiSystem.findFirst({ where: { id, organisationId: ctx.organisationId }, select: { ...select, offices: { select: { officeId: true }, orderBy: { officeId: "asc" } } } });
  if (!row) return null;
  const { offices, ...rest } = row;
  return { ...rest, officeIds: offices.map((o) => o.officeId) };
}

export async function createAiSystem(ctx: OrgContext, input: AiSystemInput) {
  assertCan(ctx, "inventory:write");
  const { officeIds, ...fields } = input;
  return db()
    .$transaction(async (tx) => {
      await assertOwnOffices(tx, ctx, officeIds);
      const system = await tx.aiSystem.create({ data: { ...fields, organisationId: ctx.organisationId }, select });
      if (officeIds.length) await tx.aiSystemOffice.createMany({ data: officeIds.map((officeId) => ({ organisationId: ctx.organisationId, aiSystemId: system.id, officeId })) });
      const after = { ...system, officeIds: [...officeIds].sort() };
      await recordAudit(tx, ctx, { action: "create", entityType: "ai_system", entityId: system.id, after });
      return after;
    })
    .catch((e) => duplicateName(e, input.name));
}

export async function updateAiSystem(ctx: OrgContext, id: string, version: number, input: AiSystemInput) {
  assertCan(ctx, "inventory:write");
  const { officeIds, ...fields } = input;
  return db()
    .$transaction(async (tx) => {
      const before = await snapshot(tx, ctx, id);
      if (!before) throw notFoundError("AI system");
      await assertOwnOffices(tx, ctx, officeIds); // a field error before anything is written
      const { count } = await tx.aiSystem.updateMany({ where: { id, organisationId: ctx.organisationId, version }, data: { ...fields, version: { increment: 1 } } });
      if (count === 0) throw staleOrMissing("AI system", before, version);
      await tx.aiSystemOffice.deleteMany({ where: { organisationId: ctx.organisationId, aiSystemId: id } });
      if (officeIds.length) await tx.aiSystemOffice.createMany({ data: officeIds.map((officeId) => ({ organisationId: ctx.organisationId, aiSystemId: id, officeId })) });
      const after = { ...before!, ...fields, officeIds: [...officeIds].sort(), version: version + 1 };
      await recordAudit(tx, ctx, { action: "update", entityType: "ai_system", entityId: id, before, after });
      return after;
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Deletes an AI system; its office links, dependencies, their fallbacks and its data flows go with it. */
export async function deleteAiSystem(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  await db().$transaction(async (tx) => {
    const before = await snapshot(tx, ctx, id);
    if (!before) throw notFoundError("AI system");
    const { count } = await tx.aiSystem.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("AI system", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "ai_system", entityId: id, before });
  });
}

/** What deleting an AI system takes with it, for the confirmation dialog. */
export async function aiSystemDeletionImpact(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const organisationId = ctx.organisationId;
  const prisma = db();
  const [dependencies, fallbacks, dataFlows] = await prisma.$transaction([
    prisma.dependency.count({ where: { organisationId, aiSystemId: id } }),
    prisma.fallback.count({ where: { organisationId, dependency: { aiSystemId: id } } }),
    prisma.dataFlow.count({ where: { organisationId, OR: [{ originAiSystemId: id }, { dependency: { aiSystemId: id } }] } }),
  ]);
  return { dependencies, fallbacks, dataFlows };
}
