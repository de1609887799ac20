import { apiRoute } from "@/lib/api/route";
import { createScenarioOperation, listScenariosOperation } from "@/lib/api/scenario-operations";
import { presentScenario } from "@/lib/api/scenario-schemas";
import { listScenarios } from "@/lib/scenarios/queries";
import { createScenario } from "@/lib/scenarios/mutations";
import { scenarioSchema } from "@/lib/scenarios/schemas";

export const GET = apiRoute(listScenariosOperation, async ({ ctx }) => ({ items: (await listScenarios(ctx)).map(presentScenario) }));

export const POST = apiRoute(createScenarioOperation, async ({ ctx, body, responseHeaders }) => {
  // The same rules as the builder's form (trimmed name, lengths, the engine's shock schema).
  const scenario = await createScenario(ctx, scenarioSchema.parse(body));
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/scenarios/${scenario.id}`);
  return presentScenario(scenario);
});
