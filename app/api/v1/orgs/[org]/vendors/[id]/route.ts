import { apiRoute } from "@/lib/api/route";
import { deleteVendorOperation, getVendorOperation, updateVendorOperation } from "@/lib/api/vendor-operations";
import { apiDate, definedOnly } from "@/lib/api/vendor-schemas";
import { notFoundError } from "@/lib/errors";
import { catalogueVendor } from "@/lib/catalogue/facts";
import { getVendor } from "@/lib/vendors/queries";
import { deleteVendor, updateVendor } from "@/lib/vendors/mutations";
import { vendorSchema, vendorSchemaFor } from "@/lib/vendors/schemas";

export const GET = apiRoute(getVendorOperation, async ({ ctx, params }) => {
  const vendor = await getVendor(ctx, params.id);
  if (!vendor) throw notFoundError("Vendor");
  return { ...vendor, sourceAsOf: apiDate(vendor.sourceAsOf) };
});

export const PATCH = apiRoute(updateVendorOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values. If the vendor changed since `version`, the guarded update
  // refuses with the current row, whatever was read here.
  const current = await getVendor(ctx, params.id);
  if (!current) throw notFoundError("Vendor");
  const { id: _id, catalogueKey, version: _version, ...stored } = current;
  // The same rules as the edit form: a changed catalogue fact needs an own source (docs/decisions/009).
  const catalogue = catalogueVendor(catalogueKey);
  const schema = catalogue ? vendorSchemaFor({ catalogue, stored }) : vendorSchema;
  const vendor = await updateVendor(ctx, params.id, version, schema.parse({ ...stored, ...definedOnly(changes) }));
  return { ...vendor, sourceAsOf: apiDate(vendor.sourceAsOf) };
});

export const DELETE = apiRoute(deleteVendorOperation, async ({ ctx, params, query }) => {
  await deleteVendor(ctx, params.id, query.version);
});
