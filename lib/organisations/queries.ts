import "server-only";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/auth/org-context";

/** The organisations a user belongs to, with the user's role in each (user-scoped, not org-scoped). */
export async function listMyOrganisations(userId: string) {
  const rows = await db().membership.findMany({
    where: { userId },
    select: { role: true, organisation: { select: { id: true, slug: true, name: true } } },
    orderBy: { organisation: { name: "asc" } },
  });
  return rows.map((r) => ({ ...r.organisation, role: r.role }));
}

/** The caller's organisation profile. */
export async function getOrganisation(ctx: OrgContext) {
  return db().organisation.findUniqueOrThrow({
    where: { id: ctx.organisationId },
    select: { id: true, slug: true, name: true, hqCountry: true, sector: true, regimes: true, version: true, createdAt: true },
  });
}

/** The organisation to open after sign-in: the one the user joined first. */
export async function findHomeOrganisationSlug(userId: string): Promise<string | null> {
  const first = await db().membership.findFirst({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { organisation: { select: { slug: true } } },
  });
  return first?.organisation.slug ?? null;
}

/** Counts for the overview page, in one round trip. */
export async function getOrganisationOverview(ctx: OrgContext) {
  const where = { organisationId: ctx.organisationId };
  const prisma = db();
  const [offices, vendors, models, aiSystems, dependencies, dataFlows, fallbacks, openActions] = await prisma.$transaction([
    prisma.office.count({ where }),
    prisma.vendor.count({ where }),
    prisma.model.count({ where }),
    prisma.aiSystem.count({ where }),
    prisma.dependency.count({ where }),
    prisma.dataFlow.count({ where }),
    prisma.fallback.count({ where }),
    prisma.remediationAction.count({ where: { ...where, status: { in: ["open", "in_progress"] } } }),
  ]);
  return { offices, vendors, models, aiSystems, dependencies, dataFlows, fallbacks, openActions };
}

/** Whether anyone has an account yet (the first-run path is open only while nobody has). */
export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.findFirst({ select: { id: true } })) !== null;
}
