import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { buttonClass } from "@/components/ui/button";
import { listModelsPage, modelListSpec } from "@/lib/models/queries";
import { parseListParams } from "@/lib/list-params";
import { TRAINING_COMPUTE_LABELS, WEIGHTS_LABELS, labelFor, optionsFrom } from "@/lib/labels";
import { PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/data-table/data-table";
import { ListNotices } from "@/components/data-table/list-notices";
import type { DataTableColumn, DataTableFilter } from "@/components/data-table/types";

export const metadata = { title: "Models" };

const COLUMNS: DataTableColumn[] = [
  { id: "name", header: "Model", sortable: true },
  { id: "vendor", header: "Vendor", sortable: true },
  { id: "family", header: "Family", sortable: true },
  { id: "weights", header: "Weights", sortable: true },
  { id: "licence", header: "Licence", sortable: true },
  { id: "trainingCompute", header: "Training compute", sortable: true },
  { id: "dependencies", header: "Dependencies", sortable: true, descFirst: true, align: "end" },
];

const FILTERS: DataTableFilter[] = [
  { id: "vendor", label: "Vendor", kind: "text" },
  { id: "weights", label: "Weights", kind: "select", options: optionsFrom(WEIGHTS_LABELS) },
  { id: "trainingCompute", label: "Training compute", kind: "select", options: optionsFrom(TRAINING_COMPUTE_LABELS) },
  { id: "licence", label: "Licence", kind: "text" },
];

export default async function ModelsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const { state, notices } = parseListParams(modelListSpec, await searchParams);
  const page = await listModelsPage(ctx, state);
  return (
    <>
      <PageHeader
        title="Models"
        description="The models your AI systems use: open weights can move to another host, closed weights go wherever their vendor goes."
        actions={
          can(ctx.role, "inventory:write") && (
            <Link href={`/${ctx.organisationSlug}/inventory/models/new`} className={buttonClass("primary")}>
              Add model
            </Link>
          )
        }
      />
      <ListNotices notices={notices} />
      <DataTable
        caption={`Models used by ${ctx.organisationName}`}
        noun="models"
        spec={modelListSpec}
        columns={COLUMNS}
        filters={FILTERS}
        state={{ ...state, page: page.page }}
        total={page.total}
        rows={page.rows.map((m) => ({
          id: m.id,
          href: `/${ctx.organisationSlug}/inventory/models/${m.id}`,
          cells: {
            name: m.name,
            vendor: m.vendorName,
            family: m.family,
            weights: labelFor(WEIGHTS_LABELS, m.weights),
            licence: m.licence,
            trainingCompute: labelFor(TRAINING_COMPUTE_LABELS, m.trainingCompute),
            dependencies: m.dependencyCount,
          },
        }))}
        emptyText="No models yet."
      />
    </>
  );
}
