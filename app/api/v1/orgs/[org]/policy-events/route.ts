import { apiRoute } from "@/lib/api/route";
import { createPolicyEventOperation, listPolicyEventsOperation } from "@/lib/api/scenario-operations";
import { listPolicyEvents } from "@/lib/policy-events/queries";
import { createPolicyEvent } from "@/lib/policy-events/mutations";

export const GET = apiRoute(listPolicyEventsOperation, async ({ ctx }) => ({ items: await listPolicyEvents(ctx) }));

export const POST = apiRoute(createPolicyEventOperation, async ({ ctx, body, responseHeaders }) => {
  const saved = await createPolicyEvent(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/policy-events/${saved.id}`);
  return saved;
});
