import { apiRoute } from "@/lib/api/route";
import { deleteOfficeOperation, getOfficeOperation, updateOfficeOperation } from "@/lib/api/operations";
import { notFoundError } from "@/lib/errors";
import { getOffice } from "@/lib/offices/queries";
import { deleteOffice, updateOffice } from "@/lib/offices/mutations";

export const GET = apiRoute(getOfficeOperation, async ({ ctx, params }) => {
  const office = await getOffice(ctx, params.id);
  if (!office) throw notFoundError("Office");
  return office;
});

export const PATCH = apiRoute(updateOfficeOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values. If the office changed since `version`, the guarded update
  // below refuses with the current row, whatever was read here.
  const current = await getOffice(ctx, params.id);
  if (!current) throw notFoundError("Office");
  const { name, country, city, headcount, teams } = current;
  return updateOffice(ctx, params.id, version, { name, country, city, headcount, teams, ...definedOnly(changes) });
});

export const DELETE = apiRoute(deleteOfficeOperation, async ({ ctx, params, query }) => {
  await deleteOffice(ctx, params.id, query.version);
});

/** `{ a: undefined }` must not overwrite `a` when merged. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
