import { apiRoute } from "@/lib/api/route";
import { createVendorOperation, listVendorsOperation } from "@/lib/api/vendor-operations";
import { apiDate } from "@/lib/api/vendor-schemas";
import { listVendorsByName } from "@/lib/vendors/queries";
import { createVendor } from "@/lib/vendors/mutations";
import { vendorSchema } from "@/lib/vendors/schemas";

export const GET = apiRoute(listVendorsOperation, async ({ ctx, query }) => {
  const { items, total } = await listVendorsByName(ctx, query);
  return { items: items.map((v) => ({ ...v, sourceAsOf: apiDate(v.sourceAsOf) })), page: query.page, size: query.size, total };
});

export const POST = apiRoute(createVendorOperation, async ({ ctx, body, responseHeaders }) => {
  // The body's JSON types are checked; now the vendor's own rules (a parent's name and country together).
  const vendor = await createVendor(ctx, vendorSchema.parse(body));
  responseHeaders.set("location", `/api/v1/orgs/${ctx.organisationSlug}/vendors/${vendor.id}`);
  return { ...vendor, sourceAsOf: apiDate(vendor.sourceAsOf) };
});
