import "server-only";
import { db } from "@/lib/db";
import { getInventoryCounts } from "@/lib/organisations/queries";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Weights } from "@/lib/generated/prisma/enums";
import type { OfferedAccessPath } from "@/lib/catalogue/facts";
import { TRAINING_COMPUTE_LABELS, WEIGHTS_LABELS } from "@/lib/labels";
import { contains, fetchPage, toOrderBy, toWhereParts, type ListSpec, type ListState, type SortDir, isUnfiltered, viewKey } from "@/lib/list-params";
import { countPerInventoryVersion } from "@/lib/inventory/list-counts";

export const modelListSpec = {
  columns: ["name", "vendor", "family", "weights", "licence", "trainingCompute", "dependencies"],
  alwaysShown: ["name"],
  sortable: ["name", "vendor", "family", "weights", "licence", "trainingCompute", "dependencies"],
  defaultSort: { id: "name", desc: false },
  filters: {
    vendor: { kind: "text" },
    weights: { kind: "enum", values: Object.keys(WEIGHTS_LABELS) },
    trainingCompute: { kind: "enum", values: Object.keys(TRAINING_COMPUTE_LABELS) },
    licence: { kind: "text" },
  },
} as const satisfies ListSpec;

type ModelSort = (typeof modelListSpec.sortable)[number];
type ModelFilter = keyof typeof modelListSpec.filters;

const modelOrderBy: Record<ModelSort, (dir: SortDir) => Prisma.ModelOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  vendor: (dir) => ({ vendor: { name: dir } }),
  family: (dir) => ({ family: dir }),
  weights: (dir) => ({ weights: dir }),
  licence: (dir) => ({ licence: dir }),
  trainingCompute: (dir) => ({ trainingCompute: dir }),
  dependencies: (dir) => ({ dependencyCount: dir }), // kept by the database (decision 056)
};

const modelWhere = {
  search: (q: string): Prisma.ModelWhereInput => ({ OR: [{ name: contains(q) }, { family: contains(q) }, { vendor: { name: contains(q) } }] }),
  filters: {
    vendor: (v) => ({ vendor: { name: contains(v) } }),
    weights: (v) => ({ weights: v as Weights }), // checked against the enum by parseListParams
    trainingCompute: (v) => ({ trainingCompute: v }),
    licence: (v) => ({ licence: contains(v) }),
  } satisfies Record<ModelFilter, (v: string) => Prisma.ModelWhereInput>,
};

/** One page of the caller's models, with their vendor and how many dependencies use each. */
export async function listModelsPage(ctx: OrgContext, state: ListState<ModelSort, ModelFilter>) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const where: Prisma.ModelWhereInput = { organisationId: ctx.organisationId, AND: toWhereParts(state, modelWhere) };
  const orderBy = toOrderBy(state, modelOrderBy, [{ name: "asc" }, { id: "asc" }]);
  const page = await fetchPage(state, (args) =>
    Promise.all([
      prisma.model.findMany({
        where,
        orderBy,
        ...args,
        select: {
          id: true,
          name: true,
          family: true,
          weights: true,
          licence: true,
          trainingCompute: true,
          vendor: { select: { name: true } },
          dependencyCount: true,
        },
      }),
      isUnfiltered(state) ? getInventoryCounts(ctx).then((c) => c.models) : countPerInventoryVersion(ctx, `models ${viewKey(state)}`, () => prisma.model.count({ where })),
    ]),
  );
  return {
    ...page,
    rows: page.rows.map(({ vendor, ...m }) => ({ ...m, vendorName: vendor.name })),
  };
}

export const modelSelect = {
  id: true,
  vendorId: true,
  name: true,
  family: true,
  catalogueKey: true,
  weights: true,
  licence: true,
  licenceRestrictions: true,
  trainingCompute: true,
  offeredAccessPaths: true,
  source: true,
  sourceAsOf: true,
  version: true,
} as const;

type StoredModel = Prisma.ModelGetPayload<{ select: typeof modelSelect }>;

/** A stored model with its offered access paths typed (the column is JSON, written only through the model schema or the catalogue). */
export const typedModel = <M extends Pick<StoredModel, "offeredAccessPaths">>(m: M) => ({ ...m, offeredAccessPaths: (Array.isArray(m.offeredAccessPaths) ? m.offeredAccessPaths : []) as unknown as OfferedAccessPath[] });

/** One model of the caller's organisation with its vendor's name, or null (also for another organisation's id). */
export async function getModel(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const model = await db().model.findFirst({ where: { id, organisationId: ctx.organisationId }, select: { ...modelSelect, vendor: { select: { name: true, catalogueKey: true } } } });
  return model && typedModel(model);
}

/**
 * Where a model is used: the AI systems that depend on it and those whose fallback is it, with
 * the access path of each, in one round trip.
 */
export async function modelUsage(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const organisationId = ctx.organisationId;
  const prisma = db();
  const system = { select: { id: true, name: true, criticality: true } } as const;
  const [dependencies, fallbacks] = await prisma.$transaction([
    prisma.dependency.findMany({ where: { organisationId, modelId: id }, orderBy: [{ aiSystem: { name: "asc" } }, { id: "asc" }], select: { id: true, accessPath: true, aiSystem: system } }),
    prisma.fallback.findMany({
      where: { organisationId, modelId: id },
      orderBy: [{ dependency: { aiSystem: { name: "asc" } } }, { id: "asc" }],
      select: { id: true, accessPath: true, dependency: { select: { accessPath: true, model: { select: { name: true } }, aiSystem: system } } },
    }),
  ]);
  return { dependencies, fallbacks };
}

/** The caller's models of one vendor, by name (the vendor page's list). */
export async function listModelsOfVendor(ctx: OrgContext, vendorId: string) {
  assertCan(ctx, "inventory:read");
  return db().model.findMany({
    where: { organisationId: ctx.organisationId, vendorId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, family: true, weights: true, dependencyCount: true },
  });
}

/** The caller's vendors to choose a new model's vendor from. */
export async function listModelVendorChoices(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  return db().vendor.findMany({ where: { organisationId: ctx.organisationId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}

/** A page of the caller's models by name, optionally of one vendor (the public API's list). */
export async function listModelsByName(ctx: OrgContext, { page, size, vendorId }: { page: number; size: number; vendorId?: string }) {
  assertCan(ctx, "inventory:read");
  const prisma = db();
  const where: Prisma.ModelWhereInput = { organisationId: ctx.organisationId, ...(vendorId && { vendorId }) };
  const [items, total] = await prisma.$transaction([
    prisma.model.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * size, take: size, select: modelSelect }),
    prisma.model.count({ where }),
  ]);
  return { items: items.map(typedModel), total };
}
