import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { dataFlowListSpec, listDataFlowsPage } from "@/lib/data-flows/queries";
import { parseListParams } from "@/lib/list-params";
import { countryName } from "@/lib/countries";
import { DATA_CATEGORY_LABELS, ENCRYPTION_LABELS, TRANSFER_MECHANISM_LABELS, labelFor, optionsFrom } from "@/lib/labels";
import { PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/data-table/data-table";
import { ListNotices } from "@/components/data-table/list-notices";
import type { DataTableColumn, DataTableFilter } from "@/components/data-table/types";

export const metadata = { title: "Data flows" };

const COLUMNS: DataTableColumn[] = [
  { id: "name", header: "Data flow", sortable: true },
  { id: "originOffice", header: "From office", sortable: true },
  { id: "aiSystem", header: "AI system", sortable: true },
  { id: "vendor", header: "Vendor", sortable: true },
  { id: "processing", header: "Processed in", sortable: true },
  { id: "categories", header: "Data categories" },
  { id: "transferMechanism", header: "Transfer mechanism", sortable: true },
  { id: "encryption", header: "Encryption", sortable: true },
];

const FILTERS: DataTableFilter[] = [
  { id: "processingCountry", label: "Processed in", kind: "country" },
  { id: "category", label: "Data category", kind: "select", options: optionsFrom(DATA_CATEGORY_LABELS) },
  { id: "transferMechanism", label: "Transfer mechanism", kind: "select", options: optionsFrom(TRANSFER_MECHANISM_LABELS) },
  { id: "encryption", label: "Encryption", kind: "select", options: optionsFrom(ENCRYPTION_LABELS) },
  { id: "vendor", label: "Vendor", kind: "text" },
];

export default async function DataFlowsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const { state, notices } = parseListParams(dataFlowListSpec, await searchParams);
  const page = await listDataFlowsPage(ctx, state);
  const canWrite = can(ctx.role, "inventory:write");
  return (
    <>
      <PageHeader
        title="Data flows"
        description="What data leaves which office for which vendor, where it is processed, and under which transfer mechanism."
        actions={
          canWrite && (
            <Link href={`/${ctx.organisationSlug}/inventory/data-flows/new`} className={buttonClass("primary")}>
              Add data flow
            </Link>
          )
        }
      />
      <ListNotices notices={notices} />
      <DataTable
        caption={`Data flows of ${ctx.organisationName}`}
        noun="data flows"
        spec={dataFlowListSpec}
        columns={COLUMNS}
        filters={FILTERS}
        state={{ ...state, page: page.page }}
        total={page.total}
        rows={page.rows.map((f) => ({
          id: f.id,
          href: `/${ctx.organisationSlug}/inventory/data-flows/${f.id}`,
          cells: {
            name: f.name,
            originOffice: f.originOffice?.name ?? null,
            aiSystem: f.aiSystemName,
            vendor: f.vendorName,
            processing: f.processingRegion ? `${countryName(f.processingCountry)} · ${f.processingRegion}` : countryName(f.processingCountry),
            categories: f.dataCategories.map((c) => labelFor(DATA_CATEGORY_LABELS, c)),
            transferMechanism: labelFor(TRANSFER_MECHANISM_LABELS, f.transferMechanism),
            encryption: labelFor(ENCRYPTION_LABELS, f.encryption),
          },
        }))}
        emptyText={`No data flows yet.${canWrite ? " Add one to see which data reaches which vendor." : ""}`}
      />
    </>
  );
}
