import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/card";
import { InventoryFiles } from "@/components/inventory/inventory-files";
import { possessive } from "@/scoring/words";

export const metadata = { title: "Import and export" };

// Every member may export the inventory (inventory:read, as the download routes check); importing
// is for editors and owners (inventory:write), and only they see the upload form. The upload and
// download route handlers check the session and role again themselves.
export default async function InventoryImportPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  return (
    <>
      <PageHeader
        title="Import and export"
        description={`Bring ${possessive(ctx.organisationName)} inventory in from a workbook, CSV files, the inventory document or a CycloneDX AI-BOM, or take it out as a workbook, CSV files or the document.`}
      />
      <InventoryFiles orgSlug={ctx.organisationSlug} canImport={can(ctx.role, "inventory:write")} />
    </>
  );
}
