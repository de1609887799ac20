import { notFound } from "next/navigation";
import { requireOrgPage } from "@/lib/auth/context";
import { getScenario, scenarioBuilderOptions } from "@/lib/scenarios/queries";
import { PageHeader } from "@/components/ui/card";
import { ScenarioBuilder } from "@/components/scenarios/scenario-builder";

export const metadata = { title: "Edit scenario" };

export default async function EditScenarioPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "scenarios:run");
  const [scenario, options] = await Promise.all([getScenario(ctx, id), scenarioBuilderOptions(ctx)]);
  if (!scenario) notFound();
  return (
    <>
      <PageHeader title={`Edit ${scenario.name}`} description="Saving runs the scenario again." />
      <ScenarioBuilder orgSlug={ctx.organisationSlug} options={options} scenario={scenario} />
    </>
  );
}
