import { apiRoute } from "@/lib/api/route";
import { createOfficeOperation, listOfficesOperation } from "@/lib/api/operations";
import { listOfficesByName } from "@/lib/offices/queries";
import { createOffice } from "@/lib/offices/mutations";

export const GET = apiRoute(listOfficesOperation, async ({ ctx, query }) => {
  const { items, total } = await listOfficesByName(ctx, query);
  return { items, page: query.page, size: query.size, total };
});

export const POST = apiRoute(createOfficeOperation, async ({ ctx, body, responseHeaders }) => {
  const office = await createOffice(ctx, body);
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/offices/${office.id}`);
  return office;
});
