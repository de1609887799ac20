import { apiRoute } from "@/lib/api/route";
import { deletePolicyEventOperation, getPolicyEventOperation, updatePolicyEventOperation } from "@/lib/api/scenario-operations";
import { notFoundError } from "@/lib/errors";
import { getPolicyEvent } from "@/lib/policy-events/queries";
import { deletePolicyEvent, updatePolicyEvent } from "@/lib/policy-events/mutations";

export const GET = apiRoute(getPolicyEventOperation, async ({ ctx, params }) => {
  const found = await getPolicyEvent(ctx, params.id);
  if (!found) throw notFoundError("Policy event");
  return { id: found.id, version: found.version, event: found.event };
});

export const PATCH = apiRoute(updatePolicyEventOperation, async ({ ctx, params, body }) => updatePolicyEvent(ctx, params.id, body.version, body.event));

export const DELETE = apiRoute(deletePolicyEventOperation, async ({ ctx, params, query }) => deletePolicyEvent(ctx, params.id, query.version));
