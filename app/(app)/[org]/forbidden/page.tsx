import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  return (
    <>
      <PageHeader title="Your role does not allow this" />
      <Card>
        <p className="text-sm text-slate-700">
          Your role in {ctx.organisationName} is <strong>{ROLE_LABELS[ctx.role]}</strong>, which cannot do this. Ask an owner of the organisation if you need a different role.
        </p>
        <Link href={`/${ctx.organisationSlug}`} className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          Back to the overview
        </Link>
      </Card>
    </>
  );
}
