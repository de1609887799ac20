import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getOrganisation } from "@/lib/organisations/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { OrganisationForm } from "@/components/organisations/organisation-form";
import { SettingsTabs } from "@/components/organisations/settings-tabs";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const organisation = await getOrganisation(ctx);
  const canEdit = can(ctx.role, "organisation:update");
  return (
    <>
      <PageHeader title="Settings" description="The organisation's profile, its members and their roles." />
      <SettingsTabs orgSlug={ctx.organisationSlug} current="profile" />
      <Card>
        {!canEdit && <p className="mb-4 text-sm text-slate-600">Only owners can change the organisation&apos;s profile.</p>}
        <OrganisationForm organisation={organisation} readOnly={!canEdit} />
      </Card>
    </>
  );
}
