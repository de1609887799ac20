import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { buttonClass } from "@/components/ui/button";
import { listVendorsPage, vendorListSpec } from "@/lib/vendors/queries";
import { parseListParams } from "@/lib/list-params";
import { countryName } from "@/lib/countries";
import { VENDOR_TYPE_LABELS, labelFor, optionsFrom } from "@/lib/labels";
import { PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/data-table/data-table";
import { ListNotices } from "@/components/data-table/list-notices";
import type { DataTableColumn, DataTableFilter } from "@/components/data-table/types";
import { nameWithCountry, sourceSummary } from "@/components/inventory/list-format";

export const metadata = { title: "Vendors" };

const COLUMNS: DataTableColumn[] = [
  { id: "name", header: "Vendor", sortable: true },
  { id: "score", header: "Sovereignty today", sortable: true },
  { id: "type", header: "Type", sortable: true },
  { id: "hqCountry", header: "HQ country", sortable: true },
  { id: "parent", header: "Ultimate parent", sortable: true },
  { id: "source", header: "Source", sortable: true, descFirst: true },
  { id: "models", header: "Models", sortable: true, descFirst: true, align: "end" },
  { id: "dependencies", header: "Dependencies on its models", align: "end" },
  { id: "hosted", header: "Hosted on its cloud", sortable: true, descFirst: true, align: "end" },
];

const FILTERS: DataTableFilter[] = [
  { id: "type", label: "Type", kind: "select", options: optionsFrom(VENDOR_TYPE_LABELS) },
  { id: "hqCountry", label: "HQ country", kind: "country" },
  { id: "parentCountry", label: "Parent's country", kind: "country" },
];

export default async function VendorsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const { state, notices } = parseListParams(vendorListSpec, await searchParams);
  const page = await listVendorsPage(ctx, state);
  return (
    <>
      <PageHeader
        title="Vendors"
        description="Model providers and the clouds that host them. Where a vendor and its ultimate parent are incorporated decides whose laws can switch it off."
        actions={
          can(ctx.role, "inventory:write") && (
            <Link href={`/${ctx.organisationSlug}/inventory/vendors/new`} className={buttonClass("primary")}>
              Add vendor
            </Link>
          )
        }
      />
      <ListNotices notices={notices} />
      <DataTable
        caption={`Vendors of ${ctx.organisationName}`}
        noun="vendors"
        spec={vendorListSpec}
        columns={COLUMNS}
        filters={FILTERS}
        state={{ ...state, page: page.page }}
        total={page.total}
        rows={page.rows.map((v) => ({
          id: v.id,
          href: `/${ctx.organisationSlug}/inventory/vendors/${v.id}`,
          cells: {
            name: v.name,
            score: v.rating,
            type: labelFor(VENDOR_TYPE_LABELS, v.vendorType),
            hqCountry: countryName(v.hqCountry),
            parent: nameWithCountry(v.parentName, v.parentCountry),
            source: sourceSummary(v.source, v.sourceAsOf),
            models: v.modelCount,
            dependencies: v.dependencyCount,
            hosted: v.hostedCount,
          },
        }))}
        emptyText="No vendors yet."
      />
    </>
  );
}
