"use client";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { exportHref, type ExportKind } from "@/lib/exports/kinds";
import { DoraPackageExport } from "./dora-package-export";

export interface ExportChoice {
  id: string;
  label: string;
  /** The assessment's date (YYYY-MM-DD): the DORA package's default reference date. */
  asOf: string;
}

interface GapSummary {
  file: string;
  missing: number;
  review: number;
  columns: string[];
}

const EXPORTS: { kind: ExportKind; title: string; format: string; purpose: string; gapFile?: string; regime?: "dora" }[] = [
  { kind: "assessment.xlsx", title: "Full assessment", format: "XLSX", purpose: "Every figure of the assessment for risk and audit: summary, vendor sovereignty table, AI systems, dependencies, fallbacks, data flows, findings, policy events in force, EU AI Act sheet and methodology." },
  { kind: "dora-b_05.01.csv", regime: "dora", title: "DORA B_05.01 ICT third-party service providers", format: "CSV", purpose: "The AI providers you contract with, with headquarters country and type of person, in the EBA's codes.", gapFile: "b_05.01" },
  { kind: "dora-b_02.02.csv", regime: "dora", title: "DORA B_02.02 Contractual arrangements", format: "CSV", purpose: "One row per AI dependency: type of ICT service, country of provision and processing, data sensitiveness, level of reliance.", gapFile: "b_02.02" },
  { kind: "dora-b_07.01.csv", regime: "dora", title: "DORA B_07.01 Assessment of the ICT services", format: "CSV", purpose: "Substitutability, exit plan, reintegration, impact of discontinuing and alternative providers, from your fallbacks.", gapFile: "b_07.01" },
  { kind: "dora-b_02.01.csv", regime: "dora", title: "DORA B_02.01 Contractual arrangements: general information", format: "CSV", purpose: "One arrangement per AI dependency, with the references B_02.02, B_05.02 and B_07.01 use; type of arrangement to confirm, costs to add.", gapFile: "b_02.01" },
  { kind: "dora-b_05.02.csv", regime: "dora", title: "DORA B_05.02 ICT service supply chains", format: "CSV", purpose: "Who provides each AI service at which rank: a cloud marketplace at rank 1 and the model's lab at rank 2, a direct API's lab at rank 1.", gapFile: "b_05.02" },
  { kind: "dora-gaps.csv", regime: "dora", title: "DORA gaps to fill in", format: "CSV", purpose: "Every value the DORA files leave empty (LEIs, contract dates, costs, audits) or that Sovra filled by a rule to confirm, by file, row and column." },
  { kind: "ai-act.csv", title: "EU AI Act deployer inventory", format: "CSV", purpose: "One row per AI system: purpose, owner, criticality, models and providers, GPAI and systemic-risk facts, data sent, and the Art. 26 deployer duties to answer." },
];

/**
 * Chooses the assessment and offers each export for it: the DORA register files only to an
 * organisation that DORA applies to (its regimes, in Settings).
 */
export function ExportLinks({ org, choices, gaps, regimes }: { org: string; choices: ExportChoice[]; gaps: GapSummary[]; regimes: readonly string[] }) {
  const [assessmentId, setAssessmentId] = useState(choices[0]!.id);
  const selectId = useId();
  const latest = assessmentId === choices[0]!.id;
  return (
    <div className="mt-4">
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
        Assessment to export
      </label>
      <select id={selectId} value={assessmentId} onChange={(e) => setAssessmentId(e.target.value)} className="mt-1 block w-full max-w-xl rounded-md border-slate-300 text-sm">
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <ul className="mt-4 divide-y divide-slate-200" aria-label="Exports">
        {EXPORTS.filter((x) => !x.regime || regimes.includes(x.regime)).map((x) => {
          const gap = x.gapFile ? gaps.find((g) => g.file === x.gapFile) : undefined;
          return (
            <li key={x.kind} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="max-w-3xl">
                <p className="text-sm font-medium text-slate-900">{x.title}</p>
                <p className="text-sm text-slate-600">{x.purpose}</p>
                {gap && (
                  <p className="mt-1 text-xs text-amber-800">
                    {latest ? "In this assessment" : "In the latest assessment"}: {gap.missing} cells to fill in (columns {gap.columns.join(", ")}), {gap.review} values to confirm. See the gaps file.
                  </p>
                )}
              </div>
              <a className={buttonClass("secondary")} href={exportHref(org, x.kind, assessmentId)} download>
                Download {x.title} ({x.format})
              </a>
            </li>
          );
        })}
      </ul>
      {regimes.includes("dora") && <DoraPackageExport key={assessmentId} org={org} assessmentId={assessmentId} assessmentDate={choices.find((c) => c.id === assessmentId)!.asOf} />}
      {!regimes.includes("dora") && (
        <p className="mt-2 text-sm text-slate-600">
          The DORA Register of Information files are offered when DORA applies to the organisation: tick it under{" "}
          <a className="font-medium text-brand-700 underline" href={`/${org}/settings`}>
            Settings → Organisation
          </a>
          .
        </p>
      )}
    </div>
  );
}
