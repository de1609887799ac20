import { apiRoute } from "@/lib/api/route";
import { listQuestionnairesOperation } from "@/lib/api/questionnaire-operations";
import { presentQuestionnaire } from "@/lib/api/questionnaire-schemas";
import { listQuestionnaires } from "@/lib/questionnaires/queries";

export const GET = apiRoute(listQuestionnairesOperation, async ({ ctx }) => ({ items: (await listQuestionnaires(ctx)).map(presentQuestionnaire) }));
