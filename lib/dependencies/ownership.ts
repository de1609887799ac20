import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";

/**
 * The model and cloud a dependency or fallback names must be the caller's own. The composite
 * foreign keys refuse anything else anyway; checking first turns that into a field error.
 */
export async function assertOwnRoute(tx: Prisma.TransactionClient, ctx: OrgContext, route: { modelId: string; cloudVendorId: string | null }) {
  const [model, cloud] = await Promise.all([
    tx.model.count({ where: { organisationId: ctx.organisationId, id: route.modelId } }),
    route.cloudVendorId ? tx.vendor.count({ where: { organisationId: ctx.organisationId, id: route.cloudVendorId } }) : Promise.resolve(1),
  ]);
  const fieldErrors: Record<string, string[]> = {};
  if (!model) fieldErrors.modelId = ["Choose one of your models"];
  if (!cloud) fieldErrors.cloudVendorId = ["Choose one of your vendors"];
  if (Object.keys(fieldErrors).length) throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fieldErrors });
}
