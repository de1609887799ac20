import { requireOrgPage } from "@/lib/auth/context";
import { PageHeader, Card } from "@/components/ui/card";
import { VendorForm } from "@/components/vendors/vendor-form";

export const metadata = { title: "Add vendor" };

export default async function NewVendorPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:write");
  return (
    <>
      <PageHeader title="Add vendor" description="A model provider or a cloud that hosts models: where it and its ultimate parent are incorporated decides whose laws can switch it off." />
      <Card>
        <VendorForm orgSlug={ctx.organisationSlug} />
      </Card>
    </>
  );
}
