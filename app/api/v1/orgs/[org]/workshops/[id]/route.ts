import { apiRoute } from "@/lib/api/route";
import { getWorkshopOperation } from "@/lib/api/workshop-operations";
import { presentVerifyItem, presentWorkshop } from "@/lib/api/workshop-schemas";
import { getWorkshop, listVerifyItems } from "@/lib/workshops/queries";

export const GET = apiRoute(getWorkshopOperation, async ({ ctx, params }) => {
  // getWorkshop answers NOT_FOUND for another organisation's workshop before any fact is read.
  const workshop = await getWorkshop(ctx, params.id);
  const verifyItems = await listVerifyItems(ctx, { workshopId: workshop.id });
  return { ...presentWorkshop(workshop), verifyItems: verifyItems.map(presentVerifyItem) };
});
