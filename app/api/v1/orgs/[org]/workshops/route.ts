import { apiRoute } from "@/lib/api/route";
import { listWorkshopsOperation } from "@/lib/api/workshop-operations";
import { presentWorkshop } from "@/lib/api/workshop-schemas";
import { listWorkshops } from "@/lib/workshops/queries";

export const GET = apiRoute(listWorkshopsOperation, async ({ ctx }) => {
  const rows = await listWorkshops(ctx);
  // The running one first, as documented: listWorkshops sorts by status descending, and
  // PostgreSQL sorts an enum by its declared order (running, ended), which puts it last. A stable
  // sort keeps the latest-started order otherwise (docs/decisions/041).
  const runningFirst = [...rows].sort((x, y) => Number(y.status === "running") - Number(x.status === "running"));
  return { items: runningFirst.map(presentWorkshop) };
});
