import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { listModelVendorChoices } from "@/lib/models/queries";
import { PageHeader, Card } from "@/components/ui/card";
import { ModelForm } from "@/components/models/model-form";

export const metadata = { title: "Add model" };

export default async function NewModelPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:write");
  const vendors = await listModelVendorChoices(ctx);
  const wanted = (await searchParams).vendor;
  // Only one of the organisation's own vendors is preselected; anything else in the URL is ignored.
  const vendorId = vendors.find((v) => v.id === wanted)?.id;
  const vendorsPath = `/${ctx.organisationSlug}/inventory/vendors`;
  return (
    <>
      <PageHeader
        title="Add model"
        description={
          <>
            A model of one of your vendors. Catalogue models come with their vendor:{" "}
            <Link href={`${vendorsPath}/new`} className="font-medium text-brand-700 underline">
              add them from the catalogue
            </Link>
            .
          </>
        }
      />
      <Card>
        {vendors.length ? (
          <ModelForm orgSlug={ctx.organisationSlug} vendors={vendors} vendorId={vendorId} />
        ) : (
          <p className="text-sm text-slate-600">
            A model belongs to a vendor, and you have none yet.{" "}
            <Link href={`${vendorsPath}/new`} className="font-medium text-brand-700 underline">
              Add a vendor first
            </Link>
            .
          </p>
        )}
      </Card>
    </>
  );
}
