import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VendorType } from "@/lib/generated/prisma/enums";
import { VENDOR_TYPE_LABELS } from "@/lib/labels";
import { contains, fetchPage, fetchRankedPage, isUnfiltered, toOrderBy, toWhereParts, viewKey, type ListSpec, type ListState, type SortDir } from "@/lib/list-params";
import { getInventoryCounts } from "@/lib/organisations/queries";
import { countPerInventoryVersion } from "@/lib/inventory/list-counts";
import { liveVendorRatings, type LiveRating } from "@/lib/scores/queries";

export const vendorListSpec = {
  columns: ["name", "score", "type", "hqCountry", "parent", "source", "models", "dependencies", "hosted"],
  alwaysShown: ["name"],
  sortable: ["name", "score", "type", "hqCountry", "parent", "source", "models", "hosted"],
  defaultSort: { id: "name", desc: false },
  filters: {
    type: { kind: "enum", values: Object.keys(VENDOR_TYPE_LABELS) },
    hqCountry: { kind: "country" },
    parentCountry: { kind: "country" },
  },
} as const satisfies ListSpec;

type VendorSort = (typeof vendorListSpec.sortable)[number];
type VendorFilter = keyof typeof vendorListSpec.filters;

/** The columns the database can sort by: the live score is computed, not stored. */
const vendorOrderBy: Record<Exclude<VendorSort, "score">, (dir: SortDir) => Prisma.VendorOrderByWithRelationInput | Prisma.VendorOrderByWithRelationInput[]> = {
  name: (dir) => ({ name: dir }),
  type: (dir) => ({ vendorType: dir }),
  hqCountry: (dir) => ({ hqCountry: dir }),
  parent: (dir) => [{ parentName: { sort: dir, nulls: "last" } }, { parentCountry: { sort: dir, nulls: "last" } }],
  source: (dir) => [{ sourceAsOf: { sort: dir, nulls: "last" } }, { source: { sort: dir, nulls: "last" } }],
  // Counts kept by the database (decision 056).
  models: (dir) => ({ modelCount: dir }),
  hosted: (dir) => ({ hostedCount: dir }),
};

const vendorWhere = {
  search: (q: string): Prisma.VendorWhereInput => ({ OR: [{ name: contains(q) }, { parentName: contains(q) }] }),
  filters: {
    type: (v) => ({ vendorType: v as VendorType }), // checked against the enum by parseListParams
    hqCountry: (v) => ({ hqCountry: v }),
    parentCountry: (v) => ({ parentCountry: v }),
  } satisfies Record<VendorFilter, (v: string) => Prisma.VendorWhereInput>,
};

const vendorListSelect = {
  id: true,
  name: true,
  vendorType: true,
  hqCountry: true,
  parentName: true,
  parentCountry: true,
  source: true,
  sourceAsOf: true,
  modelCount: true,
  hostedCount: true,
  models: { select: { dependencyCount: true } },
} as const satisfies Prisma.VendorSelect;

const NO_RATINGS: ReadonlyMap<string, LiveRating> = new Map();

/**
 * One page of the caller's vendors, each with its live score and rating where something depends
 * on it and the inventory can be scored (sorted by score: ranked in memory, see fetchRankedPage). A vendor's dependencies are those on its models; they are
 * counted from the page's models in the same round trip (not sortable: Prisma cannot order by a
 * count two relations away). A cloud's hosted dependencies are those that reach a model through
 * it (a marketplace or a host of open weights: Microsoft, OVHcloud), whoever made the model.
 */
export async function listVendorsPage(ctx: OrgContext, state: ListState<VendorSort, VendorFilter>) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const where: Prisma.VendorWhereInput = { organisationId: ctx.organisationId, AND: toWhereParts(state, vendorWhere) };
  const sortId = state.sort.id;
  // The live score only where the list shows it or ranks by it (see listAiSystemsPage).
  const ratings = state.cols.includes("score") || sortId === "score" ? await liveVendorRatings(ctx) : NO_RATINGS;
  let page;
  if (sortId === "score") {
    // Ratings are by name (unique in an organisation); the ranking needs them by id.
    const all = await prisma.vendor.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    const scoreById = new Map(all.map((v) => [v.id, ratings.get(v.name)?.score]));
    page = await fetchRankedPage(
      state,
      all.map((v) => v.id),
      (id) => scoreById.get(id),
      (ids) => prisma.vendor.findMany({ where: { organisationId: ctx.organisationId, id: { in: ids } }, select: vendorListSelect }),
    );
  } else {
    const orderBy = toOrderBy({ sort: { ...state.sort, id: sortId } }, vendorOrderBy, [{ name: "asc" }, { id: "asc" }]);
    page = await fetchPage(state, (args) =>
      Promise.all([
        prisma.vendor.findMany({ where, orderBy, ...args, select: vendorListSelect }),
        isUnfiltered(state) ? getInventoryCounts(ctx).then((c) => c.vendors) : countPerInventoryVersion(ctx, `vendors ${viewKey(state)}`, () => prisma.vendor.count({ where })),
      ]),
    );
  }
  return {
    ...page,
    rows: page.rows.map(({ models, ...v }) => ({
      ...v,
      rating: ratings.get(v.name) ?? null,
      dependencyCount: models.reduce((sum, m) => sum + m.dependencyCount, 0),
    })),
  };
}

export const vendorSelect = {
  id: true,
  name: true,
  catalogueKey: true,
  vendorType: true,
  hqCountry: true,
  parentName: true,
  parentCountry: true,
  dpfCertified: true,
  source: true,
  sourceAsOf: true,
  notes: true,
  version: true,
} as const;

/** One vendor of the caller's organisation, or null (also for another organisation's id). */
export async function getVendor(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  return db().vendor.findFirst({ where: { id, organisationId: ctx.organisationId }, select: vendorSelect });
}

/** A page of the caller's vendors by name (the public API's list). */
export async function listVendorsByName(ctx: OrgContext, { page, size }: { page: number; size: number }) {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const prisma = db();
  const [items, total] = await prisma.$transaction([
    prisma.vendor.findMany({ where, select: vendorSelect, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * size, take: size }),
    prisma.vendor.count({ where }),
  ]);
  return { items, total };
}
