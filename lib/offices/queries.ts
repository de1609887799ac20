import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";

const officeSelect = { id: true, name: true, country: true, city: true, headcount: true, teams: true, version: true, updatedAt: true } as const;

export async function listOffices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  const rows = await db().office.findMany({
    where: { organisationId: ctx.organisationId },
    select: { ...officeSelect, _count: { select: { aiSystems: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map(({ _count, ...o }) => ({ ...o, aiSystemCount: _count.aiSystems }));
}

/** One office of the caller's organisation, or null (also for another organisation's id). */
export async function getOffice(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  return db().office.findFirst({ where: { id, organisationId: ctx.organisationId }, select: officeSelect });
}
