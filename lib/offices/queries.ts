import "server-only";
import { db } from "@/lib/db";
import { getInventoryCounts } from "@/lib/organisations/queries";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contains, fetchPage, toOrderBy, toWhereParts, type ListSpec, type ListState, type SortDir, isUnfiltered, viewKey } from "@/lib/list-params";
import { countPerInventoryVersion } from "@/lib/inventory/list-counts";

const officeSelect = { id: true, name: true, country: true, city: true, headcount: true, teams: true, version: true, updatedAt: true } as const;

export async function listOffices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  const rows = await db().office.findMany({
    where: { organisationId: ctx.organisationId },
    select: { ...officeSelect, aiSystemCount: true },
    orderBy: { name: "asc" },
  });
  return rows;
}

/** One office of the caller's organisation, or null (also for another organisation's id). */
export async function getOffice(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  return db().office.findFirst({ where: { id, organisationId: ctx.organisationId }, select: officeSelect });
}

// ---- the offices list (server-driven paging, sorting and filtering) --------------------------

export const officeListSpec = {
  columns: ["name", "country", "city", "headcount", "teams", "aiSystems"],
  alwaysShown: ["name"],
  sortable: ["name", "country", "city", "headcount", "aiSystems"],
  defaultSort: { id: "name", desc: false },
  filters: { country: { kind: "country" }, city: { kind: "text" } },
} as const satisfies ListSpec;

type OfficeSort = (typeof officeListSpec.sortable)[number];
type OfficeFilter = keyof typeof officeListSpec.filters;

const officeOrderBy: Record<OfficeSort, (dir: SortDir) => Prisma.OfficeOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  country: (dir) => ({ country: dir }),
  city: (dir) => ({ city: dir }),
  headcount: (dir) => ({ headcount: dir }),
  aiSystems: (dir) => ({ aiSystemCount: dir }), // kept by the database (decision 056)
};

const officeWhere = {
  search: (q: string): Prisma.OfficeWhereInput => ({ OR: [{ name: contains(q) }, { city: contains(q) }] }),
  filters: {
    country: (v) => ({ country: v }),
    city: (v) => ({ city: contains(v) }),
  } satisfies Record<OfficeFilter, (v: string) => Prisma.OfficeWhereInput>,
};

/**
 * One page of the offices list screen (search, filters, any sortable column), with the total that
 * matches. Not `listOfficesPage`: that name is the public API's page by name, below.
 */
export async function listOfficesTablePage(ctx: OrgContext, state: ListState<OfficeSort, OfficeFilter>) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const where: Prisma.OfficeWhereInput = { organisationId: ctx.organisationId, AND: toWhereParts(state, officeWhere) };
  const orderBy = toOrderBy(state, officeOrderBy, [{ name: "asc" }, { id: "asc" }]);
  const page = await fetchPage(state, (args) =>
    Promise.all([
      prisma.office.findMany({
        where,
        orderBy,
        ...args,
        select: { id: true, name: true, country: true, city: true, headcount: true, teams: true, aiSystemCount: true },
      }),
      isUnfiltered(state) ? getInventoryCounts(ctx).then((c) => c.offices) : countPerInventoryVersion(ctx, `offices ${viewKey(state)}`, () => prisma.office.count({ where })),
    ]),
  );
  const names = await firstAiSystemNames(ctx, page.rows.map((o) => o.id));
  return { ...page, rows: page.rows.map((o) => ({ ...o, aiSystemNames: names.get(o.id) ?? [] })) };
}

/** How many AI system names an office's row shows; the rest are counted ("and 4 more"). */
export const AI_SYSTEM_NAMES_SHOWN = 3;

/**
 * The first AI systems (by name) of each of these offices, in one query for the whole page: a
 * window function keeps the first few per office, where a nested relation load would read them all.
 */
async function firstAiSystemNames(ctx: OrgContext, officeIds: string[]) {
  const byOffice = new Map<string, string[]>();
  if (!officeIds.length) return byOffice;
  const rows = await db().$queryRaw<{ officeId: string; name: string }[]>`
    SELECT "officeId", name FROM (
      SELECT l."officeId", s.name, row_number() OVER (PARTITION BY l."officeId" ORDER BY s.name, s.id) AS n
      FROM "AiSystemOffice" l
      JOIN "AiSystem" s ON s."organisationId" = l."organisationId" AND s.id = l."aiSystemId"
      WHERE l."organisationId" = ${ctx.organisationId}::uuid AND l."officeId" = ANY(${officeIds}::uuid[])
    ) firsts
    WHERE n <= ${AI_SYSTEM_NAMES_SHOWN}
    ORDER BY "officeId", n`;
  for (const r of rows) byOffice.set(r.officeId, [...(byOffice.get(r.officeId) ?? []), r.name]);
  return byOffice;
}

/** The AI systems that serve an office and the data flows that leave it, for the office's page (two queries). */
export async function getOfficeUsage(ctx: OrgContext, officeId: string) {
  assertCan(ctx, "inventory:read");
  const organisationId = ctx.organisationId;
  const prisma = db();
  const [aiSystems, dataFlows] = await prisma.$transaction([
    prisma.aiSystem.findMany({
      where: { organisationId, offices: { some: { organisationId, officeId } } },
      select: { id: true, name: true, criticality: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    prisma.dataFlow.findMany({
      where: { organisationId, originOfficeId: officeId },
      select: { id: true, name: true, processingCountry: true, vendor: { select: { name: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  return { aiSystems, dataFlows: dataFlows.map(({ vendor, ...f }) => ({ ...f, vendorName: vendor.name })) };
}

/** One page of the caller's offices by name, with their versions and the total count (the public API's list). */
export async function listOfficesByName(ctx: OrgContext, { page, size }: { page: number; size: number }) {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const prisma = db();
  const [items, total] = await prisma.$transaction([
    prisma.office.findMany({ where, select: officeSelect, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * size, take: size }),
    prisma.office.count({ where }),
  ]);
  return { items, total };
}
