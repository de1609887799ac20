import { requireOrgPage } from "@/lib/auth/context";
import { PageHeader, Card } from "@/components/ui/card";
import { VendorForm } from "@/components/vendors/vendor-form";
import { CataloguePicker } from "@/components/vendors/catalogue-picker";

export const metadata = { title: "Add vendor" };

export default async function NewVendorPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:write");
  return (
    <>
      <PageHeader title="Add vendor" description="A model provider or a cloud that hosts models: where it and its ultimate parent are incorporated decides whose laws can switch it off." />
      <div className="space-y-6">
        <Card aria-labelledby="from-catalogue">
          <h2 id="from-catalogue" className="mb-1 text-base font-semibold text-slate-900">
            From the catalogue
          </h2>
          <p className="mb-4 text-sm text-slate-600">Vendors and model families with their facts, each with its source and date. You can correct any fact afterwards, with your own source.</p>
          <CataloguePicker orgSlug={ctx.organisationSlug} />
        </Card>
        <Card aria-labelledby="by-hand">
          <h2 id="by-hand" className="mb-4 text-base font-semibold text-slate-900">
            or create a vendor by hand
          </h2>
          <VendorForm orgSlug={ctx.organisationSlug} />
        </Card>
      </div>
    </>
  );
}
