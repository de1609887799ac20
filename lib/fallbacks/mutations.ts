import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing, staleWithChanges } from "@/lib/concurrency";
import { assertOwnRoute } from "@/lib/dependencies/ownership";
import { fallbackResourceSelect } from "@/lib/fallbacks/queries";
import { FALLBACK_FIELD_LABELS, type FallbackChanges, type FallbackInput } from "@/lib/fallbacks/schemas";

/**
 * A dependency has each fallback route (model + access path) once: the import matches fallbacks
 * on it, so a second one would make the organisation's own export refuse to import (ADR 031).
 */
function duplicateRoute(e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new AppError("INVALID_INPUT", "This dependency already has a fallback to that model through that access path: change that one instead.", {
      fieldErrors: { modelId: ["Already a fallback of this dependency through this access path"] },
    });
  }
  throw e;
}

/** Adds a fallback to one of the caller's dependencies (another organisation's dependency: NOT_FOUND). */
export async function createFallback(ctx: OrgContext, input: FallbackInput) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const dependency = await tx.dependency.count({ where: { id: input.dependencyId, organisationId: ctx.organisationId } });
      if (!dependency) throw notFoundError("Dependency");
      await assertOwnRoute(tx, ctx, input);
      const fallback = await tx.fallback.create({ data: { ...input, organisationId: ctx.organisationId }, select: fallbackResourceSelect });
      await recordAudit(tx, ctx, { action: "create", entityType: "fallback", entityId: fallback.id, after: fallback });
      return fallback;
    })
    .catch(duplicateRoute);
}

/**
 * Changes a fallback of one of the caller's dependencies, if it is still at `version`. The model
 * and cloud must be the caller's own; a stale version is refused with the fields someone else changed.
 */
export async function updateFallback(ctx: OrgContext, id: string, version: number, input: FallbackChanges) {
  assertCan(ctx, "inventory:write");
  return db()
    .$transaction(async (tx) => {
      const before = await tx.fallback.findFirst({ where: { id, organisationId: ctx.organisationId }, select: fallbackResourceSelect });
      if (!before) throw notFoundError("Fallback");
      await assertOwnRoute(tx, ctx, input);
      const { count } = await tx.fallback.updateMany({ where: { id, organisationId: ctx.organisationId, version }, data: { ...input, version: { increment: 1 } } });
      if (count === 0) {
        const current = await tx.fallback.findFirst({ where: { id, organisationId: ctx.organisationId }, select: fallbackResourceSelect });
        throw await staleWithChanges(tx, { organisationId: ctx.organisationId, entityType: "fallback", entityId: id }, "Fallback", current, version, FALLBACK_FIELD_LABELS);
      }
      const after = { ...before, ...input, version: version + 1 };
      await recordAudit(tx, ctx, { action: "update", entityType: "fallback", entityId: id, before, after });
      return after;
    })
    .catch(duplicateRoute);
}

export async function deleteFallback(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  return db().$transaction(async (tx) => {
    const before = await tx.fallback.findFirst({ where: { id, organisationId: ctx.organisationId }, select: fallbackResourceSelect });
    if (!before) throw notFoundError("Fallback");
    const { count } = await tx.fallback.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Fallback", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "fallback", entityId: id, before });
    return before;
  });
}
