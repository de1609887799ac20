import { requireOrgPage } from "@/lib/auth/context";
import { PageHeader } from "@/components/ui/card";
import { InventoryFiles } from "@/components/inventory/inventory-files";

export const metadata = { title: "Import and export" };

// Editors and owners only (requireOrgPage sends others to "your role does not allow this"); the
// upload and download route handlers check the session and role again themselves.
export default async function InventoryImportPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:write");
  return (
    <>
      <PageHeader
        title="Import and export"
        description={`Bring ${ctx.organisationName}'s inventory in from a workbook, CSV files or the inventory document, or take it out in the same formats.`}
      />
      <InventoryFiles orgSlug={ctx.organisationSlug} />
    </>
  );
}
