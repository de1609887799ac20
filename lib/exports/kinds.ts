// The Reports page's download names (app/(app)/[org]/reports/exports/[kind]) and what each file is.
// All but cyclonedx.json are built from a frozen assessment; the AI-BOM is the live inventory (decision 044).
export const EXPORT_KINDS = ["assessment.xlsx", "dora-b_05.01.csv", "dora-b_02.02.csv", "dora-b_07.01.csv", "dora-gaps.csv", "ai-act.csv", "cyclonedx.json", "dora-b_02.01.csv", "dora-b_05.02.csv", "dora-package.zip", "ai-act-registrations.csv", "ai-act-registrations.pdf"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The app URL of a download, for a given assessment or the latest. */
export const exportHref = (org: string, kind: ExportKind, assessmentId?: string) =>
  `/${org}/reports/exports/${kind}${assessmentId ? `?assessmentId=${encodeURIComponent(assessmentId)}` : ""}`;

/** The app URL of the AI-BOM download (the live inventory, so no assessment), in a CycloneDX version. */
export const cycloneDxHref = (org: string, specVersion: "1.6" | "1.7" = "1.6") => `/${org}/reports/exports/cyclonedx.json${specVersion === "1.6" ? "" : `?specVersion=${specVersion}`}`;
