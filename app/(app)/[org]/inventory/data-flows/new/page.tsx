import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { listDataFlowChoices } from "@/lib/data-flows/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { DataFlowForm } from "@/components/data-flows/data-flow-form";

export const metadata = { title: "Add data flow" };

export default async function NewDataFlowPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:write");
  const choices = await listDataFlowChoices(ctx);
  // "Add a data flow from this office" on an office's page preselects it (one of the caller's, or nothing).
  const office = z.uuid().safeParse((await searchParams).office);
  const defaultOfficeId = office.success && choices.offices.some((o) => o.id === office.data) ? office.data : undefined;
  return (
    <>
      <PageHeader title="Add data flow" description="What data leaves an office or an AI system, which vendor receives it, where it is processed and under which transfer mechanism." />
      <Card>
        <DataFlowForm orgSlug={ctx.organisationSlug} choices={choices} defaultOfficeId={defaultOfficeId} />
      </Card>
    </>
  );
}
