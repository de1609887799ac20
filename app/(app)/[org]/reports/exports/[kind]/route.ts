import { z } from "zod";
import { requireOrg } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { downloadResponse } from "@/lib/inventory/file-routes";
import { EXPORT_KINDS } from "@/lib/exports/kinds";
import { exportAiActCsv, exportAssessmentXlsx, exportCycloneDx, exportDoraCsv } from "@/lib/exports/queries";
import { CYCLONEDX_SPEC_VERSIONS } from "@/lib/exports/cyclonedx";
import { exportRouteError } from "@/lib/exports/route-error";
import { exportDoraPackage } from "@/lib/exports/dora-package-queries";
import { doraPackageQuerySchema } from "@/lib/exports/dora/package-options";
import { exportAiActRegistrationsCsv } from "@/lib/ai-act-registrations/queries";
import { exportAiActRegistrationsPdf } from "@/lib/ai-act-registrations/pdf";
import { registrationPackQuerySchema } from "@/lib/ai-act-registrations/schemas";

// GET /{org}/reports/exports/{kind}[?assessmentId=…][&specVersion=1.7 for cyclonedx.json]: the Reports page's downloads. The session
// and role are checked here (reports:export), as in every route handler; data functions check again.
const paramsSchema = z.object({ org: z.string().min(1), kind: z.enum(EXPORT_KINDS) });
const querySchema = z.object({
  assessmentId: z.uuid({ error: "assessmentId must be an assessment's id (a UUID)." }).optional(),
  specVersion: z.enum(CYCLONEDX_SPEC_VERSIONS, { error: `specVersion must be ${CYCLONEDX_SPEC_VERSIONS.join(" or ")}.` }).default("1.6"),
});

export async function GET(request: Request, { params }: { params: Promise<{ org: string; kind: string }> }) {
  try {
    const parsed = paramsSchema.safeParse(await params);
    if (!parsed.success) throw new AppError("NOT_FOUND", "No such export");
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("INVALID_INPUT", query.error.issues.map((i) => i.message).join(" "));
    const { org, kind } = parsed.data;
    // The DORA report package's own options (decision 045): reference date, consolidation, currency, entity type, competent authority.
    const packageQuery = kind === "dora-package.zip" ? doraPackageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams)) : null;
    if (packageQuery && !packageQuery.success) throw new AppError("INVALID_INPUT", packageQuery.error.issues.map((i) => i.message).join(" "));
    const ctx = await requireOrg(org, "reports:export");
    if (packageQuery?.success) return downloadResponse(await exportDoraPackage(ctx, packageQuery.data));
    // The EU AI Act registration pack (decision 046): today's registrations, not an assessment; the PDF is one AI system's form with ?aiSystemId=.
    if (kind === "ai-act-registrations.csv") return downloadResponse(await exportAiActRegistrationsCsv(ctx));
    if (kind === "ai-act-registrations.pdf") {
      const pack = registrationPackQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!pack.success) throw new AppError("INVALID_INPUT", pack.error.issues.map((i) => i.message).join(" "));
      return downloadResponse(await exportAiActRegistrationsPdf(ctx, pack.data));
    }
    const id = query.data.assessmentId;
    if (kind === "assessment.xlsx") return downloadResponse(await exportAssessmentXlsx(ctx, id));
    if (kind === "ai-act.csv") return downloadResponse(await exportAiActCsv(ctx, id));
    if (kind === "cyclonedx.json") return downloadResponse(await exportCycloneDx(ctx, query.data.specVersion));
    const file = kind.slice("dora-".length, -".csv".length) as "b_05.01" | "b_02.02" | "b_07.01" | "b_02.01" | "b_05.02" | "gaps";
    return downloadResponse(await exportDoraCsv(ctx, file, id));
  } catch (e) {
    return exportRouteError(e);
  }
}
