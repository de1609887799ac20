"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { startReportRun } from "@/lib/reports/run-mutations";
import { startReportSchema } from "@/lib/reports/run-schemas";

export const startReportRunAction = orgAction("reports:export", startReportSchema, async (ctx, input) => {
  const run = await startReportRun(ctx, input);
  revalidatePath(`/${ctx.organisationSlug}/reports`);
  if (run.status === "failed") return { status: "error", code: "CONFLICT", message: run.error ?? "The report could not be started." };
  return { status: "success", message: "The board report is being generated: its progress shows below, and the PDF appears in the history when it is ready.", data: { runId: run.id } };
});
