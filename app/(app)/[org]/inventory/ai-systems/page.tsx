import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { buttonClass } from "@/components/ui/button";
import { aiSystemListSpec, listAiSystemsPage } from "@/lib/ai-systems/queries";
import { parseListParams } from "@/lib/list-params";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS, formatMinutes, labelFor, optionsFrom } from "@/lib/labels";
import { PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/data-table/data-table";
import { ListNotices } from "@/components/data-table/list-notices";
import type { DataTableColumn, DataTableFilter } from "@/components/data-table/types";

export const metadata = { title: "AI systems" };

const COLUMNS: DataTableColumn[] = [
  { id: "name", header: "AI system", sortable: true },
  { id: "score", header: "Sovereignty today", sortable: true },
  { id: "owner", header: "Owner", sortable: true },
  { id: "criticality", header: "Criticality", sortable: true, descFirst: true },
  { id: "downtime", header: "Tolerated downtime", sortable: true, align: "end" },
  { id: "offices", header: "Offices served", sortable: true, descFirst: true, align: "end" },
  { id: "dependencies", header: "Dependencies", sortable: true, descFirst: true, align: "end" },
  { id: "fallbacks", header: "Fallbacks", align: "end" },
];

const FILTERS: DataTableFilter[] = [
  { id: "criticality", label: "Criticality", kind: "select", options: optionsFrom(CRITICALITY_LABELS) },
  { id: "accessPath", label: "Access path", kind: "select", options: optionsFrom(ACCESS_PATH_LABELS) },
  { id: "owner", label: "Owner", kind: "text" },
];

export default async function AiSystemsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const { state, notices } = parseListParams(aiSystemListSpec, await searchParams);
  const page = await listAiSystemsPage(ctx, state);
  return (
    <>
      <PageHeader
        title="AI systems"
        description="Product features and internal tools, how critical each is, how long it may be down, and what it depends on."
        actions={
          can(ctx.role, "inventory:write") && (
            <Link href={`/${ctx.organisationSlug}/inventory/ai-systems/new`} className={buttonClass("primary")}>
              Add AI system
            </Link>
          )
        }
      />
      <ListNotices notices={notices} />
      <DataTable
        caption={`AI systems of ${ctx.organisationName}`}
        noun="AI systems"
        spec={aiSystemListSpec}
        columns={COLUMNS}
        filters={FILTERS}
        state={{ ...state, page: page.page }}
        total={page.total}
        rows={page.rows.map((s) => ({
          id: s.id,
          href: `/${ctx.organisationSlug}/inventory/ai-systems/${s.id}`,
          cells: {
            name: s.name,
            score: s.rating,
            owner: s.owner,
            criticality: labelFor(CRITICALITY_LABELS, s.criticality),
            downtime: formatMinutes(s.toleratedDowntimeMinutes),
            offices: s.officeCount,
            dependencies: s.dependencyCount,
            fallbacks: s.fallbackCount,
          },
        }))}
        emptyText="No AI systems yet."
      />
    </>
  );
}
