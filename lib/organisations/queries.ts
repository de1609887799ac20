import "server-only";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/auth/org-context";

/** The caller's organisation profile. */
export async function getOrganisation(ctx: OrgContext) {
  return db().organisation.findUniqueOrThrow({
    where: { id: ctx.organisationId },
    select: { id: true, slug: true, name: true, hqCountry: true, sector: true, regimes: true, lei: true, version: true, createdAt: true },
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

/**
 * Counts for the overview page: one statement, one round trip (a `$transaction` of eight counts
 * holds a connection for eight round trips and fails after 5 s when the process is busy).
 */
export async function getOrganisationOverview(ctx: OrgContext) {
  const org = ctx.organisationId;
  const [row] = await db().$queryRaw<Record<"offices" | "vendors" | "models" | "aiSystems" | "dependencies" | "dataFlows" | "fallbacks" | "openActions", number>[]>`
    SELECT
      (SELECT count(*)::int FROM "Office" WHERE "organisationId" = ${org}::uuid) AS "offices",
      (SELECT count(*)::int FROM "Vendor" WHERE "organisationId" = ${org}::uuid) AS "vendors",
      (SELECT count(*)::int FROM "Model" WHERE "organisationId" = ${org}::uuid) AS "models",
      (SELECT count(*)::int FROM "AiSystem" WHERE "organisationId" = ${org}::uuid) AS "aiSystems",
      (SELECT count(*)::int FROM "Dependency" WHERE "organisationId" = ${org}::uuid) AS "dependencies",
      (SELECT count(*)::int FROM "DataFlow" WHERE "organisationId" = ${org}::uuid) AS "dataFlows",
      (SELECT count(*)::int FROM "Fallback" WHERE "organisationId" = ${org}::uuid) AS "fallbacks",
      (SELECT count(*)::int FROM "RemediationAction" WHERE "organisationId" = ${org}::uuid AND "status" IN ('open', 'in_progress')) AS "openActions"`;
  if (!row) throw new Error("the overview counts query answered no row");
  return row;
}

/** Whether anyone has an account yet (the first-run path is open only while nobody has). */
export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.findFirst({ select: { id: true } })) !== null;
}
