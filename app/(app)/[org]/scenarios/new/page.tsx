import { requireOrgPage } from "@/lib/auth/context";
import { scenarioBuilderOptions } from "@/lib/scenarios/queries";
import { PageHeader } from "@/components/ui/card";
import { ScenarioBuilder } from "@/components/scenarios/scenario-builder";

export const metadata = { title: "New scenario" };

export default async function NewScenarioPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scenarios:run");
  const options = await scenarioBuilderOptions(ctx);
  return (
    <>
      <PageHeader title="New scenario" description="Choose one or more shocks; saving runs the scenario on the inventory as it stands and shows its blast radius." />
      <ScenarioBuilder orgSlug={ctx.organisationSlug} options={options} />
    </>
  );
}
