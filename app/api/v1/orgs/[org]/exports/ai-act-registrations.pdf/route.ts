import { apiFileRoute } from "@/lib/api/file-route";
import { exportAiActRegistrationsPdfOperation } from "@/lib/api/ai-act-registration-operations";
import { exportAiActRegistrationsPdf } from "@/lib/ai-act-registrations/pdf";

export const GET = apiFileRoute(exportAiActRegistrationsPdfOperation, ({ ctx, query }) => exportAiActRegistrationsPdf(ctx, query));
