import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing, staleWithChanges } from "@/lib/concurrency";
import { assertOwnRoute } from "@/lib/dependencies/ownership";
import { dependencyResourceSelect as dependencySelect } from "@/lib/dependencies/queries";
import { DEPENDENCY_FIELD_LABELS, type DependencyChanges, type DependencyInput } from "@/lib/dependencies/schemas";

function duplicateRoute(e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", "This AI system already depends on that model through that access path.", {
      fieldErrors: { modelId: ["Already a dependency through this access path"] },
    });
  }
  throw e;
}

/** Adds a dependency to one of the caller's AI systems (another organisation's system: NOT_FOUND). */
export async function createDependency(ctx: OrgContext, input: DependencyInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const system = await tx.aiSystem.count({ where: { id: input.aiSystemId, organisationId: ctx.organisationId } });
      if (!system) throw notFoundError("AI system");
      await assertOwnRoute(tx, ctx, input);
      const dependency = await tx.dependency.create({ data: { ...input, organisationId: ctx.organisationId }, select: dependencySelect });
      await recordAudit(tx, ctx, { action: "create", entityType: "dependency", entityId: dependency.id, after: dependency });
      return dependency;
    })
    .catch(duplicateRoute);
}

/**
 * Changes a dependency of one of the caller's AI systems, if it is still at `version`. The model
 * and cloud must be the caller's own (field errors otherwise); a stale version is refused with
 * the fields someone else changed.
 */
export async function updateDependency(ctx: OrgContext, id: string, version: number, input: DependencyChanges) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const before = await tx.dependency.findFirst({ where: { id, organisationId: ctx.organisationId }, select: dependencySelect });
      if (!before) throw notFoundError("Dependency");
      await assertOwnRoute(tx, ctx, input);
      const { count } = await tx.dependency.updateMany({ where: { id, organisationId: ctx.organisationId, version }, data: { ...input, version: { increment: 1 } } });
      if (count === 0) {
        const current = await tx.dependency.findFirst({ where: { id, organisationId: ctx.organisationId }, select: dependencySelect });
        throw await staleWithChanges(tx, { organisationId: ctx.organisationId, entityType: "dependency", entityId: id }, "Dependency", current, version, DEPENDENCY_FIELD_LABELS);
      }
      const after = { ...before, ...input, version: version + 1 };
      await recordAudit(tx, ctx, { action: "update", entityType: "dependency", entityId: id, before, after });
      return after;
    })
    .catch(duplicateRoute);
}

/** Deletes a dependency; its fallbacks and the data flows it carries go with it. */
export async function deleteDependency(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  return db().$transaction(async (tx) => {
    const before = await tx.dependency.findFirst({ where: { id, organisationId: ctx.organisationId }, select: dependencySelect });
    if (!before) throw notFoundError("Dependency");
    const { count } = await tx.dependency.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Dependency", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "dependency", entityId: id, before });
    return before;
  });
}

/** What deleting a dependency takes with it, for the confirmation dialog. */
export async function dependencyDeletionImpact(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const [fallbacks, dataFlows] = await prisma.$transaction([
    prisma.fallback.count({ where: { organisationId: ctx.organisationId, dependencyId: id } }),
    prisma.dataFlow.count({ where: { organisationId: ctx.organisationId, dependencyId: id } }),
  ]);
  return { fallbacks, dataFlows };
}
