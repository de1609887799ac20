import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { assertOwnRoute } from "@/lib/dependencies/ownership";
import type { FallbackInput } from "@/lib/fallbacks/schemas";

const select = {
  id: true,
  dependencyId: true,
  modelId: true,
  accessPath: true,
  cloudVendorId: true,
  hostingCountry: true,
  hostingRegion: true,
  lastTestedAt: true,
  switchTimeMinutes: true,
  qualityParityChecked: true,
  exitPlan: true,
  version: true,
} as const;

/** Adds a fallback to one of the caller's dependencies (another organisation's dependency: NOT_FOUND). */
export async function createFallback(ctx: OrgContext, input: FallbackInput) {
  assertCan(ctx, "inventory:write");
  return db().$transaction(async (tx) => {
    const dependency = await tx.dependency.count({ where: { id: input.dependencyId, organisationId: ctx.organisationId } });
    if (!dependency) throw notFoundError("Dependency");
    await assertOwnRoute(tx, ctx, input);
    const fallback = await tx.fallback.create({ data: { ...input, organisationId: ctx.organisationId }, select });
    await recordAudit(tx, ctx, { action: "create", entityType: "fallback", entityId: fallback.id, after: fallback });
    return fallback;
  });
}

export async function deleteFallback(ctx: OrgContext, id: string, version: number) {
  assertCan(ctx, "inventory:write");
  return db().$transaction(async (tx) => {
    const before = await tx.fallback.findFirst({ where: { id, organisationId: ctx.organisationId }, select });
    if (!before) throw notFoundError("Fallback");
    const { count } = await tx.fallback.deleteMany({ where: { id, organisationId: ctx.organisationId, version } });
    if (count === 0) throw staleOrMissing("Fallback", before, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "fallback", entityId: id, before });
    return before;
  });
}
