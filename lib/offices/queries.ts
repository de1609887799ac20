import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contains, fetchPage, toOrderBy, toWhereParts, type ListSpec, type ListState, type SortDir } from "@/lib/list-params";

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
  aiSystems: (dir) => ({ aiSystems: { _count: dir } }),
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
        select: { id: true, name: true, country: true, city: true, headcount: true, teams: true, _count: { select: { aiSystems: true } } },
      }),
      prisma.office.count({ where }),
    ]),
  );
  return { ...page, rows: page.rows.map(({ _count, ...o }) => ({ ...o, aiSystemCount: _count.aiSystems })) };
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
