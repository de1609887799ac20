import { apiRoute } from "@/lib/api/route";
import { runScenarioOperation } from "@/lib/api/scenario-operations";
import { presentResult } from "@/lib/api/scenario-schemas";
import { runScenario } from "@/lib/scenarios/mutations";

export const POST = apiRoute(runScenarioOperation, async ({ ctx, params }) => {
  const { id, lastRunAt, result } = await runScenario(ctx, params.id);
  return { id, lastRunAt: lastRunAt.toISOString(), result: presentResult(result) };
});
