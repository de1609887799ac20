import { requireOrgPage } from "@/lib/auth/context";
import { PageHeader, Card } from "@/components/ui/card";
import { OfficeForm } from "@/components/offices/office-form";

export const metadata = { title: "Add office" };

export default async function NewOfficePage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:write");
  return (
    <>
      <PageHeader title="Add office" description="An office or team location: its country decides which export controls and data laws reach the people there." />
      <Card>
        <OfficeForm orgSlug={ctx.organisationSlug} />
      </Card>
    </>
  );
}
