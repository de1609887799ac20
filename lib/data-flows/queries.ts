import "server-only";
import { db } from "@/lib/db";
import { getInventoryCounts } from "@/lib/organisations/queries";
import { countPerInventoryVersion } from "@/lib/inventory/list-counts";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DataCategory, Encryption, TransferMechanism } from "@/lib/generated/prisma/enums";
import { DATA_CATEGORY_LABELS, ENCRYPTION_LABELS, TRANSFER_MECHANISM_LABELS } from "@/lib/labels";
import { contains, fetchPage, toOrderBy, toWhereParts, type ListSpec, type ListState, type SortDir, isUnfiltered, viewKey } from "@/lib/list-params";

export const dataFlowListSpec = {
  columns: ["name", "originOffice", "aiSystem", "vendor", "processing", "categories", "transferMechanism", "encryption"],
  alwaysShown: ["name"],
  sortable: ["name", "originOffice", "aiSystem", "vendor", "processing", "transferMechanism", "encryption"],
  defaultSort: { id: "name", desc: false },
  filters: {
    processingCountry: { kind: "country" },
    category: { kind: "enum", values: Object.keys(DATA_CATEGORY_LABELS) },
    transferMechanism: { kind: "enum", values: Object.keys(TRANSFER_MECHANISM_LABELS) },
    encryption: { kind: "enum", values: Object.keys(ENCRYPTION_LABELS) },
    vendor: { kind: "text" },
  },
} as const satisfies ListSpec;

type DataFlowSort = (typeof dataFlowListSpec.sortable)[number];
type DataFlowFilter = keyof typeof dataFlowListSpec.filters;

// Each sort reads one index (organisationId, column, name) in order, forwards or backwards: the
// AI system's, vendor's and office's names are kept on the flow by the database (decision 056),
// and ties go by the flow's name in the sort's own direction, so descending is exactly ascending
// reversed (a flow without a region or AI system comes last ascending, first descending).
const dataFlowOrderBy: Record<DataFlowSort, (dir: SortDir) => Prisma.DataFlowOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  originOffice: (dir) => [{ originOfficeName: dir }, { name: dir }],
  aiSystem: (dir) => [{ aiSystemName: dir }, { name: dir }],
  vendor: (dir) => [{ vendorName: dir }, { name: dir }],
  processing: (dir) => [{ processingCountry: dir }, { processingRegion: dir }, { name: dir }],
  transferMechanism: (dir) => [{ transferMechanism: dir }, { name: dir }],
  encryption: (dir) => [{ encryption: dir }, { name: dir }],
};

// The search matches a flow's name and processing region (trigram-indexed columns) and its
// vendor's or origin office's name. Matching those through joins would read every flow
// (20,000 rows: ~26 ms per query); the few vendors and offices that match are looked up first
// and the flows found by their ids, so that PostgreSQL combines four index scans instead. The
// vendor filter likewise: the vendors whose name matches, then their flows by id.
const dataFlowWhere = (matches: { vendorIds: string[]; officeIds: string[]; filterVendorIds: string[] }) => ({
  search: (q: string): Prisma.DataFlowWhereInput => ({
    OR: [
      { name: contains(q) },
      { processingRegion: contains(q) },
      ...(matches.vendorIds.length ? [{ vendorId: { in: matches.vendorIds } }] : []),
      ...(matches.officeIds.length ? [{ originOfficeId: { in: matches.officeIds } }] : []),
    ],
  }),
  filters: {
    processingCountry: (v) => ({ processingCountry: v }),
    category: (v) => ({ dataCategories: { has: v as DataCategory } }), // enum values checked by parseListParams
    transferMechanism: (v) => ({ transferMechanism: v as TransferMechanism }),
    encryption: (v) => ({ encryption: v as Encryption }),
    vendor: () => ({ vendorId: { in: matches.filterVendorIds } }),
  } satisfies Record<DataFlowFilter, (v: string) => Prisma.DataFlowWhereInput>,
});

/**
 * One page of the caller's data flows: where the data leaves from, the AI system whose model
 * dependency carries it, the vendor and where it is processed.
 */
export async function listDataFlowsPage(ctx: OrgContext, state: ListState<DataFlowSort, DataFlowFilter>) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const organisationId = ctx.organisationId;
  const none = Promise.resolve([] as { id: string }[]);
  const [vendors, offices, filterVendors] = await Promise.all([
    state.q ? prisma.vendor.findMany({ where: { organisationId, name: contains(state.q) }, select: { id: true } }) : none,
    state.q ? prisma.office.findMany({ where: { organisationId, name: contains(state.q) }, select: { id: true } }) : none,
    state.filters.vendor ? prisma.vendor.findMany({ where: { organisationId, name: contains(state.filters.vendor) }, select: { id: true } }) : none,
  ]);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const matches = { vendorIds: ids(vendors), officeIds: ids(offices), filterVendorIds: ids(filterVendors) };
  const where: Prisma.DataFlowWhereInput = { organisationId, AND: toWhereParts(state, dataFlowWhere(matches)) };
  // Every sort ends with the name, unique in an organisation: no further tie-break is needed.
  const orderBy = toOrderBy(state, dataFlowOrderBy, []);
  const select = {
    id: true,
    name: true,
    processingCountry: true,
    processingRegion: true,
    dataCategories: true,
    transferMechanism: true,
    encryption: true,
    originOfficeId: true,
    originOfficeName: true,
    aiSystemName: true,
    vendorName: true,
  } as const satisfies Prisma.DataFlowSelect;
  const page = await fetchPage(state, (args) =>
    Promise.all([
      prisma.dataFlow.findMany({ where, orderBy, ...args, select }),
      isUnfiltered(state) ? getInventoryCounts(ctx).then((c) => c.dataFlows) : countPerInventoryVersion(ctx, `data-flows ${viewKey(state)}`, () => prisma.dataFlow.count({ where })),
    ]),
  );
  return {
    ...page,
    // The names are the sort keys the database keeps on the flow (decision 056): no join per row.
    rows: page.rows.map(({ originOfficeId, originOfficeName, ...f }) => ({
      ...f,
      originOffice: originOfficeId === null ? null : { id: originOfficeId, name: originOfficeName ?? "" },
    })),
  };
}

// ---- one data flow, the form's choices, the public API's pages ----------------------------------

/** A data flow's own fields (ids for its references): the form, the public API and the audit snapshots. */
export const dataFlowFieldsSelect = {
  id: true,
  name: true,
  originOfficeId: true,
  originAiSystemId: true,
  dependencyId: true,
  vendorId: true,
  processingCountry: true,
  processingRegion: true,
  dataCategories: true,
  volume: true,
  transferMechanism: true,
  encryption: true,
  version: true,
} as const;

/** One data flow of the caller's organisation with the names of what it links, or null (also for another organisation's id). */
export async function getDataFlow(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  return db().dataFlow.findFirst({
    where: { id, organisationId: ctx.organisationId },
    select: {
      ...dataFlowFieldsSelect,
      originOffice: { select: { id: true, name: true } },
      originAiSystem: { select: { id: true, name: true } },
      dependency: {
        select: {
          id: true,
          accessPath: true,
          aiSystem: { select: { id: true, name: true } },
          model: { select: { name: true, vendor: { select: { id: true, name: true } } } },
          cloudVendor: { select: { id: true, name: true } },
        },
      },
      vendor: { select: { id: true, name: true } },
    },
  });
}

/** What a data flow form offers: the caller's offices, AI systems, their dependencies and vendors (four queries). */
export async function listDataFlowChoices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const prisma = db();
  const [offices, aiSystems, dependencies, vendors] = await prisma.$transaction([
    prisma.office.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    prisma.aiSystem.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    prisma.dependency.findMany({
      where,
      select: { id: true, aiSystemId: true, accessPath: true, cloudVendorId: true, hostingCountry: true, hostingRegion: true, aiSystem: { select: { name: true } }, model: { select: { name: true, vendorId: true } } },
      orderBy: [{ aiSystem: { name: "asc" } }, { model: { name: "asc" } }, { id: "asc" }],
    }),
    prisma.vendor.findMany({ where, select: { id: true, name: true, hqCountry: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  return { offices, aiSystems, dependencies, vendors };
}

/** One page of the caller's data flows by name, with their versions and the total count (the public API's list). */
export async function listDataFlowsByName(ctx: OrgContext, { page, size }: { page: number; size: number }) {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const prisma = db();
  const [items, total] = await prisma.$transaction([
    prisma.dataFlow.findMany({ where, select: dataFlowFieldsSelect, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * size, take: size }),
    prisma.dataFlow.count({ where }),
  ]);
  return { items, total };
}

/** A data flow's fields as stored (the public API's resource), or null. */
export async function getDataFlowFields(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  return db().dataFlow.findFirst({ where: { id, organisationId: ctx.organisationId }, select: dataFlowFieldsSelect });
}
