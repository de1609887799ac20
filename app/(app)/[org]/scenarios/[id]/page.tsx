import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getScenario } from "@/lib/scenarios/queries";
import { deleteScenarioAction } from "@/lib/scenarios/actions";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { BlastRadius } from "@/components/scenarios/blast-radius";
import { RunScenarioButton } from "@/components/scenarios/run-button";
import { describeShocks, shockNames } from "@/components/scenarios/describe";
import { scoreOrganisation } from "@/lib/scores/queries";
import { formatDateTime, formatDay } from "@/lib/dates";

export const metadata = { title: "Scenario" };

export default async function ScenarioPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "scores:read");
  const [scenario, live] = await Promise.all([getScenario(ctx, id), scoreOrganisation(ctx)]);
  if (!scenario) notFound();
  const names = shockNames(live.ok ? live.document : undefined);
  const base = `/${ctx.organisationSlug}/scenarios`;
  const mayRun = can(ctx.role, "scenarios:run");
  const result = scenario.lastResult;
  return (
    <>
      <PageHeader
        title={scenario.name}
        description={scenario.description || undefined}
        actions={
          mayRun && (
            <>
              <RunScenarioButton orgSlug={ctx.organisationSlug} id={scenario.id} />
              <Link href={`${base}/${scenario.id}/edit`} className={buttonClass("secondary")}>
                Edit
              </Link>
              <ConfirmDelete
                action={deleteScenarioAction}
                fields={{ org: ctx.organisationSlug, id: scenario.id, version: scenario.version }}
                title={`Delete the scenario "${scenario.name}"?`}
                consequences={["Its shocks and its last result go with it. The inventory and the policy events are not touched."]}
              />
            </>
          )
        }
      />
      <Card className="mb-6">
        <h2 className="text-base font-semibold text-slate-900">Shocks</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {describeShocks(scenario.name, scenario.shocks, names).map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-500">
          {result
            ? `Last run ${formatDateTime(scenario.lastRunAt!)} against the policy landscape of ${formatDay(result.asOf)} (methodology ${result.methodologyVersion}).`
            : "Not run yet."}
          {scenario.asOf ? ` Landscape date fixed at ${formatDay(scenario.asOf)}.` : ""}
        </p>
      </Card>
      {result ? <BlastRadius result={result} /> : <Card><p className="text-sm text-slate-600">Run the scenario to see its blast radius.</p></Card>}
      <p className="mt-6 text-sm">
        <Link href={base} className="text-brand-700 underline">
          All scenarios
        </Link>
      </p>
    </>
  );
}
