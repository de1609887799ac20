import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { createRegistrationPackToken, type Paper } from "@/lib/reports/print-token";
import { chromiumProblem, renderReportPdf } from "@/lib/reports/renderer";
import { getAiActRegistrationPack } from "@/lib/ai-act-registrations/queries";
import { registrationPackFileName } from "@/lib/ai-act-registrations/pack";

// The registration pack as a PDF (decision 046): a few pages, so it is printed while the download
// waits rather than through the board report's job. The same pipeline prints it: a short-lived
// token of its own, the print route (app/print/ai-act-registrations/[token]) opened by the warm
// Chromium of lib/reports/renderer.ts, which waits for `data-report-ready` and prints with the
// report's paper and margins.

/** Where Chromium opens the print route, and the secret that signs its token. */
export interface PrintServer {
  baseUrl: string;
  secret: string;
}

/** This server, as its own Chromium reaches it: loopback on the port it listens on (as the report worker, instrumentation.ts). */
export function localPrintServer(): PrintServer | null {
  const secret = env().AUTH_SECRET;
  return secret ? { baseUrl: `http://127.0.0.1:${process.env.PORT ?? 3000}`, secret } : null;
}

export const NO_REGISTRATION_MESSAGE = "No AI system has an EU AI Act registration yet: fill one in on an AI system's page (Inventory → AI systems), then download the pack.";

/**
 * The pack as a PDF: one filled Annex VIII C form per registration, or the one of `aiSystemId`
 * (NOT_FOUND when that system has none or is another organisation's). CONFLICT with what to do
 * when there is nothing to print or no Chromium on the server. Recorded in the audit trail.
 */
export async function exportAiActRegistrationsPdf(
  ctx: OrgContext,
  options: { aiSystemId?: string; paper?: Paper } = {},
  server: PrintServer | null = localPrintServer(),
): Promise<{ fileName: string; contentType: string; body: Uint8Array }> {
  // Checked here, before any browser: the role, the organisation's own AI system, an empty pack.
  const pack = await getAiActRegistrationPack(ctx, options.aiSystemId);
  if (pack.forms.length === 0) throw new AppError("CONFLICT", NO_REGISTRATION_MESSAGE);
  const problem = chromiumProblem();
  if (problem) throw new AppError("CONFLICT", problem);
  if (!server) throw new Error("AUTH_SECRET is not set, so no print token can be signed");
  const paper = options.paper ?? "a4";
  const token = createRegistrationPackToken({ organisationId: ctx.organisationId, userId: ctx.userId, paper, ...(options.aiSystemId !== undefined && { aiSystemId: options.aiSystemId }) }, server.secret);
  let pdf: Buffer;
  try {
    ({ pdf } = await renderReportPdf({ url: `${server.baseUrl.replace(/\/$/, "")}/print/ai-act-registrations/${token}`, paper, parts: null }));
  } catch (e) {
    // Browser errors quote the URL: the token stays out of the logs.
    throw new Error(`Printing the EU AI Act registration pack failed: ${String((e as Error).message).split("\n")[0]!.replaceAll(token, "<print token>")}`);
  }
  const file = { fileName: registrationPackFileName(ctx.organisationSlug, pack, "pdf", options.aiSystemId !== undefined), contentType: "application/pdf", body: new Uint8Array(pdf) };
  await recordAudit(db(), ctx, { action: "export", entityType: "organisation", entityId: ctx.organisationId, after: { file: file.fileName, bytes: file.body.byteLength, registrations: pack.forms.length } });
  return file;
}
