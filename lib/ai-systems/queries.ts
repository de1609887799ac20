import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccessPath, Criticality } from "@/lib/generated/prisma/enums";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS } from "@/lib/labels";
import { liveSystemRatings, type LiveRating } from "@/lib/scores/queries";
import { contains, fetchPage, fetchRankedPage, isUnfiltered, toOrderBy, toWhereParts, viewKey, type ListSpec, type ListState, type SortDir } from "@/lib/list-params";
import { getInventoryCounts } from "@/lib/organisations/queries";
import { countPerInventoryVersion } from "@/lib/inventory/list-counts";

export const aiSystemListSpec = {
  columns: ["name", "score", "owner", "criticality", "downtime", "offices", "dependencies", "fallbacks"],
  alwaysShown: ["name"],
  sortable: ["name", "score", "owner", "criticality", "downtime", "offices", "dependencies"],
  defaultSort: { id: "name", desc: false },
  filters: {
    criticality: { kind: "enum", values: Object.keys(CRITICALITY_LABELS) },
    owner: { kind: "text" },
    accessPath: { kind: "enum", values: Object.keys(ACCESS_PATH_LABELS) },
  },
} as const satisfies ListSpec;

type AiSystemSort = (typeof aiSystemListSpec.sortable)[number];
/** The columns the database can sort by: the live score is computed, not stored. */
type AiSystemSqlSort = Exclude<AiSystemSort, "score">;
type AiSystemFilter = keyof typeof aiSystemListSpec.filters;

// Criticality is a PostgreSQL enum declared low..critical, so it sorts by rank, not by name. The
// counts are columns the database keeps (decision 056); criticality and the counts are indexed
// with the name, and every sort ties by the name in its own direction, so descending is ascending
// exactly reversed and a page is read from an index at 20,000 systems.
const aiSystemOrderBy: Record<AiSystemSqlSort, (dir: SortDir) => Prisma.AiSystemOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  owner: (dir) => [{ owner: dir }, { name: dir }],
  criticality: (dir) => [{ criticality: dir }, { name: dir }],
  downtime: (dir) => [{ toleratedDowntimeMinutes: dir }, { name: dir }],
  offices: (dir) => [{ officeCount: dir }, { name: dir }],
  dependencies: (dir) => [{ dependencyCount: dir }, { name: dir }],
};

const aiSystemWhere = {
  search: (q: string): Prisma.AiSystemWhereInput => ({ OR: [{ name: contains(q) }, { owner: contains(q) }, { description: contains(q) }] }),
  filters: {
    criticality: (v) => ({ criticality: v as Criticality }), // values checked by parseListParams
    owner: (v) => ({ owner: contains(v) }),
    accessPath: (v) => ({ dependencies: { some: { accessPath: v as AccessPath } } }),
  } satisfies Record<AiSystemFilter, (v: string) => Prisma.AiSystemWhereInput>,
};

const NO_RATINGS: ReadonlyMap<string, LiveRating> = new Map();

const aiSystemListSelect = {
  id: true,
  name: true,
  owner: true,
  criticality: true,
  toleratedDowntimeMinutes: true,
  officeCount: true,
  dependencyCount: true,
  dependencies: { select: { fallbackCount: true } },
} as const satisfies Prisma.AiSystemSelect;

/**
 * One page of the caller's AI systems with the offices they serve, their dependencies and
 * fallbacks counted (fallbacks hang off dependencies: counted from the page's dependencies in
 * the same round trip, and so not sortable), and each one's live score and rating where the
 * inventory can be scored. Sorted by score, the matching ids are ranked in memory (the score is
 * the engine's, not a column): worst first ascending, unscored systems last either way.
 */
export async function listAiSystemsPage(ctx: OrgContext, state: ListState<AiSystemSort, AiSystemFilter>) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const where: Prisma.AiSystemWhereInput = { organisationId: ctx.organisationId, AND: toWhereParts(state, aiSystemWhere) };
  const sortId = state.sort.id;
  // The live score only where the list shows it or ranks by it: a view without the column does
  // not pay for reading it (its rows' ratings are then null).
  const ratings = state.cols.includes("score") || sortId === "score" ? await liveSystemRatings(ctx) : NO_RATINGS;
  const page =
    sortId === "score"
      ? await fetchRankedPage(
          state,
          (await prisma.aiSystem.findMany({ where, select: { id: true }, orderBy: [{ name: "asc" }, { id: "asc" }] })).map((r) => r.id),
          (id) => ratings.get(id)?.score,
          (ids) => prisma.aiSystem.findMany({ where: { organisationId: ctx.organisationId, id: { in: ids } }, select: aiSystemListSelect }),
        )
      : await fetchPage(state, (args) =>
          Promise.all([
            // Every sort ends with the name, unique in an organisation: no further tie-break is needed.
            prisma.aiSystem.findMany({ where, orderBy: toOrderBy({ sort: { ...state.sort, id: sortId } }, aiSystemOrderBy, []), ...args, select: aiSystemListSelect }),
            isUnfiltered(state) ? getInventoryCounts(ctx).then((c) => c.aiSystems) : countPerInventoryVersion(ctx, `ai-systems ${viewKey(state)}`, () => prisma.aiSystem.count({ where })),
          ]),
        );
  return {
    ...page,
    rows: page.rows.map(({ dependencies, ...s }) => ({
      ...s,
      rating: ratings.get(s.id) ?? null,
      fallbackCount: dependencies.reduce((sum, d) => sum + d.fallbackCount, 0),
    })),
  };
}

const aiSystemSelect = {
  id: true,
  name: true,
  description: true,
  owner: true,
  criticality: true,
  toleratedDowntimeMinutes: true,
  usersServed: true,
  teams: true,
  version: true,
} as const;

const routeSelect = {
  id: true,
  accessPath: true,
  hostingCountry: true,
  hostingRegion: true,
  version: true,
  model: { select: { id: true, name: true, weights: true, vendor: { select: { id: true, name: true, hqCountry: true } } } },
  cloudVendor: { select: { id: true, name: true } },
} as const;

/**
 * One AI system of the caller's organisation with the offices it serves, its dependencies and
 * their fallbacks (one query), or null (also for another organisation's id).
 */
export async function getAiSystem(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const row = await db().aiSystem.findFirst({
    where: { id, organisationId: ctx.organisationId },
    select: {
      ...aiSystemSelect,
      offices: { select: { officeId: true } },
      dependencies: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          ...routeSelect,
          dataSent: true,
          exitPlanDocumented: true,
          exitPlanLastReviewed: true,
          contractDataResidency: true,
          contractExitTerms: true,
          notes: true,
          fallbacks: {
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            select: { ...routeSelect, lastTestedAt: true, switchTimeMinutes: true, qualityParityChecked: true, exitPlan: true, exitPlanUrl: true },
          },
        },
      },
    },
  });
  if (!row) return null;
  const { offices, ...system } = row;
  return { ...system, officeIds: offices.map((o) => o.officeId) };
}

/** A page of the caller's AI systems by name, with the offices each serves (the public API's list). */
export async function listAiSystemsByName(ctx: OrgContext, { page, size }: { page: number; size: number }) {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const prisma = db();
  const [rows, total] = await prisma.$transaction([
    prisma.aiSystem.findMany({
      where,
      select: { ...aiSystemSelect, offices: { select: { officeId: true }, orderBy: { officeId: "asc" } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * size,
      take: size,
    }),
    prisma.aiSystem.count({ where }),
  ]);
  return { items: rows.map(({ offices, ...system }) => ({ ...system, officeIds: offices.map((o) => o.officeId) })), total };
}
