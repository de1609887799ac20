import { apiRoute } from "@/lib/api/route";
import { getScoresOperation } from "@/lib/api/operations";
import { presentScores } from "@/lib/api/present";
import { scoreOrganisation, today } from "@/lib/scores/queries";

export const GET = apiRoute(getScoresOperation, async ({ ctx, query }) => {
  const asOf = query.asOf ?? today();
  return presentScores(await scoreOrganisation(ctx, asOf), asOf);
});
