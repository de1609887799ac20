import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { VersionedLru } from "@/lib/scores/score-cache";
import { readInventoryVersion } from "@/lib/inventory/list-counts";

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

export type InventoryCounts = Record<"offices" | "vendors" | "models" | "aiSystems" | "dependencies" | "dataFlows" | "fallbacks", number>;

// The inventory's counts by organisation, valid for one inventory version (docs/decisions/052):
// counting 500,000 data flows on every overview took longer than the rest of the page, and the
// counts change only when the inventory does. Per process; the version lives in PostgreSQL.
const inventoryCounts = new VersionedLru<InventoryCounts>(500);

/**
 * The inventory's seven counts, read in one statement and reused while the organisation's
 * inventory version stands: the overview shows them, and an unfiltered list's "Rows 1-25 of N"
 * is one of them (counting 500,000 data flows for it took 150 ms of a page's database time).
 */
export async function getInventoryCounts(ctx: OrgContext): Promise<InventoryCounts> {
  assertCan(ctx, "inventory:read");
  const org = ctx.organisationId;
  // Read before the counts (lib/scores/score-cache.ts says why that order never serves stale counts).
  const version = await readInventoryVersion(org);
  return inventoryCounts.getOrLoad(org, version, async () => {
    const [row] = await db().$queryRaw<InventoryCounts[]>`
      SELECT
        (SELECT count(*)::int FROM "Office" WHERE "organisationId" = ${org}::uuid) AS "offices",
        (SELECT count(*)::int FROM "Vendor" WHERE "organisationId" = ${org}::uuid) AS "vendors",
        (SELECT count(*)::int FROM "Model" WHERE "organisationId" = ${org}::uuid) AS "models",
        (SELECT count(*)::int FROM "AiSystem" WHERE "organisationId" = ${org}::uuid) AS "aiSystems",
        (SELECT count(*)::int FROM "Dependency" WHERE "organisationId" = ${org}::uuid) AS "dependencies",
        (SELECT count(*)::int FROM "DataFlow" WHERE "organisationId" = ${org}::uuid) AS "dataFlows",
        (SELECT count(*)::int FROM "Fallback" WHERE "organisationId" = ${org}::uuid) AS "fallbacks"`;
    if (!row) throw new Error("the inventory counts query answered no row");
    return row;
  });
}

/**
 * Counts for the overview page: the inventory's (getInventoryCounts), and the open remediation
 * actions, which are not inventory and are counted each time.
 */
export async function getOrganisationOverview(ctx: OrgContext) {
  const [counts, [actions]] = await Promise.all([
    getInventoryCounts(ctx),
    db().$queryRaw<{ openActions: number }[]>`
      SELECT count(*)::int AS "openActions" FROM "RemediationAction" WHERE "organisationId" = ${ctx.organisationId}::uuid AND "status" IN ('open', 'in_progress')`,
  ]);
  return { ...counts, openActions: actions?.openActions ?? 0 };
}

/** Whether anyone has an account yet (the first-run path is open only while nobody has). */
export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.findFirst({ select: { id: true } })) !== null;
}
