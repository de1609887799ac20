import { requireOrgPage } from "@/lib/auth/context";
import { AreaPending } from "@/components/shell/area-pending";
import { ExportsPanel } from "@/components/reports/exports-panel";

export const metadata = { title: "Reports" };

export default async function ReportsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrgPage(org, "scores:read");
  return (
    <>
      <AreaPending
        title="Reports"
        purpose="Board-ready PDF reports and regulatory registers."
        willShow={["The board report (PDF, A4 or US Letter) with an executive summary, vendor table, charts, scenarios and the plan", "A DORA Register of Information extract for AI providers, with the EBA's coded values", "An EU AI Act deployer inventory and the full assessment as a spreadsheet"]}
      />
      <ExportsPanel org={org} />
    </>
  );
}
