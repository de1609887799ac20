"use client";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { doraPackageSearch } from "@/lib/exports/dora/package-search";
import { CONSOLIDATIONS, DORA_CURRENCIES, ENTITY_TYPES } from "@/lib/exports/dora/taxonomy";

// The DORA Register of Information as an xBRL-CSV report package (decision 045): its options, the
// checks a supervisor's intake would run (fetched from the API as they change) and the download,
// offered once no check that refuses it fails. Mount it with `key={assessmentId}` so that choosing
// another assessment resets the reference date to that assessment's date.

interface Check {
  id: string;
  rule: string;
  blocksDownload: boolean;
  passed: boolean;
  failures: string[];
}

interface Checks {
  fileName: string | null;
  downloadable: boolean;
  complete: boolean;
  checks: Check[];
}

type Result = { search: string; checks: Checks } | { search: string; error: string };

const CONSOLIDATION_LABELS: Record<(typeof CONSOLIDATIONS)[number], string> = { CON: "Consolidated (CON)", IND: "Individual (IND)" };

export function DoraPackageExport({ org, assessmentId, assessmentDate }: { org: string; assessmentId: string; assessmentDate: string }) {
  const [refDate, setRefDate] = useState(assessmentDate);
  const [consolidation, setConsolidation] = useState<string>("CON");
  const [currency, setCurrency] = useState<string>("EUR");
  const [entityType, setEntityType] = useState("");
  const [competentAuthority, setCompetentAuthority] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const search = doraPackageSearch({ assessmentId, refDate, consolidation, currency, entityType, competentAuthority: competentAuthority.trim() });

  useEffect(() => {
    const controller = new AbortController();
    // Wait for the typing to pause: each check builds the package on the server.
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/v1/orgs/${encodeURIComponent(org)}/exports/dora-package/checks${search}`, { cache: "no-store", signal: controller.signal });
        const body = (await res.json()) as Checks & { error?: { message: string } };
        setResult(res.ok ? { search, checks: body } : { search, error: body.error?.message ?? "The checks could not be run." });
      } catch (e) {
        if (!controller.signal.aborted) setResult({ search, error: `The checks could not be run (${e instanceof Error ? e.message : "network error"}). Try again.` });
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [org, search]);

  const current = result?.search === search ? result : null;
  const checks = current && "checks" in current ? current.checks : null;
  const failed = checks?.checks.filter((c) => !c.passed) ?? [];
  const passed = checks?.checks.filter((c) => c.passed) ?? [];
  const blocking = failed.filter((c) => c.blocksDownload);

  return (
    <section aria-labelledby="dora-package-heading" className="mt-4 border-t border-slate-200 pt-4">
      <h3 id="dora-package-heading" className="text-sm font-medium text-slate-900">
        DORA Register of Information package (xBRL-CSV)
      </h3>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        The register as supervisors receive it: one zip in the EBA&apos;s xBRL-CSV format (reporting framework 4.0, module DORA) with B_01.01, B_02.01, B_02.02, B_05.01, B_05.02 and B_07.01
        for your AI providers, checked before download as a supervisor&apos;s intake would check it.
      </p>
      <p className="mt-2 max-w-3xl rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
        This is an AI slice of your Register of Information: the register you file also lists your other ICT third-party providers. Download the package on its own, or download the
        DORA CSVs above to merge into the register you keep.
      </p>
      <div className="mt-3 grid max-w-3xl gap-4 sm:grid-cols-2">
        <TextField label="Reference date" name="refDate" type="date" required value={refDate} onChange={(e) => setRefDate(e.target.value)} hint="The register's reference date; the assessment's date by default." />
        <SelectField
          label="Reporting basis"
          name="consolidation"
          value={consolidation}
          onChange={(e) => setConsolidation(e.target.value)}
          options={CONSOLIDATIONS.map((c) => ({ value: c, label: CONSOLIDATION_LABELS[c] }))}
        />
        <SelectField label="Base currency" name="currency" value={currency} onChange={(e) => setCurrency(e.target.value)} options={DORA_CURRENCIES.map((c) => ({ value: c, label: c }))} />
        <SelectField
          label="Type of entity (B_01.01)"
          name="entityType"
          value={entityType}
          onChange={(e) => setEntityType(e.target.value)}
          options={[{ value: "", label: "Not chosen: left to complete" }, ...ENTITY_TYPES.map((t) => ({ value: t.code, label: t.label }))]}
        />
        <TextField
          label="Competent authority (B_01.01)"
          name="competentAuthority"
          value={competentAuthority}
          onChange={(e) => setCompetentAuthority(e.target.value)}
          placeholder="e.g. BaFin"
          maxLength={120}
          hint="Optional; left to complete when empty."
        />
      </div>

      <div aria-live="polite" className="mt-4 max-w-3xl">
        <h4 className="text-sm font-medium text-slate-900">Checks before download</h4>
        {current === null && <p className="mt-1 text-sm text-slate-600">Checking the package…</p>}
        {current && "error" in current && <p className="mt-1 text-sm text-red-700">{current.error}</p>}
        {checks && (
          <>
            <p className={cn("mt-1 text-sm", blocking.length ? "text-red-700" : failed.length ? "text-amber-800" : "text-emerald-800")}>
              {blocking.length
                ? `Not downloadable yet: ${blocking.length} ${blocking.length === 1 ? "rule fails that makes" : "rules fail that make"} the package malformed. Fix ${blocking.length === 1 ? "it" : "them"} first.`
                : failed.length
                  ? "Downloadable as a draft: the rule below lists the cells to complete before filing."
                  : "Every check passes: the package is complete."}
            </p>
            <ul className="mt-2 space-y-2" aria-label="Failed checks">
              {[...blocking, ...failed.filter((c) => !c.blocksDownload)].map((c) => (
                <li key={c.id} className={cn("rounded-md px-3 py-2 text-sm ring-1 ring-inset", c.blocksDownload ? "bg-red-50 text-red-900 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200")}>
                  <p className="font-medium">
                    {c.blocksDownload ? "Must pass before download: " : "To complete before filing: "}
                    {c.rule}
                  </p>
                  <ul className="mt-1 list-disc pl-5">
                    {c.failures.map((f, i) => (
                      <li key={i}>{f}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            {passed.length > 0 && (
              <details className="mt-2 text-sm text-slate-700">
                <summary className="cursor-pointer">
                  {passed.length} of {checks.checks.length} checks pass
                </summary>
                <ul className="mt-1 list-disc pl-5">
                  {passed.map((c) => (
                    <li key={c.id}>{c.rule}</li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </div>

      <div className="mt-3 flex flex-wrap items-center gap-3">
        {checks?.downloadable ? (
          <a className={buttonClass("secondary")} href={`/${org}/reports/exports/dora-package.zip${search}`} download>
            Download DORA package (ZIP)
          </a>
        ) : (
          <button type="button" className={buttonClass("secondary")} disabled>
            {checks ? "Download refused until the checks above pass" : "Download DORA package (ZIP)"}
          </button>
        )}
        {checks?.fileName && <span className="text-xs text-slate-600">File: {checks.fileName.replace(/_\d{17}\.zip$/, "_{timestamp}.zip")}</span>}
      </div>
    </section>
  );
}
