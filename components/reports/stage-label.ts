// The worker's stage (lib/reports/report-job.ts) in words, for the progress bar and the history.
const STAGES: Record<string, string> = {
  queued: "Waiting for a worker",
  opening: "Opening the report",
  rendering: "Drawing the tables and charts",
  printing: "Printing the PDF",
  saving: "Saving the PDF",
  done: "Done",
  failed: "Failed",
};

export function stageLabel(stage: string): string {
  if (STAGES[stage]) return STAGES[stage];
  const retry = /^retrying after attempt (\d+) failed$/.exec(stage);
  // A large report's stages name their part: "printing part 2 of 5", "numbering 112 pages", "joining 5 parts".
  return retry ? `Attempt ${retry[1]} failed; trying again` : stage.charAt(0).toUpperCase() + stage.slice(1);
}
