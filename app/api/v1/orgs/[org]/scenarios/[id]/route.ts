import { apiRoute } from "@/lib/api/route";
import { deleteScenarioOperation, getScenarioOperation, updateScenarioOperation } from "@/lib/api/scenario-operations";
import { presentScenario } from "@/lib/api/scenario-schemas";
import { notFoundError } from "@/lib/errors";
import { getScenario } from "@/lib/scenarios/queries";
import { deleteScenario, updateScenario } from "@/lib/scenarios/mutations";
import { scenarioSchema } from "@/lib/scenarios/schemas";

export const GET = apiRoute(getScenarioOperation, async ({ ctx, params }) => {
  const scenario = await getScenario(ctx, params.id);
  if (!scenario) throw notFoundError("Scenario");
  return presentScenario(scenario);
});

export const PATCH = apiRoute(updateScenarioOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values; the guarded update refuses if the scenario changed since `version`.
  const current = await getScenario(ctx, params.id);
  if (!current) throw notFoundError("Scenario");
  const sent = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const merged = scenarioSchema.parse({ name: current.name, description: current.description, asOf: current.asOf, shocks: current.shocks, ...sent });
  return presentScenario(await updateScenario(ctx, params.id, version, merged));
});

export const DELETE = apiRoute(deleteScenarioOperation, async ({ ctx, params, query }) => {
  await deleteScenario(ctx, params.id, query.version);
});
