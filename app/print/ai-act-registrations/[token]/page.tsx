import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { registrationPackPrintContext } from "@/lib/reports/print-context";
import { getAiActRegistrationPack } from "@/lib/ai-act-registrations/queries";
import { formatDayLong } from "@/lib/dates";
import { PAPER } from "@/components/reports/board-report";
import { ReportReady } from "@/components/reports/report-ready";
import { RegistrationPackDocument, registrationPackCss } from "@/components/ai-act-registrations/registration-document";

// The EU AI Act registration pack as headless Chromium prints it (decision 046), while its
// download waits (lib/ai-act-registrations/pdf.ts). Opened with a short-lived token of its own,
// never a session: registrationPackPrintContext re-checks the requesting member's reach now, and
// getAiActRegistrationPack their permission and organisation. A board report's token opens nothing
// here. Chromium prints once `data-report-ready` is "true" (components/reports/report-ready.tsx).
export const metadata = { title: "EU AI Act registration pack", robots: { index: false } };

export default async function RegistrationPackPrintPage({ params }: { params: Promise<{ token: string }> }) {
  const access = await registrationPackPrintContext((await params).token);
  if (!access) notFound();
  const pack = await getAiActRegistrationPack(access.ctx, access.aiSystemId).catch((e: unknown) => {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  if (pack.forms.length === 0) notFound();
  return (
    <main data-report-ready="false" data-paper={access.paper} className="mx-auto bg-white" style={{ width: PAPER[access.paper].contentWidth }}>
      <style>{registrationPackCss(access.paper, pack.organisationName, formatDayLong(pack.generatedAt))}</style>
      <ReportReady />
      <RegistrationPackDocument pack={pack} />
    </main>
  );
}
