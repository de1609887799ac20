import { apiRoute } from "@/lib/api/route";
import { createAiSystemOperation, listAiSystemsOperation } from "@/lib/api/ai-system-operations";
import { presentAiSystem } from "@/lib/api/ai-system-schemas";
import { assertOwnBodyIds } from "@/lib/api/body-ids";
import { listAiSystemsByName } from "@/lib/ai-systems/queries";
import { createAiSystem } from "@/lib/ai-systems/mutations";

export const GET = apiRoute(listAiSystemsOperation, async ({ ctx, query }) => {
  const { items, total } = await listAiSystemsByName(ctx, query);
  return { items: items.map(presentAiSystem), page: query.page, size: query.size, total };
});

export const POST = apiRoute(createAiSystemOperation, async ({ ctx, body, responseHeaders }) => {
  await assertOwnBodyIds(ctx, { officeIds: body.officeIds });
  const system = await createAiSystem(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/ai-systems/${system.id}`);
  return presentAiSystem(system);
});
