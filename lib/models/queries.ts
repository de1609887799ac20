import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Weights } from "@/lib/generated/prisma/enums";
import { TRAINING_COMPUTE_LABELS, WEIGHTS_LABELS } from "@/lib/labels";
import { contains, fetchPage, toOrderBy, toWhereParts, type ListSpec, type ListState, type SortDir } from "@/lib/list-params";

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
  dependencies: (dir) => ({ dependencies: { _count: dir } }),
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
          _count: { select: { dependencies: true } },
        },
      }),
      prisma.model.count({ where }),
    ]),
  );
  return {
    ...page,
    rows: page.rows.map(({ vendor, _count, ...m }) => ({ ...m, vendorName: vendor.name, dependencyCount: _count.dependencies })),
  };
}
