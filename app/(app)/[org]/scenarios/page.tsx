import { requireOrgPage } from "@/lib/auth/context";
import { AreaPending } from "@/components/shell/area-pending";

export const metadata = { title: "Scenarios" };

export default async function ScenariosPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrgPage((await params).org, "scores:read");
  return (
    <AreaPending
      title="Scenarios"
      purpose="Simulate a policy shock and see its blast radius before it happens."
      willShow={["Shocks such as a vendor blocked for some countries, a cloud region lost, or weights placed under licence", "Which systems, offices, teams and data flows lose service, and which recover through a tested fallback", "The criticality-weighted impact and the score after the shock"]}
    />
  );
}
