import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listOfficesTablePage, officeListSpec } from "@/lib/offices/queries";
import { parseListParams } from "@/lib/list-params";
import { countryName } from "@/lib/countries";
import { PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/data-table/data-table";
import { ListNotices } from "@/components/data-table/list-notices";
import type { DataTableColumn, DataTableFilter } from "@/components/data-table/types";

export const metadata = { title: "Offices" };

const COLUMNS: DataTableColumn[] = [
  { id: "name", header: "Office", sortable: true },
  { id: "country", header: "Country", sortable: true },
  { id: "city", header: "City", sortable: true },
  { id: "headcount", header: "Headcount", sortable: true, descFirst: true, align: "end" },
  { id: "teams", header: "Teams" },
  { id: "aiSystems", header: "AI systems", sortable: true, descFirst: true },
];

const FILTERS: DataTableFilter[] = [
  { id: "country", label: "Country", kind: "country" },
  { id: "city", label: "City", kind: "text" },
];

/** "Support chat, Translation, Search and 4 more"; nothing recorded is an empty cell. */
function aiSystemsCell(names: string[], count: number) {
  if (!count) return null;
  const more = count - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
}

export default async function OfficesPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const { state, notices } = parseListParams(officeListSpec, await searchParams);
  const page = await listOfficesTablePage(ctx, state);
  const canWrite = can(ctx.role, "inventory:write");
  return (
    <>
      <PageHeader
        title="Offices and teams"
        description="Access from a country matters: a team in a restricted country can lose a model, or itself create an export."
        actions={
          canWrite && (
            <Link href={`/${ctx.organisationSlug}/inventory/offices/new`} className={buttonClass("primary")}>
              Add office
            </Link>
          )
        }
      />
      <ListNotices notices={notices} />
      <DataTable
        caption={`Offices of ${ctx.organisationName}`}
        noun="offices"
        spec={officeListSpec}
        columns={COLUMNS}
        filters={FILTERS}
        state={{ ...state, page: page.page }}
        total={page.total}
        rows={page.rows.map((o) => ({
          id: o.id,
          href: `/${ctx.organisationSlug}/inventory/offices/${o.id}`,
          cells: { name: o.name, country: countryName(o.country), city: o.city, headcount: o.headcount, teams: o.teams, aiSystems: aiSystemsCell(o.aiSystemNames, o.aiSystemCount) },
        }))}
        emptyText={`No offices yet.${canWrite ? " Add the first one to see which AI each location depends on." : ""}`}
      />
    </>
  );
}
