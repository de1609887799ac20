import { z } from "zod";
import { PAPERS } from "@/lib/reports/print-token";

export const PAPER_LABELS = { a4: "A4", letter: "US Letter" } as const satisfies Record<(typeof PAPERS)[number], string>;

/** Start a board report: which assessment, on which paper. Shared by the form and the API. */
export const startReportSchema = z.object({
  assessmentId: z.uuid({ message: "Choose an assessment" }),
  paper: z.enum(PAPERS, { message: "Choose A4 or US Letter" }).default("a4"),
});
export type StartReportInput = z.infer<typeof startReportSchema>;
