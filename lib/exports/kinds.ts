// The Reports page's download names (app/(app)/[org]/reports/exports/[kind]) and what each file is.
export const EXPORT_KINDS = ["assessment.xlsx", "dora-b_05.01.csv", "dora-b_02.02.csv", "dora-b_07.01.csv", "dora-gaps.csv", "ai-act.csv"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The app URL of a download, for a given assessment or the latest. */
export const exportHref = (org: string, kind: ExportKind, assessmentId?: string) =>
  `/${org}/reports/exports/${kind}${assessmentId ? `?assessmentId=${encodeURIComponent(assessmentId)}` : ""}`;
