"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { stageLabel } from "@/components/reports/stage-label";

// A queued or running board report: polls the run (the public API, with the session) about once a
// second, shows the stage and a progress bar, and refreshes the page when it has finished so the
// history shows the outcome and the download.

export interface RunProgress {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: number;
  stage: string;
  attempts: number;
  error: string | null;
}

export function ReportProgress({ orgSlug, initial, label }: { orgSlug: string; initial: RunProgress; label: string }) {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const refreshed = useRef(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`/api/v1/orgs/${orgSlug}/reports/${initial.id}`, { cache: "no-store" });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const next = (await res.json()) as RunProgress;
        if (stopped) return;
        setRun(next);
        setProblem(null);
        if (next.status === "succeeded" || next.status === "failed") {
          if (!refreshed.current) {
            refreshed.current = true;
            router.refresh();
          }
          return;
        }
      } catch (e) {
        if (!stopped) setProblem(`Could not check progress (${(e as Error).message}); trying again.`);
      }
      if (!stopped) timer = setTimeout(poll, 1000);
    };
    timer = setTimeout(poll, 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [orgSlug, initial.id, router]);

  const done = run.status === "succeeded" || run.status === "failed";
  return (
    <div className="space-y-1.5" data-run-id={run.id} data-status={run.status}>
      <div className="flex justify-between text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span role="status" aria-live="polite" className="text-slate-600">
          {stageLabel(run.stage)}
          {run.attempts > 1 && !done ? ` (attempt ${run.attempts})` : ""} · {run.progress}%
        </span>
      </div>
      <div role="progressbar" aria-label={`Progress of ${label}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={run.progress} className="h-2 overflow-hidden rounded-full bg-slate-200">
        <div className={run.status === "failed" ? "h-full bg-red-500" : "h-full bg-brand-600 transition-[width] duration-500"} style={{ width: `${Math.max(run.progress, 3)}%` }} />
      </div>
      {run.error && !done && <p className="text-xs text-amber-800">Last attempt: {run.error}</p>}
      {problem && <p className="text-xs text-slate-500">{problem}</p>}
    </div>
  );
}
