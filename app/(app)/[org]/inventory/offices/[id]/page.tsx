import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getOffice } from "@/lib/offices/queries";
import { officeDeletionImpact } from "@/lib/offices/mutations";
import { deleteOfficeAction } from "@/lib/offices/actions";
import { countryName } from "@/lib/countries";
import { Card, PageHeader } from "@/components/ui/card";
import { OfficeForm } from "@/components/offices/office-form";
import { ConfirmDelete } from "@/components/ui/confirm-delete";

export const metadata = { title: "Office" };

export default async function OfficePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "inventory:read");
  if (!z.uuid().safeParse(id).success) notFound();
  const office = await getOffice(ctx, id);
  if (!office) notFound();
  const canWrite = can(ctx.role, "inventory:write");
  if (!canWrite) {
    return (
      <>
        <PageHeader title={office.name} description={`${office.city}, ${countryName(office.country)}`} />
        <Card>
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div><dt className="text-slate-500">Headcount</dt><dd className="font-medium">{office.headcount.toLocaleString("en")}</dd></div>
            <div><dt className="text-slate-500">Teams</dt><dd className="font-medium">{office.teams.join(", ") || "None recorded"}</dd></div>
          </dl>
        </Card>
      </>
    );
  }
  const impact = await officeDeletionImpact(ctx, id);
  const consequences = [
    impact.aiSystemLinks ? `${impact.aiSystemLinks} AI system${impact.aiSystemLinks === 1 ? "" : "s"} will no longer list this office as served` : "",
    impact.dataFlows ? `${impact.dataFlows} data flow${impact.dataFlows === 1 ? "" : "s"} from this office will be deleted` : "",
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={office.name}
        description={`${office.city}, ${countryName(office.country)}`}
        actions={
          <ConfirmDelete
            action={deleteOfficeAction}
            fields={{ org: ctx.organisationSlug, id: office.id, version: office.version }}
            title={`Delete ${office.name}?`}
            consequences={consequences}
          />
        }
      />
      <Card>
        <OfficeForm orgSlug={ctx.organisationSlug} office={office} />
      </Card>
    </>
  );
}
