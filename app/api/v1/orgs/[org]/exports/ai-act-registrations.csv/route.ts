import { apiFileRoute } from "@/lib/api/file-route";
import { exportAiActRegistrationsCsvOperation } from "@/lib/api/ai-act-registration-operations";
import { exportAiActRegistrationsCsv } from "@/lib/ai-act-registrations/queries";

export const GET = apiFileRoute(exportAiActRegistrationsCsvOperation, ({ ctx }) => exportAiActRegistrationsCsv(ctx));
