import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import type { DataFlowInput } from "@/lib/data-flows/schemas";
import { dataFlowFieldsSelect as dataFlowSelect } from "@/lib/data-flows/queries";

type Tx = Prisma.TransactionClient;

function duplicateName(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", `A data flow named "${name}" already exists`, { fieldErrors: { name: ["A data flow with this name already exists"] } });
  }
  throw e;
}

/**
 * The office, AI system, dependency and vendor a flow names must be the caller's own: another
 * organisation's id looks like one that does not exist (NOT_FOUND, with the field named so a
 * form shows it inline). Then the flow must hang together: a system's flow goes through one of
 * that system's dependencies, and to the vendor of the dependency's model or its cloud.
 */
async function assertConsistent(tx: Tx, ctx: OrgContext, input: DataFlowInput) {
  const organisationId = ctx.organisationId;
  const [office, system, dependency, vendor] = await Promise.all([
    input.originOfficeId ? tx.office.count({ where: { organisationId, id: input.originOfficeId } }) : Promise.resolve(1),
    input.originAiSystemId ? tx.aiSystem.count({ where: { organisationId, id: input.originAiSystemId } }) : Promise.resolve(1),
    input.dependencyId
      ? tx.dependency.findFirst({ where: { organisationId, id: input.dependencyId }, select: { aiSystemId: true, cloudVendorId: true, model: { select: { vendorId: true } } } })
      : Promise.resolve(undefined),
    tx.vendor.count({ where: { organisationId, id: input.vendorId } }),
  ]);
  const missing: Record<string, string[]> = {};
  if (!office) missing.originOfficeId = ["Choose one of your offices"];
  if (!system) missing.originAiSystemId = ["Choose one of your AI systems"];
  if (dependency === null) missing.dependencyId = ["Choose one of your model dependencies"];
  if (!vendor) missing.vendorId = ["Choose one of your vendors"];
  if (Object.keys(missing).length) throw new AppError("NOT_FOUND", `Not found in your organisation: ${Object.keys(missing).join(", ")}`, { fieldErrors: missing });

  const wrong: Record<string, string[]> = {};
  if (dependency && input.originAiSystemId && dependency.aiSystemId !== input.originAiSystemId) wrong.dependencyId = ["Choose a dependency of the origin AI system"];
  if (dependency && input.vendorId !== dependency.model.vendorId && input.vendorId !== dependency.cloudVendorId) {
    wrong.vendorId = ["Choose the vendor of the dependency's model or the cloud that hosts it"];
  }
  if (Object.keys(wrong).length) throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fieldErrors: wrong });
}

export async function createDataFlow(ctx: OrgContext, input: DataFlowInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      await assertConsistent(tx, ctx, input);
      const flow = await tx.dataFlow.create({ data: { ...input, organisationId: ctx.organisationId }, select: dataFlowSelect });
      await recordAudit(tx, ctx, { action: "create", entityType: "data_flow", entityId: flow.id, after: flow });
      return flow;
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Saves a whole flow against the version the caller read; a newer version is a CONFLICT with the current row. */
export async function updateDataFlow(ctx: OrgContext, id: string, version: number, input: DataFlowInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const before = await tx.dataFlow.findFirst({ where: { id, organisationId: ctx.organisationId }, select: dataFlowSelect });
      if (!before) throw notFoundError("Data flow");
      // Before the update: the composite foreign keys would refuse a foreign id with a database error.
      await assertConsistent(tx, ctx, input);
      const { count } = await tx.dataFlow.updateMany({ where: { id, organisationId: ctx.organisationId, version }, data: { ...input, version: { increment: 1 } } });
      if (count === 0) throw staleOrMissing("Data flow", before, version);
      const after = { ...before, ...input, version: version + 1 };
      await recordAudit(tx, ctx, { action: "update", entityType: "data_flow", entityId: id, before, after });
      return after;
    })
    .catch((e) => duplicateName(e, input.name));
}

/** Deletes a data flow; nothing else hangs off a flow, so nothing goes with it. */
export async function deleteDataFlow(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  await db().$transaction(async (tx) => {
    const before = await tx.dataFlow.findFirst({ where: { id, organisationId: ctx.organisationId }, select: dataFlowSelect });
    if (!before) throw notFoundError("Data flow");
    const { count } = await tx.dataFlow.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Data flow", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "data_flow", entityId: id, before });
  });
}
