import { requireOrgPage } from "@/lib/auth/context";
import { AreaPending } from "@/components/shell/area-pending";

export const metadata = { title: "Remediation" };

export default async function RemediationPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrgPage((await params).org, "scores:read");
  return (
    <AreaPending
      title="Remediation"
      purpose="The plan that raises the score: who does what, by when, and what it gains."
      willShow={["Actions generated from the scoring engine's findings or written by hand", "Owner, due date, status, priority and expected score gain, sorted by value", "Overdue actions highlighted, and the gain actually achieved when an action closes"]}
    />
  );
}
