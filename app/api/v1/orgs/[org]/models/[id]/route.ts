import { apiRoute } from "@/lib/api/route";
import { deleteModelOperation, getModelOperation, updateModelOperation } from "@/lib/api/vendor-operations";
import { apiDate, definedOnly } from "@/lib/api/vendor-schemas";
import { notFoundError } from "@/lib/errors";
import { catalogueModel } from "@/lib/catalogue/facts";
import { getModel } from "@/lib/models/queries";
import { deleteModel, updateModel } from "@/lib/models/mutations";
import { modelSchemaFor, storedModelValues } from "@/lib/models/schemas";

export const GET = apiRoute(getModelOperation, async ({ ctx, params }) => {
  const model = await getModel(ctx, params.id);
  if (!model) throw notFoundError("Model");
  return { ...model, sourceAsOf: apiDate(model.sourceAsOf) };
});

export const PATCH = apiRoute(updateModelOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values; the guarded update refuses a stale `version` with the current row.
  const current = await getModel(ctx, params.id);
  if (!current) throw notFoundError("Model");
  const { name, family, weights, licence, licenceRestrictions, trainingCompute, offeredAccessPaths, source, sourceAsOf } = current;
  // The same rules as the edit form: a changed catalogue fact needs an own source (docs/decisions/009).
  const catalogue = catalogueModel(current.catalogueKey);
  const schema = modelSchemaFor(catalogue && { catalogue, stored: storedModelValues(current) });
  const input = schema.parse({ name, family, weights, licence, licenceRestrictions, trainingCompute, offeredAccessPaths, source, sourceAsOf, ...definedOnly(changes) });
  const model = await updateModel(ctx, params.id, version, input);
  return { ...model, sourceAsOf: apiDate(model.sourceAsOf) };
});

export const DELETE = apiRoute(deleteModelOperation, async ({ ctx, params, query }) => {
  await deleteModel(ctx, params.id, query.version);
});
