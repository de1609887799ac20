import { apiRoute } from "@/lib/api/route";
import { createModelOperation, listModelsOperation } from "@/lib/api/vendor-operations";
import { apiDate } from "@/lib/api/vendor-schemas";
import { notFoundError } from "@/lib/errors";
import { listModelsByName } from "@/lib/models/queries";
import { createModel } from "@/lib/models/mutations";
import { createModelSchema } from "@/lib/models/schemas";
import { getVendor } from "@/lib/vendors/queries";

export const GET = apiRoute(listModelsOperation, async ({ ctx, query }) => {
  // A vendor the caller cannot see is not found, rather than an empty page that suggests it exists.
  if (query.vendorId && !(await getVendor(ctx, query.vendorId))) throw notFoundError("Vendor");
  const { items, total } = await listModelsByName(ctx, query);
  return { items: items.map((m) => ({ ...m, sourceAsOf: apiDate(m.sourceAsOf) })), page: query.page, size: query.size, total };
});

export const POST = apiRoute(createModelOperation, async ({ ctx, body, responseHeaders }) => {
  const model = await createModel(ctx, createModelSchema.parse(body));
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/models/${model.id}`);
  return { ...model, sourceAsOf: apiDate(model.sourceAsOf) };
});
